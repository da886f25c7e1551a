package resources

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

var (
	_ resource.Resource                = (*membershipResource)(nil)
	_ resource.ResourceWithConfigure   = (*membershipResource)(nil)
	_ resource.ResourceWithImportState = (*membershipResource)(nil)
	_ resource.ResourceWithIdentity    = (*membershipResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*membershipResource)(nil)
)

// NewMembership is the google_chat_membership resource.
func NewMembership() resource.Resource { return &membershipResource{} }

type membershipResource struct {
	client *chatapi.Client
}

type membershipModel struct {
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	ID       types.String   `tfsdk:"id"`
	Space    types.String   `tfsdk:"space"`
	convert.MembershipAttributes
}

func (r *membershipResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "google_chat_membership"
}

func (r *membershipResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema("name", "Resource name of the membership, `spaces/{space}/members/{member}`.")
}

func (r *membershipResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = glue.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *membershipResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel, ok := begin(ctx, r.client, req.Plan, timeouts.Value.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var plan membershipModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
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
	if existing, err := r.client.GetMembership(ctx, space+"/members/"+key); err == nil && existing.State != "NOT_A_MEMBER" {
		alreadyThere("spaces.members.get", fmt.Errorf("%s exists (state %s)", existing.Name, existing.State))
		return
	}
	attemptCtx, attempts := chatapi.WithAttemptLog(ctx)
	out, err := r.client.CreateMembership(attemptCtx, space, input)
	if err != nil && attempts.Uncertain() {
		// An earlier attempt of this very create may have landed before its
		// answer was lost: the member was not there before, so it is ours.
		if found, getErr := r.client.GetMembership(ctx, space+"/members/"+key); getErr == nil {
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
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, "name", state.Name, &resp.Diagnostics)
	// members.create takes no role: a manager role is a second call.
	if wanted := plan.Role.ValueString(); wanted != state.Role.ValueString() && wanted != convert.RoleUnspecified {
		updated, err := r.client.PatchMembership(ctx, out.Name, wanted)
		if err != nil {
			glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("role"), "Unable to Set Chat Member Role", "spaces.members.patch", err, membershipAdvice(err))
			return
		}
		state = membershipFromAPI(updated, plan)
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		setIdentity(ctx, resp.Identity, "name", state.Name, &resp.Diagnostics)
	}
}

func (r *membershipResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !glue.Configured(r.client, &resp.Diagnostics) {
		return
	}
	var state membershipModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Every read returns an identity, even one that removes the resource:
	// the framework insists where Terraform (1.11) or an older state has none.
	setIdentity(ctx, resp.Identity, "name", state.Name, &resp.Diagnostics)
	out, err := r.client.GetMembership(ctx, state.Name.ValueString())
	if chatapi.IsNotFound(err) || err == nil && out.State == "NOT_A_MEMBER" {
		resp.Diagnostics.AddWarning("Chat Member Removed",
			fmt.Sprintf("%s is no longer in the space; removing it from state so the next apply adds it again.", state.Name.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		glue.AddAPIError(&resp.Diagnostics, "Unable to Read Chat Membership", "spaces.members.get", err, "")
		return
	}
	state = membershipFromAPI(out, state)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, "name", state.Name, &resp.Diagnostics)
}

func (r *membershipResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel, ok := begin(ctx, r.client, req.Plan, timeouts.Value.Update, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var plan, state membershipModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if plan.Role.Equal(state.Role) {
		// Only the member's spelling changed (same membership): nothing to send.
		state.Member = plan.Member
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		setIdentity(ctx, resp.Identity, "name", state.Name, &resp.Diagnostics)
		return
	}
	out, err := r.client.PatchMembership(ctx, state.Name.ValueString(), plan.Role.ValueString())
	if err != nil {
		glue.AddAttributeAPIError(&resp.Diagnostics, path.Root("role"), "Unable to Change Chat Member Role", "spaces.members.patch (updateMask role)", err, membershipAdvice(err))
		return
	}
	state = membershipFromAPI(out, plan)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setIdentity(ctx, resp.Identity, "name", state.Name, &resp.Diagnostics)
}

func (r *membershipResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel, ok := begin(ctx, r.client, req.State, timeouts.Value.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var state membershipModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.DeleteMembership(ctx, state.Name.ValueString()); err != nil && !chatapi.IsNotFound(err) {
		glue.AddAPIError(&resp.Diagnostics, "Unable to Remove Chat Member", "spaces.members.delete", err, membershipAdvice(err))
	}
}

func (r *membershipResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := importID(ctx, req, "name", &resp.Diagnostics)
	if !convert.MembershipNamePattern.MatchString(id) {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("%q is not a membership name. Use spaces/{space}/members/{member}, where {member} is a user ID, an "+
				"email, app, or a group ID, for example: terraform import google_chat_membership.bob spaces/AAAA/members/bob@example.com", id))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	// Imported by email or as the app: keep that spelling for member.
	if _, key, _ := strings.Cut(id, "/members/"); strings.Contains(key, "@") || key == "app" {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("member"), "users/"+key)...)
	}
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
