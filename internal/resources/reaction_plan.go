package resources

import (
	"context"
	"regexp"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/validators"
)

var (
	// reactionNamePattern: "Format:
	// spaces/{space}/messages/{message}/reactions/{reaction}" (Reaction.name).
	reactionNamePattern = regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+/messages/[A-Za-z0-9_.-]+/reactions/[^/\s]+$`)
)

// ModifyPlan refuses app credentials: reactions.create, list and delete each
// "Requires [user authentication]" (discovery document, their descriptions),
// and none mentions app authentication, although their scopes include
// chat.bot. The rule needs the client, so it is not an attribute plan
// modifier (those run on an unconfigured resource).
func (r *reactionResource) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.Plan.Raw.IsNull() {
		glue.RequireUser(r.client, &resp.Diagnostics, path.Root("message"), "react to messages",
			"spaces.messages.reactions.create, list and delete")
	}
}

// nonASCII requires at least one non-ASCII character: every emoji has one,
// and a shortcode (":thumbsup:") or a word has none. The API decides the rest.
var nonASCII = validators.String("must be a Unicode emoji (at least one non-ASCII character)",
	func(_ context.Context, req validator.StringRequest) (string, string) {
		for _, c := range req.ConfigValue.ValueString() {
			if c >= utf8.RuneSelf {
				return "", ""
			}
		}
		return "Invalid Emoji", req.ConfigValue.String() + " must be a Unicode emoji (at least one non-ASCII character), " +
			"such as \"👍\"; use custom_emoji for a custom emoji."
	})
