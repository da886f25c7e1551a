package resources

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

var (
	_ resource.Resource                   = (*spaceMembersResource)(nil)
	_ resource.ResourceWithConfigure      = (*spaceMembersResource)(nil)
	_ resource.ResourceWithImportState    = (*spaceMembersResource)(nil)
	_ resource.ResourceWithValidateConfig = (*spaceMembersResource)(nil)
)

// NewSpaceMembers is the authoritative google_chat_space_members resource.
func NewSpaceMembers() resource.Resource { return &spaceMembersResource{} }

type spaceMembersResource struct {
	client *chatapi.Client
}

type spaceMembersModel struct {
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
	ID                types.String   `tfsdk:"id"`
	Space             types.String   `tfsdk:"space"`
	Members           types.Set      `tfsdk:"members"`
	Managers          types.Set      `tfsdk:"managers"`
	AssistantManagers types.Set      `tfsdk:"assistant_managers"`
}

// roleSets pairs each role with its attribute, in the order changes are made.
var roleSets = []struct{ role, attribute string }{
	{roleManager, "managers"}, {roleAssistantManager, "assistant_managers"}, {roleMember, "members"},
}

// Private state keys: spelling -> users/{id}, and the calling user.
const (
	privateAliases = "aliases"
	privateCaller  = "caller"
)

func (r *spaceMembersResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "google_chat_space_members"
}

func (r *spaceMembersResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	userSet := func(description string) schema.SetAttribute {
		return schema.SetAttribute{
			ElementType: types.StringType,
			Optional:    true,
			MarkdownDescription: description + " `users/{id}` or `users/{email}`; the value stays as written. Unset means " +
				"nobody with this role.",
			Validators: []validator.Set{setvalidator.ValueStringsAre(
				stringvalidator.RegexMatches(userNamePattern, "must be users/{id or email}"), stringvalidator.NoneOf(callingApp))},
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
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true})},
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "Same as `space`.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"space": schema.StringAttribute{
				Required: true, MarkdownDescription: "The space, `spaces/{space}`. Changing it replaces the resource.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{stringvalidator.RegexMatches(spaceNamePattern, "must be spaces/{space}")},
			},
			"members":            userSet("Members with `ROLE_MEMBER`."),
			"managers":           userSet("Space owners, `ROLE_MANAGER` (named spaces only)."),
			"assistant_managers": userSet("Space managers, `ROLE_ASSISTANT_MANAGER` (named spaces only)."),
		},
	}
}

func (r *spaceMembersResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *spaceMembersResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config spaceMembersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	seen := map[string]string{}
	for _, set := range roleSets {
		for _, user := range setValues(ctx, config.attribute(set.attribute), &resp.Diagnostics) {
			if other, dup := seen[strings.ToLower(user)]; dup {
				resp.Diagnostics.AddAttributeError(path.Root(set.attribute), "Member Listed Twice",
					fmt.Sprintf("%s is in both %s and %s; a member has one role.", user, other, set.attribute))
			}
			seen[strings.ToLower(user)] = set.attribute
		}
	}
}

// privateData is what the resource remembers between runs.
type privateData struct {
	aliases map[string]string // spelling -> users/{id}
	caller  string            // users/{id} of the calling user, once known
}

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

func loadPrivate(ctx context.Context, from privateGetter) privateData {
	data := privateData{aliases: map[string]string{}}
	if from == nil {
		return data
	}
	if raw, _ := from.GetKey(ctx, privateAliases); len(raw) > 0 {
		_ = json.Unmarshal(raw, &data.aliases)
	}
	if raw, _ := from.GetKey(ctx, privateCaller); len(raw) > 0 {
		_ = json.Unmarshal(raw, &data.caller)
	}
	return data
}

func (p privateData) save(ctx context.Context, to privateSetter, diags *diag.Diagnostics) {
	raw, _ := json.Marshal(p.aliases)
	diags.Append(to.SetKey(ctx, privateAliases, raw)...)
	if p.caller != "" {
		caller, _ := json.Marshal(p.caller)
		diags.Append(to.SetKey(ctx, privateCaller, caller)...)
	}
}

