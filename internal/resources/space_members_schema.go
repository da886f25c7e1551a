package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

func (r *spaceMembersResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	userSet := func(description string) schema.SetAttribute {
		return schema.SetAttribute{
			ElementType: types.StringType,
			Optional:    true,
			MarkdownDescription: description + " `users/{id}` or `users/{email}` (an email only with user credentials: with " +
				"app credentials the plan refuses a new one); the value stays as written, and drift shows a member as " +
				"written here. Unset means nobody with this role.",
			Validators: []validator.Set{setvalidator.ValueStringsAre(
				convert.ValidUserName, stringvalidator.NoneOf(convert.CallingApp))},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The complete list of human members of one Google Chat space, by role (authoritative). Apply " +
			"adds whoever is missing, sets roles, and removes every other human member, so `terraform plan` shows exactly " +
			"who would be added or removed. It never touches the calling user or app, Chat apps or Google groups.\n\n" +
			"Use it **instead of** `google_chat_membership` for a space, never both: each would undo the other. With user " +
			"credentials the provider identifies the calling user through `users/me` read state, which needs the " +
			"`chat.users.readstate.readonly` scope in the provider's `scopes` when the space has members to remove. " +
			"Destroying the resource removes the listed members.",
		Blocks: timeoutsBlock(ctx),
		Attributes: map[string]schema.Attribute{
			"id":                 keptComputed("Same as `space`."),
			"space":              spaceAttribute("The space, `spaces/{space}`. Changing it replaces the resource."),
			"members":            userSet("Members with `ROLE_MEMBER`."),
			"managers":           userSet("Space owners, `ROLE_MANAGER` (named spaces only)."),
			"assistant_managers": userSet("Space managers, `ROLE_ASSISTANT_MANAGER` (named spaces only)."),
		},
	}
}
