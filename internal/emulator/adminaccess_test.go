package emulator

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

const admin = "user:admin@example.com"

// adminToken is an access token of admin@example.com holding only scopes,
// minted the way the provider gets one (an authorized_user file).
func adminToken(t *testing.T, srv *Server, principal string, scopes ...string) string {
	t.Helper()
	return exchange(t, credentialFile(t, srv, "principal="+principal+"&scopes="+strings.Join(scopes, ",")), "")
}

func jsonString(v any) string {
	raw, _ := json.Marshal(v)
	return string(raw)
}

func errMessage(body map[string]any) string {
	if e, ok := body["error"].(map[string]any); ok {
		return e["message"].(string) + " " + strings.Join(func() []string {
			var reasons []string
			details, _ := e["details"].([]any)
			for _, d := range details {
				if m, ok := d.(map[string]any); ok && m["reason"] != nil {
					reasons = append(reasons, m["reason"].(string))
				}
			}
			return reasons
		}(), " ")
	}
	return ""
}

// The seeded administrator: admin@example.com, a user of DefaultUsers'
// organization in no space; Options.Administrators adds others, seeded as
// users when missing.
func TestAdministrators_seeded(t *testing.T) {
	srv := NewTestServer(t, Options{})
	if p := srv.dir.users["admin@example.com"]; p == nil || !srv.dir.isAdministrator(p) {
		t.Fatalf("admin@example.com: %+v, want a seeded administrator", p)
	}
	if srv.dir.isAdministrator(srv.dir.users["alice@example.com"]) {
		t.Error("alice is no administrator")
	}
	custom := NewTestServer(t, Options{Users: []string{"alice@example.com"}, Administrators: []string{"boss@example.com"}})
	if p := custom.dir.users["boss@example.com"]; p == nil || !custom.dir.isAdministrator(p) {
		t.Errorf("boss@example.com, missing from Users, must be seeded as an administrator: %+v", p)
	}
	if custom.dir.users["admin@example.com"] != nil {
		t.Error("admin@example.com is only the default")
	}
}

