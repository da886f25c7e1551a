package emulator

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	chat "google.golang.org/api/chat/v1"
)

const adminQuery = `customer = "customers/my_customer" AND space_type = "SPACE"`

// searchPath is GET /v1/spaces:search with query and more parameters.
func searchPath(query string, more ...string) string {
	return "/v1/spaces:search?" + strings.Join(append([]string{"query=" + url.QueryEscape(query)}, more...), "&")
}

// resultNames are the names of a search answer's results.
func resultNames(out map[string]any) []string {
	var names []string
	results, _ := out["results"].([]any)
	for _, r := range results {
		names = append(names, r.(map[string]any)["space"].(map[string]any)["displayName"].(string))
	}
	return names
}

// searchFixture: alice's spaces Alpha (2020, 3 humans), Beta (2021, 1
// human, messages in 2022) and Gamma (2022, 2 humans, external users
// allowed); bob's Delta (2023) without alice; a group chat of alice's.
func searchFixture(t *testing.T, opts Options) *Server {
	t.Helper()
	clock := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	opts.Now = func() time.Time { return clock }
	srv := NewTestServer(t, opts)
	at := func(year int) { clock = time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC) }
	at(2020)
	setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": "Alpha team"},
		"memberships": members("users/bob@example.com", "users/carol@example.com")})
	at(2021)
	beta := setup(t, srv, alice, namedSpace("Beta launch"))
	at(2022)
	if status, out := api(t, srv, alice, "POST", "/v1/"+beta+"/messages", map[string]any{"text": "hi"}); status != 200 {
		t.Fatalf("message: %d %v", status, out)
	}
	setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": "Gamma launch party", "externalUserAllowed": true},
		"memberships": members("users/dave@example.com")})
	at(2023)
	setup(t, srv, bob, namedSpace("Delta launch"))
	setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "GROUP_CHAT"},
		"memberships": members("users/bob@example.com", "users/carol@example.com")})
	return srv
}

