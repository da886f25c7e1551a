package resources

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

func uMembersConfig(h *uHarness, space string, members, managers, assistants []string) spaceMembersModel {
	var c spaceMembersModel
	h.null(&c)
	c.Space = types.StringValue(space)
	for attribute, values := range map[string][]string{"members": members, "managers": managers, "assistant_managers": assistants} {
		if values != nil {
			c.setAttribute(attribute, values)
		}
	}
	return c
}

// uRoles maps each human member of space (by email) to its role.
func uRoles(t *testing.T, env *uEnv, space string) map[string]string {
	t.Helper()
	list, err := env.user.ListMemberships(context.Background(), space, `member.type = "HUMAN"`, false, true)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, m := range list {
		out[uEmailOf(t, env, space, m.Member.Name)] = m.Role
	}
	return out
}

// uUserID is users/{id} of a seeded user, as the API names members.
func uUserID(t *testing.T, env *uEnv, space, email string) string {
	t.Helper()
	m, err := env.user.GetMembership(context.Background(), space+"/members/"+email)
	if err != nil {
		t.Fatalf("%s in %s: %v", email, space, err)
	}
	return m.Member.Name
}

func uEmailOf(t *testing.T, env *uEnv, space, id string) string {
	t.Helper()
	for _, email := range emulator.DefaultUsers {
		if m, err := env.user.GetMembership(context.Background(), space+"/members/"+email); err == nil && m.Member.Name == id {
			return email
		}
	}
	return id
}

func uStrings(t *testing.T, set types.Set) []string {
	t.Helper()
	var out []string
	if !set.IsNull() {
		if diags := set.ElementsAs(context.Background(), &out, false); diags.HasError() {
			t.Fatal(diags)
		}
	}
	slices.Sort(out)
	return out
}

