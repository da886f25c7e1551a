package resources

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

func uMemberConfig(h *uHarness, space, member, role string) membershipModel {
	var c membershipModel
	h.null(&c)
	c.Space, c.Member, c.Role = types.StringValue(space), optional(member), optional(role)
	return c
}

// uPlannedMembership is what ModifyPlan makes of config: the default role filled in.
func uPlannedMembership(t *testing.T, h *uHarness, config membershipModel) membershipModel {
	t.Helper()
	res := h.modifyPlan(&config, nil, nil)
	uNoErrors(t, "ModifyPlan", res.diags)
	var plan membershipModel
	h.decode(res.plan.Raw, &plan)
	return plan
}

func uRoleOf(t *testing.T, env *uEnv, name string) string {
	t.Helper()
	m, err := env.user.GetMembership(context.Background(), name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m.Role
}

func TestUnitMembershipCreate_KeepsEmailAndSetsManagerRole(t *testing.T) {
	env, space, h := uUserFixture(t, NewMembership(), "Members")
	config := uMemberConfig(h, space, "users/bob@example.com", convert.RoleManager)

	created := h.mustCreate(&config)
	got := uModel[membershipModel](created)
	if got.Member.ValueString() != "users/bob@example.com" {
		t.Errorf("member = %v, want the configured email", got.Member)
	}
	if !strings.HasPrefix(got.Name.ValueString(), space+"/members/") || got.ID != got.Name || got.Space.ValueString() != space {
		t.Errorf("name %v id %v space %v", got.Name, got.ID, got.Space)
	}
	if strings.Contains(got.Name.ValueString(), "@") {
		t.Errorf("name %v carries the email, not the API's user ID", got.Name)
	}
	if got.Role.ValueString() != convert.RoleManager || got.State.ValueString() != "JOINED" || got.CreateTime.IsNull() {
		t.Errorf("role %v state %v create_time %v", got.Role, got.State, got.CreateTime)
	}
	if role := uRoleOf(t, env, got.Name.ValueString()); role != convert.RoleManager {
		t.Errorf("emulator role = %s", role)
	}
	if created.identityOf("name") != got.Name.ValueString() {
		t.Errorf("identity = %q", created.identityOf("name"))
	}
	uWantNoDrift(t, h, created)
}

func TestUnitMembershipCreate_DefaultRoleMakesOneCall(t *testing.T) {
	env, space, h := uUserFixture(t, NewMembership(), "Plain member")
	plan := uPlannedMembership(t, h, uMemberConfig(h, space, "users/carol@example.com", ""))
	got := uModel[membershipModel](h.mustCreate(&plan))
	if got.Role.ValueString() != convert.RoleMember {
		t.Errorf("role = %v", got.Role)
	}
	if n := uCount(env.srv, "chat.spaces.members.patch"); n != 0 {
		t.Errorf("%d role patches for the default role", n)
	}
}

func TestUnitMembershipCreate_GroupHasNoRole(t *testing.T) {
	_, space, h := uUserFixture(t, NewMembership(), "Groups")
	var config membershipModel
	h.null(&config)
	config.Space, config.GroupMember = types.StringValue(space), types.StringValue("groups/engineering")
	plan := uPlannedMembership(t, h, config)
	got := uModel[membershipModel](h.mustCreate(&plan))
	if got.GroupMember.ValueString() != "groups/engineering" || !got.Member.IsNull() || got.Role.ValueString() != convert.RoleUnspecified {
		t.Errorf("group %v member %v role %v", got.GroupMember, got.Member, got.Role)
	}
	if got.Name.ValueString() != space+"/members/engineering" {
		t.Errorf("name = %v", got.Name)
	}
}

func TestUnitMembershipCreate_ExistingMemberPointsToImport(t *testing.T) {
	_, space, h := uUserFixture(t, NewMembership(), "Already", "users/bob@example.com")
	res := h.create(uMemberConfig(h, space, "users/bob@example.com", convert.RoleMember))
	uWantError(t, res.diags, uRoot("member"), "Chat Membership Already Exists")
	uWantError(t, res.diags, nil, "terraform import google_chat_membership.NAME "+space+"/members/bob@example.com")
}

func TestUnitMembershipCreate_ManagerRoleOutsideNamedSpaceFails(t *testing.T) {
	env := newUEnv(t)
	// A group chat has no manager roles.
	sh := newUHarness(t, NewSpace(), env.user)
	var chatConfig spaceModel
	sh.null(&chatConfig)
	uGroupChat(&chatConfig)
	chatSpace := uModel[spaceModel](sh.mustCreate(&chatConfig))

	h := newUHarness(t, NewMembership(), env.user)
	res := h.create(uMemberConfig(h, chatSpace.Name.ValueString(), "users/dave@example.com", convert.RoleManager))
	uWantError(t, res.diags, uRoot("role"), "Unable to Set Chat Member Role")
	got := uModel[membershipModel](res) // the member was added: state keeps it, tainted
	if got.Member.ValueString() != "users/dave@example.com" {
		t.Errorf("member = %v", got.Member)
	}
}

func TestUnitMembershipCreate_NoAccessToTheSpace(t *testing.T) {
	env := newUEnv(t)
	space := uUserSpace(t, env, "Private")
	h := newUHarness(t, NewMembership(), env.app)
	res := h.create(uMemberConfig(h, space, uIDs(t, env, "bob@example.com")[0], convert.RoleMember))
	uWantError(t, res.diags, uRoot("space"), "Unable to Add Chat Member")
	if !res.removed() {
		t.Error("a failed create left state")
	}
}

func TestUnitMembershipCreate_LostAnswerReadsTheMembershipBack(t *testing.T) {
	env := newUEnv(t)
	space := uUserSpace(t, env, "Lost member")
	// The first attempt adds bob and loses its answer; the retry finds him
	// there already (ALREADY_EXISTS) and the membership is read back.
	env.fault(t, emulator.FaultRule{RPC: "chat.spaces.members.create", CommitThenFail: true, Count: 1})
	h := newUHarness(t, NewMembership(), env.user)
	got := uModel[membershipModel](h.mustCreate(uMemberConfig(h, space, "users/bob@example.com", convert.RoleMember)))
	if got.Member.ValueString() != "users/bob@example.com" || got.Name.IsNull() {
		t.Errorf("member %v name %v", got.Member, got.Name)
	}
}

func TestUnitMembershipUpdate_ChangesRoleInPlace(t *testing.T) {
	env, space, h := uUserFixture(t, NewMembership(), "Roles")
	config := uMemberConfig(h, space, "users/bob@example.com", convert.RoleManager)
	created := h.mustCreate(&config)
	plan := uModel[membershipModel](created)
	plan.Role = types.StringValue(convert.RoleAssistantManager)
	config.Role = plan.Role

	updated := h.mustUpdate(created, &plan, &config)
	got := uModel[membershipModel](updated)
	if got.Role.ValueString() != convert.RoleAssistantManager || got.Member.ValueString() != "users/bob@example.com" {
		t.Errorf("role %v member %v", got.Role, got.Member)
	}
	if role := uRoleOf(t, env, got.Name.ValueString()); role != convert.RoleAssistantManager {
		t.Errorf("emulator role = %s", role)
	}
}

func TestUnitMembershipUpdate_RefusedRoleChangeIsAnError(t *testing.T) {
	env, space, h := uUserFixture(t, NewMembership(), "Refused roles")
	created := h.mustCreate(uMemberConfig(h, space, "users/bob@example.com", convert.RoleMember))
	plan := uModel[membershipModel](created)
	plan.Role = types.StringValue(convert.RoleManager)
	env.fault(t, emulator.FaultRule{RPC: "chat.spaces.members.patch", Status: 403})
	res := h.update(created, &plan, &plan)
	uWantError(t, res.diags, uRoot("role"), "Unable to Change Chat Member Role")
	uWantError(t, res.diags, nil, "allowed to manage members")
}

func TestUnitMembershipUpdate_RespellingOnlyRecordsTheMember(t *testing.T) {
	env, space, h := uUserFixture(t, NewMembership(), "Respell")
	created := h.mustCreate(uMemberConfig(h, space, "users/bob@example.com", convert.RoleMember))
	state := uModel[membershipModel](created)
	bobID := strings.TrimPrefix(state.Name.ValueString(), space+"/members/")
	plan := state
	plan.Member = types.StringValue("users/" + bobID)
	env.srv.ClearRequests()

	updated := h.mustUpdate(created, &plan, &plan)
	got := uModel[membershipModel](updated)
	if got.Member.ValueString() != "users/"+bobID || got.Name != state.Name {
		t.Errorf("member %v name %v", got.Member, got.Name)
	}
	for _, r := range env.srv.Requests() {
		if r.IsWrite() {
			t.Errorf("respelling sent %s", r.RPC)
		}
	}
}

func TestUnitMembershipModifyPlan_SameMemberSpelledAnotherWayIsNoReplace(t *testing.T) {
	env, space, h := uUserFixture(t, NewMembership(), "Spellings", "users/carol@example.com")
	created := h.mustCreate(uMemberConfig(h, space, "users/bob@example.com", convert.RoleMember))
	state := uModel[membershipModel](created)
	bobID := "users/" + strings.TrimPrefix(state.Name.ValueString(), space+"/members/")
	member := path.Root("member")

	cases := []struct {
		name    string
		member  types.String
		replace bool
	}{
		{"same spelling", state.Member, false},
		{"the user ID of the same member", types.StringValue(bobID), false},
		{"another member", types.StringValue("users/carol@example.com"), true},
		{"a user not in the space", types.StringValue("users/dave@example.com"), true},
		{"unknown member", types.StringUnknown(), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			config := uMemberConfig(h, space, "", convert.RoleMember)
			config.Member = tc.member
			plan := state
			plan.Member = tc.member
			res := h.modifyPlan(&config, &plan, &state)
			uNoErrors(t, "ModifyPlan", res.diags)
			if got := res.requiresReplace.Contains(member); got != tc.replace {
				t.Errorf("replace member = %v, want %v (%v)", got, tc.replace, res.requiresReplace)
			}
		})
	}

	t.Run("lookup failure is reported on member", func(t *testing.T) {
		env.fault(t, emulator.FaultRule{RPC: "chat.spaces.members.get", Status: 403, Count: 1})
		config := uMemberConfig(h, space, bobID, convert.RoleMember)
		plan := state
		plan.Member = config.Member
		uWantError(t, h.modifyPlan(&config, &plan, &state).diags, &member, "Unable to Compare Chat Members")
	})
	t.Run("without a client the change replaces", func(t *testing.T) {
		unconfigured := newUHarness(t, NewMembership(), nil)
		config := uMemberConfig(unconfigured, space, bobID, convert.RoleMember)
		plan := state
		plan.Member = config.Member
		if res := unconfigured.modifyPlan(&config, &plan, &state); !res.requiresReplace.Contains(member) {
			t.Errorf("requires replace = %v", res.requiresReplace)
		}
	})
}

