package emulator

import (
	"fmt"
	"strings"
	"testing"
)

// appSpace makes a named space as the app, with bob and carol as members.
func appSpace(t *testing.T, srv *Server, name string) string {
	t.Helper()
	status, out := api(t, srv, app, "POST", "/v1/spaces", map[string]any{"spaceType": "SPACE", "displayName": name, "customer": "customers/my_customer"})
	if status != 200 {
		t.Fatalf("create: %d %v", status, out)
	}
	space := out["name"].(string)
	for _, u := range []string{"users/bob@example.com", "users/carol@example.com"} {
		if status, out := api(t, srv, app, "POST", "/v1/"+space+"/members", map[string]any{"member": map[string]any{"name": u, "type": "HUMAN"}}); status != 200 {
			t.Fatalf("add member: %d %v", status, out)
		}
	}
	return space
}

var card = map[string]any{"cardId": "c1", "card": map[string]any{"header": map[string]any{"title": "Hi"}}}

func TestMessages_createRules(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := appSpace(t, srv, "Messages")
	cases := []struct {
		name, token, query string
		body               map[string]any
		wantStatus         int
		wantError          string
	}{
		{"app text", app, "", map[string]any{"text": "hello"}, 200, ""},
		{"app card and widgets", app, "", map[string]any{"text": "t", "cardsV2": []any{card}, "accessoryWidgets": []any{map[string]any{"buttonList": map[string]any{"buttons": []any{map[string]any{"text": "Go"}}}}}}, 200, ""},
		{"widgets alone", app, "", map[string]any{"accessoryWidgets": []any{map[string]any{"buttonList": map[string]any{"buttons": []any{map[string]any{"text": "Go"}}}}}}, 400, "INVALID_ARGUMENT"},
		{"widgets with a card", app, "", map[string]any{"cardsV2": []any{card}, "accessoryWidgets": []any{map[string]any{"buttonList": map[string]any{"buttons": []any{map[string]any{"text": "Go"}}}}}}, 200, ""},
		{"user text", bob, "", map[string]any{"text": "hi from bob"}, 200, ""},
		{"user card", bob, "", map[string]any{"cardsV2": []any{card}}, 400, "INVALID_ARGUMENT"},
		{"user private message", bob, "", map[string]any{"text": "x", "privateMessageViewer": map[string]any{"name": "users/carol@example.com"}}, 400, "INVALID_ARGUMENT"},
		{"empty message", app, "", map[string]any{}, 400, "INVALID_ARGUMENT"},
		{"too large", app, "", map[string]any{"text": strings.Repeat("x", 32001)}, 400, "INVALID_ARGUMENT"},
		{"just under the limit", app, "", map[string]any{"text": strings.Repeat("x", 32000)}, 200, ""},
		{"several cards need ids", app, "", map[string]any{"cardsV2": []any{map[string]any{"card": map[string]any{}}, map[string]any{"card": map[string]any{}}}}, 400, "INVALID_ARGUMENT"},
		{"uppercase message ID", app, "?messageId=client-ABC", map[string]any{"text": "x"}, 400, "INVALID_ARGUMENT"},
		{"message ID without prefix", app, "?messageId=abc", map[string]any{"text": "x"}, 400, "INVALID_ARGUMENT"},
		{"message ID of 64 characters", app, "?messageId=client-" + strings.Repeat("a", 57), map[string]any{"text": "x"}, 400, "INVALID_ARGUMENT"},
		{"message ID of 63 characters", app, "?messageId=client-" + strings.Repeat("a", 56), map[string]any{"text": "x"}, 200, ""},
		{"duplicate message ID", app, "?messageId=client-" + strings.Repeat("a", 56), map[string]any{"text": "x"}, 409, "ALREADY_EXISTS"},
		{"private viewer not a member", app, "", map[string]any{"text": "x", "privateMessageViewer": map[string]any{"name": "users/dave@example.com"}}, 400, "INVALID_ARGUMENT"},
		{"private viewer", app, "", map[string]any{"text": "x", "privateMessageViewer": map[string]any{"name": "users/carol@example.com"}}, 200, ""},
		{"silent needs the app", bob, "?createMessageNotificationOptions.notificationType=NOTIFICATION_TYPE_SILENT", map[string]any{"text": "x"}, 400, "INVALID_ARGUMENT"},
		{"silent from the app", app, "?createMessageNotificationOptions.notificationType=NOTIFICATION_TYPE_SILENT", map[string]any{"text": "x"}, 200, ""},
		{"not a member", "user:dave@example.com", "", map[string]any{"text": "x"}, 403, "PERMISSION_DENIED"},
		{"thread key too long", app, "?messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD", map[string]any{"text": "x", "thread": map[string]any{"threadKey": strings.Repeat("k", 4001)}}, 400, "INVALID_ARGUMENT"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, out := api(t, srv, tc.token, "POST", "/v1/"+space+"/messages"+tc.query, tc.body)
			answered(t, status, out, tc.wantStatus, tc.wantError)
		})
	}
	status, got := api(t, srv, app, "GET", "/v1/"+space+"/messages/client-"+strings.Repeat("a", 56), nil)
	if status != 200 || got["clientAssignedMessageId"] != "client-"+strings.Repeat("a", 56) {
		t.Errorf("get by client ID = %d %v", status, got)
	}
	if sender := got["sender"].(map[string]any); sender["type"] != "BOT" {
		t.Errorf("an app's message is sent by a BOT: %v", sender)
	}
}