func TestUnitSpaceMembersCreate_AddsSetsRolesAndRemovesTheUnlisted(t *testing.T) {
	env, space, h := uUserFixture(t, NewSpaceMembers(), "Roster", "users/bob@example.com", "users/carol@example.com")
	config := uMembersConfig(h, space, []string{"users/carol@example.com", "users/dave@example.com"}, []string{"users/erin@example.com"}, nil)

	created := h.mustCreate(&config)
	got := uModel[spaceMembersModel](created)
	if got.ID.ValueString() != space || !got.Members.Equal(config.Members) || !got.Managers.Equal(config.Managers) || !got.AssistantManagers.IsNull() {
		t.Errorf("state = %+v", got)
	}
	want := map[string]string{
		"alice@example.com": convert.RoleManager, // the caller stays
		"carol@example.com": convert.RoleMember, "dave@example.com": convert.RoleMember, "erin@example.com": convert.RoleManager,
	}
	if roles := uRoles(t, env, space); !mapsEqual(roles, want) {
		t.Errorf("roles = %v, want %v", roles, want)
	}
	if created.identityOf("space") != space {
		t.Errorf("identity = %q", created.identityOf("space"))
	}

	uWantNoDrift(t, h, created)
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestUnitSpaceMembersUpdate_AddsThenChangesRolesThenRemoves(t *testing.T) {
	env, space, h := uUserFixture(t, NewSpaceMembers(), "Reshuffle")
	created := h.mustCreate(uMembersConfig(h, space, []string{"users/bob@example.com", "users/carol@example.com"}, []string{"users/dave@example.com"}, nil))
	env.srv.ClearRequests()

	plan := uMembersConfig(h, space, []string{"users/carol@example.com", "users/frank@example.com"}, nil, []string{"users/dave@example.com"})
	plan.ID = types.StringValue(space)
	updated := h.mustUpdate(created, &plan, &plan)
	want := map[string]string{
		"alice@example.com": convert.RoleManager, "carol@example.com": convert.RoleMember,
		"frank@example.com": convert.RoleMember, "dave@example.com": convert.RoleAssistantManager,
	}
	if roles := uRoles(t, env, space); !mapsEqual(roles, want) {
		t.Errorf("roles = %v, want %v", roles, want)
	}
	var writes []string
	for _, r := range env.srv.Requests() {
		if r.IsWrite() {
			writes = append(writes, r.RPC)
		}
	}
	wantOrder := []string{"chat.spaces.members.create", "chat.spaces.members.patch", "chat.spaces.members.delete"}
	if !slices.Equal(writes, wantOrder) {
		t.Errorf("writes = %v, want %v", writes, wantOrder)
	}
	got := uModel[spaceMembersModel](updated)
	if !got.Members.Equal(plan.Members) || !got.AssistantManagers.Equal(plan.AssistantManagers) || !got.Managers.IsNull() {
		t.Errorf("state = %+v", got)
	}
}

func TestUnitSpaceMembersUpdate_RemovingEveryoneKeepsTheCaller(t *testing.T) {
	env, space, h := uUserFixture(t, NewSpaceMembers(), "Empty", "users/bob@example.com")
	created := h.mustCreate(uMembersConfig(h, space, []string{"users/bob@example.com"}, nil, nil))
	plan := uMembersConfig(h, space, nil, nil, nil)
	uNoErrors(t, "Update", h.update(created, &plan, &plan).diags)
	if roles := uRoles(t, env, space); !mapsEqual(roles, map[string]string{"alice@example.com": convert.RoleManager}) {
		t.Errorf("roles = %v", roles)
	}
}

func TestUnitSpaceMembersRead_UnlistedAndChangedMembersShowAsDrift(t *testing.T) {
	env, space, h := uUserFixture(t, NewSpaceMembers(), "Drift")
	created := h.mustCreate(uMembersConfig(h, space, []string{"users/bob@example.com", "users/carol@example.com"}, nil, nil))
	ctx := context.Background()
	if _, err := env.user.CreateMembership(ctx, space, &chat.Membership{Member: &chat.User{Name: "users/frank@example.com", Type: "HUMAN"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.user.PatchMembership(ctx, space+"/members/carol@example.com", convert.RoleManager); err != nil {
		t.Fatal(err)
	}
	read := h.read(created)
	uNoErrors(t, "Read", read.diags)
	got := uModel[spaceMembersModel](read)
	// frank, whom nobody listed, shows by ID; carol, now a manager, keeps the
	// spelling the configuration knows her by; alice, the caller, is left out.
	wantMembers := []string{"users/bob@example.com", uUserID(t, env, space, "frank@example.com")}
	slices.Sort(wantMembers)
	if members := uStrings(t, got.Members); !slices.Equal(members, wantMembers) {
		t.Errorf("members = %v, want %v", members, wantMembers)
	}
	if managers := uStrings(t, got.Managers); !slices.Equal(managers, []string{"users/carol@example.com"}) {
		t.Errorf("managers = %v, want carol as configured (and not the caller)", managers)
	}
}

func TestUnitSpaceMembersRead_SpaceDeletedIsRemovedWithWarning(t *testing.T) {
	env, space, h := uUserFixture(t, NewSpaceMembers(), "Doomed")
	created := h.mustCreate(uMembersConfig(h, space, []string{"users/bob@example.com"}, nil, nil))
	uMust(t, env.user.DeleteSpace(context.Background(), space))
	uWantReadRemoves(t, h, created, "Chat Space Not Found")
	// Nothing left to remove: not an error.
	uNoErrors(t, "Delete", h.delete(created))
}

func TestUnitSpaceMembersRead_ListFailureIsAnError(t *testing.T) {
	env, space, h := uUserFixture(t, NewSpaceMembers(), "Unlisted")
	created := h.mustCreate(uMembersConfig(h, space, []string{"users/bob@example.com"}, nil, nil))
	env.fault(t, emulator.FaultRule{RPC: "chat.spaces.members.list", Status: 403})
	uWantError(t, h.read(created).diags, nil, "Unable to List Chat Members")
	plan := uMembersConfig(h, space, []string{"users/carol@example.com"}, nil, nil)
	uWantError(t, h.update(created, &plan, &plan).diags, nil, "Unable to List Chat Members")
}

func TestUnitSpaceMembersDelete_RemovesOnlyTheListedMembers(t *testing.T) {
	env, space, h := uUserFixture(t, NewSpaceMembers(), "Teardown")
	created := h.mustCreate(uMembersConfig(h, space, []string{"users/bob@example.com"}, []string{"users/carol@example.com"}, nil))
	if _, err := env.user.CreateMembership(context.Background(), space, &chat.Membership{Member: &chat.User{Name: "users/frank@example.com", Type: "HUMAN"}}); err != nil {
		t.Fatal(err)
	}
	uNoErrors(t, "Delete", h.delete(created))
	want := map[string]string{"alice@example.com": convert.RoleManager, "frank@example.com": convert.RoleMember}
	if roles := uRoles(t, env, space); !mapsEqual(roles, want) {
		t.Errorf("roles = %v, want %v", roles, want)
	}
	uNoErrors(t, "Delete again", h.delete(created))
}

func TestUnitSpaceMembersImportState_ThenReadListsEveryoneButTheCaller(t *testing.T) {
	env, space, h := uUserFixture(t, NewSpaceMembers(), "Imported roster", "users/bob@example.com")
	uWantBadImportIDs(t, h, "", "AAAA", "spaces/a/members/b", "spaces/")
	got, read := uImportAndRead[spaceMembersModel](t, h, space)
	if got.Space.ValueString() != space || got.ID.ValueString() != space {
		t.Errorf("space %v id %v", got.Space, got.ID)
	}
	got = read
	if members := uStrings(t, got.Members); !slices.Equal(members, []string{uUserID(t, env, space, "bob@example.com")}) {
		t.Errorf("members = %v", members)
	}
	if !got.Managers.IsNull() {
		t.Errorf("managers = %v: the caller is listed", got.Managers)
	}
}

func TestUnitSpaceMembers_AppCredentialsNeverLookUpTheCaller(t *testing.T) {
	env, space, h := uAppFixture(t, NewSpaceMembers(), "App roster")
	created := h.mustCreate(uMembersConfig(h, space, uIDs(t, env, "bob@example.com"), nil, nil))
	read := h.read(created)
	uNoErrors(t, "Read", read.diags)
	if !read.state.Raw.Equal(created.state.Raw) {
		t.Error("read shows drift")
	}
	if n := uCount(env.srv, "chat.users.spaces.getSpaceReadState"); n != 0 {
		t.Errorf("%d caller lookups with app credentials", n)
	}
	if members := uEmulatorSpace(t, env.srv, space).Memberships; len(members) != 2 { // the app and bob
		t.Errorf("memberships = %+v", members)
	}
}

func TestUnitSpaceMembers_UnknownCallerBlocksRemovals(t *testing.T) {
	env := newUEnv(t)
	space := uUserSpace(t, env, "Who am I", "users/bob@example.com")
	env.fault(t, emulator.FaultRule{RPC: "chat.users.spaces.getSpaceReadState", Status: 403})
	h := newUHarness(t, NewSpaceMembers(), env.user)
	res := h.create(uMembersConfig(h, space, []string{"users/carol@example.com"}, nil, nil))
	uWantError(t, res.diags, nil, "Unable to Identify the Calling User")
	if roles := uRoles(t, env, space); roles["bob@example.com"] == "" || roles["alice@example.com"] == "" {
		t.Errorf("members were removed without knowing the caller: %v", roles)
	}
}

func TestUnitSpaceMembers_FailedAddIsAnError(t *testing.T) {
	_, space, h := uUserFixture(t, NewSpaceMembers(), "Strangers")
	res := h.create(uMembersConfig(h, space, []string{"users/nobody@example.com"}, nil, nil))
	uWantError(t, res.diags, uRoot("members"), "Unable to Add Chat Member")
}

func TestUnitSpaceMembers_LostAddAnswerIsOurMembership(t *testing.T) {
	env := newUEnv(t)
	space := uUserSpace(t, env, "Lost add")
	env.fault(t, emulator.FaultRule{RPC: "chat.spaces.members.create", CommitThenFail: true, Count: 1})
	h := newUHarness(t, NewSpaceMembers(), env.user)
	h.mustCreate(uMembersConfig(h, space, nil, []string{"users/bob@example.com"}, nil))
	if roles := uRoles(t, env, space); roles["bob@example.com"] != convert.RoleManager {
		t.Errorf("roles = %v", roles)
	}
}

func TestUnitSpaceMembers_RefusedRoleChangeIsAnError(t *testing.T) {
	env := newUEnv(t)
	space := uUserSpace(t, env, "Refused", "users/bob@example.com")
	env.fault(t, emulator.FaultRule{RPC: "chat.spaces.members.patch", Status: 403})
	h := newUHarness(t, NewSpaceMembers(), env.user)
	res := h.create(uMembersConfig(h, space, nil, []string{"users/bob@example.com"}, nil))
	uWantError(t, res.diags, uRoot("managers"), "Unable to Change Chat Member Role")
	res = h.create(uMembersConfig(h, space, nil, []string{"users/carol@example.com"}, nil))
	uWantError(t, res.diags, uRoot("managers"), "Unable to Set Chat Member Role")
}

func TestUnitSpaceMembers_RefusedRemovalIsAnError(t *testing.T) {
	env := newUEnv(t)
	space := uUserSpace(t, env, "Sticky", "users/bob@example.com")
	env.fault(t, emulator.FaultRule{RPC: "chat.spaces.members.delete", Status: 403})
	h := newUHarness(t, NewSpaceMembers(), env.user)
	res := h.create(uMembersConfig(h, space, []string{"users/carol@example.com"}, nil, nil))
	uWantError(t, res.diags, nil, "Unable to Remove Chat Member")
	created := uResult{h: h, state: h.state(uPtr(uMembersConfig(h, space, []string{"users/carol@example.com"}, nil, nil)))}
	uWantError(t, h.delete(created), nil, "Unable to Remove Chat Member")
}

func uPtr[T any](v T) *T { return &v }

func TestUnitSpaceMembersPrivateState(t *testing.T) {
	if got := attributeFor(convert.RoleAssistantManager); got != "assistant_managers" {
		t.Errorf("attributeFor(assistant) = %s", got)
	}
	if got := attributeFor("ROLE_SOMETHING_NEW"); got != "members" {
		t.Errorf("attributeFor(unknown role) = %s", got)
	}
	if data := loadPrivate(context.Background(), nil); data.aliases == nil || data.caller != "" {
		t.Errorf("loadPrivate(nil) = %+v", data)
	}
}

func TestUnitSpaceMembersRead_RemembersSpellingsAndCallerInPrivateState(t *testing.T) {
	env, space, h := uUserFixture(t, NewSpaceMembers(), "Remembered", "users/bob@example.com")
	imported := h.importState(space)
	config := uMembersConfig(h, space, []string{"users/bob@example.com"}, nil, nil)
	config.ID = types.StringValue(space)
	first := h.read(uResult{h: h, state: h.state(&config), private: imported.private})
	uNoErrors(t, "Read", first.diags)
	if n := uCount(env.srv, "chat.spaces.members.get"); n != 1 {
		t.Errorf("%d lookups of bob's email, want 1", n)
	}
	env.srv.ClearRequests()

	second := h.read(first)
	uNoErrors(t, "second Read", second.diags)
	for _, rpc := range []string{"chat.spaces.members.get", "chat.users.spaces.getSpaceReadState"} {
		if n := uCount(env.srv, rpc); n != 0 {
			t.Errorf("%d %s calls: the first read's private state was not kept", n, rpc)
		}
	}
	if !second.state.Raw.Equal(first.state.Raw) {
		t.Error("second read differs")
	}
}

func TestUnitSpaceMembersSpellingOf(t *testing.T) {
	p := privateData{aliases: map[string]string{
		"users/bob@example.com": "users/1", "users/BOB@example.com": "users/1", "users/carol@example.com": "users/2", "users/3": "users/3",
	}}
	cases := []struct {
		id      string
		inState map[string]bool
		want    string
	}{
		{"users/1", map[string]bool{"users/bob@example.com": true}, "users/bob@example.com"},
		{"users/1", map[string]bool{"users/BOB@example.com": true}, "users/BOB@example.com"},
		{"users/1", nil, "users/BOB@example.com"}, // the first in order when none is in state
		{"users/2", nil, "users/carol@example.com"},
		{"users/3", nil, "users/3"}, // an alias of itself is no other spelling
		{"users/4", nil, "users/4"},
	}
	for _, tc := range cases {
		if got := p.spellingOf(tc.id, tc.inState); got != tc.want {
			t.Errorf("spellingOf(%s, %v) = %s, want %s", tc.id, tc.inState, got, tc.want)
		}
	}
}