func TestSearchSpaces_rules(t *testing.T) {
	srv := searchFixture(t, Options{})
	const on = "useAdminAccess=true"
	cases := []struct {
		name, token, path string
		want              []string // display names, in order
		wantStatus        int
		wantMessage       string
	}{
		// With admin access: every space of the organization.
		{"admin: every named space", admin, searchPath(adminQuery, on), []string{"Alpha team", "Beta launch", "Gamma launch party", "Delta launch"}, 200, ""},
		{"admin: display_name tokens", admin, searchPath(adminQuery+` AND display_name:"laun"`, on), []string{"Beta launch", "Gamma launch party", "Delta launch"}, 200, ""},
		{"admin: an interval of create_time", admin, searchPath(adminQuery+` AND (create_time >= "2021-01-01T00:00:00Z" AND create_time < "2023-01-01T00:00:00Z")`, on), []string{"Beta launch", "Gamma launch party"}, 200, ""},
		{"admin: last_active_time, a space with messages only", admin, searchPath(adminQuery+` AND last_active_time > "2021-06-01T00:00:00Z"`, on), []string{"Beta launch"}, 200, ""},
		{"admin: external_user_allowed", admin, searchPath(adminQuery+` AND external_user_allowed = "true"`, on), []string{"Gamma launch party"}, 200, ""},
		{"admin: space_history_state", admin, searchPath(adminQuery+` AND space_history_state = "HISTORY_OFF"`, on), nil, 200, ""},
		{"admin: by member count, descending", admin, searchPath(adminQuery, on, "orderBy="+url.QueryEscape("membership_count.joined_direct_human_user_count DESC")), []string{"Alpha team", "Gamma launch party", "Beta launch", "Delta launch"}, 200, ""},
		{"admin: by member count, ascending by default", admin, searchPath(adminQuery, on, "orderBy=membership_count.joined_direct_human_user_count"), []string{"Beta launch", "Delta launch", "Gamma launch party", "Alpha team"}, 200, ""},
		{"admin: by create_time DESC", admin, searchPath(adminQuery, on, "orderBy="+url.QueryEscape("create_time DESC")), []string{"Delta launch", "Gamma launch party", "Beta launch", "Alpha team"}, 200, ""},
		{"admin: by last_active_time DESC", admin, searchPath(adminQuery, on, "orderBy="+url.QueryEscape("last_active_time DESC")), []string{"Beta launch", "Alpha team", "Gamma launch party", "Delta launch"}, 200, ""},
		{"admin: relevance is not an admin order", admin, searchPath(adminQuery, on, "orderBy="+url.QueryEscape("relevance DESC")), nil, 400, "orderBy"},
		{"admin: two orders", admin, searchPath(adminQuery, on, "orderBy="+url.QueryEscape("create_time DESC, last_active_time")), nil, 400, "orderBy"},
		{"admin: customer is required", admin, searchPath(`space_type = "SPACE"`, on), nil, 400, "customer is required"},
		{"admin: a non-administrator", alice, searchPath(adminQuery, on), nil, 403, "manage chat and spaces conversations privilege"},
		{"admin: chat.admin.spaces.readonly", adminToken(t, srv, admin, "chat.admin.spaces.readonly"), searchPath(adminQuery, on), []string{"Alpha team", "Beta launch", "Gamma launch party", "Delta launch"}, 200, ""},
		{"admin: chat.spaces is not enough", adminToken(t, srv, admin, "chat.spaces"), searchPath(adminQuery, on), nil, 403, "ACCESS_TOKEN_SCOPE_INSUFFICIENT"},

		// Without admin access: the caller's spaces, by display_name.
		{"user: joined spaces only", alice, searchPath(`display_name:"launch" AND space_type = "SPACE"`), []string{"Beta launch", "Gamma launch party"}, 200, ""},
		{"user: OR of display names", alice, searchPath(`(display_name:"alpha" OR display_name:"party") AND space_type = "SPACE"`), []string{"Alpha team", "Gamma launch party"}, 200, ""},
		{"user: no display_name, an empty answer", alice, searchPath(`(external_user_allowed = "true" AND space_type = "SPACE")`), nil, 200, ""},
		{"user: create_time DESC", alice, searchPath(`display_name:"a" AND space_type = "SPACE"`, "orderBy="+url.QueryEscape("create_time DESC")), []string{"Alpha team"}, 200, ""},
		{"user: relevance DESC", alice, searchPath(`display_name:"launch" AND space_type = "SPACE"`, "orderBy="+url.QueryEscape("relevance DESC")), []string{"Beta launch", "Gamma launch party"}, 200, ""},
		{"user: create_time ASC is admin only", alice, searchPath(`display_name:"launch" AND space_type = "SPACE"`, "orderBy=create_time"), nil, 400, "only create_time DESC and relevance DESC"},
		{"user: last_active_time is admin only", alice, searchPath(`display_name:"launch" AND space_type = "SPACE"`, "orderBy="+url.QueryEscape("last_active_time DESC")), nil, 400, "only create_time DESC"},
		{"user: create_time is an admin field", alice, searchPath(`display_name:"launch" AND space_type = "SPACE" AND create_time > "2020-01-01T00:00:00Z"`), nil, 400, "useAdminAccess"},
		{"user: the invalid example", alice, searchPath(`space_type = "SPACE" OR display_name:"Hello"`), nil, 400, "only AND"},
		{"user: query is required", alice, "/v1/spaces:search", nil, 400, "query is required"},
		{"user: chat.spaces.readonly", adminToken(t, srv, alice, "chat.spaces.readonly"), searchPath(`display_name:"beta" AND space_type = "SPACE"`), []string{"Beta launch"}, 200, ""},
		{"user: an admin scope is not enough", adminToken(t, srv, alice, "chat.admin.spaces"), searchPath(`display_name:"beta" AND space_type = "SPACE"`), nil, 403, "ACCESS_TOKEN_SCOPE_INSUFFICIENT"},
		{"an app", app, searchPath(`display_name:"beta" AND space_type = "SPACE"`), nil, 403, "app authentication"},
		{"a negative pageSize", alice, searchPath(`display_name:"beta" AND space_type = "SPACE"`, "pageSize=-1"), nil, 400, "pageSize"},
	}
	for _, tc := range cases {
		status, out := api(t, srv, tc.token, "GET", tc.path, nil)
		if status != tc.wantStatus || !strings.Contains(errMessage(out), tc.wantMessage) ||
			(status == 200 && strings.Join(resultNames(out), "|") != strings.Join(tc.want, "|")) {
			t.Errorf("%s: %s: %d %v, want %d %q %q", tc.name, tc.path, status, out, tc.wantStatus, tc.wantMessage, tc.want)
		}
	}
}

