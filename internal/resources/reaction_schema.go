package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

func (r *reactionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The calling user's emoji reaction to a Google Chat message, added with " +
			"[`spaces.messages.reactions.create`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages.reactions/create). " +
			"User credentials only: every reactions method \"Requires user authentication\", so a provider with app " +
			"credentials refuses the resource at plan time. There is no `reactions.get`: the provider finds the reaction " +
			"by listing the message's reactions. Every argument replaces the reaction.",
		Blocks: timeoutsBlock(ctx),
		Attributes: map[string]schema.Attribute{
			"id":   keptComputed("Same as `name`."),
			"name": keptComputed("Resource name, `spaces/{space}/messages/{message}/reactions/{reaction}`."),
			"message": schema.StringAttribute{
				Required: true, PlanModifiers: replace,
				MarkdownDescription: "The message to react to, `spaces/{space}/messages/{message}` (for example " +
					"`google_chat_message.x.name`). The caller must be a member of its space. Changing it replaces the reaction.",
				Validators: []validator.String{
					convert.ValidMessageName,
				},
			},
			"emoji_unicode": schema.StringAttribute{
				Optional: true, PlanModifiers: replace,
				MarkdownDescription: "A Unicode emoji, such as `\"👍\"`. The provider checks only that it holds at least " +
					"one non-ASCII character (so a shortcode such as `:thumbsup:` is refused); the API decides what is an " +
					"emoji. Exactly one of `emoji_unicode` and `custom_emoji`. Changing it replaces the reaction.",
				Validators: []validator.String{
					nonASCII,
					stringvalidator.ExactlyOneOf(path.MatchRoot("emoji_unicode"), path.MatchRoot("custom_emoji")),
				},
			},
			"custom_emoji": schema.StringAttribute{
				Optional: true, PlanModifiers: replace,
				MarkdownDescription: "A custom emoji of the organization, `customEmojis/{customEmoji}` (its resource name, not its " +
					"`:name:`). Changing it replaces the reaction.",
				Validators: []validator.String{
					convert.ValidCustomEmojiName,
				},
			},
			"user": schema.StringAttribute{
				Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "The user who reacted (the caller), `users/{id}`.",
			},
		},
	}
}
