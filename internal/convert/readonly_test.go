package convert

import (
	"encoding/json"
	"strings"
	"testing"

	chat "google.golang.org/api/chat/v1"

	gen "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/discovery/generate"
)

// configuredCard is a cards_v2 value as a configuration writes it.
const configuredCard = `[{"cardId":"status","card":{"header":{"title":"Deploy","subtitle":"prod"},
  "sections":[{"header":"Details","widgets":[{"decoratedText":{"topLabel":"State","text":"green"}},
  {"buttonList":{"buttons":[{"text":"Open","onClick":{"openLink":{"url":"https://example.com"}}}]}}]}]}}]`

// answeredCard is what a newer API could answer for it: ownerUser (output
// only) and fields this provider has never seen, at several levels.
const answeredCard = `[{"cardId":"status","ownerUser":{"name":"users/900","type":"BOT","displayName":"Deploy bot"},
  "futureField":{"nested":"x"},
  "card":{"futureField":1,"header":{"title":"Deploy","subtitle":"prod","futureField":[{"nested":"x"}]},
  "sections":[{"header":"Details","futureField":true,"widgets":[
    {"decoratedText":{"topLabel":"State","text":"green","futureField":{"nested":"x"}}},
    {"buttonList":{"buttons":[{"text":"Open","onClick":{"openLink":{"url":"https://example.com","futureField":"x"}}}]}}]}]}}]`

func TestCardsMatch_ignoresOutputOnlyAndUnknownFields(t *testing.T) {
	if !CardsMatch(configuredCard, answeredCard) {
		t.Fatal("an answer with ownerUser and unknown fields does not match the configuration")
	}
	// The configuration as the guides write it (snake_case, other key order,
	// defaults spelled out) still matches.
	snake := `[{"card_id":"status","card":{"sections":[{"widgets":[{"decorated_text":{"text":"green","top_label":"State","wrap_text":false}},
  {"button_list":{"buttons":[{"on_click":{"open_link":{"url":"https://example.com"}},"text":"Open"}]}}],"header":"Details"}],
  "header":{"subtitle":"prod","title":"Deploy"}}}]`
	if !CardsMatch(snake, answeredCard) {
		t.Error("snake_case and defaults in the configuration make a difference")
	}
}

func TestCardsMatch_realDifferencesStillCount(t *testing.T) {
	cases := map[string]string{
		"changed text":          strings.Replace(answeredCard, `"text":"green"`, `"text":"red"`, 1),
		"changed title":         strings.Replace(answeredCard, `"title":"Deploy"`, `"title":"Rollback"`, 1),
		"field left out":        strings.Replace(answeredCard, `"subtitle":"prod",`, ``, 1),
		"card id changed":       strings.Replace(answeredCard, `"cardId":"status"`, `"cardId":"other"`, 1),
		"a widget more":         strings.Replace(answeredCard, `"widgets":[`, `"widgets":[{"textParagraph":{"text":"new"}},`, 1),
		"a widget less":         strings.Replace(answeredCard, `{"decoratedText":{"topLabel":"State","text":"green","futureField":{"nested":"x"}}},`, ``, 1),
		"no cards":              `[]`,
		"an object for a value": strings.Replace(answeredCard, `"url":"https://example.com"`, `"url":{"value":"https://example.com"}`, 1),
	}
	for name, answer := range cases {
		t.Run(name, func(t *testing.T) {
			if CardsMatch(configuredCard, answer) {
				t.Errorf("a real difference matched:\n%s", answer)
			}
		})
	}
}

