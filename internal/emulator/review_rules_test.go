package emulator

import (
	"net/url"
	"testing"
	"time"
)

func TestRules_filtersAppsRequestIDsAndPromotion(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := appSpace(t, srv, "Rules")
	other := appSpace(t, srv, "Other")
	userSpace := setup(t, srv, alice, namedSpace("Taken name"))
	group := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "GROUP_CHAT"}, "memberships": members("users/bob@example.com", "users/carol@example.com")})
	q := url.QueryEscape
	cases := []struct {
		name, token, method, path string
		body                      map[string]any
		wantStatus                int
	}{
		{"member filter role !=", bob, "GET", "/v1/" + space + "/members?filter=" + q(`role != "ROLE_MEMBER"`), nil, 400},
		{"member filter two roles with AND", bob, "GET", "/v1/" + space + "/members?filter=" + q(`role = "ROLE_MANAGER" AND role = "ROLE_MEMBER"`), nil, 400},
		{"member filter two roles with OR", bob, "GET", "/v1/" + space + "/members?filter=" + q(`role = "ROLE_MANAGER" OR role = "ROLE_MEMBER"`), nil, 200},
		{"member filter type !=", bob, "GET", "/v1/" + space + "/members?filter=" + q(`member.type != "BOT"`), nil, 200},
		{"an app adds itself", app, "POST", "/v1/" + space + "/members", map[string]any{"member": map[string]any{"name": "users/app", "type": "BOT"}}, 403},
		{"a user adds the app", alice, "POST", "/v1/" + userSpace + "/members", map[string]any{"member": map[string]any{"name": "users/app", "type": "BOT"}}, 200},
		{"message filter by time", bob, "GET", "/v1/" + space + "/messages?filter=" + q(`create_time > "2000-01-01T00:00:00Z"`), nil, 200},
		{"message filter unknown field", bob, "GET", "/v1/" + space + "/messages?filter=" + q(`sender = "x"`), nil, 400},
		{"message filter bad time", bob, "GET", "/v1/" + space + "/messages?filter=" + q(`create_time > "yesterday"`), nil, 400},
		{"quoted message metadata can't be added", app, "PATCH", "", map[string]any{"quotedMessageMetadata": map[string]any{"name": "x"}}, 400},
		{"promoting a group chat to a taken name", alice, "PATCH", "/v1/" + group + "?updateMask=space_type,display_name", map[string]any{"spaceType": "SPACE", "displayName": "Taken name"}, 409},
	}
	_, msg := api(t, srv, app, "POST", "/v1/"+space+"/messages", map[string]any{"text": "quoted?"})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.path
			if path == "" {
				path = "/v1/" + msg["name"].(string) + "?updateMask=quoted_message_metadata"
			}
			if status, out := api(t, srv, tc.token, tc.method, path, tc.body); status != tc.wantStatus {
				t.Errorf("got %d (%v), want %d", status, out, tc.wantStatus)
			}
		})
	}

	// Filters select by time and thread.
	const fallback = "?messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD"
	_, root := api(t, srv, app, "POST", "/v1/"+space+"/messages"+fallback, map[string]any{"text": "root", "thread": map[string]any{"threadKey": "t"}})
	api(t, srv, app, "POST", "/v1/"+space+"/messages"+fallback, map[string]any{"text": "reply", "thread": map[string]any{"threadKey": "t"}})
	thread := root["thread"].(map[string]any)["name"].(string)
	if n, _ := listCount(t, srv, space, "?filter="+q("thread.name = "+thread)); n != 2 {
		t.Errorf("thread filter found %d messages, want 2", n)
	}
	future := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	if n, _ := listCount(t, srv, space, "?filter="+q(`create_time > "`+future+`"`)); n != 0 {
		t.Errorf("future filter found %d messages", n)
	}

	// A requestId is scoped to the space it creates in.
	_, a := api(t, srv, app, "POST", "/v1/"+space+"/messages?requestId=same", map[string]any{"text": "a"})
	_, b := api(t, srv, app, "POST", "/v1/"+other+"/messages?requestId=same", map[string]any{"text": "b"})
	if a["name"] == b["name"] {
		t.Errorf("the same requestId in two spaces made one message: %v", a["name"])
	}

	// Reply options thread only in named spaces.
	_, g1 := api(t, srv, alice, "POST", "/v1/"+group+"/messages"+fallback, map[string]any{"text": "g1", "thread": map[string]any{"threadKey": "k"}})
	_, g2 := api(t, srv, alice, "POST", "/v1/"+group+"/messages"+fallback, map[string]any{"text": "g2", "thread": map[string]any{"threadKey": "k"}})
	if g2["threadReply"] == true || g1["thread"].(map[string]any)["name"] == g2["thread"].(map[string]any)["name"] {
		t.Errorf("a group chat does not thread replies: %v %v", g1["thread"], g2["thread"])
	}
}
