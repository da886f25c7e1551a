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

func (r *membershipResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One member of a Google Chat space: a user, the calling Chat app, or a Google group, added with " +
			"[`spaces.members.create`](https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.members/create). " +
			"The role is changed in place with `spaces.members.patch`. Don't manage the same space with " +
			"`google_chat_space_members` as well: the two would undo each other's changes.",
		Blocks: timeoutsBlock(ctx),
		Attributes: map[string]schema.Attribute{
			"id":    keptComputed("Same as `name`."),
			"name":  keptComputed("Resource name, `spaces/{space}/members/{member}`."),
			"space": spaceAttribute("The space, `spaces/{space}`. Changing it replaces the membership."),
			"member": schema.StringAttribute{
				Optional: true,
				// Replacement is decided in ModifyPlan, which can tell spellings apart.
				MarkdownDescription: "The user, `users/{id}` or `users/{email}` (an email only with user credentials: with app " +
					"credentials the plan refuses it, because the provider looks the member up with `spaces.members.get` before " +
					"adding it, and that method takes an email as an alias only when authenticated as a user), or `users/app` " +
					"for the calling Chat app (a user removes it as `spaces/{space}/members/app`, which needs the " +
					"`https://www.googleapis.com/auth/chat.memberships.app` scope: add it to the provider's `scopes`). The API answers with " +
					"`users/{id}`; the value stays as written. Exactly one of `member` and `group_member`. Changing it replaces " +
					"the membership.",
				Validators: []validator.String{
					stringvalidator.RegexMatches(convert.UserNamePattern, "must be users/{id or email} or users/app"),
					stringvalidator.ExactlyOneOf(path.MatchRoot("member"), path.MatchRoot("group_member")),
				},
			},
			"group_member": schema.StringAttribute{
				Optional: true, PlanModifiers: replace,
				MarkdownDescription: "A Google group, `groups/{id}` (the Cloud Identity group ID; emails are not accepted). Only in " +
					"named spaces, and only with user credentials. Changing it replaces the membership.",
				Validators: []validator.String{convert.ValidGroupName},
			},
			"use_admin_access": useAdminAccessAttribute("spaces.members.create, get, patch and delete"),
			"role": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "`ROLE_MEMBER` (default), `ROLE_MANAGER` (shown as owner in Chat) or `ROLE_ASSISTANT_MANAGER` " +
					"(shown as manager); manager roles only in named spaces. Groups have no role. Updated in place; a role " +
					"changed outside Terraform is set back.",
				Validators: []validator.String{
					stringvalidator.OneOf(convert.RoleMember, convert.RoleManager, convert.RoleAssistantManager),
					stringvalidator.ConflictsWith(path.MatchRoot("group_member")),
				},
			},
			"state":       schema.StringAttribute{Computed: true, MarkdownDescription: "`JOINED`, or `INVITED` until the user accepts."},
			"create_time": schema.StringAttribute{Computed: true, PlanModifiers: keep, MarkdownDescription: "When the member joined or was invited (RFC 3339)."},
		},
	}
}