func TestMessages_requestIDAndThreads(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := appSpace(t, srv, "Threads")
	post := func(token, query string, body map[string]any) map[string]any {
		t.Helper()
		status, out := api(t, srv, token, "POST", "/v1/"+space+"/messages"+query, body)
		if status != 200 {
			t.Fatalf("post %s: %d %v", query, status, out)
		}
		return out
	}
	first := post(app, "?requestId=r1", map[string]any{"text": "once"})
	again := post(app, "?requestId=r1", map[string]any{"text": "once"})
	if first["name"] != again["name"] || len(srv.Snapshot().Spaces[0].Messages) != 1 {
		t.Errorf("a repeated requestId must not post twice: %v %v", first["name"], again["name"])
	}
	thread := func(m map[string]any) string { return m["thread"].(map[string]any)["name"].(string) }
	const fallback = "?messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD"
	root := post(app, fallback, map[string]any{"text": "root", "thread": map[string]any{"threadKey": "deploys"}})
	reply := post(app, fallback, map[string]any{"text": "reply", "thread": map[string]any{"threadKey": "deploys"}})
	if thread(root) != thread(reply) || reply["threadReply"] != true || root["threadReply"] == true {
		t.Errorf("a key reply joins the thread: root %v reply %v", root, reply)
	}
	ignored := post(app, "", map[string]any{"text": "unspecified", "thread": map[string]any{"threadKey": "deploys"}})
	if thread(ignored) == thread(root) {
		t.Error("MESSAGE_REPLY_OPTION_UNSPECIFIED starts a new thread and ignores the key")
	}
	byName := post(bob, "?messageReplyOption=REPLY_MESSAGE_OR_FAIL", map[string]any{"text": "by name", "thread": map[string]any{"name": thread(root)}})
	if thread(byName) != thread(root) {
		t.Error("a reply by thread name joins the thread")
	}
	bobKey := post(bob, fallback, map[string]any{"text": "bob's key", "thread": map[string]any{"threadKey": "deploys"}})
	if thread(bobKey) == thread(root) {
		t.Error("thread keys are scoped to whoever set them")
	}
	if status, _ := api(t, srv, app, "POST", "/v1/"+space+"/messages?messageReplyOption=REPLY_MESSAGE_OR_FAIL", map[string]any{"text": "x", "thread": map[string]any{"name": space + "/threads/nope"}}); status != 404 {
		t.Errorf("REPLY_MESSAGE_OR_FAIL to a missing thread = %d, want 404", status)
	}
	newKey := post(app, "?messageReplyOption=REPLY_MESSAGE_OR_FAIL", map[string]any{"text": "x", "thread": map[string]any{"threadKey": "fresh"}})
	if newKey["threadReply"] == true {
		t.Error("REPLY_MESSAGE_OR_FAIL with a new key starts a thread")
	}
}

// "You can add accessory widgets to messages that contain text, cards, or
// both text and cards" holds for edits too.
func TestMessages_widgetsNeedTextOrCardsAfterAnEdit(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := appSpace(t, srv, "Widgets")
	widgets := []any{map[string]any{"buttonList": map[string]any{"buttons": []any{map[string]any{"text": "Go"}}}}}
	_, m := api(t, srv, app, "POST", "/v1/"+space+"/messages", map[string]any{"text": "t", "accessoryWidgets": widgets})
	if status, out := api(t, srv, app, "PATCH", "/v1/"+m["name"].(string)+"?updateMask=text", map[string]any{"text": ""}); status != 400 {
		t.Errorf("clearing the text under widgets = %d (%v), want 400", status, out)
	}
	if status, out := api(t, srv, app, "PATCH", "/v1/"+m["name"].(string)+"?updateMask=text,cards_v2", map[string]any{"cardsV2": []any{card}}); status != 200 {
		t.Errorf("trading the text for a card = %d (%v), want 200", status, out)
	}
}

