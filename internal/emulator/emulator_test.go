package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// api sends one request as token and returns the status and decoded body.
func api(t *testing.T, srv *Server, token, method, path string, body any) (int, map[string]any) {
	t.Helper()
	var reader io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		reader = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, srv.URL+path, reader)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out := map[string]any{}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// postCase is a request body a caller posts, and the answer it must get:
// a status, and the error status ("" for none).
type postCase struct {
	name       string
	token      string
	body       map[string]any
	wantStatus int
	wantError  string
}

// answered reports on t an answer other than wantStatus with the error
// status wantError ("" for none), and says whether it was the one wanted.
func answered(t *testing.T, status int, out map[string]any, wantStatus int, wantError string) bool {
	t.Helper()
	if status != wantStatus || errStatus(out) != wantError {
		t.Errorf("got %d %s (%v), want %d %s", status, errStatus(out), out, wantStatus, wantError)
		return false
	}
	return true
}

func errStatus(body map[string]any) string {
	if e, ok := body["error"].(map[string]any); ok {
		return fmt.Sprint(e["status"])
	}
	return ""
}

const (
	alice = "user:alice@example.com"
	bob   = "user:bob@example.com"
	carol = "user:carol@example.com"
	app   = "app"
)

func setup(t *testing.T, srv *Server, token string, body map[string]any) string {
	t.Helper()
	return created(t, srv, token, "/v1/spaces:setup", body)
}

// created POSTs body to path as token, fails the test unless it answers
// 200, and returns the name of what it made.
func created(t *testing.T, srv *Server, token, path string, body map[string]any) string {
	t.Helper()
	status, out := api(t, srv, token, "POST", path, body)
	if status != 200 {
		t.Fatalf("POST %s: %d %v", path, status, out)
	}
	return out["name"].(string)
}

// checkFilters lists path's field as token with each filter: want named
// elements across all pages, or, for a want below 0, 400 on the first page.
func checkFilters(t *testing.T, srv *Server, token, path, field string, filters map[string]int) {
	t.Helper()
	for filter, want := range filters {
		query := path + "?filter=" + url.QueryEscape(filter)
		if want < 0 {
			if status, out := api(t, srv, token, "GET", query, nil); status != 400 {
				t.Errorf("filter %s: %d %v, want 400", filter, status, out)
			}
			continue
		}
		status, list := listPages(t, srv, token, query, field)
		if status != 200 {
			t.Fatalf("filter %s: %d", filter, status)
		}
		if len(list) != want {
			t.Errorf("filter %s: %d %s, want %d", filter, len(list), field, want)
		}
		for _, item := range list {
			if object, _ := item.(map[string]any); object == nil || object["name"] == nil || object["name"] == "" {
				t.Errorf("filter %s: an element without a name: %v", filter, item)
			}
		}
	}
}

// listPages GETs path (which has a query) as token, page after page, and
// returns the status of the first answer that was not 200 (or 200) and the
// elements of field across the pages read.
func listPages(t *testing.T, srv *Server, token, path, field string) (int, []any) {
	t.Helper()
	var all []any
	for page := ""; ; {
		status, out := api(t, srv, token, "GET", path+"&pageToken="+page, nil)
		if status != 200 {
			return status, all
		}
		list, _ := out[field].([]any)
		all = append(all, list...)
		if page, _ = out["nextPageToken"].(string); page == "" {
			return status, all
		}
	}
}

func namedSpace(name string) map[string]any {
	return map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": name}}
}

func members(names ...string) []any {
	var out []any
	for _, n := range names {
		if strings.HasPrefix(n, "groups/") {
			out = append(out, map[string]any{"groupMember": map[string]any{"name": n}})
		} else {
			out = append(out, map[string]any{"member": map[string]any{"name": n, "type": "HUMAN"}})
		}
	}
	return out
}

