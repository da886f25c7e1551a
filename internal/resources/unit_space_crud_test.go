package resources

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

var uSpaceName = regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+$`)

// uNamedSpace is the configuration of a named space.
func uNamedSpace(h *uHarness, displayName string) spaceModel {
	var c spaceModel
	h.null(&c)
	c.DisplayName = types.StringValue(displayName)
	return c
}

// uNamedSpaceCreated creates a named space: the result, and its state as
// the model to plan the next change from.
func uNamedSpaceCreated(h *uHarness, displayName string) (uResult, spaceModel) {
	h.t.Helper()
	created := h.mustCreate(uNamedSpace(h, displayName))
	return created, uModel[spaceModel](created)
}

// uConfigOf is the configuration that plans to state: state without its
// computed values (the harness's update takes plan and config apart).
func uConfigOf(h *uHarness, state spaceModel) spaceModel {
	c := state
	var null spaceModel
	h.null(&null)
	c.ID, c.Name, c.SpaceURI, c.CreateTime, c.ThreadingState = null.ID, null.Name, null.SpaceURI, null.CreateTime, null.ThreadingState
	c.AdminInstalled, c.ExternalUserAllowed, c.SingleUserBotDm = null.AdminInstalled, null.ExternalUserAllowed, null.SingleUserBotDm
	c.PermissionSettings, c.AccessSettings = null.PermissionSettings, null.AccessSettings
	return c
}

// uPatchMasks are the updateMasks of the emulator's logged spaces.patch calls.
func uPatchMasks(t *testing.T, srv *emulator.Server, rpc string) []string {
	t.Helper()
	var masks []string
	for _, r := range srv.Requests() {
		if r.RPC == rpc {
			q, err := url.ParseQuery(r.Query)
			if err != nil {
				t.Fatal(err)
			}
			masks = append(masks, q.Get("updateMask"))
		}
	}
	return masks
}

func uCount(srv *emulator.Server, rpc string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.RPC == rpc {
			n++
		}
	}
	return n
}

func uEmulatorSpace(t *testing.T, srv *emulator.Server, name string) emulator.SpaceState {
	t.Helper()
	for _, s := range srv.Snapshot().Spaces {
		if s.Space.Name == name {
			return s
		}
	}
	t.Fatalf("%s is not in the emulator", name)
	return emulator.SpaceState{}
}

// uIDs are the users/{id} of seeded users, which app credentials must use
// (the API takes users/{email} only from users). alice looks them up in a
// scratch space of her own.
func uIDs(t *testing.T, env *uEnv, emails ...string) []string {
	t.Helper()
	ctx := context.Background()
	var members []*chat.Membership
	for _, email := range emails {
		members = append(members, &chat.Membership{Member: &chat.User{Name: "users/" + email, Type: "HUMAN"}})
	}
	space, err := env.user.SetUpSpace(ctx, &chat.SetUpSpaceRequest{
		Space: &chat.Space{SpaceType: "SPACE", DisplayName: "ID lookup " + uuid.NewString()}, Memberships: members, RequestId: uuid.NewString()})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, email := range emails {
		m, err := env.user.GetMembership(ctx, space.Name+"/members/"+email)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, m.Member.Name)
	}
	uMust(t, env.user.DeleteSpace(ctx, space.Name))
	return ids
}

func TestUnitSpaceCreate_UserStateMatchesPlanAndReadsBackUnchanged(t *testing.T) {
	env, h := uUserHarness(t, NewSpace())
	config := uNamedSpace(h, "Platform team")
	config.Description, config.Guidelines = types.StringValue("About the platform"), types.StringValue("Be kind")
	config.HistoryState = types.StringValue("HISTORY_OFF")
	config.InitialMembers = convert.StringSet([]string{"users/bob@example.com"})

	created := h.mustCreate(&config)
	got := uModel[spaceModel](created)
	for name, pair := range map[string][2]types.String{
		"display_name": {config.DisplayName, got.DisplayName}, "description": {config.Description, got.Description},
		"guidelines": {config.Guidelines, got.Guidelines}, "history_state": {config.HistoryState, got.HistoryState},
		"space_type": {types.StringValue("SPACE"), got.SpaceType}, "deletion_policy": {types.StringValue("DELETE"), got.DeletionPolicy},
		"id": {got.Name, got.ID}, "threading_state": {types.StringValue("THREADED_MESSAGES"), got.ThreadingState},
	} {
		if !pair[0].Equal(pair[1]) {
			t.Errorf("%s = %v, want %v", name, pair[1], pair[0])
		}
	}
	if !got.InitialMembers.Equal(config.InitialMembers) {
		t.Errorf("initial_members = %v", got.InitialMembers)
	}
	if !uSpaceName.MatchString(got.Name.ValueString()) || got.SpaceURI.IsNull() || got.CreateTime.IsNull() {
		t.Errorf("name %v, space_uri %v, create_time %v", got.Name, got.SpaceURI, got.CreateTime)
	}
	if !convert.Known(got.PermissionSettings) || got.AccessSettings.Attributes()["access_state"].(types.String).ValueString() != "PRIVATE" {
		t.Errorf("permission_settings %v, access_settings %v", got.PermissionSettings, got.AccessSettings)
	}
	if id := created.identityOf("name"); id != got.Name.ValueString() {
		t.Errorf("identity name = %q, want %q", id, got.Name.ValueString())
	}
	if _, err := env.user.GetMembership(context.Background(), got.Name.ValueString()+"/members/bob@example.com"); err != nil {
		t.Errorf("bob was not added: %v", err)
	}
	if n := uCount(env.srv, "chat.spaces.setup"); n != 1 {
		t.Errorf("%d spaces.setup calls, want 1", n)
	}

	uWantNoDrift(t, h, created)
}

func TestUnitSpaceCreate_AppAddsMembersThenSetsConfiguredPermissions(t *testing.T) {
	env, h := uAppHarness(t, NewSpace())
	config := uNamedSpace(h, "App space")
	config.InitialMembers = convert.StringSet(uIDs(t, env, "bob@example.com", "carol@example.com"))
	config.PermissionSettings = uPermissions(map[string]types.Object{"manage_apps": uSetting(true, false, false)})

	created := h.mustCreate(&config)
	got := uModel[spaceModel](created)
	manageApps := got.PermissionSettings.Attributes()["manage_apps"]
	if !manageApps.Equal(uSetting(true, false, false)) {
		t.Errorf("manage_apps = %v, want the configured setting", manageApps)
	}
	if other := got.PermissionSettings.Attributes()["toggle_history"]; !convert.Known(other.(types.Object)) {
		t.Errorf("unconfigured toggle_history = %v, want the API's value", other)
	}
	space := uEmulatorSpace(t, env.srv, got.Name.ValueString())
	if len(space.Memberships) != 3 { // the app, bob, carol
		t.Errorf("%d memberships, want 3: %+v", len(space.Memberships), space.Memberships)
	}
	if ps := space.Space.PermissionSettings.ManageApps; ps.AssistantManagersAllowed || !ps.ManagersAllowed {
		t.Errorf("emulator manage_apps = %+v", ps)
	}
	uWantMasks(t, env.srv, "chat.spaces.patch", "permission_settings.manageApps")
	for _, r := range env.srv.Requests() {
		if r.RPC == "chat.spaces.create" && !strings.Contains(r.Body, "customers/my_customer") {
			t.Errorf("spaces.create without the provider's customer: %s", r.Body)
		}
	}
}

func TestUnitSpaceCreate_DuplicateDisplayNameFailsWithAdvice(t *testing.T) {
	_, h := uUserHarness(t, NewSpace())
	config := uNamedSpace(h, "Taken")
	h.mustCreate(&config)
	res := h.create(&config)
	uWantError(t, res.diags, nil, "already uses this display_name")
	uWantError(t, res.diags, nil, "Unable to Create Chat Space")
	if !res.removed() {
		t.Error("a failed create left state")
	}
}

func TestUnitSpaceCreate_InitialMemberFailureKeepsTheSpaceInState(t *testing.T) {
	_, h := uAppHarness(t, NewSpace())
	config := uNamedSpace(h, "Half made")
	config.InitialMembers = convert.StringSet([]string{"users/123456"})
	res := h.create(&config)
	uWantError(t, res.diags, uRoot("initial_members"), "Unable to Add Initial Member")
	got := uModel[spaceModel](res) // saved before the member call, so Terraform taints instead of orphaning it
	if !uSpaceName.MatchString(got.Name.ValueString()) {
		t.Errorf("name = %v", got.Name)
	}
}

func TestUnitSpaceCreate_LostAnswersAdoptTheSpaceOnce(t *testing.T) {
	env, h := uUserHarness(t, NewSpace())
	// Both attempts commit (the second is a replay) and answer 503.
	env.fault(t, emulator.FaultRule{RPC: "chat.spaces.setup", CommitThenFail: true, Count: 2})
	config := uNamedSpace(h, "Lost answer")
	created := h.mustCreate(&config)
	got := uModel[spaceModel](created)
	if live := env.srv.LiveSpaces(); len(live) != 1 || live[0] != got.Name.ValueString() {
		t.Errorf("live spaces %v, state %v", live, got.Name)
	}
	if got.SpaceURI.IsNull() {
		t.Error("adopted space has no space_uri")
	}
}

func TestUnitSpaceCreate_LostAnswersAdoptTheDirectMessage(t *testing.T) {
	env, h := uUserHarness(t, NewSpace())
	env.fault(t, emulator.FaultRule{RPC: "chat.spaces.setup", CommitThenFail: true, Count: 2})
	var config spaceModel
	h.null(&config)
	uDM(&config)
	created := h.mustCreate(&config)
	got := uModel[spaceModel](created)
	if got.SpaceType.ValueString() != convert.SpaceTypeDM || len(env.srv.LiveSpaces()) != 1 {
		t.Errorf("space_type %v, live %v", got.SpaceType, env.srv.LiveSpaces())
	}
}

func TestUnitSpaceCreate_GroupChatWithLostAnswersFails(t *testing.T) {
	// A group chat has nothing to find it by: the error is reported.
	env, h := uUserHarness(t, NewSpace())
	env.fault(t, emulator.FaultRule{RPC: "chat.spaces.setup", Status: 503, Count: 2})
	var config spaceModel
	h.null(&config)
	uGroupChat(&config)
	uWantError(t, h.create(&config).diags, nil, "spaces.setup failed")
}

func TestUnitSpaceCreate_TimeoutsAreParsed(t *testing.T) {
	env, h := uUserHarness(t, NewSpace())
	config := uNamedSpace(h, "Timed")
	config.Timeouts.Object = types.ObjectValueMust(config.Timeouts.AttributeTypes(context.Background()), map[string]attr.Value{
		"create": types.StringValue("soon"), "update": types.StringNull(), "delete": types.StringNull(),
	})
	res := h.create(&config)
	uWantError(t, res.diags, nil, "soon")
	if len(env.srv.LiveSpaces()) != 0 {
		t.Error("a create with a bad timeout called the API")
	}
	config.Timeouts.Object = types.ObjectValueMust(config.Timeouts.AttributeTypes(context.Background()), map[string]attr.Value{
		"create": types.StringValue("1m"), "update": types.StringNull(), "delete": types.StringNull(),
	})
	h.mustCreate(&config)
}

func TestUnitSpaceUpdate_RenamesInPlace(t *testing.T) {
	env, h := uUserHarness(t, NewSpace())
	config := uNamedSpace(h, "Before")
	created := h.mustCreate(&config)
	plan := uModel[spaceModel](created)
	name := plan.Name.ValueString()
	plan.DisplayName = types.StringValue("After")

	updated := h.mustUpdate(created, &plan, uConfigOf(h, plan))
	got := uModel[spaceModel](updated)
	if got.DisplayName.ValueString() != "After" || got.Name.ValueString() != name {
		t.Errorf("display_name %v name %v", got.DisplayName, got.Name)
	}
	if s := uEmulatorSpace(t, env.srv, name); s.Space.DisplayName != "After" {
		t.Errorf("emulator display name = %q", s.Space.DisplayName)
	}
	uWantMasks(t, env.srv, "chat.spaces.patch", "display_name")
}

func TestUnitSpaceUpdate_HistoryAndPermissionsGoInRequestsOfTheirOwn(t *testing.T) {
	env, h := uUserHarness(t, NewSpace())
	created, plan := uNamedSpaceCreated(h, "Settings")
	plan.Description = types.StringValue("Now with a description")
	plan.HistoryState = types.StringValue("HISTORY_OFF")
	plan.DeletionPolicy = types.StringValue(deletionAbandon)
	config := uConfigOf(h, plan)
	config.PermissionSettings = uPermissions(map[string]types.Object{"toggle_history": uSetting(true, false, false)})

	updated := h.mustUpdate(created, &plan, &config)
	uWantMasks(t, env.srv, "chat.spaces.patch", "space_details", "space_history_state", "permission_settings.toggleHistory")
	got := uModel[spaceModel](updated)
	if got.HistoryState.ValueString() != "HISTORY_OFF" || got.Description.ValueString() != "Now with a description" {
		t.Errorf("history %v description %v", got.HistoryState, got.Description)
	}
	if th := got.PermissionSettings.Attributes()["toggle_history"]; !th.Equal(uSetting(true, false, false)) {
		t.Errorf("toggle_history = %v", th)
	}
	if got.DeletionPolicy.ValueString() != deletionAbandon {
		t.Errorf("deletion_policy = %v, want the planned ABANDON", got.DeletionPolicy)
	}
}

func TestUnitSpaceUpdate_FailureKeepsWhatChanged(t *testing.T) {
	env, h := uUserHarness(t, NewSpace())
	created, plan := uNamedSpaceCreated(h, "Partial")
	plan.DisplayName = types.StringValue("Partial renamed")
	plan.HistoryState = types.StringValue("HISTORY_OFF")
	// The second patch (history) is refused.
	env.fault(t, emulator.FaultRule{RPC: "chat.spaces.patch", Status: 403, Every: 2})
	updated := h.update(created, &plan, uConfigOf(h, plan))
	uWantError(t, updated.diags, uRoot("history_state"), "updateMask space_history_state")
	uWantError(t, updated.diags, nil, "permission settings need a space manager")
	got := uModel[spaceModel](updated)
	if got.DisplayName.ValueString() != "Partial renamed" || got.HistoryState.ValueString() != "HISTORY_ON" {
		t.Errorf("display_name %v history %v: want the rename kept and the history not", got.DisplayName, got.HistoryState)
	}
}

func TestUnitSpaceUpdate_DuplicateNameAdvice(t *testing.T) {
	_, h := uUserHarness(t, NewSpace())
	h.mustCreate(uNamedSpace(h, "First"))
	created, plan := uNamedSpaceCreated(h, "Second")
	plan.DisplayName = types.StringValue("First")
	uWantError(t, h.update(created, &plan, uConfigOf(h, plan)).diags, uRoot("display_name"), "already uses this display_name; choose another")
}

func TestUnitSpaceUpdate_PromotesGroupChatToSpace(t *testing.T) {
	env, h := uUserHarness(t, NewSpace())
	var config spaceModel
	h.null(&config)
	uGroupChat(&config)
	created := h.mustCreate(&config)
	plan := uModel[spaceModel](created)
	if plan.SpaceType.ValueString() != convert.SpaceTypeGroupChat || !plan.DisplayName.IsNull() {
		t.Fatalf("created %v %v", plan.SpaceType, plan.DisplayName)
	}
	// As ModifyPlan plans a promotion: the new settings are known after apply.
	plan.SpaceType, plan.DisplayName = types.StringValue(convert.SpaceTypeSpace), types.StringValue("Promoted")
	plan.PermissionSettings = types.ObjectUnknown(convert.PermissionsAttrTypes())
	plan.AccessSettings = types.ObjectUnknown(convert.AccessAttrTypes)

	updated := h.mustUpdate(created, &plan, uConfigOf(h, plan))
	got := uModel[spaceModel](updated)
	if got.SpaceType.ValueString() != convert.SpaceTypeSpace || got.DisplayName.ValueString() != "Promoted" {
		t.Errorf("space_type %v display_name %v", got.SpaceType, got.DisplayName)
	}
	if got.PermissionSettings.IsUnknown() || got.AccessSettings.IsUnknown() {
		t.Error("unknown values left in state after apply")
	}
	uWantMasks(t, env.srv, "chat.spaces.patch", "space_type,display_name")
}

func TestUnitSpaceRead_DeletedOutOfBandIsRemovedWithWarning(t *testing.T) {
	env, h := uUserHarness(t, NewSpace())
	created := h.mustCreate(uNamedSpace(h, "Gone"))
	state := uModel[spaceModel](created)
	uMust(t, env.user.DeleteSpace(context.Background(), state.Name.ValueString()))
	uWantReadRemoves(t, h, created, "Chat Space Not Found")
}

func TestUnitSpaceRead_OtherErrorsAreReported(t *testing.T) {
	env, h := uUserHarness(t, NewSpace())
	created := h.mustCreate(uNamedSpace(h, "Flaky"))
	uWantRefusedRead(t, env, h, created, "chat.spaces.get", "Unable to Read Chat Space")
}

func TestUnitSpaceDelete(t *testing.T) {
	env, h := uUserHarness(t, NewSpace())
	created := h.mustCreate(uNamedSpace(h, "To delete"))
	state := uModel[spaceModel](created)

	uNoErrors(t, "Delete", h.delete(created))
	if s := uEmulatorSpace(t, env.srv, state.Name.ValueString()); !s.Deleted {
		t.Error("the space was not deleted")
	}
	// Deleting again (already gone) is not an error.
	diags := h.delete(created)
	uNoErrors(t, "Delete of a deleted space", diags)
	if len(diags) != 0 {
		t.Errorf("diagnostics: %v", diags)
	}
}

func TestUnitSpaceDelete_AbandonLeavesTheSpace(t *testing.T) {
	env, h := uUserHarness(t, NewSpace())
	config := uNamedSpace(h, "Abandoned")
	config.DeletionPolicy = types.StringValue(deletionAbandon)
	created := h.mustCreate(&config)
	uNoErrors(t, "Delete", h.delete(created))
	if live := env.srv.LiveSpaces(); len(live) != 1 {
		t.Errorf("live spaces = %v", live)
	}
	if n := uCount(env.srv, "chat.spaces.delete"); n != 0 {
		t.Errorf("%d spaces.delete calls", n)
	}
}

func TestUnitSpaceDelete_GroupChatTheAPIKeepsIsAWarning(t *testing.T) {
	_, h := uUserHarness(t, NewSpace())
	var config spaceModel
	h.null(&config)
	uGroupChat(&config)
	created := h.mustCreate(&config)
	diags := h.delete(created)
	uNoErrors(t, "Delete", diags)
	uWantWarning(t, diags, nil, "Chat Space Not Deleted")
}

func TestUnitSpaceDelete_RefusedIsAnError(t *testing.T) {
	env, h := uUserHarness(t, NewSpace())
	config := uNamedSpace(h, "Alice's")
	config.InitialMembers = convert.StringSet([]string{"users/bob@example.com"})
	created := h.mustCreate(&config)
	bob := newUHarness(t, NewSpace(), uClient(t, env.srv, "user:bob@example.com", chatapi.AuthModeUser))
	uWantError(t, bob.delete(created), nil, "Unable to Delete Chat Space")
	if len(env.srv.LiveSpaces()) != 1 {
		t.Error("bob deleted alice's space")
	}
}

func TestUnitSpaceImportState(t *testing.T) {
	_, h := uUserHarness(t, NewSpace())
	for _, id := range []string{"spaces/AAAA_b-1", "AAAA_b-1"} {
		t.Run(id, func(t *testing.T) {
			res := h.importState(id)
			uNoErrors(t, "ImportState", res.diags)
			got := uModel[spaceModel](res)
			if got.Name.ValueString() != "spaces/AAAA_b-1" || got.ID.ValueString() != "spaces/AAAA_b-1" || got.DeletionPolicy.ValueString() != deletionDelete {
				t.Errorf("name %v id %v deletion_policy %v", got.Name, got.ID, got.DeletionPolicy)
			}
		})
	}
	for _, id := range []string{"", "spaces/", "spaces/a/b", "rooms/AAAA", "spaces/AA AA"} {
		t.Run("bad "+id, func(t *testing.T) {
			uWantError(t, h.importState(id).diags, nil, "Invalid Import ID")
		})
	}
}

func TestUnitSpaceImportState_ThenReadFillsEverything(t *testing.T) {
	env := newUEnv(t)
	space, err := env.user.SetUpSpace(context.Background(), &chat.SetUpSpaceRequest{
		Space: &chat.Space{SpaceType: "SPACE", DisplayName: "Existing", SpaceDetails: &chat.SpaceDetails{Description: "d"}}, RequestId: uuid.NewString()})
	if err != nil {
		t.Fatal(err)
	}
	h := newUHarness(t, NewSpace(), env.user)
	imported := h.importByIdentity(space.Name)
	uNoErrors(t, "ImportState", imported.diags)
	read := h.read(imported)
	uNoErrors(t, "Read", read.diags)
	got := uModel[spaceModel](read)
	if got.DisplayName.ValueString() != "Existing" || got.Description.ValueString() != "d" || got.SpaceType.ValueString() != "SPACE" {
		t.Errorf("display_name %v description %v space_type %v", got.DisplayName, got.Description, got.SpaceType)
	}
	if !convert.Known(got.PermissionSettings) || got.SpaceURI.ValueString() != space.SpaceUri {
		t.Errorf("permission_settings %v space_uri %v", got.PermissionSettings, got.SpaceURI)
	}
	if read.identityOf("name") != space.Name {
		t.Errorf("identity = %q", read.identityOf("name"))
	}
}

func TestUnitSpace_UnconfiguredProviderCantCallTheAPI(t *testing.T) {
	h := newUHarness(t, NewSpace(), nil)
	config := uNamedSpace(h, "x")
	uWantError(t, h.create(&config).diags, nil, "Provider Not Configured")
	state := config
	state.Name = types.StringValue("spaces/x")
	uWantError(t, h.read(&state).diags, nil, "Provider Not Configured")
	uWantError(t, h.delete(&state), nil, "Provider Not Configured")
}

func TestUnitResources_MetadataAndConfigure(t *testing.T) {
	for want, r := range map[string]resource.Resource{
		"google_chat_space": NewSpace(), "google_chat_message": NewMessage(),
		"google_chat_membership": NewMembership(), "google_chat_space_members": NewSpaceMembers(),
	} {
		t.Run(want, func(t *testing.T) {
			var meta resource.MetadataResponse
			r.Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "googlechat"}, &meta)
			if meta.TypeName != want {
				t.Errorf("TypeName = %q", meta.TypeName)
			}
			configurable := r.(resource.ResourceWithConfigure)
			var resp resource.ConfigureResponse
			configurable.Configure(context.Background(), resource.ConfigureRequest{ProviderData: "not a client"}, &resp)
			uWantError(t, resp.Diagnostics, nil, "Unexpected Provider Data")
			resp = resource.ConfigureResponse{}
			configurable.Configure(context.Background(), resource.ConfigureRequest{}, &resp)
			uNoErrors(t, "Configure before the provider is", resp.Diagnostics)
			_ = newUHarness(t, r, nil) // the schema is valid
		})
	}
}

// An imported space records no import_mode (the answer after completion
// says false): applying the configuration's import_mode = true records it
// in place, as planned.
func TestUnitSpaceUpdate_RecordsImportModeAfterImport(t *testing.T) {
	_, h := uUserHarness(t, NewSpace())
	created, plan := uNamedSpaceCreated(h, "Migrated")
	plan.ImportMode, plan.ImportComplete = types.BoolValue(true), types.BoolValue(true)
	prior := uModel[spaceModel](created)
	prior.ImportComplete = types.BoolValue(true) // nothing to complete: only the records differ
	created.state = h.state(prior)
	got := uModel[spaceModel](h.mustUpdate(created, &plan, uConfigOf(h, plan)))
	if !got.ImportMode.ValueBool() || !got.ImportComplete.ValueBool() {
		t.Errorf("import_mode %v, import_complete %v: want both recorded as planned", got.ImportMode, got.ImportComplete)
	}
}