// Every useAdminAccess rule, in order on one server: who may use it, its
// scopes, the spaces it reaches, what each method refuses with it, and the
// role checks it bypasses.
func TestAdminAccess_rules(t *testing.T) {
	srv := NewTestServer(t, Options{Users: append(slices.Clone(DefaultUsers), "olga@other.example")})
	space := setup(t, srv, alice, map[string]any{
		"space": map[string]any{"spaceType": "SPACE", "displayName": "Ops"}, "memberships": members("users/bob@example.com"),
	})
	doomed := setup(t, srv, alice, namedSpace("Doomed"))
	groupChat := setup(t, srv, alice, map[string]any{
		"space": map[string]any{"spaceType": "GROUP_CHAT"}, "memberships": members("users/bob@example.com", "users/carol@example.com"),
	})
	if status, out := api(t, srv, alice, "POST", "/v1/"+space+"/members", map[string]any{"member": map[string]any{"name": "users/app", "type": "BOT"}}); status != 200 {
		t.Fatalf("add the app: %d %v", status, out)
	}
	// bob, a plain member of an announcement-like space: may not manage it.
	if status, out := api(t, srv, alice, "PATCH", "/v1/"+space+"?updateMask=permission_settings.manage_members_and_groups",
		map[string]any{"permissionSettings": map[string]any{"manageMembersAndGroups": map[string]any{"managersAllowed": true}}}); status != 200 {
		t.Fatalf("restrict members: %d %v", status, out)
	}
	tok := func(principal string, scopes ...string) string { return adminToken(t, srv, principal, scopes...) }
	const on = "useAdminAccess=true"
	cases := []struct {
		name, token, method, path string
		body                      map[string]any
		want                      int
		wantMessage               string // a part of the error message or reason
	}{
		// Who: an administrator, user authentication.
		{"admin reads a space it is not in", admin, "GET", "/v1/" + space + "?" + on, nil, 200, ""},
		{"without admin access it is a non-member", admin, "GET", "/v1/" + space, nil, 403, "not a member"},
		{"useAdminAccess=false is the default", admin, "GET", "/v1/" + space + "?useAdminAccess=false", nil, 403, "not a member"},
		{"a non-administrator is refused, naming the privilege", alice, "GET", "/v1/" + space + "?" + on, nil, 403, "manage chat and spaces conversations privilege"},
		{"an app is refused", app, "GET", "/v1/" + space + "?" + on, nil, 403, "user authentication"},
		{"not a boolean", admin, "GET", "/v1/" + space + "?useAdminAccess=yes", nil, 400, "TYPE_BOOL"},
		{"a method without the parameter", admin, "GET", "/v1/spaces?" + on, nil, 400, "Cannot bind query parameter"},
		{"messages have no admin access", alice, "GET", "/v1/" + space + "/messages?" + on, nil, 400, "Cannot bind query parameter"},

		// Scopes: the method's chat.admin.* scopes, and only with admin access.
		{"spaces.get with chat.admin.spaces.readonly", tok("user:admin@example.com", "chat.admin.spaces.readonly"), "GET", "/v1/" + space + "?" + on, nil, 200, ""},
		{"spaces.get with chat.admin.spaces", tok("user:admin@example.com", "chat.admin.spaces"), "GET", "/v1/" + space + "?" + on, nil, 200, ""},
		{"spaces.get with admin access and only chat.spaces", tok("user:admin@example.com", "chat.spaces"), "GET", "/v1/" + space + "?" + on, nil, 403, "ACCESS_TOKEN_SCOPE_INSUFFICIENT"},
		{"an admin scope without admin access is insufficient", tok("user:alice@example.com", "chat.admin.spaces"), "GET", "/v1/" + space, nil, 403, "ACCESS_TOKEN_SCOPE_INSUFFICIENT"},
		{"the non-administrator's scopes are checked first", tok("user:alice@example.com", "chat.spaces"), "GET", "/v1/" + space + "?" + on, nil, 403, "ACCESS_TOKEN_SCOPE_INSUFFICIENT"},
		{"spaces.patch needs chat.admin.spaces, not readonly", tok("user:admin@example.com", "chat.admin.spaces.readonly"), "PATCH", "/v1/" + space + "?updateMask=display_name&" + on, map[string]any{"displayName": "Ops 2"}, 403, "ACCESS_TOKEN_SCOPE_INSUFFICIENT"},
		{"spaces.delete needs chat.admin.delete", tok("user:admin@example.com", "chat.admin.spaces"), "DELETE", "/v1/" + doomed + "?" + on, nil, 403, "ACCESS_TOKEN_SCOPE_INSUFFICIENT"},
		{"members.create needs chat.admin.memberships", tok("user:admin@example.com", "chat.admin.memberships.readonly"), "POST", "/v1/" + space + "/members?" + on, map[string]any{"member": map[string]any{"name": "users/dave@example.com", "type": "HUMAN"}}, 403, "ACCESS_TOKEN_SCOPE_INSUFFICIENT"},
		{"members.list with chat.admin.memberships.readonly", tok("user:admin@example.com", "chat.admin.memberships.readonly"), "GET", "/v1/" + space + "/members?filter=" + urlq(`member.type = "HUMAN"`) + "&" + on, nil, 200, ""},

		// Reach: named spaces of the organization only.
		{"a group chat is out of reach", admin, "GET", "/v1/" + groupChat + "?" + on, nil, 403, "only named spaces"},
		{"a missing space is 404", admin, "GET", "/v1/spaces/AAAAAAAAAAA?" + on, nil, 404, ""},

		// spaces.patch: the masks admin access doesn't support.
		{"patch space_type", admin, "PATCH", "/v1/" + space + "?updateMask=space_type,display_name&" + on, map[string]any{"spaceType": "SPACE", "displayName": "X"}, 400, "not supported with useAdminAccess"},
		{"patch space_history_state", admin, "PATCH", "/v1/" + space + "?updateMask=space_history_state&" + on, map[string]any{"spaceHistoryState": "HISTORY_OFF"}, 400, "not supported with useAdminAccess"},
		{"patch access_settings.audience", admin, "PATCH", "/v1/" + space + "?updateMask=access_settings.audience&" + on, map[string]any{}, 400, "not supported with useAdminAccess"},
		{"patch access_settings.access_permission_settings", admin, "PATCH", "/v1/" + space + "?updateMask=access_settings.access_permission_settings&" + on, map[string]any{}, 400, "not supported with useAdminAccess"},
		{"patch accessSettings.accessPermissionSettings.discoverSpaceSetting", admin, "PATCH", "/v1/" + space + "?updateMask=accessSettings.accessPermissionSettings.discoverSpaceSetting&" + on, map[string]any{}, 400, "not supported with useAdminAccess"},
		{"patch display_name", admin, "PATCH", "/v1/" + space + "?updateMask=display_name&" + on, map[string]any{"displayName": "Ops renamed"}, 200, ""},
		{"patch permission settings without being a manager", admin, "PATCH", "/v1/" + space + "?updateMask=permission_settings.manage_apps&" + on, map[string]any{"permissionSettings": map[string]any{"manageApps": map[string]any{"managersAllowed": true}}}, 200, ""},

		// spaces.members.
		{"members.get of a user", admin, "GET", "/v1/" + space + "/members/bob@example.com?" + on, nil, 200, ""},
		{"members.get of the app", admin, "GET", "/v1/" + space + "/members/app?" + on, nil, 400, "Getting app memberships"},
		{"members.list needs the member type filter", admin, "GET", "/v1/" + space + "/members?" + on, nil, 400, `member.type = "HUMAN"`},
		{"members.list refuses other member type filters", admin, "GET", "/v1/" + space + "/members?filter=" + urlq(`member.type = "BOT"`) + "&" + on, nil, 400, "only member type filters"},
		{"members.list refuses the filter joined by OR", admin, "GET", "/v1/" + space + "/members?filter=" + urlq(`member.type = "HUMAN" OR role = "ROLE_MANAGER"`) + "&" + on, nil, 400, "required"},
		{"members.list with member.type != BOT and a role", admin, "GET", "/v1/" + space + "/members?filter=" + urlq(`member.type != "BOT" AND role = "ROLE_MANAGER"`) + "&" + on, nil, 200, ""},
		{"members.create of the app", admin, "POST", "/v1/" + space + "/members?" + on, map[string]any{"member": map[string]any{"name": "users/app", "type": "BOT"}}, 400, "Creating app memberships"},
		{"members.create of a user outside the organization", admin, "POST", "/v1/" + space + "/members?" + on, map[string]any{"member": map[string]any{"name": "users/olga@other.example", "type": "HUMAN"}}, 400, "outside the administrator's Google Workspace organization"},
		{"members.create bypasses manage_members_and_groups", admin, "POST", "/v1/" + space + "/members?" + on, map[string]any{"member": map[string]any{"name": "users/carol@example.com", "type": "HUMAN"}}, 200, ""},
		{"members.create of a group", admin, "POST", "/v1/" + space + "/members?" + on, map[string]any{"groupMember": map[string]any{"name": "groups/engineering"}}, 200, ""},
		{"members.patch without being a manager", admin, "PATCH", "/v1/" + space + "/members/bob@example.com?updateMask=role&" + on, map[string]any{"role": "ROLE_MANAGER"}, 200, ""},
		{"members.delete of the app", admin, "DELETE", "/v1/" + space + "/members/app?" + on, nil, 400, "Deleting app memberships"},
		{"members.delete of a manager without being one", admin, "DELETE", "/v1/" + space + "/members/alice@example.com?" + on, nil, 200, ""},
		{"spaces.delete without being a manager", tok("user:admin@example.com", "chat.admin.delete"), "DELETE", "/v1/" + doomed + "?" + on, nil, 200, ""},
	}
	for _, tc := range cases {
		status, out := api(t, srv, tc.token, tc.method, tc.path, tc.body)
		if status != tc.want || !strings.Contains(errMessage(out), tc.wantMessage) {
			t.Errorf("%s: %s %s: %d %v, want %d %q", tc.name, tc.method, tc.path, status, out, tc.want, tc.wantMessage)
		}
	}

	// members.list with admin access leaves the app out.
	status, out := api(t, srv, admin, "GET", "/v1/"+space+"/members?filter="+urlq(`member.type != "BOT"`)+"&"+on, nil)
	if status != 200 || strings.Contains(strings.ToLower(jsonString(out)), `"bot"`) {
		t.Errorf("members.list with admin access: %d %v, want no app", status, out)
	}
	// The administrator is not made a member by managing the space.
	if status, out := api(t, srv, bob, "GET", "/v1/"+space+"/members", nil); status != 200 || strings.Contains(jsonString(out), srv.dir.users["admin@example.com"].id) {
		t.Errorf("members: %d %v, must not include the administrator", status, out)
	}
}