func TestSetUp_rules(t *testing.T) {
	many := make([]string, 50)
	for i := range many {
		many[i] = fmt.Sprintf("users/u%d@example.com", i)
	}
	manyUsers := make([]string, 50)
	for i := range manyUsers {
		manyUsers[i] = fmt.Sprintf("u%d@example.com", i)
	}
	cases := []postCase{
		{"app credentials are refused", app, namedSpace("A"), 403, "PERMISSION_DENIED"},
		{"spaceType is required", alice, map[string]any{"space": map[string]any{"displayName": "A"}}, 400, "INVALID_ARGUMENT"},
		{"SPACE needs displayName", alice, map[string]any{"space": map[string]any{"spaceType": "SPACE"}}, 400, "INVALID_ARGUMENT"},
		{"displayName over 128 characters", alice, namedSpace(strings.Repeat("x", 129)), 400, "INVALID_ARGUMENT"},
		{"GROUP_CHAT must not set displayName", alice, map[string]any{"space": map[string]any{"spaceType": "GROUP_CHAT", "displayName": "x"}, "memberships": members("users/bob@example.com", "users/carol@example.com")}, 400, "INVALID_ARGUMENT"},
		{"GROUP_CHAT needs two members", alice, map[string]any{"space": map[string]any{"spaceType": "GROUP_CHAT"}, "memberships": members("users/bob@example.com")}, 400, "INVALID_ARGUMENT"},
		{"GROUP_CHAT counts members after dropping duplicates and the caller", alice, map[string]any{"space": map[string]any{"spaceType": "GROUP_CHAT"}, "memberships": members("users/bob@example.com", "users/bob@example.com", "users/alice@example.com")}, 400, "INVALID_ARGUMENT"},
		{"groups only in SPACE", alice, map[string]any{"space": map[string]any{"spaceType": "GROUP_CHAT"}, "memberships": members("users/bob@example.com", "groups/engineering")}, 400, "INVALID_ARGUMENT"},
		{"DM needs exactly one member", alice, map[string]any{"space": map[string]any{"spaceType": "DIRECT_MESSAGE"}, "memberships": members("users/bob@example.com", "users/carol@example.com")}, 400, "INVALID_ARGUMENT"},
		{"DM must not set spaceDetails", alice, map[string]any{"space": map[string]any{"spaceType": "DIRECT_MESSAGE", "spaceDetails": map[string]any{"description": "d"}}, "memberships": members("users/bob@example.com")}, 400, "INVALID_ARGUMENT"},
		{"bot DM takes no memberships", alice, map[string]any{"space": map[string]any{"spaceType": "DIRECT_MESSAGE", "singleUserBotDm": true}, "memberships": members("users/bob@example.com")}, 400, "INVALID_ARGUMENT"},
		{"unknown user in a DM", alice, map[string]any{"space": map[string]any{"spaceType": "DIRECT_MESSAGE"}, "memberships": members("users/nobody@example.com")}, 404, "NOT_FOUND"},
		{"at most 49 memberships", alice, map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": "Big"}, "memberships": members(many...)}, 400, "INVALID_ARGUMENT"},
		{"unknown field is rejected", alice, map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": "X", "bogus": 1}}, 400, "INVALID_ARGUMENT"},
		{"customer is for app creation only", alice, map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": "X", "customer": "customers/my_customer"}}, 400, "INVALID_ARGUMENT"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := NewTestServer(t, Options{Users: slices.Concat(manyUsers, []string{"alice@example.com", "bob@example.com", "carol@example.com"})})
			status, out := api(t, srv, tc.token, "POST", "/v1/spaces:setup", tc.body)
			answered(t, status, out, tc.wantStatus, tc.wantError)
			for _, r := range srv.Requests() {
				if r.Committed {
					t.Errorf("a refused setup must not change state: %+v", r)
				}
			}
		})
	}
}

func memberNames(t *testing.T, srv *Server, space string, query string) []string {
	t.Helper()
	status, out := api(t, srv, alice, "GET", "/v1/"+space+"/members"+query, nil)
	if status != 200 {
		t.Fatalf("list members: %d %v", status, out)
	}
	var names []string
	list, _ := out["memberships"].([]any)
	for _, m := range list {
		mm := m.(map[string]any)
		if member, ok := mm["member"].(map[string]any); ok {
			names = append(names, member["name"].(string)+":"+fmt.Sprint(mm["role"]))
		} else {
			names = append(names, mm["groupMember"].(map[string]any)["name"].(string))
		}
	}
	return names
}

func TestSetUp_membershipsAndDMs(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := setup(t, srv, alice, map[string]any{
		"space":       map[string]any{"spaceType": "SPACE", "displayName": "Team"},
		"memberships": members("users/bob@example.com", "users/bob@example.com", "users/alice@example.com", "groups/engineering"),
	})
	got := memberNames(t, srv, space, "?showGroups=true")
	want := []string{"users/100000000000000000001:ROLE_MANAGER", "users/100000000000000000002:ROLE_MEMBER", "groups/engineering"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("members = %v, want %v (caller added as manager, duplicates dropped, email canonicalised)", got, want)
	}

	dm := map[string]any{"space": map[string]any{"spaceType": "DIRECT_MESSAGE"}, "memberships": members("users/bob@example.com")}
	first := setup(t, srv, alice, dm)
	again := setup(t, srv, alice, dm)
	fromBob := setup(t, srv, bob, map[string]any{"space": map[string]any{"spaceType": "DIRECT_MESSAGE"}, "memberships": members("users/alice@example.com")})
	if first != again || first != fromBob {
		t.Errorf("an existing DM must be returned: %s, %s, %s", first, again, fromBob)
	}
	status, found := api(t, srv, alice, "GET", "/v1/spaces:findDirectMessage?name=users/bob@example.com", nil)
	if status != 200 || found["name"] != first {
		t.Errorf("findDirectMessage = %d %v, want %s", status, found, first)
	}
	if status, _ := api(t, srv, alice, "GET", "/v1/spaces:findDirectMessage?name=users/carol@example.com", nil); status != 404 {
		t.Errorf("findDirectMessage with no DM = %d, want 404", status)
	}

	botDM := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "DIRECT_MESSAGE", "singleUserBotDm": true}})
	status, out := api(t, srv, app, "GET", "/v1/"+botDM, nil)
	if status != 200 || out["singleUserBotDm"] != true {
		t.Errorf("the app must see its DM: %d %v", status, out)
	}
}

