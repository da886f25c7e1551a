package emulator

import (
	"strings"
	"sync"
	"testing"
	"time"

	chat "google.golang.org/api/chat/v1"
)

// importClock is an adjustable Options.Now.
type importClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *importClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *importClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

var importNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func importSpace(name string, extra ...any) map[string]any {
	body := map[string]any{"spaceType": "SPACE", "displayName": name, "importMode": true}
	for i := 0; i+1 < len(extra); i += 2 {
		body[extra[i].(string)] = extra[i+1]
	}
	return body
}

// createImport creates an import-mode space as token and returns its name.
func createImport(t *testing.T, srv *Server, token string, body map[string]any) string {
	t.Helper()
	return created(t, srv, token, "/v1/spaces", body)
}

func errReason(body map[string]any) string {
	e, _ := body["error"].(map[string]any)
	details, _ := e["details"].([]any)
	for _, d := range details {
		if m, ok := d.(map[string]any); ok && m["reason"] != nil {
			return m["reason"].(string)
		}
	}
	return ""
}

func TestImport_createRules(t *testing.T) {
	cases := []postCase{
		{"named space", alice, importSpace("Import"), 200, ""},
		{"group chat", alice, map[string]any{"spaceType": "GROUP_CHAT", "importMode": true}, 200, ""},
		{"no direct messages", alice, map[string]any{"spaceType": "DIRECT_MESSAGE", "importMode": true}, 400, "INVALID_ARGUMENT"},
		{"apps can't", app, importSpace("Import", "customer", "customers/my_customer"), 403, "PERMISSION_DENIED"},
		{"historical createTime", alice, importSpace("Import", "createTime", "2010-05-01T08:00:00Z"), 200, ""},
		{"createTime at the lower bound", alice, importSpace("Import", "createTime", "2000-01-01T00:00:00Z"), 200, ""},
		{"createTime before 2000", alice, importSpace("Import", "createTime", "1999-12-31T23:59:59Z"), 400, "INVALID_ARGUMENT"},
		{"createTime in the future", alice, importSpace("Import", "createTime", importNow.Add(time.Second).Format(time.RFC3339)), 400, "INVALID_ARGUMENT"},
		{"createTime not a timestamp", alice, importSpace("Import", "createTime", "yesterday"), 400, "INVALID_ARGUMENT"},
		{"createTime outside import mode", alice, map[string]any{"spaceType": "SPACE", "displayName": "A", "createTime": "2010-05-01T08:00:00Z"}, 400, "INVALID_ARGUMENT"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := NewTestServer(t, Options{Now: func() time.Time { return importNow }})
			status, out := api(t, srv, tc.token, "POST", "/v1/spaces", tc.body)
			if !answered(t, status, out, tc.wantStatus, tc.wantError) {
				t.FailNow()
			}
			if status != 200 {
				return
			}
			if want, ok := tc.body["createTime"].(string); ok && out["createTime"] != want {
				t.Errorf("createTime = %v, want %s", out["createTime"], want)
			}
			if want := importNow.Add(90 * 24 * time.Hour).Format(time.RFC3339); out["importModeExpireTime"] != want || out["importMode"] != true {
				t.Errorf("importMode %v, importModeExpireTime %v, want true, %s", out["importMode"], out["importModeExpireTime"], want)
			}
			// "Import mode: No members are created."
			status, members := api(t, srv, tc.token, "GET", "/v1/"+out["name"].(string)+"/members", nil)
			if status != 200 || len(members) != 0 {
				t.Errorf("members of an import-mode space: %d %v, want none", status, members)
			}
		})
	}
}