func TestMessages_updateDeleteList(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := appSpace(t, srv, "Edits")
	_, m := api(t, srv, app, "POST", "/v1/"+space+"/messages?messageId=client-edit", map[string]any{"text": "v1"})
	name := m["name"].(string)
	cases := []struct {
		name, token, method, path string
		body                      map[string]any
		wantStatus                int
	}{
		{"mask required", app, "PATCH", name, map[string]any{"text": "v2"}, 400},
		{"unknown mask", app, "PATCH", name + "?updateMask=sender", map[string]any{"text": "v2"}, 400},
		{"text", app, "PATCH", name + "?updateMask=text", map[string]any{"text": "v2"}, 200},
		{"by client ID with PUT", app, "PUT", space + "/messages/client-edit?updateMask=*", map[string]any{"text": "v3", "cardsV2": []any{card}}, 200},
		{"someone else's message", bob, "PATCH", name + "?updateMask=text", map[string]any{"text": "x"}, 403},
		{"cards need the app", bob, "PATCH", name + "?updateMask=cards_v2", map[string]any{}, 400},
		{"allowMissing creates by client ID", app, "PATCH", space + "/messages/client-new?updateMask=text&allowMissing=true", map[string]any{"text": "made"}, 200},
		{"allowMissing needs a client ID", app, "PATCH", space + "/messages/AAAA.BBBB?updateMask=text&allowMissing=true", map[string]any{"text": "x"}, 400},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if status, out := api(t, srv, tc.token, tc.method, "/v1/"+tc.path, tc.body); status != tc.wantStatus {
				t.Errorf("got %d (%v), want %d", status, out, tc.wantStatus)
			}
		})
	}
	_, got := api(t, srv, app, "GET", "/v1/"+name, nil)
	if got["text"] != "v3" || got["lastUpdateTime"] == nil || got["cardsV2"] == nil {
		t.Errorf("after edits: %v", got)
	}

	// Threads and deletes: a user needs force to delete a thread with replies.
	const fallback = "?messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD"
	_, root := api(t, srv, bob, "POST", "/v1/"+space+"/messages"+fallback, map[string]any{"text": "root", "thread": map[string]any{"threadKey": "k"}})
	_, reply := api(t, srv, bob, "POST", "/v1/"+space+"/messages"+fallback, map[string]any{"text": "reply", "thread": map[string]any{"threadKey": "k"}})
	if status, _ := api(t, srv, bob, "DELETE", "/v1/"+root["name"].(string), nil); status != 400 {
		t.Errorf("deleting a root with replies without force = %d, want 400", status)
	}
	if status, _ := api(t, srv, bob, "DELETE", "/v1/"+root["name"].(string)+"?force=true", nil); status != 200 {
		t.Errorf("force delete = %d", status)
	}
	if _, out := api(t, srv, bob, "GET", "/v1/"+reply["name"].(string), nil); out["deleteTime"] == nil {
		t.Errorf("force deletes the replies: %v", out)
	}
	if status, _ := api(t, srv, app, "DELETE", "/v1/"+name, nil); status != 200 {
		t.Error("delete")
	}
	if _, out := api(t, srv, app, "GET", "/v1/"+name, nil); out["deleteTime"] == nil || out["text"] != nil {
		t.Errorf("a deleted message keeps no content and has deleteTime: %v", out)
	}
	if status, _ := api(t, srv, app, "DELETE", "/v1/"+name, nil); status != 404 {
		t.Errorf("deleting twice = %d, want 404", status)
	}

	if status, _ := api(t, srv, alice, "GET", "/v1/"+space+"/messages", nil); status != 403 {
		t.Errorf("alice is not a member: %d", status)
	}
	live, _ := listCount(t, srv, space, "")
	all, _ := listCount(t, srv, space, "?showDeleted=true")
	if live != 1 || all != 4 {
		t.Errorf("live=%d all=%d, want 1 and 4 (deleted messages only with showDeleted)", live, all)
	}
	for i := range 30 {
		api(t, srv, bob, "POST", "/v1/"+space+"/messages", map[string]any{"text": fmt.Sprint(i)})
	}
	if n, next := listCount(t, srv, space, ""); n != 25 || next == "" {
		t.Errorf("default page = %d (next %q), want 25 and a token", n, next)
	}
	_, desc := api(t, srv, bob, "GET", "/v1/"+space+"/messages?orderBy=create_time%20desc&pageSize=1", nil)
	if first := desc["messages"].([]any)[0].(map[string]any); first["text"] != "29" {
		t.Errorf("create_time desc starts with the newest: %v", first["text"])
	}
	// "Valid ordering operation values are ... `ASC` ... `DESC`" (orderBy).
	if _, bare := api(t, srv, bob, "GET", "/v1/"+space+"/messages?orderBy=DESC&pageSize=1", nil); bare["messages"] == nil ||
		bare["messages"].([]any)[0].(map[string]any)["text"] != "29" {
		t.Errorf("orderBy=DESC starts with the newest: %v", bare)
	}
	// Only > and < are documented for create_time.
	if status, _ := api(t, srv, bob, "GET", "/v1/"+space+"/messages?filter="+urlq(`create_time >= "2020-01-01T00:00:00Z"`), nil); status != 400 {
		t.Errorf("create_time >= answered %d, want 400", status)
	}
	empty := appSpace(t, srv, "Empty")
	if status, out := api(t, srv, app, "GET", "/v1/"+empty+"/messages", nil); status != 200 || len(out) != 0 {
		t.Errorf("a space with no messages lists as {}: %d %v", status, out)
	}
}

func listCount(t *testing.T, srv *Server, space, query string) (int, string) {
	t.Helper()
	_, out := api(t, srv, bob, "GET", "/v1/"+space+"/messages"+query, nil)
	list, _ := out["messages"].([]any)
	next, _ := out["nextPageToken"].(string)
	return len(list), next
}