// The answer's shape: results always; spaces (deprecated), nextPageToken
// and totalSize only with admin access.
func TestSearchSpaces_answerAndPages(t *testing.T) {
	srv := searchFixture(t, Options{})
	status, out := api(t, srv, admin, "GET", searchPath(adminQuery, "useAdminAccess=true", "pageSize=3"), nil)
	if status != 200 || len(resultNames(out)) != 3 || len(out["spaces"].([]any)) != 3 || out["totalSize"] != float64(4) || out["nextPageToken"] == "" {
		t.Fatalf("admin page 1: %d %v", status, out)
	}
	status, out = api(t, srv, admin, "GET", searchPath(adminQuery, "useAdminAccess=true", "pageSize=3", "pageToken="+out["nextPageToken"].(string)), nil)
	if status != 200 || !slices.Equal(resultNames(out), []string{"Delta launch"}) || out["nextPageToken"] != nil || out["totalSize"] != float64(4) {
		t.Fatalf("admin page 2: %d %v", status, out)
	}
	// A token of another query is refused.
	status, _ = api(t, srv, admin, "GET", searchPath(adminQuery+` AND display_name:"a"`, "useAdminAccess=true", "pageToken=MXx4"), nil)
	if status != 400 {
		t.Errorf("foreign page token: %d, want 400", status)
	}
	status, out = api(t, srv, alice, "GET", searchPath(`display_name:"launch" AND space_type = "SPACE"`, "pageSize=1"), nil)
	if status != 200 || len(resultNames(out)) != 1 || out["spaces"] != nil || out["nextPageToken"] != nil || out["totalSize"] != nil {
		t.Errorf("user: %d %v, want one result, no spaces, nextPageToken or totalSize", status, out)
	}
	if space := out["results"].([]any)[0].(map[string]any)["space"].(map[string]any); space["type"] != "ROOM" || space["membershipCount"] == nil {
		t.Errorf("a result's space must carry the output-only fields: %v", space)
	}
}