// Import mode needs domain-wide delegation, and chat.import counts only for
// import-mode spaces.
func TestImport_delegationAndScope(t *testing.T) {
	srv := NewTestServer(t, Options{})
	key := credentialFile(t, srv, "principal=app")
	dwdImport := exchange(t, key, "alice@example.com", scopeURLs("chat.import")...)
	dwdSpaces := exchange(t, key, "alice@example.com", scopeURLs("chat.spaces", "chat.messages")...)
	dwdImportBob := exchange(t, key, "bob@example.com", scopeURLs("chat.import")...)
	otherKey := credentialFile(t, srv, "principal=app:other")
	otherApp := exchange(t, otherKey, "alice@example.com", scopeURLs("chat.import")...)
	ownOAuth := exchange(t, credentialFile(t, srv, "principal=user:alice@example.com&scopes=chat.import"), "", scopeURLs("chat.import")...)

	imported := createImport(t, srv, dwdImport, importSpace("Imported"))
	normal := setup(t, srv, alice, namedSpace("Normal"))
	msg := map[string]any{"text": "hi"}
	cases := []struct {
		name, token, method, path string
		body                      any
		wantStatus                int
		wantReason                string
	}{
		{"chat.import creates an import-mode space", dwdImport, "POST", "/v1/spaces", importSpace("Second"), 200, ""},
		{"chat.import can't create other spaces", dwdImport, "POST", "/v1/spaces", map[string]any{"spaceType": "SPACE", "displayName": "X"}, 403, "ACCESS_TOKEN_SCOPE_INSUFFICIENT"},
		{"import mode needs delegation", ownOAuth, "POST", "/v1/spaces", importSpace("Third"), 403, ""},
		{"chat.import posts in an import-mode space", dwdImport, "POST", "/v1/" + imported + "/messages", msg, 200, ""},
		{"the same app impersonating another user", dwdImportBob, "POST", "/v1/" + imported + "/messages", msg, 200, ""},
		{"chat.import alone in a normal space", dwdImport, "POST", "/v1/" + normal + "/messages", msg, 403, "ACCESS_TOKEN_SCOPE_INSUFFICIENT"},
		{"chat.import alone lists no normal space's members", dwdImport, "GET", "/v1/" + normal + "/members", nil, 403, "ACCESS_TOKEN_SCOPE_INSUFFICIENT"},
		{"other scopes in a normal space", dwdSpaces, "POST", "/v1/" + normal + "/messages", msg, 200, ""},
		{"other scopes in the import-mode space", dwdSpaces, "GET", "/v1/" + imported, nil, 200, ""},
		{"another app can't reach it", otherApp, "POST", "/v1/" + imported + "/messages", msg, 404, ""},
		{"the user's own OAuth token can't reach it", ownOAuth, "POST", "/v1/" + imported + "/messages", msg, 404, ""},
		{"completeImport needs delegation", ownOAuth, "POST", "/v1/" + imported + ":completeImport", map[string]any{}, 403, ""},
		{"completeImport needs chat.import", dwdSpaces, "POST", "/v1/" + imported + ":completeImport", map[string]any{}, 403, "ACCESS_TOKEN_SCOPE_INSUFFICIENT"},
		{"completeImport by another app", otherApp, "POST", "/v1/" + imported + ":completeImport", map[string]any{}, 404, ""},
		{"completeImport of a normal space", dwdImport, "POST", "/v1/" + normal + ":completeImport", map[string]any{}, 400, ""},
		{"completeImport", dwdImport, "POST", "/v1/" + imported + ":completeImport", map[string]any{}, 200, ""},
		{"chat.import no longer reaches it", dwdImport, "POST", "/v1/" + imported + "/messages", msg, 403, "ACCESS_TOKEN_SCOPE_INSUFFICIENT"},
	}
	for _, tc := range cases { // in order: completeImport changes the space
		status, out := api(t, srv, tc.token, tc.method, tc.path, tc.body)
		if status != tc.wantStatus || tc.wantReason != "" && errReason(out) != tc.wantReason {
			t.Errorf("%s: got %d %s %v, want %d %s", tc.name, status, errReason(out), out, tc.wantStatus, tc.wantReason)
		}
	}
	if _, out := api(t, srv, alice, "GET", "/v1/"+imported+"/messages", nil); len(out["messages"].([]any)) != 2 {
		t.Errorf("messages after import: %v", out)
	}
}

