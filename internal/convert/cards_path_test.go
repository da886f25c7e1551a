package convert

import (
	"strings"
	"testing"
)

// A schema mismatch names where it is in the user's document, and suggests
// the field a near miss meant.
func TestDecodeCardsSaysWhere(t *testing.T) {
	const prefix = "cards_v2 does not match the Chat API's schema: "
	button := func(button string) string {
		return `[{"card":{"sections":[{"widgets":[{"textParagraph":{"text":"a"}},{"buttonList":{"buttons":[` + button + `]}}]}]}}]`
	}
	cases := []struct {
		name, raw, want string // want "" is valid
	}{
		{"nested unknown key with suggestion", button(`{"text":"Go","onClick":{"openLink":{"uri":"https://x"}}}`),
			`[0].card.sections[0].widgets[1].buttonList.buttons[0].onClick.openLink: unknown field "uri"; did you mean "url"?`},
		{"near miss at the card", `[{"card":{"heder":{"title":"typo"}}}]`, `[0].card: unknown field "heder"; did you mean "header"?`},
		{"swapped letters", `[{"card":{"header":{"titel":"x"}}}]`, `[0].card.header: unknown field "titel"; did you mean "title"?`},
		{"far miss has no suggestion", `[{"card":{"header":{"zzzzzz":"x"}}}]`, `[0].card.header: unknown field "zzzzzz"`},
		{"short key gets no wild guess", `[{"card":{"header":{"x":"x"}}}]`, `[0].card.header: unknown field "x"`},
		{"snake_case near miss is suggested in snake_case", `[{"card":{"header":{"image_uri":"x"}}}]`,
			`[0].card.header: unknown field "image_uri"; did you mean "image_url"?`},
		{"kebab-case is suggested the API's way", `[{"card":{"header":{"image-url":"x"}}}]`,
			`[0].card.header: unknown field "image-url"; did you mean "imageUrl"?`},
		{"snake_case key is valid", `[{"card_id":"a","card":{"header":{"title":"Hi","image_url":"https://x"},"sections":[{"widgets":[{"text_paragraph":{"text":"x"}}]}]}}]`, ""},
		{"key in another case is valid, as encoding/json matches it", `[{"card":{"Header":{"TITLE":"Hi"}}}]`, ""},
		{"string where an object is expected", `[{"card":{"header":"Hi"}}]`, `[0].card.header: got the string "Hi", want an object`},
		{"object where an array is expected", `[{"card":{"sections":{"widgets":[]}}}]`, `[0].card.sections: got an object, want an array`},
		{"number where a string is expected", `[{"card":{"header":{"title":1}}}]`, `[0].card.header.title: got the number 1, want a string`},
		{"string where a boolean is expected", `[{"card":{"sections":[{"collapsible":"yes"}]}}]`, `[0].card.sections[0].collapsible: got the string "yes", want true or false`},
		{"array element of the wrong type", `[{"card":{}},"x"]`, `[1]: got the string "x", want an object`},
		{"later array element", `[{"cardId":"a","card":{}},{"cardId":"b","card":{"sections":[{},{"widgets":[{},{"image":{"imageUri":"x"}}]}]}}]`,
			`[1].card.sections[1].widgets[1].image: unknown field "imageUri"; did you mean "imageUrl"?`},
		{"path keeps the user's snake_case", `[{"card":{"sections":[{"widgets":[{"button_list":{"buttons":[{"on_click":{"open_link":{"uri":"x"}}}]}}]}]}}]`,
			`[0].card.sections[0].widgets[0].button_list.buttons[0].on_click.open_link: unknown field "uri"; did you mean "url"?`},
		{"integer in a string field", `[{"card":{"sections":[{"widgets":[{"dateTimePicker":{"name":"d","valueMsEpoch":12}}]}]}}]`,
			`[0].card.sections[0].widgets[0].dateTimePicker.valueMsEpoch: got the number 12, want an integer in a string, such as "1700000000000"`},
		{"integer in a string is valid", `[{"card":{"sections":[{"widgets":[{"dateTimePicker":{"name":"d","valueMsEpoch":"12"}}]}]}}]`, ""},
		{"color channel of the wrong type", button(`{"text":"Go","color":{"red":"x"}}`),
			`[0].card.sections[0].widgets[1].buttonList.buttons[0].color.red: got the string "x", want a number (or "NaN", "Infinity", "-Infinity")`},
		{"odd key is quoted in the path", `[{"card":{"header":{"image url":"x"}}}]`, `[0].card.header: unknown field "image url"; did you mean "imageUrl"?`},
		{"map values are walked", `[{"card":{"sections":[{"widgets":[{"buttonList":{"buttons":[{"onClick":{"action":{"function":"f","parameters":[{"key":"k","value":1}]}}}]}}]}]}}]`,
			`[0].card.sections[0].widgets[0].buttonList.buttons[0].onClick.action.parameters[0].value: got the number 1, want a string`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeCards(tc.raw)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("DecodeCards() error = %v, want none", err)
			case tc.want != "" && (err == nil || err.Error() != prefix+tc.want):
				t.Errorf("DecodeCards() error =\n  %v\nwant\n  %s", err, prefix+tc.want)
			}
		})
	}
}

func TestDecodeAccessoryWidgetsSaysWhere(t *testing.T) {
	_, err := DecodeAccessoryWidgets(`[{"buttonList":{"buttons":[{"text":"Go"}]}},{"button_lists":{}}]`)
	want := `accessory_widgets does not match the Chat API's schema: [1]: unknown field "button_lists"; did you mean "button_list"?`
	if err == nil || err.Error() != want {
		t.Errorf("DecodeAccessoryWidgets() error =\n  %v\nwant\n  %s", err, want)
	}
}

// Every document the strict decoder refuses gets a located explanation, not
// the decoder's own words (which name Go types and no array index).
func TestExplainMismatchCoversDecoderErrors(t *testing.T) {
	for _, raw := range []string{
		`[null, 1]`, `[{"card":null,"cardId":{}}]`, `[{"card":{"unknown":1}}]`, `[{"card":{"header":[]}}]`,
		`[{"card":{"sections":[{"widgets":[{"image":{"cropStyle":{"aspectRatio":"wide"}}}]}]}}]`,
		`[{"card":{"sections":[{"widgets":[{"decoratedText":{"icon":{"iconUrl":"x","altText":1}}}]}]}}]`,
		`[{"card":{"fixedFooter":{"primaryButton":{"color":[]}}}}]`,
		`[{"card":{"sections":[{"uncollapsibleWidgetsCount":1.5}]}}]`,
		`[{"card":{"sections":[{"uncollapsibleWidgetsCount":"3"}]}}]`,
	} {
		_, err := DecodeCards(raw)
		if err == nil {
			t.Errorf("DecodeCards(%s) succeeded", raw)
			continue
		}
		if message := err.Error(); !strings.HasPrefix(message, "cards_v2 does not match the Chat API's schema: [") ||
			strings.Contains(message, "Go ") || strings.Contains(message, "json:") {
			t.Errorf("DecodeCards(%s) error has no located explanation: %v", raw, err)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{{"uri", "url", 1}, {"heder", "header", 1}, {"titel", "title", 1}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"same", "same", 0}} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
