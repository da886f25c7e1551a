package emulator

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestCustomEmojis_rules(t *testing.T) {
	srv := NewTestServer(t, Options{PageSizeLimit: 1})
	png := base64.StdEncoding.EncodeToString([]byte("\x89PNG not really"))
	create := func(token, name, filename, content string) (int, map[string]any) {
		body := map[string]any{"emojiName": name}
		if filename != "" || content != "" {
			body["payload"] = map[string]any{"filename": filename, "fileContent": content}
		}
		return api(t, srv, token, "POST", "/v1/customEmojis", body)
	}
	status, mine := create(alice, ":team-logo_2:", "logo.png", png)
	if status != 200 || !strings.HasPrefix(mine["name"].(string), "customEmojis/") || mine["uid"] == nil || mine["temporaryImageUri"] != nil {
		t.Fatalf("create: %d %v", status, mine)
	}
	big := base64.StdEncoding.EncodeToString(make([]byte, 256<<10))
	cases := []struct {
		name, token, emoji, filename, content string
		status                                int
	}{
		{"the same name again", alice, ":team-logo_2:", "logo.png", png, 409},
		{"the seed's name", bob, ":party-parrot:", "p.gif", png, 409},
		{"an app", app, ":other:", "o.png", png, 403},
		{"no colons", alice, "other", "o.png", png, 400},
		{"upper case", alice, ":Other:", "o.png", png, 400},
		{"double hyphen", alice, ":a--b:", "o.png", png, 400},
		{"leading underscore", alice, ":_a:", "o.png", png, 400},
		{"space", alice, ":a b:", "o.png", png, 400},
		{"no name", alice, "", "o.png", png, 400},
		{"no payload", alice, ":other:", "", "", 400},
		{"no file name", alice, ":other:", "", png, 400},
		{"bmp", alice, ":other:", "o.bmp", png, 400},
		{"not base64", alice, ":other:", "o.png", "!!not base64!!", 400},
		{"256 KB", alice, ":other:", "o.png", big, 400},
	}
	for _, tc := range cases {
		if status, out := create(tc.token, tc.emoji, tc.filename, tc.content); status != tc.status {
			t.Errorf("%s: %d %v, want %d", tc.name, status, out, tc.status)
		}
	}
	if status, out := create(bob, ":bobs:", "B.JPG", png); status != 200 {
		t.Fatalf("bob: %d %v", status, out)
	}

	name := mine["name"].(string)
	for _, path := range []string{name, "customEmojis/:team-logo_2:"} {
		status, got := api(t, srv, alice, "GET", "/v1/"+path, nil)
		if status != 200 || got["name"] != name || got["emojiName"] != ":team-logo_2:" || got["temporaryImageUri"] == nil {
			t.Errorf("get %s: %d %v", path, status, got)
		}
	}
	if status, _ := api(t, srv, alice, "GET", "/v1/customEmojis/nope", nil); status != 404 {
		t.Errorf("get unknown: %d", status)
	}
	if status, _ := api(t, srv, app, "GET", "/v1/"+name, nil); status != 403 {
		t.Errorf("get as app: %d", status)
	}

	filters := map[string]int{ // filter: emojis listed, or -1 for 400
		``:                             3,
		`creator("users/me")`:          1,
		`NOT creator("users/me")`:      2,
		`creator("users/123")`:         -1,
		`emoji_name = ":team-logo_2:"`: -1,
	}
	checkFilters(t, srv, alice, "/v1/customEmojis", "customEmojis", filters)

	// A reaction may use a created emoji.
	space := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": "Emoji"}})
	_, msg := api(t, srv, alice, "POST", "/v1/"+space+"/messages", map[string]any{"text": "hi"})
	if status, out := api(t, srv, alice, "POST", "/v1/"+msg["name"].(string)+"/reactions",
		map[string]any{"emoji": map[string]any{"customEmoji": map[string]any{"name": name}}}); status != 200 {
		t.Errorf("react with created emoji: %d %v", status, out)
	}

	// Only the creator deletes (no emoji managers in the emulator).
	if status, _ := api(t, srv, bob, "DELETE", "/v1/"+name, nil); status != 403 {
		t.Errorf("bob deletes alice's: %d, want 403", status)
	}
	if status, _ := api(t, srv, alice, "DELETE", "/v1/customEmojis/emulator-party-parrot", nil); status != 403 {
		t.Errorf("delete the seed: %d, want 403", status)
	}
	if status, out := api(t, srv, alice, "DELETE", "/v1/customEmojis/:team-logo_2:", nil); status != 200 {
		t.Errorf("delete by alias: %d %v", status, out)
	}
	if status, _ := api(t, srv, alice, "GET", "/v1/"+name, nil); status != 404 {
		t.Errorf("get after delete: %d, want 404", status)
	}
	if status, _ := api(t, srv, alice, "DELETE", "/v1/"+name, nil); status != 404 {
		t.Errorf("delete again: %d, want 404", status)
	}
}