// While in import mode only the importer reaches the space, as a manager;
// completeImport makes it visible and the importer its manager.
func TestImport_visibilityAndCompletion(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := createImport(t, srv, alice, importSpace("Hidden"))
	admin := "user:admin@example.com"
	checks := []struct {
		name, token, method, path string
		body                      any
		wantStatus                int
	}{
		{"importer reads it", alice, "GET", "/v1/" + space, nil, 200},
		{"others don't see it", bob, "GET", "/v1/" + space, nil, 404},
		{"nor administrators", admin, "GET", "/v1/" + space + "?useAdminAccess=true", nil, 404},
		{"importer adds a member", alice, "POST", "/v1/" + space + "/members", map[string]any{"member": map[string]any{"name": "users/bob@example.com", "type": "HUMAN"}}, 200},
		{"a member doesn't see it either", bob, "GET", "/v1/" + space, nil, 404},
		{"nor its messages", bob, "GET", "/v1/" + space + "/messages", nil, 404},
		{"importer renames it", alice, "PATCH", "/v1/" + space + "?updateMask=display_name", map[string]any{"displayName": "Hidden 2"}, 200},
		{"importer changes permission settings", alice, "PATCH", "/v1/" + space + "?updateMask=permission_settings.manage_apps", map[string]any{"permissionSettings": map[string]any{"manageApps": map[string]any{"managersAllowed": true}}}, 200},
		{"no audience in import mode", alice, "PATCH", "/v1/" + space + "?updateMask=access_settings.audience", map[string]any{"accessSettings": map[string]any{"audience": "audiences/default"}}, 400},
		{"no access permission settings in import mode", alice, "PATCH", "/v1/" + space + "?updateMask=access_settings.access_permission_settings", map[string]any{"accessSettings": map[string]any{}}, 400},
		{"importer posts", alice, "POST", "/v1/" + space + "/messages", map[string]any{"text": "old"}, 200},
		{"others can't complete it", bob, "POST", "/v1/" + space + ":completeImport", nil, 404},
		{"apps can't complete it", app, "POST", "/v1/" + space + ":completeImport", nil, 403},
		{"completeImport takes an empty body", alice, "POST", "/v1/" + space + ":completeImport", map[string]any{"force": true}, 400},
	}
	for _, tc := range checks {
		if status, out := api(t, srv, tc.token, tc.method, tc.path, tc.body); status != tc.wantStatus {
			t.Errorf("%s: got %d %v, want %d", tc.name, status, out, tc.wantStatus)
		}
	}
	names := func(token, path string) string {
		_, out := api(t, srv, token, "GET", path, nil)
		return strings.Join(func() []string {
			var s []string
			for _, key := range []string{"spaces", "results"} {
				items, _ := out[key].([]any)
				for _, item := range items {
					m := item.(map[string]any)
					if inner, ok := m["space"].(map[string]any); ok {
						m = inner
					}
					s = append(s, m["name"].(string))
				}
			}
			return s
		}(), " ")
	}
	search := "/v1/spaces:search?useAdminAccess=true&query=" + urlq(`customer = "customers/my_customer" AND space_type = "SPACE"`)
	for _, listing := range []struct{ token, path string }{{alice, "/v1/spaces"}, {bob, "/v1/spaces"}, {admin, search}} {
		if got := names(listing.token, listing.path); strings.Contains(got, space) {
			t.Errorf("%s %s lists the import-mode space: %s", listing.token, listing.path, got)
		}
	}

	status, out := api(t, srv, alice, "POST", "/v1/"+space+":completeImport", map[string]any{})
	if status != 200 {
		t.Fatalf("completeImport: %d %v", status, out)
	}
	done := out["space"].(map[string]any)
	if done["name"] != space || done["importMode"] != nil || done["importModeExpireTime"] != nil || done["displayName"] != "Hidden 2" {
		t.Errorf("completed space = %v", done)
	}
	if got := memberNames(t, srv, space, ""); strings.Join(got, " ") != "users/100000000000000000002:ROLE_MEMBER users/100000000000000000001:ROLE_MANAGER" {
		t.Errorf("members after completion: %v", got)
	}
	for _, token := range []string{alice, bob} {
		if status, _ := api(t, srv, token, "GET", "/v1/"+space, nil); status != 200 {
			t.Errorf("%s after completion: %d", token, status)
		}
		if got := names(token, "/v1/spaces"); !strings.Contains(got, space) {
			t.Errorf("%s's spaces.list after completion lacks it: %s", token, got)
		}
	}
	if status, out := api(t, srv, alice, "POST", "/v1/"+space+":completeImport", nil); status != 400 || errStatus(out) != "FAILED_PRECONDITION" {
		t.Errorf("second completeImport: %d %v", status, out)
	}
	if status, _ := api(t, srv, alice, "PATCH", "/v1/"+space+"?updateMask=access_settings.audience", map[string]any{"accessSettings": map[string]any{"audience": "audiences/default"}}); status != 200 {
		t.Errorf("audience after completion: %d", status)
	}
}