func TestCreate_rules(t *testing.T) {
	cases := []struct {
		name       string
		token      string
		query      string
		body       map[string]any
		wantStatus int
		wantError  string
	}{
		{"app needs customer", app, "", map[string]any{"spaceType": "SPACE", "displayName": "A"}, 400, "INVALID_ARGUMENT"},
		{"app with customer", app, "", map[string]any{"spaceType": "SPACE", "displayName": "A", "customer": "customers/my_customer"}, 200, ""},
		{"foreign customer", app, "", map[string]any{"spaceType": "SPACE", "displayName": "A", "customer": "customers/other"}, 403, "PERMISSION_DENIED"},
		{"user without customer", alice, "", map[string]any{"spaceType": "SPACE", "displayName": "A"}, 200, ""},
		{"group chat only in import mode", alice, "", map[string]any{"spaceType": "GROUP_CHAT"}, 400, "INVALID_ARGUMENT"},
		{"DMs go through setup", alice, "", map[string]any{"spaceType": "DIRECT_MESSAGE"}, 400, "INVALID_ARGUMENT"},
		{"description limit", alice, "", map[string]any{"spaceType": "SPACE", "displayName": "A", "spaceDetails": map[string]any{"description": strings.Repeat("d", 4097)}}, 400, "INVALID_ARGUMENT"},
		{"guidelines limit", alice, "", map[string]any{"spaceType": "SPACE", "displayName": "A", "spaceDetails": map[string]any{"guidelines": strings.Repeat("g", 5001)}}, 400, "INVALID_ARGUMENT"},
		{"bad history state", alice, "", map[string]any{"spaceType": "SPACE", "displayName": "A", "spaceHistoryState": "MAYBE"}, 400, "INVALID_ARGUMENT"},
		{"permission settings only by patch", alice, "", map[string]any{"spaceType": "SPACE", "displayName": "A", "permissionSettings": map[string]any{}}, 400, "INVALID_ARGUMENT"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := NewTestServer(t, Options{})
			status, out := api(t, srv, tc.token, "POST", "/v1/spaces"+tc.query, tc.body)
			answered(t, status, out, tc.wantStatus, tc.wantError)
		})
	}
}

