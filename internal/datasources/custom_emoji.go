package datasources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

// NewCustomEmoji is the google_chat_custom_emoji data source.
func NewCustomEmoji() datasource.DataSource {
	return newDataSource(spec[customEmojiModel]{typeName: "google_chat_custom_emoji", schema: customEmojiSchema, read: readCustomEmoji})
}

type customEmojiModel struct {
	Name              types.String `tfsdk:"name"`
	EmojiName         types.String `tfsdk:"emoji_name"`
	UID               types.String `tfsdk:"uid"`
	TemporaryImageURI types.String `tfsdk:"temporary_image_uri"`
}

func customEmojiSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads one custom emoji of the organization with " +
			"[`customEmojis.get`](https://developers.google.com/workspace/chat/api/reference/rest/v1/customEmojis/get), by its " +
			"resource name or its emoji name (which the API accepts as an alias). Needs user credentials (`auth_mode = \"user\"`) " +
			"with `chat.customemojis` or `chat.customemojis.readonly`.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Resource name, `customEmojis/{customEmoji}` (to look up by `:emoji-name:`, set `emoji_name`). " +
					"Exactly one of `name` and `emoji_name`.",
				Validators: []validator.String{
					convert.ValidCustomEmojiName,
					stringvalidator.ExactlyOneOf(path.MatchRoot("name"), path.MatchRoot("emoji_name")),
				},
			},
			"emoji_name": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "The emoji name, such as `:team-logo:`. Exactly one of `name` and `emoji_name`.",
				Validators: []validator.String{
					convert.ValidEmojiName,
				},
			},
			"uid":                 computed("Unique key of the custom emoji."),
			"temporary_image_uri": computed("A temporary URL of the image, \"valid for at least 10 minutes\"; a new one on every read."),
		},
	}
}

func readCustomEmoji(ctx context.Context, client *chatapi.Client, config customEmojiModel, diags *diag.Diagnostics) *customEmojiModel {
	at, name := path.Root("name"), config.Name.ValueString()
	if !convert.Known(config.Name) {
		// "You can use the emoji name as an alias for `{customEmoji}`"
		// (customEmojis.get, name).
		at, name = path.Root("emoji_name"), "customEmojis/"+config.EmojiName.ValueString()
	}
	if !glue.RequireUser(client, diags, at, "read custom emojis", "customEmojis.get") {
		return nil
	}
	out, err := client.GetCustomEmoji(ctx, name)
	if err != nil {
		glue.AddAttributeAPIError(diags, at, "Unable to Read Chat Custom Emoji", "customEmojis.get "+name, err,
			"Custom emojis need a Google Workspace account with custom emojis turned on, and the chat.customemojis(.readonly) scope.")
		return nil
	}
	state := customEmojiFromAPI(out)
	return &state
}

func customEmojiFromAPI(e *chat.CustomEmoji) customEmojiModel {
	return customEmojiModel{
		Name: types.StringValue(e.Name), EmojiName: types.StringValue(e.EmojiName),
		UID: convert.StringOrNull(e.Uid), TemporaryImageURI: convert.StringOrNull(e.TemporaryImageUri),
	}
}
