package emulator

import (
	"strings"
	"testing"
)

func TestMessagePins(t *testing.T) {
	srv := NewTestServer(t, Options{})
	space := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": "Pins"}, "memberships": members("users/bob@example.com")})
	status, msg := api(t, srv, alice, "POST", "/v1/"+space+"/messages?messageId=client-welcome", map[string]any{"text": "welcome"})
	if status != 200 {
		t.Fatalf("message: %d %v", status, msg)
	}
	name := msg["name"].(string)
	id := strings.TrimPrefix(name, space+"/messages/")

	// By the client-assigned ID too; the pin is named after the message's ID.
	status, pin := api(t, srv, bob, "POST", "/v1/"+space+"/messagePins", map[string]any{"message": space + "/messages/client-welcome"})
	if status != 200 || pin["name"] != space+"/messagePins/"+id || pin["message"] != name {
		t.Fatalf("pin: %d %v", status, pin)
	}
	for what, tc := range map[string]struct {
		token, method, path string
		body                any
		want                int
	}{
		"a second pin":            {alice, "POST", "/v1/" + space + "/messagePins", map[string]any{"message": name}, 409},
		"an app pins":             {app, "POST", "/v1/" + space + "/messagePins", map[string]any{"message": name}, 403},
		"a message of another":    {alice, "POST", "/v1/" + space + "/messagePins", map[string]any{"message": "spaces/other/messages/x"}, 400},
		"an unknown message":      {alice, "POST", "/v1/" + space + "/messagePins", map[string]any{"message": space + "/messages/nope"}, 404},
		"no message":              {alice, "POST", "/v1/" + space + "/messagePins", map[string]any{}, 400},
		"a non-member lists pins": {carol, "GET", "/v1/" + space + "/messagePins", nil, 403},
	} {
		if status, out := api(t, srv, tc.token, tc.method, tc.path, tc.body); status != tc.want {
			t.Errorf("%s: %d %v, want %d", what, status, out, tc.want)
		}
	}
	status, list := api(t, srv, alice, "GET", "/v1/"+space+"/messagePins", nil)
	if pins, _ := list["messagePins"].([]any); status != 200 || len(pins) != 1 {
		t.Fatalf("list: %d %v", status, list)
	}
	// Deleting the message unpins it.
	if status, out := api(t, srv, alice, "DELETE", "/v1/"+name, nil); status != 200 {
		t.Fatalf("delete message: %d %v", status, out)
	}
	if _, list := api(t, srv, alice, "GET", "/v1/"+space+"/messagePins", nil); list["messagePins"] != nil {
		t.Errorf("pins of a deleted message: %v", list)
	}
	if status, _ := api(t, srv, alice, "DELETE", "/v1/"+space+"/messagePins/"+id, nil); status != 404 {
		t.Errorf("unpin a deleted message: %d, want 404", status)
	}
}