func TestCreate_idempotencyAndDuplicates(t *testing.T) {
	srv := NewTestServer(t, Options{})
	body := map[string]any{"spaceType": "SPACE", "displayName": "Ops", "customer": "customers/my_customer"}
	_, first := api(t, srv, app, "POST", "/v1/spaces?requestId=r-1", body)
	status, second := api(t, srv, app, "POST", "/v1/spaces?requestId=r-1", map[string]any{"spaceType": "SPACE", "displayName": "Changed", "customer": "customers/my_customer"})
	if status != 200 || second["name"] != first["name"] || second["displayName"] != "Changed" {
		t.Errorf("a repeated requestId must echo the request with the first space's name: %d %v", status, second)
	}
	if got := len(srv.LiveSpaces()); got != 1 {
		t.Errorf("spaces = %d, want 1", got)
	}
	if status, out := api(t, srv, "app:other", "POST", "/v1/spaces?requestId=r-1", body); status != 400 {
		t.Errorf("another principal reusing a requestId = %d %v, want 400", status, out)
	}
	if status, out := api(t, srv, alice, "POST", "/v1/spaces", map[string]any{"spaceType": "SPACE", "displayName": "ops"}); status != 409 || errStatus(out) != "ALREADY_EXISTS" {
		t.Errorf("duplicate displayName = %d %v, want 409 ALREADY_EXISTS", status, out)
	}
	// The creating app is a member, not a manager; other callers are not members.
	if status, _ := api(t, srv, alice, "GET", "/v1/"+first["name"].(string)+"/members", nil); status != 403 {
		t.Errorf("a non-member listing members = %d, want 403", status)
	}
	if snap := srv.Snapshot().Spaces[0].Memberships; len(snap) != 1 || snap[0].Role != "ROLE_MEMBER" || snap[0].Member.Type != "BOT" {
		t.Errorf("the creating app's membership = %+v", snap[0])
	}
}

func TestGetListAndAuth(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := setup(t, srv, alice, namedSpace("Listed"))
	group := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "GROUP_CHAT"}, "memberships": members("users/bob@example.com", "users/carol@example.com")})
	for i := range 3 {
		setup(t, srv, alice, namedSpace(fmt.Sprintf("Page %d", i)))
	}
	cases := []struct {
		name, token, path string
		wantStatus        int
		wantCount         int
	}{
		{"no token", "", "/v1/" + space, 401, -1},
		{"bad token", "user:mallory@example.com", "/v1/" + space, 401, -1},
		{"not a member", "user:dave@example.com", "/v1/" + space, 403, -1},
		{"unknown space", alice, "/v1/spaces/AAAAAAAAAAA", 404, -1},
		{"get", alice, "/v1/" + space, 200, -1},
		{"list hides the group chat until a message", alice, "/v1/spaces", 200, 4},
		{"filter", alice, "/v1/spaces?filter=" + urlq(`space_type = "SPACE"`), 200, 4},
		{"filter OR", alice, "/v1/spaces?filter=" + urlq(`spaceType = "GROUP_CHAT" OR spaceType = "DIRECT_MESSAGE"`), 200, 0},
		{"bad filter", alice, "/v1/spaces?filter=" + urlq(`displayName = "x"`), 400, -1},
		{"negative pageSize", alice, "/v1/spaces?pageSize=-1", 400, -1},
		{"page size", alice, "/v1/spaces?pageSize=3", 200, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, out := api(t, srv, tc.token, "GET", tc.path, nil)
			if status != tc.wantStatus {
				t.Fatalf("status %d (%v), want %d", status, out, tc.wantStatus)
			}
			if tc.wantCount >= 0 {
				list, _ := out["spaces"].([]any)
				if len(list) != tc.wantCount {
					t.Errorf("spaces = %d, want %d", len(list), tc.wantCount)
				}
			}
		})
	}
	_, page := api(t, srv, alice, "GET", "/v1/spaces?pageSize=3", nil)
	_, rest := api(t, srv, alice, "GET", "/v1/spaces?pageSize=3&pageToken="+page["nextPageToken"].(string), nil)
	if list, _ := rest["spaces"].([]any); len(list) != 1 || rest["nextPageToken"] != nil {
		t.Errorf("second page = %v", rest)
	}
	if status, _ := api(t, srv, alice, "POST", "/v1/"+group+"/messages", map[string]any{"text": "hi"}); status != 200 {
		t.Fatal("message")
	}
	if _, out := api(t, srv, alice, "GET", "/v1/spaces", nil); len(out["spaces"].([]any)) != 5 {
		t.Errorf("the group chat is listed after its first message: %v", out)
	}
}

