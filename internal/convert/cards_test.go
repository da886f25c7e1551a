package convert

import (
	"strings"
	"testing"
)

func TestDecodeCards(t *testing.T) {
	big := `[{"card":{"sections":[{"widgets":[{"textParagraph":{"text":"` + strings.Repeat("x", MaxCardBytes) + `"}}]}]}}]`
	cases := []struct {
		name, raw, wantErr string
	}{
		{"one card without id", `[{"card":{"header":{"title":"Hi"}}}]`, ""},
		{"snake_case keys as the guides write them", `[{"card_id":"a","card":{"header":{"title":"Hi","image_url":"https://x"}}}]`, ""},
		{"not JSON", `[{`, "not valid JSON"},
		{"not an array", `{"card":{}}`, "must be a JSON array"},
		{"empty array", `[]`, "at least one card"},
		{"missing card", `[{"cardId":"a"}]`, `needs a "card" object`},
		{"unknown field", `[{"card":{"heder":{"title":"typo"}}}]`, `unknown field "heder"`},
		{"several cards need ids", `[{"cardId":"a","card":{}},{"card":{}}]`, `cards_v2[1] needs a "cardId"`},
		{"duplicate ids", `[{"cardId":"a","card":{}},{"cardId":"a","card":{}}]`, "used twice"},
		{"card over 32 KB", big, "a card is at most"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeCards(tc.raw)
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("DecodeCards() error = %v, want %q", err, tc.wantErr)
			}
		})
	}
}

func TestDecodeAccessoryWidgets(t *testing.T) {
	cases := []struct {
		name, raw, wantErr string
	}{
		{"guide's rating buttons", `[{"buttonList":{"buttons":[{"icon":{"material_icon":{"name":"thumb_up"}},"color":{"red":0,"blue":255,"green":0},"onClick":{"action":{"function":"doUpvote"}}}]}}]`, ""},
		{"no button list", `[{"textParagraph":{"text":"x"}}]`, "unknown field"},
		{"empty button list", `[{"buttonList":{"buttons":[]}}]`, "at least one button"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeAccessoryWidgets(tc.raw)
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("DecodeAccessoryWidgets() error = %v, want %q", err, tc.wantErr)
			}
		})
	}
}

func TestCanonicalIgnoresFormattingAndKeyOrder(t *testing.T) {
	a, err := DecodeCards(`[{"card": {"header": {"title": "T", "subtitle": "S"}}}]`)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := DecodeCards(`[ {"card":{"header":{"subtitle":"S","title":"T"}}} ]`)
	if Canonical(a) != Canonical(b) {
		t.Errorf("%s != %s", Canonical(a), Canonical(b))
	}
}

func TestSortedJSONMatchesJsonencode(t *testing.T) {
	// What Terraform's jsonencode writes for {card = {header = {title = "T", imageUrl = "u"}}}.
	want := `{"card":{"header":{"imageUrl":"u","title":"T"}}}`
	if got := SortedJSON(`{"card": {"header": {"title": "T", "imageUrl": "u"}}}`); got != want {
		t.Errorf("SortedJSON = %s, want %s", got, want)
	}
}
