package resources

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// spaces.setup leaves out members it can't add without an error (discovery
// document; seed 000): Create keeps the space and names each one missing.
func TestUnitSpaceCreate_WarnsOfInitialMembersSetupLeftOut(t *testing.T) {
	env := newUEnvWith(t, emulator.Options{BlockedUsers: []string{"carol@example.com"}})
	h := newUHarness(t, NewSpace(), env.user)
	config := uNamedSpace(h, "Some left out")
	config.InitialMembers = convert.StringSet([]string{"users/bob@example.com", "users/carol@example.com", "users/nobody@example.com"})
	created := h.mustCreate(&config)
	for _, missing := range []string{"users/carol@example.com", "users/nobody@example.com"} {
		uWantWarning(t, created.diags, uRoot("initial_members"), missing)
	}
	for _, d := range created.diags {
		if d.Summary() == "Initial Members Not Added" && strings.Contains(d.Detail(), "users/bob@example.com") {
			t.Errorf("bob was added but is named missing: %s", d.Detail())
		}
	}
	if got := uModel[spaceModel](created); !got.InitialMembers.Equal(config.InitialMembers) {
		t.Errorf("initial_members = %v, want it as written", got.InitialMembers)
	}

	// Everyone added: no warning.
	h2 := newUHarness(t, NewSpace(), newUEnv(t).user)
	all := uNamedSpace(h2, "All in")
	all.InitialMembers = convert.StringSet([]string{"users/bob@example.com", "users/100000000000000000003"})
	if res := h2.mustCreate(&all); res.diags.WarningsCount() != 0 {
		t.Errorf("warnings with every member added: %v", res.diags)
	}
}

// A DM that existed before the configuration is adopted, never deleted, even
// where the API would delete it; one the configuration made is deleted.
func TestUnitSpaceDM_AdoptedIsNeverDeleted(t *testing.T) {
	env := newUEnvWith(t, emulator.Options{AllowChatDeletion: true})
	h := newUHarness(t, NewSpace(), env.user)
	dmConfig := func() spaceModel {
		var c spaceModel
		h.null(&c)
		uDM(&c)
		return c
	}
	existing, err := env.user.SetUpSpace(context.Background(), &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "DIRECT_MESSAGE"},
		Memberships: []*chat.Membership{{Member: &chat.User{Name: "users/bob@example.com", Type: "HUMAN"}}}})
	uMust(t, err)

	adopted := h.mustCreate(dmConfig())
	if got := uModel[spaceModel](adopted).Name.ValueString(); got != existing.Name {
		t.Fatalf("created %s, want the existing DM %s", got, existing.Name)
	}
	uWantWarning(t, adopted.diags, nil, "existed before this configuration")
	if n := uCount(env.srv, "chat.spaces.setup"); n != 1 {
		t.Errorf("%d spaces.setup calls, want only the out-of-band one", n)
	}
	// Refresh keeps the mark (private state travels with the resource).
	read := h.read(adopted)
	uNoErrors(t, "Read", read.diags)
	diags := h.delete(read)
	uNoErrors(t, "Delete", diags)
	uWantWarning(t, diags, nil, "removed it from Terraform state only")
	if n := uCount(env.srv, "chat.spaces.delete"); n != 0 {
		t.Errorf("the adopted DM was deleted (%d spaces.delete)", n)
	}

	// A DM with carol did not exist: made, and deleted at destroy.
	fresh := dmConfig()
	fresh.InitialMembers = convert.StringSet([]string{"users/carol@example.com"})
	made := h.mustCreate(fresh)
	if made.diags.WarningsCount() != 0 {
		t.Errorf("warnings for a new DM: %v", made.diags)
	}
	uNoErrors(t, "Delete", h.delete(made))
	if n := uCount(env.srv, "chat.spaces.delete"); n != 1 {
		t.Errorf("%d spaces.delete calls for the DM the configuration made, want 1", n)
	}
}

// Whether the read state answer keeps "users/me" or names the caller by ID,
// google_chat_space_members removes the members it should and never the
// caller.
func TestUnitSpaceMembers_CallerFoundWhetherOrNotTheAliasIsKept(t *testing.T) {
	for _, keep := range []bool{false, true} {
		env := newUEnvWith(t, emulator.Options{ReadStateKeepsAlias: keep})
		space := uUserSpace(t, env, "Alias kept", "users/bob@example.com", "users/carol@example.com")
		h := newUHarness(t, NewSpaceMembers(), env.user)
		var config spaceMembersModel
		h.null(&config)
		config.Space = types.StringValue(space)
		config.Members = convert.StringSet([]string{"users/bob@example.com"})
		h.mustCreate(&config)
		members, err := env.user.ListMemberships(context.Background(), space, "", false, false)
		uMust(t, err)
		var names []string
		for _, m := range members {
			names = append(names, m.Member.Name)
		}
		// alice (…01, the caller) stays, bob (…02) stays, carol (…03) goes.
		if got := strings.Join(names, " "); got != "users/100000000000000000001 users/100000000000000000002" {
			t.Errorf("alias kept %v: members after create %s", keep, got)
		}
	}
}
