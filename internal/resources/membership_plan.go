package resources

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

// ModifyPlan fills the default role and applies the app-credential rules.
func (r *membershipResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var config membershipModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if config.Role.IsNull() && !config.GroupMember.IsUnknown() && !config.Member.IsUnknown() {
		role := convert.RoleMember
		if !config.GroupMember.IsNull() {
			role = convert.RoleUnspecified
		}
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("role"), role)...)
	}
	if !req.State.Raw.IsNull() {
		r.planMemberChange(ctx, req, config, resp)
	}
	requireUserForAdmin(r.client, config.UseAdminAccess, &resp.Diagnostics)
	if adminAccess(ctx, r.client, config.UseAdminAccess) && req.State.Raw.IsNull() && config.Member.ValueString() == convert.CallingApp {
		// "Creating app memberships ... isn't supported using admin access"
		// (discovery document, spaces.members.create useAdminAccess).
		resp.Diagnostics.AddAttributeError(path.Root("member"), "Not Supported With Administrator Access",
			"spaces.members.create can't add a Chat app with useAdminAccess. Set use_admin_access = false on this membership.")
	}
	if r.client != nil && r.client.AuthMode == chatapi.AuthModeApp && req.State.Raw.IsNull() {
		if !config.GroupMember.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("group_member"), "User Credentials Required",
				"Chat apps can't add Google groups to a space; use a provider with user credentials for this membership.")
		}
		if convert.Known(config.Member) {
			rejectEmailMember(r.client, &resp.Diagnostics, config.Member.ValueString())
		}
		if config.Member.ValueString() == convert.CallingApp {
			resp.Diagnostics.AddAttributeError(path.Root("member"), "User Credentials Required",
				"The Chat API doesn't let an app add a Chat app, itself included; a user adds the app (user credentials, "+
					"with the chat.memberships.app scope).")
		}
	}
}

// planMemberChange replaces the membership when member names another user.
// The same member spelled another way (users/{id} after an import, an email
// in configuration) is the same membership: the new spelling is recorded in
// place. Attribute plan modifiers can't decide this: they run on a resource
// the provider never configured, with no client to look the member up.
func (r *membershipResource) planMemberChange(ctx context.Context, req resource.ModifyPlanRequest, config membershipModel, resp *resource.ModifyPlanResponse) {
	var state membershipModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if state.Member.Equal(config.Member) || resp.Diagnostics.HasError() {
		return
	}
	replace := func() { resp.RequiresReplace = append(resp.RequiresReplace, path.Root("member")) }
	if r.client == nil || !convert.Known(config.Member) || !convert.Known(state.Member) {
		replace()
		return
	}
	if rejectEmailMember(r.client, &resp.Diagnostics, config.Member.ValueString()) {
		return // the lookup below would send the email
	}
	key := strings.TrimPrefix(config.Member.ValueString(), "users/")
	m, err := r.client.GetMembership(ctx, state.Space.ValueString()+"/members/"+key)
	switch {
	case err == nil && m.Name == state.Name.ValueString():
		// The same membership: recorded in place, nothing sent.
	case err == nil, chatapi.IsNotFound(err):
		replace()
	default:
		glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("member"), "Unable to Compare Chat Members",
			"spaces.members.get", err, "The provider looks the configured member up to tell a new member from the same one spelled another way.")
	}
}

// rejectEmailMember refuses, at plan time, a member named users/{email} with
// app credentials, and says why. members.create itself takes the email from
// an app (User.name: "the user's email address can be used as an alias for
// {user} in API requests"), but Create first looks the member up with
// spaces.members.get (so a member who was already there is reported, never
// adopted after a lost answer), and so does a change of member's spelling;
// spaces.members.get takes an email as an alias for {member} only when
// authenticated as a user (its reference page, spaces.members/get). It
// reports whether it refused.
func rejectEmailMember(client *chatapi.Client, diags *diag.Diagnostics, member string) bool {
	if client == nil || client.AuthMode != chatapi.AuthModeApp || !isEmailUser(member) {
		return false
	}
	diags.AddAttributeError(path.Root("member"), "Email Needs User Credentials",
		fmt.Sprintf("%s: with app credentials, name the member as users/{id} (the numeric user ID). Before adding a member "+
			"the provider looks the membership up with spaces.members.get, so that a member who was already in the space "+
			"is reported rather than adopted, and spaces.members.get accepts an email as an alias for {member} only with "+
			"user authentication. Use users/{id}, or a provider with user credentials.", member))
	return true
}