// pageSize: default 100, at most 1000 with admin access and 100 without,
// larger values lowered to the maximum; Options.PageSizeLimit caps pages.
func TestSearchSpaces_pageSizes(t *testing.T) {
	srv := NewTestServer(t, Options{})
	for i := range 1001 {
		srv.newSpace(&chat.Space{SpaceType: "SPACE", DisplayName: fmt.Sprintf("Room %d", i)}, srv.dir.users["alice@example.com"], emulatorCustomer)
	}
	// alice joins the first 150.
	for _, id := range srv.spaceOrder[:150] {
		rec := srv.spaces[id]
		rec.addMember(srv.userMembership(rec, srv.dir.users["alice@example.com"], "ROLE_MANAGER", false), srv.dir.users["alice@example.com"].id)
	}
	cases := []struct {
		token, path string
		want        int
	}{
		{admin, searchPath(adminQuery, "useAdminAccess=true"), 100},
		{admin, searchPath(adminQuery, "useAdminAccess=true", "pageSize=5000"), 1000},
		{admin, searchPath(adminQuery, "useAdminAccess=true", "pageSize=0"), 100},
		{alice, searchPath(`display_name:"room" AND space_type = "SPACE"`), 100},
		{alice, searchPath(`display_name:"room" AND space_type = "SPACE"`, "pageSize=1000"), 100},
		{alice, searchPath(`display_name:"room" AND space_type = "SPACE"`, "pageSize=7"), 7},
	}
	for _, tc := range cases {
		status, out := api(t, srv, tc.token, "GET", tc.path, nil)
		if got := len(resultNames(out)); status != 200 || got != tc.want {
			t.Errorf("%s: %d, %d results, want %d", tc.path, status, got, tc.want)
		}
	}
	limited := searchFixture(t, Options{PageSizeLimit: 2})
	var names []string
	token := ""
	for pages := 0; pages < 5; pages++ {
		more := []string{"useAdminAccess=true"}
		if token != "" {
			more = append(more, "pageToken="+token)
		}
		status, out := api(t, limited, admin, "GET", searchPath(adminQuery, more...), nil)
		if status != 200 {
			t.Fatalf("page %d: %d %v", pages, status, out)
		}
		names = append(names, resultNames(out)...)
		token, _ = out["nextPageToken"].(string)
		if token == "" {
			break
		}
	}
	if !slices.Equal(names, []string{"Alpha team", "Beta launch", "Gamma launch party", "Delta launch"}) {
		t.Errorf("pages of two: %v", names)
	}
}

// The Go client's Spaces.Search with UseAdminAccess, its pages and its
// answer type, and the request log's AdminAccess.
func TestSearchSpaces_goClient(t *testing.T) {
	srv := searchFixture(t, Options{PageSizeLimit: 3})
	ctx := context.Background()
	svc := chatClient(t, srv, admin)
	srv.ClearRequests()
	var names []string
	var total int64
	err := svc.Spaces.Search().UseAdminAccess(true).Query(adminQuery+` AND display_name:"launch"`).
		OrderBy("create_time DESC").PageSize(1000).Pages(ctx, func(page *chat.SearchSpacesResponse) error {
		for i, r := range page.Results {
			names = append(names, r.Space.DisplayName)
			if page.Spaces[i].Name != r.Space.Name {
				t.Errorf("spaces and results differ: %s, %s", page.Spaces[i].Name, r.Space.Name)
			}
		}
		total = page.TotalSize
		return nil
	})
	if err != nil || !slices.Equal(names, []string{"Delta launch", "Gamma launch party", "Beta launch"}) || total != 3 {
		t.Fatalf("Search: %v %d %v", names, total, err)
	}
	for _, r := range srv.Requests() {
		if r.RPC != "chat.spaces.search" || !r.AdminAccess {
			t.Errorf("request log: %+v, want chat.spaces.search with AdminAccess", r)
		}
	}
	delta := ""
	for _, s := range srv.Snapshot().Spaces {
		if s.Space.DisplayName == "Delta launch" {
			delta = s.Space.Name
		}
	}
	space, err := svc.Spaces.Get(delta).UseAdminAccess(true).Context(ctx).Do()
	if err != nil || space.DisplayName != "Delta launch" {
		t.Fatalf("Get with admin access: %+v %v", space, err)
	}
	user, err := chatClient(t, srv, alice).Spaces.Search().Query(`display_name:"launch" AND space_type = "SPACE"`).Context(ctx).Do()
	if err != nil || len(user.Results) != 2 || len(user.Spaces) != 0 || user.NextPageToken != "" {
		t.Errorf("Search without admin access: %+v %v", user, err)
	}
	if _, err := chatClient(t, srv, alice).Spaces.Search().UseAdminAccess(true).Query(adminQuery).Context(ctx).Do(); code(err) != 403 {
		t.Errorf("Search with admin access by a non-administrator: %v, want 403", err)
	}
}