func (r *spaceMembersResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel, ok := begin(ctx, r.client, req.Plan, timeouts.Value.Create, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var plan spaceMembersModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	private := loadPrivate(ctx, nil)
	r.reconcile(ctx, plan, &private, &resp.Diagnostics)
	private.save(ctx, resp.Private, &resp.Diagnostics)
	plan.ID = plan.Space
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *spaceMembersResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel, ok := begin(ctx, r.client, req.Plan, timeouts.Value.Update, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var plan spaceMembersModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	private := loadPrivate(ctx, req.Private)
	r.reconcile(ctx, plan, &private, &resp.Diagnostics)
	private.save(ctx, resp.Private, &resp.Diagnostics)
	plan.ID = plan.Space
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *spaceMembersResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !configured(r.client, &resp.Diagnostics) {
		return
	}
	var state spaceMembersModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
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
		addAPIError(&resp.Diagnostics, "Unable to List Chat Members", "spaces.members.list", err, "")
		return
	}
	covered := map[string]bool{}
	for _, set := range roleSets {
		var keep []string
		for _, spelling := range setValues(ctx, state.attribute(set.attribute), &resp.Diagnostics) {
			id := r.canonical(ctx, space, spelling, &private)
			if id != "" && actual[id] == set.role {
				keep = append(keep, spelling)
				covered[id] = true
			}
		}
		state.setAttribute(set.attribute, keep)
	}
	// Members nobody listed show up as drift (the plan removes them), except
	// the calling user.
	for id, role := range actual {
		if covered[id] {
			continue
		}
		if r.isCaller(ctx, space, id, &private, &resp.Diagnostics) {
			continue
		}
		attribute := attributeFor(role)
		state.setAttribute(attribute, append(setValues(ctx, state.attribute(attribute), &resp.Diagnostics), id))
	}
	private.save(ctx, resp.Private, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *spaceMembersResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel, ok := begin(ctx, r.client, req.State, timeouts.Value.Delete, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	var state spaceMembersModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	space := state.Space.ValueString()
	private := loadPrivate(ctx, req.Private)
	for _, set := range roleSets {
		for _, spelling := range setValues(ctx, state.attribute(set.attribute), &resp.Diagnostics) {
			key := strings.TrimPrefix(r.canonicalOr(ctx, space, spelling, &private), "users/")
			if err := r.client.DeleteMembership(ctx, space+"/members/"+key); err != nil && !chatapi.IsNotFound(err) {
				addAPIError(&resp.Diagnostics, "Unable to Remove Chat Member", "spaces.members.delete", err, membershipAdvice(err))
				return
			}
		}
	}
}

func (r *spaceMembersResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !spaceNamePattern.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("%q is not a space name; import with: terraform import google_chat_space_members.NAME spaces/{space}", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("space"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

// reconcile makes the space's human members match plan: additions first,
// then role changes, then removals, so the space never loses its managers early.
func (r *spaceMembersResource) reconcile(ctx context.Context, plan spaceMembersModel, private *privateData, diags *diag.Diagnostics) {
	space := plan.Space.ValueString()
	actual, err := r.humanMembers(ctx, space)
	if err != nil {
		addAPIError(diags, "Unable to List Chat Members", "spaces.members.list", err, "")
		return
	}
	wanted := map[string]bool{}
	var changes []func() error
	for _, set := range roleSets {
		for _, spelling := range setValues(ctx, plan.attribute(set.attribute), diags) {
			id := r.canonical(ctx, space, spelling, private)
			role, present := actual[id]
			switch {
			case id == "" || !present:
				r.add(ctx, space, spelling, set.role, private, diags)
				if diags.HasError() {
					return
				}
				id = private.aliases[spelling]
			case role != set.role:
				name, role := space+"/members/"+strings.TrimPrefix(id, "users/"), set.role
				changes = append(changes, func() error { _, err := r.client.PatchMembership(ctx, name, role); return err })
			}
			wanted[id] = true
		}
	}
	for _, change := range changes {
		if err := change(); err != nil {
			addAPIError(diags, "Unable to Change Chat Member Role", "spaces.members.patch", err, membershipAdvice(err))
			return
		}
	}
	for _, id := range sortedIDs(actual) {
		if wanted[id] || r.isCaller(ctx, space, id, private, diags) {
			continue
		}
		if diags.HasError() {
			return
		}
		if err := r.client.DeleteMembership(ctx, space+"/members/"+strings.TrimPrefix(id, "users/")); err != nil && !chatapi.IsNotFound(err) {
			addAPIError(diags, "Unable to Remove Chat Member", "spaces.members.delete", err, membershipAdvice(err))
			return
		}
	}
}

// add creates a membership and sets its role; an ALREADY_EXISTS after an
// ambiguous attempt is our own membership.
func (r *spaceMembersResource) add(ctx context.Context, space, spelling, role string, private *privateData, diags *diag.Diagnostics) {
	attemptCtx, attempts := chatapi.WithAttemptLog(ctx)
	out, err := r.client.CreateMembership(attemptCtx, space, &chat.Membership{Member: &chat.User{Name: spelling, Type: "HUMAN"}})
	if err != nil && attempts.Uncertain() {
		// An attempt may have added the member before its answer was lost.
		if found, getErr := r.client.GetMembership(ctx, space+"/members/"+strings.TrimPrefix(spelling, "users/")); getErr == nil {
			out, err = found, nil
		}
	}
	if err != nil {
		addAPIError(diags, "Unable to Add Chat Member", "spaces.members.create", err, membershipAdvice(err))
		return
	}
	private.aliases[spelling] = out.Member.Name
	if role != roleMember && out.Role != role {
		if _, err := r.client.PatchMembership(ctx, out.Name, role); err != nil {
			addAPIError(diags, "Unable to Set Chat Member Role", "spaces.members.patch", err, membershipAdvice(err))
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
// the remembered aliases or a lookup; "" for an email that is not a member.
func (r *spaceMembersResource) canonical(ctx context.Context, space, spelling string, private *privateData) string {
	if !strings.Contains(spelling, "@") {
		return spelling
	}
	if id, ok := private.aliases[spelling]; ok {
		return id
	}
	m, err := r.client.GetMembership(ctx, space+"/members/"+strings.TrimPrefix(spelling, "users/"))
	if err != nil || m.Member == nil {
		return ""
	}
	private.aliases[spelling] = m.Member.Name
	return m.Member.Name
}

func (r *spaceMembersResource) canonicalOr(ctx context.Context, space, spelling string, private *privateData) string {
	if id := r.canonical(ctx, space, spelling, private); id != "" {
		return id
	}
	return spelling
}

// isCaller reports whether id is the calling user; apps are never human members.
func (r *spaceMembersResource) isCaller(ctx context.Context, space, id string, private *privateData, diags *diag.Diagnostics) bool {
	if r.client.AuthMode == chatapi.AuthModeApp {
		return false
	}
	if private.caller == "" {
		caller, err := r.client.CallingUser(ctx, space)
		if err != nil {
			addAPIError(diags, "Unable to Identify the Calling User", "users.spaces.getSpaceReadState (users/me)", err,
				"google_chat_space_members never removes the calling user, so with user credentials it must know who that is. "+
					"Add https://www.googleapis.com/auth/chat.users.readstate.readonly to the provider's scopes, or list "+
					"yourself in managers.")
			return true
		}
		private.caller = caller
	}
	return id == private.caller
}

func attributeFor(role string) string {
	for _, set := range roleSets {
		if set.role == role {
			return set.attribute
		}
	}
	return "members"
}

func (m *spaceMembersModel) attribute(name string) types.Set {
	switch name {
	case "managers":
		return m.Managers
	case "assistant_managers":
		return m.AssistantManagers
	}
	return m.Members
}

// setAttribute stores values, keeping null for an empty set that was null.
func (m *spaceMembersModel) setAttribute(name string, values []string) {
	current := m.attribute(name)
	value := types.SetNull(types.StringType)
	if len(values) > 0 || !current.IsNull() {
		value = stringSet(values)
	}
	switch name {
	case "managers":
		m.Managers = value
	case "assistant_managers":
		m.AssistantManagers = value
	default:
		m.Members = value
	}
}

func setValues(ctx context.Context, set types.Set, diags *diag.Diagnostics) []string {
	if set.IsNull() || set.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(set.ElementsAs(ctx, &out, false)...)
	return out
}

func stringSet(values []string) types.Set {
	elements := make([]attrValue, len(values))
	for i, v := range values {
		elements[i] = types.StringValue(v)
	}
	return types.SetValueMust(types.StringType, elements)
}

func sortedIDs(m map[string]string) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