func urlq(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, " ", "%20"), `"`, "%22") }

func TestPatch_rules(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := setup(t, srv, alice, namedSpace("Patched"))
	setup(t, srv, alice, namedSpace("Taken"))
	group := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "GROUP_CHAT"}, "memberships": members("users/bob@example.com", "users/carol@example.com")})
	cases := []struct {
		name, target, mask string
		body               map[string]any
		wantStatus         int
		wantError          string
	}{
		{"mask required", space, "", map[string]any{"displayName": "X"}, 400, "INVALID_ARGUMENT"},
		{"unknown mask", space, "name", map[string]any{}, 400, "INVALID_ARGUMENT"},
		{"display name", space, "display_name", map[string]any{"displayName": "Renamed"}, 200, ""},
		{"camelCase mask", space, "displayName", map[string]any{"displayName": "Renamed again"}, 200, ""},
		{"duplicate display name", space, "display_name", map[string]any{"displayName": "Taken"}, 409, "ALREADY_EXISTS"},
		{"empty display name", space, "display_name", map[string]any{}, 400, "INVALID_ARGUMENT"},
		{"details with other fields", space, "space_details,display_name", map[string]any{"displayName": "Both", "spaceDetails": map[string]any{"description": "d", "guidelines": "g"}}, 200, ""},
		{"history must be alone", space, "space_history_state,display_name", map[string]any{"spaceHistoryState": "HISTORY_OFF", "displayName": "N"}, 400, "INVALID_ARGUMENT"},
		{"history alone", space, "space_history_state", map[string]any{"spaceHistoryState": "HISTORY_OFF"}, 200, ""},
		{"permissions only with permissions", space, "permission_settings.manage_apps,display_name", map[string]any{"displayName": "N"}, 400, "INVALID_ARGUMENT"},
		{"permissions alone", space, "permission_settings.manage_apps,permissionSettings.toggleHistory", map[string]any{"permissionSettings": map[string]any{"manageApps": map[string]any{"managersAllowed": true}}}, 200, ""},
		{"audience must be alone", space, "access_settings.audience,display_name", map[string]any{"displayName": "N"}, 400, "INVALID_ARGUMENT"},
		{"audience alone", space, "access_settings.audience", map[string]any{"accessSettings": map[string]any{"audience": "audiences/default"}}, 200, ""},
		{"display name of a group chat", group, "display_name", map[string]any{"displayName": "G"}, 400, "INVALID_ARGUMENT"},
		{"group chat to DM", group, "space_type", map[string]any{"spaceType": "DIRECT_MESSAGE"}, 400, "INVALID_ARGUMENT"},
		{"group chat to space needs display_name", group, "space_type", map[string]any{"spaceType": "SPACE"}, 400, "INVALID_ARGUMENT"},
		{"group chat to space", group, "space_type,display_name", map[string]any{"spaceType": "SPACE", "displayName": "Promoted"}, 200, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, out := api(t, srv, alice, "PATCH", "/v1/"+tc.target+"?updateMask="+tc.mask, tc.body)
			answered(t, status, out, tc.wantStatus, tc.wantError)
		})
	}
	_, got := api(t, srv, alice, "GET", "/v1/"+space, nil)
	perms := got["permissionSettings"].(map[string]any)
	if fmt.Sprint(perms["manageApps"]) != "map[managersAllowed:true]" || fmt.Sprint(perms["toggleHistory"]) != "map[]" {
		t.Errorf("each masked permission is replaced whole: %v", perms)
	}
	if got["spaceHistoryState"] != "HISTORY_OFF" || got["accessSettings"].(map[string]any)["accessState"] != "DISCOVERABLE" {
		t.Errorf("patched space = %v", got)
	}
	_, promoted := api(t, srv, alice, "GET", "/v1/"+group, nil)
	if promoted["spaceType"] != "SPACE" || promoted["displayName"] != "Promoted" {
		t.Errorf("promoted = %v", promoted)
	}
	// Permission settings are hidden from apps that did not create the space.
	if status, _ := api(t, srv, alice, "POST", "/v1/"+space+"/members", map[string]any{"member": map[string]any{"name": "users/app", "type": "BOT"}}); status != 200 {
		t.Fatal("add app")
	}
	if _, asApp := api(t, srv, app, "GET", "/v1/"+space, nil); asApp["permissionSettings"] != nil {
		t.Errorf("an app that did not create the space must not see permissionSettings: %v", asApp)
	}
}

