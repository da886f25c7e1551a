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

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

// NewCustomEmojis is the google_chat_custom_emojis data source.
func NewCustomEmojis() datasource.DataSource {
	return newDataSource(spec[customEmojisModel]{typeName: "google_chat_custom_emojis", schema: customEmojisSchema, read: readCustomEmojis})
}

type customEmojisModel struct {
	Filter types.String      `tfsdk:"filter"`
	Emojis []customEmojiItem `tfsdk:"emojis"`
}

type customEmojiItem struct {
	Name      types.String `tfsdk:"name"`
	EmojiName types.String `tfsdk:"emoji_name"`
	UID       types.String `tfsdk:"uid"`
}

// customEmojiFilters are the filters customEmojis.list documents: "Currently
// supports filtering by creator. For example, `creator("users/me")` and
// `NOT creator("users/me")`" (discovery document, customEmojis.list filter).
var customEmojiFilters = []string{`creator("users/me")`, `NOT creator("users/me")`}

func customEmojisSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the organization's custom emojis the caller can see, all pages, with " +
			"[`customEmojis.list`](https://developers.google.com/workspace/chat/api/reference/rest/v1/customEmojis/list). " +
			"Needs user credentials (`auth_mode = \"user\"`) with `chat.customemojis` or `chat.customemojis.readonly`, " +
			"neither of which is a default scope.",
		Attributes: map[string]schema.Attribute{
			"filter": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "`creator(\"users/me\")` for the caller's own emojis, `NOT creator(\"users/me\")` for the " +
					"others': the filters the API documents. Unset: every emoji.",
				Validators: []validator.String{stringvalidator.OneOf(customEmojiFilters...)},
			},
			"emojis": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The custom emojis, in the API's order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":       computed("Resource name, `customEmojis/{customEmoji}`."),
					"emoji_name": computed("The emoji name, such as `:team-logo:`."),
					"uid":        computed("Unique key of the custom emoji."),
				}},
			},
		},
	}
}

func readCustomEmojis(ctx context.Context, client *chatapi.Client, config customEmojisModel, diags *diag.Diagnostics) *customEmojisModel {
	if !glue.RequireUser(client, diags, path.Root("filter"), "list custom emojis", "customEmojis.list") {
		return nil
	}
	list, err := client.ListCustomEmojis(ctx, config.Filter.ValueString())
	if err != nil {
		glue.AddAPIError(diags, "Unable to List Chat Custom Emojis", "customEmojis.list", err,
			"Custom emojis need a Google Workspace account with custom emojis turned on, and the chat.customemojis(.readonly) scope.")
		return nil
	}
	config.Emojis = make([]customEmojiItem, 0, len(list))
	for _, e := range list {
		config.Emojis = append(config.Emojis, customEmojiItem{
			Name: types.StringValue(e.Name), EmojiName: convert.StringOrNull(e.EmojiName), UID: convert.StringOrNull(e.Uid),
		})
	}
	return &config
}