func TestMatches_walksNestedSchemas(t *testing.T) {
	decode := func(s string) any {
		var v any
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	config := decode(`{"text":"hi","cardsV2":[{"cardId":"a","card":{"header":{"title":"T"}},"ownerUser":{"name":"users/other"}}],
		"thread":{"threadKey":"k"}}`)
	answer := decode(`{"name":"spaces/S/messages/M","text":"hi","sender":{"name":"users/1","displayName":"Alice","type":"HUMAN"},
		"cardsV2":[{"cardId":"a","card":{"header":{"title":"T"}},"ownerUser":{"name":"users/900","type":"BOT"}}],
		"thread":{"name":"spaces/S/threads/T","threadKey":"k"},"annotations":[{"type":"USER_MENTION"}],"argumentText":"hi",
		"emojiReactionSummaries":[{"emoji":{"unicode":"🙂"},"reactionCount":2}],"newerField":{"a":[1,2]}}`)
	// ownerUser is output only in CardWithId, even when a configuration sets it.
	if !Matches("Message", config, answer) {
		t.Error("a message answer with output-only and unknown fields does not match")
	}
	answer.(map[string]any)["thread"].(map[string]any)["threadKey"] = "other"
	if Matches("Message", config, answer) {
		t.Error("a changed threadKey matched")
	}
	// Output-only fields at a deeper level: PermissionSettings.postMessages.
	space := decode(`{"permissionSettings":{"postMessages":{"membersAllowed":true},"manageApps":{"managersAllowed":true}}}`)
	spaceAnswer := decode(`{"permissionSettings":{"postMessages":{"membersAllowed":false},"manageApps":{"managersAllowed":true,"membersAllowed":false}},"membershipCount":{"joinedDirectHumanUserCount":3}}`)
	if !Matches("Space", space, spaceAnswer) {
		t.Error("postMessages (output only) or unset settings made a difference")
	}
	spaceAnswer.(map[string]any)["permissionSettings"].(map[string]any)["manageApps"].(map[string]any)["managersAllowed"] = false
	if Matches("Space", space, spaceAnswer) {
		t.Error("a changed permission setting matched")
	}
}

func TestMatches_scalarsAndDefaults(t *testing.T) {
	cases := []struct {
		config, answer any
		want           bool
	}{
		{float64(5), "5", true}, // int64 fields travel as strings
		{"5", float64(5), true},
		{float64(5), float64(6), false},
		{"a", "b", false},
		{true, true, true},
		{true, false, false},
		{map[string]any{"x": false, "y": "", "z": []any{}}, map[string]any{}, true}, // defaults the API leaves out
		{map[string]any{"x": true}, map[string]any{}, false},
		{nil, nil, true},
		{[]any{}, nil, true},
	}
	for _, tc := range cases {
		if got := Matches("", tc.config, tc.answer); got != tc.want {
			t.Errorf("Matches(%#v, %#v) = %v, want %v", tc.config, tc.answer, got, tc.want)
		}
	}
}

func TestStripOutputOnly(t *testing.T) {
	cards := []*chat.CardWithId{{CardId: "c", Card: &chat.GoogleAppsCardV1Card{Header: &chat.GoogleAppsCardV1CardHeader{Title: "T"}},
		OwnerUser: &chat.User{Name: "users/900", Type: "BOT"}}}
	stripped := StripOutputOnly(CardSchema, cards)
	if stripped[0].OwnerUser != nil || cards[0].OwnerUser == nil {
		t.Errorf("ownerUser: stripped %v, original %v", stripped[0].OwnerUser, cards[0].OwnerUser)
	}
	if got, want := Canonical(stripped), `[{"card":{"header":{"title":"T"}},"cardId":"c"}]`; got != want {
		t.Errorf("StripOutputOnly = %s, want %s", got, want)
	}
	if got, want := StripOutputOnlyJSON(CardSchema, Canonical(cards)), `[{"card":{"header":{"title":"T"}},"cardId":"c"}]`; got != want {
		t.Errorf("StripOutputOnlyJSON = %s, want %s", got, want)
	}
	// Deeper: a message's sender and its cards' owners, but not its text.
	msg := `{"text":"hi","sender":{"name":"users/1"},"cardsV2":[{"cardId":"c","ownerUser":{"name":"users/900"}}],"space":{"name":"spaces/S","spaceUri":"u","displayName":"D"}}`
	if got, want := StripOutputOnlyJSON("Message", msg), `{"cardsV2":[{"cardId":"c"}],"text":"hi"}`; got != want {
		t.Errorf("StripOutputOnlyJSON(Message) = %s, want %s", got, want)
	}
}

// TestReadOnlyTable_matchesDiscovery checks readonly_gen.go against the
// discovery document of the google.golang.org/api version go.mod requires:
// run `go generate ./internal/convert` when it fails.
func TestReadOnlyTable_matchesDiscovery(t *testing.T) {
	var doc gen.Document
	if err := gen.Load("", &doc); err != nil {
		t.Skip(err)
	}
	if doc.Revision != DiscoveryRevision {
		t.Errorf("readonly_gen.go is from revision %s, go.mod's google.golang.org/api has %s: run go generate ./internal/convert", DiscoveryRevision, doc.Revision)
	}
	if len(doc.Schemas) != len(apiSchemas) {
		t.Errorf("%d schemas in the discovery document, %d in readonly_gen.go", len(doc.Schemas), len(apiSchemas))
	}
	outputOnly := 0
	for name, s := range doc.Schemas {
		for field, p := range s.Properties {
			ref, isMap := p.SchemaRef()
			want := apiField{outputOnly: p.OutputOnly(), schema: ref, isMap: isMap}
			if want.outputOnly {
				outputOnly++
			}
			if got := apiSchemas[name][field]; got != want {
				t.Errorf("%s.%s: readonly_gen.go has %+v, the discovery document %+v", name, field, got, want)
			}
		}
	}
	if outputOnly < 60 || !OutputOnly("CardWithId", "ownerUser") || !OutputOnly("Message", "sender") || OutputOnly("Message", "text") {
		t.Errorf("implausible table: %d output-only fields", outputOnly)
	}
}
