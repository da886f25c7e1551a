package resources

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

var _ managedResource = (*membershipResource)(nil)

// NewMembership is the google_chat_membership resource.
func NewMembership() resource.Resource {
	return &membershipResource{base{typeName: "google_chat_membership", identity: "name", identityDescription: "Resource name of the membership, `spaces/{space}/members/{member}`."}}
}

type membershipResource struct {
	base
}

type membershipModel struct {
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	ID       types.String   `tfsdk:"id"`
	Space    types.String   `tfsdk:"space"`
	// UseAdminAccess: see useAdminAccessAttribute.
	UseAdminAccess types.Bool `tfsdk:"use_admin_access"`
	convert.MembershipAttributes
}

func (r *membershipResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel, plan, ok := beginWith[membershipModel](ctx, r.client, req.Plan, timeouts.Value.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	space := plan.Space.ValueString()
	input, key := membershipToAPI(plan)
	alreadyThere := func(method string, err error) {
		glue.AddAttributeAPIError(&resp.Diagnostics, memberPath(plan), "Chat Membership Already Exists", method, err,
			fmt.Sprintf("%s is already in %s. To manage the existing membership, import it with:\n"+
				"  terraform import google_chat_membership.NAME %s/members/%s", memberOf(plan), space, space, key))
	}
	// members.create takes no requestId, so after a lost answer the provider
	// adopts what it finds. Look first, so a member who was there before
	// this create is reported, never adopted (and later removed by destroy).
	if existing, err := r.findMember(ctx, space, key, input.GroupMember != nil); err == nil && existing.State != "NOT_A_MEMBER" {
		alreadyThere("spaces.members.get", fmt.Errorf("%s exists (state %s)", existing.Name, existing.State))
		return
	}
	attemptCtx, attempts := chatapi.WithAttemptLog(ctx)
	out, err := r.client.CreateMembership(attemptCtx, space, input)
	if err != nil && attempts.Uncertain() {
		// An earlier attempt of this very create may have landed before its
		// answer was lost: the member was not there before, so it is ours.
		if found, getErr := r.findMember(ctx, space, key, input.GroupMember != nil); getErr == nil {
			out, err = found, nil
		}
	} else if chatapi.IsAlreadyExists(err) {
		alreadyThere("spaces.members.create", err)
		return
	}
	if err != nil {
		if at, ok := r.createErrorPath(ctx, err, plan); ok {
			glue.AddAttributeAPIError(&resp.Diagnostics, at, "Unable to Add Chat Member", "spaces.members.create", err, membershipAdvice(err))
		} else {
			glue.AddAPIError(&resp.Diagnostics, "Unable to Add Chat Member", "spaces.members.create", err, membershipAdvice(err))
		}
		return
	}
	state := membershipFromAPI(out, plan)
	saveState(ctx, &resp.State, resp.Identity, &state, "name", &resp.Diagnostics)
	// members.create takes no role: a manager role is a second call.
	if wanted := plan.Role.ValueString(); wanted != state.Role.ValueString() && wanted != convert.RoleUnspecified {
		r.patchRole(ctx, out.Name, plan, "Unable to Set Chat Member Role", "spaces.members.patch", &resp.State, resp.Identity, &resp.Diagnostics)
	}
}

func (r *membershipResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	ctx = appMembershipContext(ctx, req.State)
	refresh(ctx, r.client, req, resp, readMembership, func(m *chat.Membership) bool { return m.State == "NOT_A_MEMBER" }, readAdvice{
		"Chat Member Removed", "is no longer in the space; removing it from state so the next apply adds it again.",
		"Unable to Read Chat Membership", "spaces.members.get",
	}, membershipFromAPI)
}

func (r *membershipResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel, plan, state, ok := beginUpdate[membershipModel](ctx, r.client, req, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	if plan.Role.Equal(state.Role) {
		// Only the member's spelling or use_admin_access changed (same
		// membership): nothing to send.
		state.Member, state.UseAdminAccess = plan.Member, plan.UseAdminAccess
		saveState(ctx, &resp.State, resp.Identity, &state, "name", &resp.Diagnostics)
		return
	}
	r.patchRole(ctx, state.Name.ValueString(), plan, "Unable to Change Chat Member Role", "spaces.members.patch (updateMask role)",
		&resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *membershipResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel, state, ok := beginWith[membershipModel](ctx, r.client, req.State, timeouts.Value.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	name, advice := state.Name.ValueString(), membershipAdvice
	if isAppMembership(r.client, state) {
		// "Deleting app memberships in a space isn't supported using admin
		// access" (spaces.members.delete useAdminAccess).
		ctx = chatapi.WithAdminAccess(ctx, false)
		// "When deleting an app membership, requires the
		// chat.memberships.app scope and spaces/{space}/members/app format."
		// (discovery document, spaces.members.delete)
		name, advice = state.Space.ValueString()+"/members/app", appMembershipAdvice
	}
	if err := r.client.DeleteMembership(ctx, name); err != nil && !chatapi.IsNotFound(err) {
		glue.AddAPIError(&resp.Diagnostics, "Unable to Remove Chat Member", "spaces.members.delete "+name, err, advice(err))
	}
}

func (r *membershipResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, ok := importAs(ctx, req, resp, "name", matching(convert.MembershipNamePattern),
		"a membership name. Use spaces/{space}/members/{member}, where {member} is a user ID, an email, app, or a group "+
			"ID, for example: terraform import google_chat_membership.bob spaces/AAAA/members/bob@example.com")
	if !ok {
		return
	}
	// Imported by email or as the app: keep that spelling for member.
	if _, key, _ := strings.Cut(id, "/members/"); strings.Contains(key, "@") || key == "app" {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("member"), "users/"+key)...)
	}
}

// patchRole gives the membership name plan's role (members.patch) and saves
// the answer as state; a refusal is reported on role as summary, for method.
func (r *membershipResource) patchRole(ctx context.Context, name string, plan membershipModel, summary, method string,
	state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	out, err := r.client.PatchMembership(ctx, name, plan.Role.ValueString())
	if err != nil {
		glue.AddAttributeAPIError(diags, path.Root("role"), summary, method, err, membershipAdvice(err))
		return
	}
	saved := membershipFromAPI(out, plan)
	saveState(ctx, state, identity, &saved, "name", diags)
}

// memberPath is the attribute that names the member: member or group_member.
func memberPath(plan membershipModel) path.Path {
	if convert.Known(plan.GroupMember) {
		return path.Root("group_member")
	}
	return path.Root("member")
}

// createErrorPath is the attribute a failed members.create points at. A 404
// is the space's fault when the caller can't read the space, else the
// member's (no such user or group); the API refuses a member it can't add
// (a user in a direct message, a group in a group chat) with a 400; a 403 is
// about managing members of this space.
func (r *membershipResource) createErrorPath(ctx context.Context, err error, plan membershipModel) (path.Path, bool) {
	switch {
	case chatapi.IsNotFound(err):
		if _, spaceErr := r.client.GetSpace(ctx, plan.Space.ValueString()); spaceErr != nil {
			return path.Root("space"), true
		}
		return memberPath(plan), true
	case chatapi.IsPermissionDenied(err):
		return path.Root("space"), true
	case chatapi.IsInvalidArgument(err):
		return memberPath(plan), true
	}
	return path.Empty(), false
}

// findMember gets the membership of key (a user ID or email, "app", or a
// group ID) in space. Nothing settles how the API names a group's
// membership: spaces/{space}/members/{groupId}, or .../group-{groupId} as
// GAM builds it; a group is looked up by the other form after a 404.
func (r *membershipResource) findMember(ctx context.Context, space, key string, group bool) (*chat.Membership, error) {
	out, err := r.client.GetMembership(ctx, space+"/members/"+key)
	if group && chatapi.IsNotFound(err) {
		return r.client.GetMembership(ctx, space+"/members/group-"+key)
	}
	return out, err
}

// isAppMembership: the calling app's own membership, removed by a user.
// appMembershipContext reads the app's membership without administrator
// privileges, which can't get it ("Getting app memberships in a space isn't
// supported when using admin access", spaces.members.get).
func appMembershipContext(ctx context.Context, state tfsdk.State) context.Context {
	var member types.String
	if diags := state.GetAttribute(ctx, path.Root("member"), &member); !diags.HasError() && member.ValueString() == convert.CallingApp {
		return chatapi.WithAdminAccess(ctx, false)
	}
	return ctx
}

func isAppMembership(client *chatapi.Client, state membershipModel) bool {
	return client.AuthMode == chatapi.AuthModeUser && state.Member.ValueString() == convert.CallingApp
}

func appMembershipAdvice(err error) string {
	if chatapi.IsPermissionDenied(err) {
		return "With user credentials, removing the app's membership needs the " +
			"https://www.googleapis.com/auth/chat.memberships.app scope, which the provider does not request by default: add it " +
			"to the provider's scopes (or grant it to the authorized_user credentials)."
	}
	return membershipAdvice(err)
}

func membershipAdvice(err error) string {
	switch {
	case chatapi.IsPermissionDenied(err):
		return "The caller must be allowed to manage members of the space: a space manager, or with app credentials the " +
			"app that created the space (and with administrator approval of chat.app.memberships)."
	case chatapi.IsInvalidArgument(err):
		return "Manager roles and Google groups exist only in named spaces (space_type SPACE); users can't be added to direct messages."
	}
	return ""
}
