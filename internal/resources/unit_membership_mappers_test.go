package resources

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	chat "google.golang.org/api/chat/v1"

	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/convert"
)

func uMembership(member, group, role string) membershipModel {
	return membershipModel{
		ID: types.StringNull(), Space: types.StringValue("spaces/S"),
		MembershipAttributes: convert.MembershipAttributes{
			Name: types.StringUnknown(), Member: optional(member), GroupMember: optional(group),
			Role: optional(role), State: types.StringUnknown(), CreateTime: types.StringUnknown(),
		},
	}
}

func TestUnitMembershipToAPI(t *testing.T) {
	cases := []struct {
		name, member, group string
		wantKey, wantType   string
		wantGroup           string
	}{
		{"user by email", "users/bob@example.com", "", "bob@example.com", "HUMAN", ""},
		{"user by id", "users/123", "", "123", "HUMAN", ""},
		{"the calling app", "users/app", "", "app", "BOT", ""},
		{"group", "", "groups/eng", "eng", "", "groups/eng"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, key := membershipToAPI(uMembership(tc.member, tc.group, ""))
			if key != tc.wantKey {
				t.Errorf("key = %q, want %q", key, tc.wantKey)
			}
			switch {
			case tc.wantGroup != "":
				if got.GroupMember == nil || got.GroupMember.Name != tc.wantGroup || got.Member != nil {
					t.Errorf("membership = %+v", got)
				}
			default:
				if got.Member == nil || got.Member.Name != tc.member || got.Member.Type != tc.wantType || got.GroupMember != nil {
					t.Errorf("membership = %+v", got.Member)
				}
			}
		})
	}
}

func TestUnitMembershipFromAPI_KeepsEmailSpelling(t *testing.T) {
	plan := uMembership("users/bob@example.com", "", "ROLE_MANAGER")
	api := &chat.Membership{Name: "spaces/AAA/members/42", Member: &chat.User{Name: "users/42", Type: "HUMAN"},
		Role: "ROLE_MANAGER", State: "JOINED", CreateTime: "2024-01-01T00:00:00Z"}
	got := membershipFromAPI(api, plan)
	if got.Member.ValueString() != "users/bob@example.com" {
		t.Errorf("member = %v, want the configured email", got.Member)
	}
	if got.Name.ValueString() != api.Name || got.ID.ValueString() != api.Name || got.Space.ValueString() != "spaces/AAA" {
		t.Errorf("name %v id %v space %v", got.Name, got.ID, got.Space)
	}
	if got.Role.ValueString() != "ROLE_MANAGER" || got.State.ValueString() != "JOINED" || got.CreateTime.ValueString() != api.CreateTime {
		t.Errorf("role %v state %v create_time %v", got.Role, got.State, got.CreateTime)
	}
	if !got.GroupMember.IsNull() {
		t.Errorf("group_member = %v", got.GroupMember)
	}
}

func TestUnitMembershipFromAPI_ImportTakesTheAPIsName(t *testing.T) {
	prior := uMembership("", "", "")
	prior.Member = types.StringNull()
	got := membershipFromAPI(&chat.Membership{Name: "spaces/S/members/42", Member: &chat.User{Name: "users/42"}, Role: "ROLE_MEMBER"}, prior)
	if got.Member.ValueString() != "users/42" || !got.State.IsNull() || !got.CreateTime.IsNull() {
		t.Errorf("member %v state %v create_time %v", got.Member, got.State, got.CreateTime)
	}
}

func TestUnitMembershipFromAPI_GroupHasUnspecifiedRole(t *testing.T) {
	prior := uMembership("", "", "")
	got := membershipFromAPI(&chat.Membership{Name: "spaces/S/members/eng", GroupMember: &chat.Group{Name: "groups/eng"}}, prior)
	if got.GroupMember.ValueString() != "groups/eng" || !got.Member.IsNull() {
		t.Errorf("group %v member %v", got.GroupMember, got.Member)
	}
	if got.Role.ValueString() != convert.RoleUnspecified {
		t.Errorf("role = %v", got.Role)
	}
}

func TestUnitMemberOf(t *testing.T) {
	if got := memberOf(uMembership("", "groups/eng", "")); got != "groups/eng" {
		t.Errorf("memberOf(group) = %q", got)
	}
	if got := memberOf(uMembership("users/bob@example.com", "", "")); got != "users/bob@example.com" {
		t.Errorf("memberOf(user) = %q", got)
	}
}

// A members.list entry answers a refresh only when it has the member, the
// state, a role (apps excepted) and the create time the state records.
func TestMemberEntryCarries(t *testing.T) {
	recorded := func(role string) membershipModel {
		m := uMembership("users/1", "", role)
		m.CreateTime = types.StringValue("2024-01-01T00:00:00Z")
		return m
	}
	human := func() *chat.Membership {
		return &chat.Membership{Name: "spaces/S/members/1", State: "JOINED", Role: "ROLE_MEMBER",
			Member: &chat.User{Name: "users/1", Type: "HUMAN"}, CreateTime: "2024-01-01T00:00:00Z"}
	}
	cases := []struct {
		name  string
		entry func(*chat.Membership)
		prior membershipModel
		want  bool
	}{
		{"everything", func(*chat.Membership) {}, recorded("ROLE_MEMBER"), true},
		{"a group", func(m *chat.Membership) { m.Member, m.GroupMember = nil, &chat.Group{Name: "groups/g"} }, recorded("ROLE_MEMBER"), true},
		{"no member", func(m *chat.Membership) { m.Member = nil }, recorded("ROLE_MEMBER"), false},
		{"no state", func(m *chat.Membership) { m.State = "" }, recorded("ROLE_MEMBER"), false},
		{"no role", func(m *chat.Membership) { m.Role = "" }, recorded("ROLE_MEMBER"), false},
		{"an app has no role", func(m *chat.Membership) { m.Role = "" }, recorded(convert.RoleUnspecified), true},
		{"no create time", func(m *chat.Membership) { m.CreateTime = "" }, recorded("ROLE_MEMBER"), false},
		{"no create time, none recorded", func(m *chat.Membership) { m.CreateTime = "" }, uMembership("users/1", "", "ROLE_MEMBER"), true},
		{"an import", func(*chat.Membership) {}, uMembership("", "", ""), false},
	}
	for _, tc := range cases {
		entry := human()
		tc.entry(entry)
		if got := memberEntryCarries(entry, tc.prior); got != tc.want {
			t.Errorf("%s: memberEntryCarries = %v, want %v", tc.name, got, tc.want)
		}
	}
}