func TestUnitMembershipRead_RemovedOutOfBandIsRemovedWithWarning(t *testing.T) {
	env, space, h := uUserFixture(t, NewMembership(), "Leaving")
	created := h.mustCreate(uMemberConfig(h, space, "users/bob@example.com", convert.RoleMember))
	state := uModel[membershipModel](created)
	uMust(t, env.user.DeleteMembership(context.Background(), state.Name.ValueString()))
	uWantReadRemoves(t, h, created, "Chat Member Removed")
	// Deleting what is gone is not an error.
	uNoErrors(t, "Delete of a removed member", h.delete(created))
}

func TestUnitMembershipRead_OtherErrorsAreReported(t *testing.T) {
	env, space, h := uUserFixture(t, NewMembership(), "Flaky members")
	created := h.mustCreate(uMemberConfig(h, space, "users/bob@example.com", convert.RoleMember))
	uWantRefusedRead(t, env, h, created, "chat.spaces.members.get", "Unable to Read Chat Membership")
}

func TestUnitMembershipDelete(t *testing.T) {
	env, space, h := uUserFixture(t, NewMembership(), "Goodbye")
	created := h.mustCreate(uMemberConfig(h, space, "users/bob@example.com", convert.RoleMember))
	uNoErrors(t, "Delete", h.delete(created))
	if _, err := env.user.GetMembership(context.Background(), space+"/members/bob@example.com"); err == nil {
		t.Error("bob is still a member")
	}

	bob := newUHarness(t, NewMembership(), uClient(t, env.srv, "user:bob@example.com", chatapi.AuthModeUser))
	again := h.mustCreate(uMemberConfig(h, space, "users/carol@example.com", convert.RoleMember))
	uWantError(t, bob.delete(again), nil, "Unable to Remove Chat Member")
}

