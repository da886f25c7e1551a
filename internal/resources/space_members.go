package resources

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"maps"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/glue"
)

var _ validatedResource = (*spaceMembersResource)(nil)

// NewSpaceMembers is the authoritative google_chat_space_members resource.
func NewSpaceMembers() resource.Resource {
	return &spaceMembersResource{base{typeName: "google_chat_space_members", identity: "space", identityDescription: "The space whose members are listed, `spaces/{space}`."}}
}

type spaceMembersResource struct {
	base
}

type spaceMembersModel struct {
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
	ID                types.String   `tfsdk:"id"`
	Space             types.String   `tfsdk:"space"`
	Members           types.Set      `tfsdk:"members"`
	Managers          types.Set      `tfsdk:"managers"`
	AssistantManagers types.Set      `tfsdk:"assistant_managers"`
}

// roleSet pairs a role with the attribute that lists its members.
type roleSet struct{ role, attribute string }

// roleSets pairs each role with its attribute, in the order changes are made.
var roleSets = []roleSet{
	{convert.RoleManager, "managers"}, {convert.RoleAssistantManager, "assistant_managers"}, {convert.RoleMember, "members"},
}

// Private state keys: spelling -> users/{id}, and the calling user.
const (
	privateAliases = "aliases"
	privateCaller  = "caller"
)