// The request log records whether a call asked for admin access, refused or
// not, so tests can assert that the provider sent it.
func TestAdminAccess_requestLog(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := setup(t, srv, alice, namedSpace("Logged"))
	srv.ClearRequests()
	api(t, srv, admin, "GET", "/v1/"+space+"?useAdminAccess=true", nil)
	api(t, srv, alice, "GET", "/v1/"+space+"?useAdminAccess=true", nil)
	api(t, srv, alice, "GET", "/v1/"+space, nil)
	api(t, srv, alice, "GET", "/v1/"+space+"?useAdminAccess=false", nil)
	var got []bool
	for _, r := range srv.Requests() {
		got = append(got, r.AdminAccess)
	}
	if want := []bool{true, true, false, false}; !slices.Equal(got, want) {
		t.Errorf("AdminAccess %v, want %v", got, want)
	}
}

// The Go client's UseAdminAccess reaches the emulator as the API expects.
func TestAdminAccess_goClient(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := setup(t, srv, alice, namedSpace("Client"))
	svc := chatClient(t, srv, admin)
	ctx := context.Background()
	got, err := svc.Spaces.Get(space).UseAdminAccess(true).Context(ctx).Do()
	if err != nil || got.Name != space || got.DisplayName != "Client" {
		t.Fatalf("Spaces.Get with admin access: %+v %v", got, err)
	}
	if _, err := svc.Spaces.Get(space).Context(ctx).Do(); code(err) != 403 {
		t.Errorf("Spaces.Get without admin access: %v, want 403", err)
	}
	list, err := svc.Spaces.Members.List(space).UseAdminAccess(true).Filter(`member.type = "HUMAN"`).Context(ctx).Do()
	if err != nil || len(list.Memberships) != 1 {
		t.Errorf("Members.List with admin access: %+v %v", list, err)
	}
	if r := srv.Requests(); !r[len(r)-3].AdminAccess || r[len(r)-2].AdminAccess || !r[len(r)-1].AdminAccess {
		t.Errorf("request log: %+v", r[len(r)-3:])
	}
}