func TestUnitMembershipImportState(t *testing.T) {
	env, space, h := uUserFixture(t, NewMembership(), "Imports", "users/bob@example.com")
	uWantBadImportIDs(t, h, "", space, space+"/members/", "spaces/a/messages/b", "bob@example.com")

	t.Run("by email keeps the email", func(t *testing.T) {
		got, read := uImportAndRead[membershipModel](t, h, space+"/members/bob@example.com")
		if got.Member.ValueString() != "users/bob@example.com" || got.Name.ValueString() != space+"/members/bob@example.com" {
			t.Errorf("member %v name %v", got.Member, got.Name)
		}
		got = read
		if got.Member.ValueString() != "users/bob@example.com" || got.Role.ValueString() != convert.RoleMember || got.Space.ValueString() != space {
			t.Errorf("member %v role %v space %v", got.Member, got.Role, got.Space)
		}
		if strings.Contains(got.Name.ValueString(), "@") {
			t.Errorf("name %v: want the API's canonical name after read", got.Name)
		}
	})
	t.Run("by ID takes the API's member", func(t *testing.T) {
		m, err := env.user.GetMembership(context.Background(), space+"/members/bob@example.com")
		if err != nil {
			t.Fatal(err)
		}
		imported := h.importByIdentity(m.Name)
		uNoErrors(t, "ImportState", imported.diags)
		got := uModel[membershipModel](imported)
		if !got.Member.IsNull() {
			t.Errorf("member = %v before read", got.Member)
		}
		h.read(imported).model(&got)
		if got.Member.ValueString() != m.Member.Name {
			t.Errorf("member = %v, want %s", got.Member, m.Member.Name)
		}
	})
	t.Run("the app", func(t *testing.T) {
		got := uModel[membershipModel](h.importState(space + "/members/app"))
		if got.Member.ValueString() != convert.CallingApp {
			t.Errorf("member = %v", got.Member)
		}
	})
}