// Messages take a historical createTime in import mode only, are kept in
// createTime order, and the importer deletes an import-mode group chat.
func TestImport_messageCreateTime(t *testing.T) {
	srv := NewTestServer(t, Options{Now: func() time.Time { return importNow }})
	space := createImport(t, srv, alice, importSpace("History", "createTime", "2010-01-01T00:00:00Z"))
	normal := setup(t, srv, alice, namedSpace("Now"))
	cases := []struct {
		name, space, createTime string
		wantStatus              int
	}{
		{"historical", space, "2012-06-01T10:00:00Z", 200},
		{"older, imported later", space, "2011-06-01T10:00:00.5Z", 200},
		{"at the space's createTime", space, "2010-01-01T00:00:00Z", 200},
		{"before the space", space, "2009-12-31T23:59:59Z", 400},
		{"in the future", space, importNow.Add(time.Minute).Format(time.RFC3339), 400},
		{"not a timestamp", space, "2012", 400},
		{"outside import mode", normal, "2012-06-01T10:00:00Z", 400},
	}
	created := map[string]string{}
	for _, tc := range cases {
		status, out := api(t, srv, alice, "POST", "/v1/"+tc.space+"/messages", map[string]any{"text": tc.name, "createTime": tc.createTime})
		if status != tc.wantStatus {
			t.Errorf("%s: got %d %v, want %d", tc.name, status, out, tc.wantStatus)
			continue
		}
		if status == 200 {
			want, _ := time.Parse(time.RFC3339Nano, tc.createTime)
			if out["createTime"] != want.UTC().Format(time.RFC3339Nano) {
				t.Errorf("%s: createTime %v, want %s", tc.name, out["createTime"], tc.createTime)
			}
			created[out["name"].(string)] = out["createTime"].(string)
		}
	}
	for name, want := range created {
		if _, out := api(t, srv, alice, "GET", "/v1/"+name, nil); out["createTime"] != want {
			t.Errorf("messages.get %s: createTime %v, want %s", name, out["createTime"], want)
		}
	}
	_, out := api(t, srv, alice, "GET", "/v1/"+space+"/messages", nil)
	var order []string
	for _, m := range out["messages"].([]any) {
		order = append(order, m.(map[string]any)["text"].(string))
	}
	if got := strings.Join(order, "|"); got != "at the space's createTime|older, imported later|historical" {
		t.Errorf("messages.list order: %s", got)
	}
	if _, sp := api(t, srv, alice, "GET", "/v1/"+space, nil); sp["lastActiveTime"] != "2012-06-01T10:00:00Z" {
		t.Errorf("lastActiveTime = %v", sp["lastActiveTime"])
	}
	// A message without createTime is created now.
	if _, m := api(t, srv, alice, "POST", "/v1/"+space+"/messages", map[string]any{"text": "now"}); m["createTime"] != importNow.Format(time.RFC3339Nano) {
		t.Errorf("createTime by default = %v", m["createTime"])
	}

	group := createImport(t, srv, alice, map[string]any{"spaceType": "GROUP_CHAT", "importMode": true})
	if status, out := api(t, srv, alice, "DELETE", "/v1/"+group, nil); status != 200 {
		t.Errorf("deleting an import-mode group chat: %d %v", status, out)
	}
}

// A space still in import mode at its importModeExpireTime is deleted; a
// completed one stays.
func TestImport_expiry(t *testing.T) {
	clock := &importClock{now: importNow}
	srv := NewTestServer(t, Options{Now: clock.Now})
	expiring := createImport(t, srv, alice, importSpace("Expiring", "createTime", "2005-01-01T00:00:00Z"))
	kept := createImport(t, srv, alice, importSpace("Kept"))
	// Counted from the space's creation, not its historical createTime.
	if status, _ := api(t, srv, alice, "GET", "/v1/"+expiring, nil); status != 200 {
		t.Fatalf("a space imported with an old createTime: %d", status)
	}
	clock.advance(89 * 24 * time.Hour)
	if status, out := api(t, srv, alice, "POST", "/v1/"+kept+":completeImport", nil); status != 200 {
		t.Fatalf("completeImport: %d %v", status, out)
	}
	clock.advance(24 * time.Hour)
	if status, _ := api(t, srv, alice, "GET", "/v1/"+expiring, nil); status != 404 {
		t.Errorf("expired import-mode space: %d, want 404", status)
	}
	if status, _ := api(t, srv, alice, "GET", "/v1/"+kept, nil); status != 200 {
		t.Errorf("completed space: %d, want 200", status)
	}
	// Its display name is free again.
	createImport(t, srv, alice, importSpace("Expiring"))
}

// The Go client's round trip: create in import mode, import a message,
// complete the import.
func TestImport_goClient(t *testing.T) {
	srv := NewTestServer(t, Options{Now: func() time.Time { return importNow }})
	key := credentialFile(t, srv, "principal=app")
	svc := chatClient(t, srv, exchange(t, key, "alice@example.com", scopeURLs("chat.import")...))
	space, err := svc.Spaces.Create(&chat.Space{SpaceType: "SPACE", DisplayName: "Migrated", ImportMode: true, CreateTime: "2015-03-04T05:06:07Z"}).Do()
	if err != nil {
		t.Fatal(err)
	}
	if !space.ImportMode || space.CreateTime != "2015-03-04T05:06:07Z" || space.ImportModeExpireTime == "" {
		t.Fatalf("created %+v", space)
	}
	msg, err := svc.Spaces.Messages.Create(space.Name, &chat.Message{Text: "from 2016", CreateTime: "2016-01-01T00:00:00Z"}).Do()
	if err != nil || msg.CreateTime != "2016-01-01T00:00:00Z" {
		t.Fatalf("imported message %+v, %v", msg, err)
	}
	done, err := svc.Spaces.CompleteImport(space.Name, &chat.CompleteImportSpaceRequest{}).Do()
	if err != nil {
		t.Fatal(err)
	}
	if done.Space == nil || done.Space.Name != space.Name || done.Space.ImportMode || done.Space.ImportModeExpireTime != "" || done.Space.Type != "ROOM" {
		t.Fatalf("completeImport answered %+v", done.Space)
	}
}