func (r *spaceMembersResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.write(ctx, req.Plan, timeouts.Value.Create, nil, nil, resp.Private, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *spaceMembersResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := beginRead[spaceMembersModel](ctx, r.client, req.State, resp.Identity, "space", &resp.Diagnostics)
	if !ok {
		return
	}
	private := loadPrivate(ctx, req.Private)
	space := state.Space.ValueString()
	actual, err := r.humanMembers(ctx, space)
	if chatapi.IsNotFound(err) {
		resp.Diagnostics.AddWarning("Chat Space Not Found", fmt.Sprintf("%s no longer exists; removing its member list from state.", space))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		glue.AddAPIError(&resp.Diagnostics, "Unable to List Chat Members", "spaces.members.list", err, "")
		return
	}
	covered := map[string]bool{}
	known := map[string]bool{} // spellings in state before this read
	for _, set := range roleSets {
		for _, spelling := range convert.SetStrings(ctx, state.attribute(set.attribute), &resp.Diagnostics) {
			known[spelling] = true
		}
	}
	for _, set := range roleSets {
		var keep []string
		for _, spelling := range convert.SetStrings(ctx, state.attribute(set.attribute), &resp.Diagnostics) {
			id, err := r.canonical(ctx, space, spelling, &private)
			if err != nil {
				glue.AddAttributeAPIError(&resp.Diagnostics, path.Root(set.attribute), "Unable to Read Chat Member", "spaces.members.get", err, "")
				return
			}
			if id != "" && actual[id] == set.role {
				keep = append(keep, spelling)
				covered[id] = true
			}
		}
		state.setAttribute(set.attribute, keep)
	}
	// Members nobody listed show up as drift (the plan removes them), except
	// the calling user. A member the resource knows by another spelling (an
	// email in configuration, now in another role) is recorded as spelled
	// there, so the plan shows the member as configured.
	for _, id := range slices.Sorted(maps.Keys(actual)) {
		if covered[id] {
			continue
		}
		caller, ok := r.isCaller(ctx, space, id, &private, &resp.Diagnostics)
		if !ok {
			return
		}
		if caller {
			continue
		}
		attribute := attributeFor(actual[id])
		state.setAttribute(attribute, append(convert.SetStrings(ctx, state.attribute(attribute), &resp.Diagnostics), private.spellingOf(id, known)))
	}
	private.save(ctx, resp.Private, &resp.Diagnostics)
	saveState(ctx, &resp.State, resp.Identity, &state, "space", &resp.Diagnostics)
}

func (r *spaceMembersResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.write(ctx, req.Plan, timeouts.Value.Update, &req.State, req.Private, resp.Private, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *spaceMembersResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel, state, ok := beginWith[spaceMembersModel](ctx, r.client, req.State, timeouts.Value.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	space := state.Space.ValueString()
	private := loadPrivate(ctx, req.Private)
	for _, set := range roleSets {
		for _, spelling := range convert.SetStrings(ctx, state.attribute(set.attribute), &resp.Diagnostics) {
			key := strings.TrimPrefix(r.canonicalOr(ctx, space, spelling, &private), "users/")
			if err := r.client.DeleteMembership(ctx, space+"/members/"+key); err != nil && !chatapi.IsNotFound(err) {
				glue.AddAPIError(&resp.Diagnostics, "Unable to Remove Chat Member", "spaces.members.delete", err, membershipAdvice(err))
				return
			}
		}
	}
}

func (r *spaceMembersResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importAs(ctx, req, resp, "space", matching(convert.SpaceNamePattern),
		"a space name; import with: terraform import google_chat_space_members.NAME spaces/{space}")
}

// reconcile makes the space's human members match plan: additions first,
// then role changes, then removals, so the space never loses its managers early.
func (r *spaceMembersResource) reconcile(ctx context.Context, plan spaceMembersModel, private *privateData, diags *diag.Diagnostics) {
	space := plan.Space.ValueString()
	actual, err := r.humanMembers(ctx, space)
	if err != nil {
		glue.AddAPIError(diags, "Unable to List Chat Members", "spaces.members.list", err, "")
		return
	}
	wanted := map[string]bool{}
	type roleChange struct {
		at    path.Path
		apply func() error
	}
	var changes []roleChange
	for _, set := range roleSets {
		for _, spelling := range convert.SetStrings(ctx, plan.attribute(set.attribute), diags) {
			id, err := r.canonical(ctx, space, spelling, private)
			if err != nil {
				glue.AddAttributeAPIError(diags, path.Root(set.attribute), "Unable to Read Chat Member", "spaces.members.get", err, "")
				return
			}
			role, present := actual[id]
			switch {
			case id == "" || !present:
				r.add(ctx, space, spelling, set, private, diags)
				if diags.HasError() {
					return
				}
				id = private.aliases[spelling]
			case role != set.role:
				name, role, at := space+"/members/"+strings.TrimPrefix(id, "users/"), set.role, path.Root(set.attribute)
				changes = append(changes, roleChange{at, func() error { _, err := r.client.PatchMembership(ctx, name, role); return err }})
			}
			wanted[id] = true
		}
	}
	for _, change := range changes {
		if err := change.apply(); err != nil {
			glue.AddAttributeAPIError(diags, change.at, "Unable to Change Chat Member Role", "spaces.members.patch", err, membershipAdvice(err))
			return
		}
	}
	for _, id := range slices.Sorted(maps.Keys(actual)) {
		if wanted[id] {
			continue
		}
		caller, ok := r.isCaller(ctx, space, id, private, diags)
		if !ok {
			return
		}
		if caller {
			continue
		}
		if err := r.client.DeleteMembership(ctx, space+"/members/"+strings.TrimPrefix(id, "users/")); err != nil && !chatapi.IsNotFound(err) {
			glue.AddAPIError(diags, "Unable to Remove Chat Member", "spaces.members.delete", err, membershipAdvice(err))
			return
		}
	}
}

// add creates a membership and sets its role; an ALREADY_EXISTS after an
// ambiguous attempt is our own membership. Errors about the member point at
// the set that lists it; a refusal to manage the space's members, at space.
func (r *spaceMembersResource) add(ctx context.Context, space, spelling string, set roleSet, private *privateData, diags *diag.Diagnostics) {
	role, at := set.role, path.Root(set.attribute)
	attemptCtx, attempts := chatapi.WithAttemptLog(ctx)
	out, err := r.client.CreateMembership(attemptCtx, space, &chat.Membership{Member: &chat.User{Name: spelling, Type: "HUMAN"}})
	if err != nil && attempts.Uncertain() {
		// An attempt may have added the member before its answer was lost.
		if found, getErr := r.client.GetMembership(ctx, space+"/members/"+strings.TrimPrefix(spelling, "users/")); getErr == nil {
			out, err = found, nil
		}
	}
	if err != nil {
		switch {
		case chatapi.IsPermissionDenied(err):
			glue.AddAttributeAPIError(diags, path.Root("space"), "Unable to Add Chat Member", "spaces.members.create "+spelling, err, membershipAdvice(err))
		case chatapi.IsNotFound(err), chatapi.IsInvalidArgument(err), chatapi.IsAlreadyExists(err):
			glue.AddAttributeAPIError(diags, at, "Unable to Add Chat Member", "spaces.members.create "+spelling, err, membershipAdvice(err))
		default:
			glue.AddAPIError(diags, "Unable to Add Chat Member", "spaces.members.create "+spelling, err, membershipAdvice(err))
		}
		return
	}
	private.aliases[spelling] = out.Member.Name
	if role != convert.RoleMember && out.Role != role {
		if _, err := r.client.PatchMembership(ctx, out.Name, role); err != nil {
			glue.AddAttributeAPIError(diags, at, "Unable to Set Chat Member Role", "spaces.members.patch", err, membershipAdvice(err))
		}
	}
}

// humanMembers lists the space's human members (joined and invited) by users/{id}.
func (r *spaceMembersResource) humanMembers(ctx context.Context, space string) (map[string]string, error) {
	list, err := r.client.ListMemberships(ctx, space, `member.type = "HUMAN"`, false, r.client.AuthMode == chatapi.AuthModeUser)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, m := range list {
		if m.Member != nil && m.Member.Type == "HUMAN" && m.State != "NOT_A_MEMBER" {
			out[m.Member.Name] = m.Role
		}
	}
	return out, nil
}

// canonical maps a spelling to users/{id}: IDs as they are, emails through
// the remembered aliases or a lookup; "" for an email that is not a member,
// and an error when the lookup itself failed (a 500 is not "not a member").
func (r *spaceMembersResource) canonical(ctx context.Context, space, spelling string, private *privateData) (string, error) {
	if !strings.Contains(spelling, "@") {
		return spelling, nil
	}
	if id, ok := private.aliases[spelling]; ok {
		return id, nil
	}
	m, err := r.client.GetMembership(ctx, space+"/members/"+strings.TrimPrefix(spelling, "users/"))
	if chatapi.IsNotFound(err) || err == nil && m.Member == nil {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	private.aliases[spelling] = m.Member.Name
	return m.Member.Name, nil
}

func (r *spaceMembersResource) canonicalOr(ctx context.Context, space, spelling string, private *privateData) string {
	// A failed lookup falls back to the spelling: members.delete takes an email too.
	if id, _ := r.canonical(ctx, space, spelling, private); id != "" {
		return id
	}
	return spelling
}

// isCaller reports whether id is the calling user (apps are never human
// members), and false as its second value, with an error, when the caller
// can't be identified; a failed caller lookup is not repeated per member.
func (r *spaceMembersResource) isCaller(ctx context.Context, space, id string, private *privateData, diags *diag.Diagnostics) (bool, bool) {
	if r.client.AuthMode == chatapi.AuthModeApp {
		return false, true
	}
	if private.caller == "" {
		caller, err := r.client.CallingUser(ctx, space)
		if errors.Is(err, chatapi.ErrCallerAliased) {
			// The answer kept "users/me" (nothing documents which it does):
			// ask about this member instead; the API reads only the caller's
			// read state.
			caller = ""
			var is bool
			if is, err = r.client.IsCallingUser(ctx, space, id); is {
				caller = id
			}
			if err == nil && !is {
				return false, true
			}
		}
		if err != nil {
			glue.AddAPIError(diags, "Unable to Identify the Calling User", "users.spaces.getSpaceReadState (users/me)", err,
				"google_chat_space_members never removes the calling user, so with user credentials it must know who that is. "+
					"Add https://www.googleapis.com/auth/chat.users.readstate.readonly to the provider's scopes, or list "+
					"yourself in managers.")
			return false, false
		}
		private.caller = caller
	}
	return id == private.caller, true
}

// write is Create and Update: they differ only in the prior state and where
// the private state comes from (none yet, or the prior state's). When the
// reconcile fails part way, the plan is not recorded as applied: an update
// keeps the prior state and a create records nothing, so the next plan
// (after its refresh) shows what is still to do.
func (r *spaceMembersResource) write(ctx context.Context, from tfsdk.Plan, timeout timeoutOf, priorState *tfsdk.State,
	prior privateGetter, to privateSetter, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	ctx, cancel, ok := begin(ctx, r.client, from, timeout, diags)
	if !ok {
		return
	}
	defer cancel()
	var plan spaceMembersModel
	diags.Append(from.Get(ctx, &plan)...)
	if diags.HasError() {
		return
	}
	private := loadPrivate(ctx, prior)
	r.reconcile(ctx, plan, &private, diags)
	private.save(ctx, to, diags)
	if diags.HasError() {
		if priorState != nil {
			state.Raw = priorState.Raw
		}
		return
	}
	plan.ID = plan.Space
	diags.Append(state.Set(ctx, &plan)...)
	setIdentity(ctx, identity, "space", plan.Space, diags)
}