func TestUnitMembershipCreate_ErrorsPointAtTheAttributeAtFault(t *testing.T) {
	env, space, h := uUserFixture(t, NewMembership(), "Blame")
	t.Run("unknown user", func(t *testing.T) {
		uWantError(t, h.create(uMemberConfig(h, space, "users/nobody@example.com", convert.RoleMember)).diags, uRoot("member"), "Unable to Add Chat Member")
	})
	t.Run("unknown group", func(t *testing.T) {
		config := uMemberConfig(h, space, "", "")
		config.GroupMember = types.StringValue("groups/nope")
		uWantError(t, h.create(config).diags, uRoot("group_member"), "Unable to Add Chat Member")
	})
	t.Run("missing space", func(t *testing.T) {
		uWantError(t, h.create(uMemberConfig(h, "spaces/missing", "users/bob@example.com", convert.RoleMember)).diags, uRoot("space"), "Unable to Add Chat Member")
	})
	t.Run("user into a direct message", func(t *testing.T) {
		sh := newUHarness(t, NewSpace(), env.user)
		var dm spaceModel
		sh.null(&dm)
		uDM(&dm)
		created := uModel[spaceModel](sh.mustCreate(&dm))
		res := h.create(uMemberConfig(h, created.Name.ValueString(), "users/carol@example.com", convert.RoleMember))
		uWantError(t, res.diags, uRoot("member"), "users can't be added to direct messages")
	})
}
