package datasources

import (
	"context"

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

// NewReactions is the google_chat_reactions data source.
func NewReactions() datasource.DataSource {
	return newDataSource(spec[reactionsModel]{typeName: "google_chat_reactions", schema: reactionsSchema, read: readReactions})
}

type reactionsModel struct {
	Message   types.String    `tfsdk:"message"`
	Filter    types.String    `tfsdk:"filter"`
	Reactions []reactionModel `tfsdk:"reactions"`
}

type reactionModel struct {
	Name         types.String `tfsdk:"name"`
	User         types.String `tfsdk:"user"`
	EmojiUnicode types.String `tfsdk:"emoji_unicode"`
	CustomEmoji  types.String `tfsdk:"custom_emoji"`
}

func reactionsSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the reactions to a message, all pages, with " +
			"[`spaces.messages.reactions.list`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages.reactions/list). " +
			"Needs user credentials (`auth_mode = \"user\"`).",
		Attributes: map[string]schema.Attribute{
			"message": schema.StringAttribute{
				Required: true, MarkdownDescription: "The message, `spaces/{space}/messages/{message}`.",
				Validators: []validator.String{convert.ValidMessageName},
			},
			"filter": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The API's filter, passed as written, for example " +
					"`emoji.unicode = \"🙂\" OR emoji.unicode = \"👍\"` or `user.name = \"users/{user}\"` (emoji terms joined " +
					"by OR, user terms by OR, the two groups by AND in parentheses). The API refuses a filter it does not accept.",
			},
			"reactions": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The reactions, in the API's order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":          computed("Resource name, `spaces/{space}/messages/{message}/reactions/{reaction}`."),
					"user":          computed("Who reacted, `users/{id}`."),
					"emoji_unicode": computed("The Unicode emoji; null for a custom emoji."),
					"custom_emoji":  computed("The custom emoji, `customEmojis/{customEmoji}`; null for a Unicode emoji."),
				}},
			},
		},
	}
}

func readReactions(ctx context.Context, client *chatapi.Client, config reactionsModel, diags *diag.Diagnostics) *reactionsModel {
	if !glue.RequireUser(client, diags, path.Root("message"), "list reactions", "spaces.messages.reactions.list") {
		return nil
	}
	list, err := client.ListReactions(ctx, config.Message.ValueString(), config.Filter.ValueString())
	if err != nil {
		at := path.Root("message")
		if chatapi.IsInvalidArgument(err) && config.Filter.ValueString() != "" {
			at = path.Root("filter")
		}
		glue.AddAttributeAPIError(diags, at, "Unable to List Chat Reactions",
			"spaces.messages.reactions.list "+config.Message.ValueString(), err, "")
		return nil
	}
	config.Reactions = make([]reactionModel, 0, len(list))
	for _, r := range list {
		config.Reactions = append(config.Reactions, reactionFromAPI(r))
	}
	return &config
}

func reactionFromAPI(r *chat.Reaction) reactionModel {
	out := reactionModel{Name: types.StringValue(r.Name), User: types.StringNull(), EmojiUnicode: types.StringNull(), CustomEmoji: types.StringNull()}
	if r.User != nil {
		out.User = convert.StringOrNull(r.User.Name)
	}
	if r.Emoji != nil {
		out.EmojiUnicode = convert.StringOrNull(r.Emoji.Unicode)
		if r.Emoji.CustomEmoji != nil {
			out.CustomEmoji = convert.StringOrNull(r.Emoji.CustomEmoji.Name)
		}
	}
	return out
}