func TestDelete_cascadesAndRules(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": "Doomed"}, "memberships": members("users/bob@example.com")})
	_, msg := api(t, srv, alice, "POST", "/v1/"+space+"/messages", map[string]any{"text": "bye"})
	dm := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "DIRECT_MESSAGE"}, "memberships": members("users/bob@example.com")})

	if status, out := api(t, srv, bob, "DELETE", "/v1/"+space, nil); status != 403 {
		t.Errorf("a plain member deleting = %d %v, want 403", status, out)
	}
	if status, out := api(t, srv, alice, "DELETE", "/v1/"+dm, nil); status != 400 || errStatus(out) != "FAILED_PRECONDITION" {
		t.Errorf("deleting a DM = %d %v, want 400 FAILED_PRECONDITION", status, out)
	}
	if status, out := api(t, srv, alice, "DELETE", "/v1/"+space, nil); status != 200 || len(out) != 0 {
		t.Errorf("delete = %d %v, want 200 {}", status, out)
	}
	for _, path := range []string{space, space + "/members/" + "100000000000000000002", msg["name"].(string)} {
		if status, _ := api(t, srv, alice, "GET", "/v1/"+path, nil); status != 404 {
			t.Errorf("GET %s after delete = %d, want 404", path, status)
		}
	}
}

func TestMembers_rules(t *testing.T) {
	srv := NewTestServer(t, Options{InvitedUsers: []string{"erin@example.com"}})
	space := setup(t, srv, alice, namedSpace("Members"))
	group := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "GROUP_CHAT"}, "memberships": members("users/bob@example.com", "users/carol@example.com")})
	add := func(token, target string, member map[string]any) (int, map[string]any) {
		return api(t, srv, token, "POST", "/v1/"+target+"/members", member)
	}
	user := func(name string) map[string]any {
		return map[string]any{"member": map[string]any{"name": name, "type": "HUMAN"}}
	}
	if status, out := add(alice, space, user("users/bob@example.com")); status != 200 || out["role"] != "ROLE_MEMBER" || out["state"] != "JOINED" {
		t.Errorf("add bob = %d %v", status, out)
	}
	if status, out := add(alice, space, user("users/erin@example.com")); status != 200 || out["state"] != "INVITED" {
		t.Errorf("a user with auto-accept off is INVITED: %d %v", status, out)
	}
	if status, out := add(alice, space, user("users/100000000000000000002")); status != 409 || errStatus(out) != "ALREADY_EXISTS" {
		t.Errorf("duplicate = %d %v, want 409", status, out)
	}
	if status, _ := add(alice, group, map[string]any{"groupMember": map[string]any{"name": "groups/support"}}); status != 400 {
		t.Errorf("group in a group chat = %d, want 400", status)
	}
	if status, out := api(t, srv, alice, "PATCH", "/v1/"+group+"/members/bob@example.com?updateMask=role", map[string]any{"role": "ROLE_MANAGER"}); status != 400 {
		t.Errorf("manager in a group chat = %d %v, want 400", status, out)
	}
	if status, out := api(t, srv, alice, "PATCH", "/v1/"+space+"/members/bob@example.com?updateMask=role", map[string]any{"role": "ROLE_MANAGER"}); status != 200 || out["role"] != "ROLE_MANAGER" {
		t.Errorf("promote = %d %v", status, out)
	}
	if got := memberNames(t, srv, space, "?filter="+urlq(`role = "ROLE_MANAGER"`)); len(got) != 2 {
		t.Errorf("managers = %v", got)
	}
	if got := memberNames(t, srv, space, "?showInvited=true"); len(got) != 3 {
		t.Errorf("with invited = %v", got)
	}
	status, out := api(t, srv, alice, "DELETE", "/v1/"+space+"/members/bob@example.com", nil)
	if status != 200 || out["name"] != space+"/members/100000000000000000002" {
		t.Errorf("delete returns the membership: %d %v", status, out)
	}
}

