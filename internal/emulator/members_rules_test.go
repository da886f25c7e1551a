package emulator

import (
	"slices"
	"testing"
)

// "Reading or mutating memberships for Google Groups requires user
// authentication." (Membership.groupMember): an app can neither list a
// space's groups, nor read or remove a group's membership; a user can.
func TestMembers_groupsNeedUserAuthentication(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := setup(t, srv, alice, namedSpace("Groups"))
	if status, out := api(t, srv, alice, "POST", "/v1/"+space+"/members", map[string]any{"member": map[string]any{"name": "users/app", "type": "BOT"}}); status != 200 {
		t.Fatalf("a user adds the app: %d %v", status, out)
	}
	status, out := api(t, srv, alice, "POST", "/v1/"+space+"/members", map[string]any{"groupMember": map[string]any{"name": "groups/engineering"}})
	if status != 200 {
		t.Fatalf("a user adds a group: %d %v", status, out)
	}
	group := out["name"].(string)
	if status, out := api(t, srv, app, "GET", "/v1/"+space+"/members?showGroups=true", nil); status != 400 {
		t.Errorf("an app lists groups: %d %v, want 400", status, out)
	}
	if status, out := api(t, srv, app, "GET", "/v1/"+group, nil); status != 403 {
		t.Errorf("an app reads a group's membership: %d %v, want 403", status, out)
	}
	if status, out := api(t, srv, app, "DELETE", "/v1/"+group, nil); status != 403 {
		t.Errorf("an app removes a group: %d %v, want 403", status, out)
	}
	if got := memberNames(t, srv, space, "?showGroups=true"); !slices.Contains(got, "groups/engineering") {
		t.Errorf("a user lists the group: %v", got)
	}
	if status, out := api(t, srv, alice, "DELETE", "/v1/"+group, nil); status != 200 {
		t.Errorf("a user removes the group: %d %v", status, out)
	}
}

// The members.list filter takes what its description lists and refuses
// the invalid examples it gives.
func TestMembers_filterAsDocumented(t *testing.T) {
	valid := []string{`role = "ROLE_MANAGER" OR role = "ROLE_MEMBER"`, `member.type = "HUMAN" AND role = "ROLE_MANAGER"`,
		`member.type != "BOT"`, `member.type = "BOT"`}
	invalid := []string{`member.type = "HUMAN" AND member.type = "BOT"`, `role = "ROLE_MANAGER" AND role = "ROLE_MEMBER"`,
		`role = "ROLE_ASSISTANT_MANAGER"`, `member.type = "ROBOT"`, `role != "ROLE_MEMBER"`, `state = "JOINED"`}
	for _, f := range valid {
		if _, err := parseMemberFilter(f); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	for _, f := range invalid {
		if _, err := parseMemberFilter(f); err == nil {
			t.Errorf("%s accepted", f)
		}
	}
}

// An assistant manager ("Manager" in Chat, "A space manager" in
// Membership.role) has an owner's permissions by default except making an
// owner and changing an owner's role, including "Make a space discoverable"
// and "Delete messages in the space".
func TestMembers_assistantManagerDefaults(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := setup(t, srv, alice, map[string]any{
		"space":       map[string]any{"spaceType": "SPACE", "displayName": "Managed"},
		"memberships": members("users/bob@example.com", "users/carol@example.com"),
	})
	role := func(token, member, role string) int {
		status, _ := api(t, srv, token, "PATCH", "/v1/"+space+"/members/"+member+"?updateMask=role", map[string]any{"role": role})
		return status
	}
	if status := role(alice, "bob@example.com", "ROLE_ASSISTANT_MANAGER"); status != 200 {
		t.Fatalf("the owner makes bob a manager: %d", status)
	}
	deleteCarols := func() int {
		_, m := api(t, srv, carol, "POST", "/v1/"+space+"/messages", map[string]any{"text": "from carol"})
		status, _ := api(t, srv, bob, "DELETE", "/v1/"+m["name"].(string), nil)
		return status
	}
	patch := func(mask string, body map[string]any) int {
		status, _ := api(t, srv, bob, "PATCH", "/v1/"+space+"?updateMask="+mask, body)
		return status
	}
	// In order: each call sees the ones before it.
	cases := []struct {
		name        string
		got, status int
	}{
		{"make another member a manager", role(bob, "carol@example.com", "ROLE_ASSISTANT_MANAGER"), 200},
		{"make an owner", role(bob, "carol@example.com", "ROLE_MANAGER"), 403},
		{"change an owner's role", role(bob, "alice@example.com", "ROLE_MEMBER"), 403},
		{"manage space permissions", patch("permission_settings.useAtMentionAll",
			map[string]any{"permissionSettings": map[string]any{"useAtMentionAll": map[string]any{"managersAllowed": true}}}), 200},
		{"set the audience", patch("access_settings.audience",
			map[string]any{"accessSettings": map[string]any{"audience": "audiences/default"}}), 200},
		{"delete another member's message", deleteCarols(), 200},
	}
	for _, tc := range cases {
		if tc.got != tc.status {
			t.Errorf("%s: %d, want %d", tc.name, tc.got, tc.status)
		}
	}
}
