package emulator

import (
	"strings"
	"testing"
)

func TestReactions_rules(t *testing.T) {
	srv := NewTestServer(t, Options{PageSizeLimit: 1})
	space := setup(t, srv, alice, map[string]any{"space": map[string]any{"spaceType": "SPACE", "displayName": "Reactions"},
		"memberships": members("users/bob@example.com")})
	_, msg := api(t, srv, alice, "POST", "/v1/"+space+"/messages", map[string]any{"text": "hi"})
	reactions := "/v1/" + msg["name"].(string) + "/reactions"
	react := func(token string, emoji map[string]any) (int, map[string]any) {
		return api(t, srv, token, "POST", reactions, map[string]any{"emoji": emoji})
	}
	status, mine := react(alice, map[string]any{"unicode": "👍"})
	if status != 200 || !strings.HasPrefix(mine["name"].(string), msg["name"].(string)+"/reactions/") {
		t.Fatalf("create: %d %v", status, mine)
	}
	cases := []struct {
		name   string
		status int
		emoji  map[string]any
		token  string
	}{
		{"the same emoji again", 409, map[string]any{"unicode": "👍"}, alice},
		{"an app", 403, map[string]any{"unicode": "👍"}, app},
		{"no emoji", 400, map[string]any{}, alice},
		{"both kinds", 400, map[string]any{"unicode": "👍", "customEmoji": map[string]any{"name": "customEmojis/emulator-party-parrot"}}, alice},
		{"unknown custom emoji", 404, map[string]any{"customEmoji": map[string]any{"name": "customEmojis/nope"}}, alice},
		{"not a member", 403, map[string]any{"unicode": "👍"}, "user:carol@example.com"},
	}
	for _, tc := range cases {
		if status, out := react(tc.token, tc.emoji); status != tc.status {
			t.Errorf("%s: %d %v, want %d", tc.name, status, out, tc.status)
		}
	}
	if status, out := react(bob, map[string]any{"unicode": "👍"}); status != 200 {
		t.Fatalf("bob: %d %v", status, out)
	}
	if status, out := react(bob, map[string]any{"customEmoji": map[string]any{"name": "customEmojis/emulator-party-parrot"}}); status != 200 {
		t.Fatalf("bob custom: %d %v", status, out)
	}

	aliceID := dig(mine, "user", "name").(string)
	filters := map[string]int{ // filter: reactions listed, or -1 for 400
		``:                              3,
		`emoji.unicode = "👍"`:           2,
		`user.name = "` + aliceID + `"`: 1,
		`emoji.custom_emoji.uid = "uid-emulator-party-parrot"`:                                                            1,
		`emoji.unicode = "👍" AND user.name = "` + aliceID + `"`:                                                           1,
		`(emoji.unicode = "👍" OR emoji.custom_emoji.uid = "uid-emulator-party-parrot") AND user.name = "` + aliceID + `"`: 1,
		`emoji.unicode = "👍" OR emoji.custom_emoji.uid = "uid-emulator-party-parrot"`:                                     3,
		`emoji.unicode = "👍" AND emoji.unicode = "🙂"`:                                                                     -1,
		`emoji.unicode = "👍" OR user.name = "` + aliceID + `"`:                                                            -1,
		`emoji.unicode = "👍" OR emoji.custom_emoji.uid = "x" AND user.name = "users/1"`:                                   -1,
		`text = "x"`: -1,
	}
	checkFilters(t, srv, alice, reactions, "reactions", filters)

	// Only the reactor deletes a reaction; a second delete is 404.
	if status, _ := api(t, srv, bob, "DELETE", "/v1/"+mine["name"].(string), nil); status != 403 {
		t.Errorf("bob deleting alice's reaction: %d", status)
	}
	if status, _ := api(t, srv, alice, "DELETE", "/v1/"+mine["name"].(string), nil); status != 200 {
		t.Errorf("delete: %d", status)
	}
	if status, _ := api(t, srv, alice, "DELETE", "/v1/"+mine["name"].(string), nil); status != 404 {
		t.Errorf("second delete: %d", status)
	}
	_, got := api(t, srv, alice, "GET", "/v1/"+msg["name"].(string), nil)
	if dig(got, "emojiReactionSummaries", "0", "reactionCount") != float64(1) || dig(got, "emojiReactionSummaries", "1", "reactionCount") != float64(1) {
		t.Errorf("summaries = %v", got["emojiReactionSummaries"])
	}
}