func TestFaultsQuotaAndAdmin(t *testing.T) {
	// A clock that stands still: the quota buckets below never refill, so
	// their answers do not depend on how fast this machine is.
	srv := NewTestServer(t, Options{Now: (&importClock{now: importNow}).Now})
	space := setup(t, srv, alice, namedSpace("Faults"))
	if err := srv.AddFault(FaultRule{RPC: "chat.spaces.get", Status: 503, Count: 2}); err != nil {
		t.Fatal(err)
	}
	for i, want := range []int{503, 503, 200} {
		if status, _ := api(t, srv, alice, "GET", "/v1/"+space, nil); status != want {
			t.Errorf("get %d = %d, want %d", i, status, want)
		}
	}
	_ = srv.AddFault(FaultRule{RPC: "chat.spaces.messages.create", CommitThenFail: true, Count: 1})
	if status, _ := api(t, srv, alice, "POST", "/v1/"+space+"/messages", map[string]any{"text": "x"}); status != 503 {
		t.Errorf("commit-then-fail = %d, want 503", status)
	}
	if n := len(srv.Snapshot().Spaces[0].Messages); n != 1 {
		t.Errorf("commit-then-fail must commit: %d messages", n)
	}
	_ = srv.AddFault(FaultRule{RPC: "chat.spaces.get", Status: 429, RetryAfter: "3", Count: 1})
	status, out := api(t, srv, alice, "GET", "/v1/"+space, nil)
	if status != 429 || errStatus(out) != "RESOURCE_EXHAUSTED" {
		t.Errorf("429 fault = %d %v", status, out)
	}
	srv.SetQuota(Quota{SpaceWritesPerSecond: 2})
	var codes []int
	var posted string
	for range 3 {
		code, out := api(t, srv, alice, "POST", "/v1/"+space+"/messages", map[string]any{"text": "q"})
		codes = append(codes, code)
		if name, ok := out["name"].(string); ok {
			posted = name
		}
	}
	if fmt.Sprint(codes) != "[200 200 429]" {
		t.Errorf("per-space quota of 2/s gave %v", codes)
	}
	// Reactions are per-space writes too ("reactions.create / delete", limits
	// page): the space's bucket is empty.
	if code, _ := api(t, srv, alice, "POST", "/v1/"+posted+"/reactions", map[string]any{"emoji": map[string]any{"unicode": "👍"}}); code != 429 {
		t.Errorf("a reaction in a space over its write quota = %d, want 429", code)
	}
	// Reads: 2 a second per space, 3 a minute of each kind per project.
	srv.SetQuota(Quota{SpaceReadsPerSecond: 2, ProjectReadsPerMinute: 3})
	codes = nil
	for _, path := range []string{"/v1/" + space, "/v1/" + space + "/members", "/v1/" + space + "/messages", "/v1/spaces", "/v1/spaces"} {
		code, _ := api(t, srv, alice, "GET", path, nil)
		codes = append(codes, code)
	}
	// the third read of the space is over its per-space 2; the second
	// spaces.list is the kind's third read (the first spaces.get made one).
	if fmt.Sprint(codes) != "[200 200 429 200 200]" {
		t.Errorf("read quotas gave %v", codes)
	}
	if code, out := api(t, srv, alice, "GET", "/v1/spaces", nil); code != 429 || !strings.Contains(fmt.Sprint(out), "Read requests") {
		t.Errorf("fourth space read = %d %v, want the project's space-read quota", code, out)
	}
	srv.SetQuota(Quota{})
	log := srv.Requests()
	last := log[len(log)-8]
	if last.RPC != "chat.spaces.messages.create" || last.Principal != alice || last.Status != 429 || !strings.Contains(last.Body, `"text":"q"`) {
		t.Errorf("request log entry = %+v", last)
	}
	// The admin API over HTTP.
	req, _ := http.NewRequest("POST", srv.URL+"/__emulator/reset", nil)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
		t.Fatalf("reset: %v", err)
	}
	if len(srv.Snapshot().Spaces) != 0 || len(srv.Requests()) != 0 {
		t.Error("reset must drop state and log")
	}
}

func TestNormalizeMask(t *testing.T) {
	got := normalizeMask("displayName, permissionSettings.manageMembersAndGroups,space_details")
	want := []string{"display_name", "permission_settings.manage_members_and_groups", "space_details"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("normalizeMask = %v, want %v", got, want)
	}
}
