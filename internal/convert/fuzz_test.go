package convert

import "testing"

// Decoding never panics, and what decodes re-encodes to a fixed point: the
// canonical form the provider compares is stable.
func FuzzDecodeCards(f *testing.F) {
	for _, seed := range []string{
		`[{"card":{"header":{"title":"Hi"}}}]`,
		`[{"card_id":"a","card":{"sections":[{"widgets":[{"text_paragraph":{"text":"x"}}]}]}},{"cardId":"b","card":{}}]`,
		`[{"card":{"header":{"title":"😄","imageUrl":"https://x"},"fixedFooter":{"primaryButton":{"text":"go"}}}}]`,
		`[]`, `{}`, `[{`, `[null]`, `[{"card":null}]`, `[{"card":{"unknown":1}}]`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		cards, err := DecodeCards(raw)
		if err != nil {
			return
		}
		canonical := Canonical(cards)
		again, err := DecodeCards(canonical)
		if err != nil {
			t.Fatalf("canonical form %s does not decode: %v", canonical, err)
		}
		if Canonical(again) != canonical {
			t.Fatalf("canonical form is not stable: %s != %s", Canonical(again), canonical)
		}
		if sorted := SortedJSON(canonical); SortedJSON(sorted) != sorted {
			t.Fatalf("SortedJSON is not idempotent on %s", canonical)
		}
	})
}

func FuzzDecodeAccessoryWidgets(f *testing.F) {
	for _, seed := range []string{
		`[{"buttonList":{"buttons":[{"text":"Go","onClick":{"openLink":{"url":"https://x"}}}]}}]`,
		`[{"button_list":{"buttons":[{"icon":{"material_icon":{"name":"thumb_up"}},"color":{"red":0,"blue":255}}]}}]`,
		`[]`, `[{}]`, `x`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		widgets, err := DecodeAccessoryWidgets(raw)
		if err != nil {
			return
		}
		canonical := Canonical(widgets)
		again, err := DecodeAccessoryWidgets(canonical)
		if err != nil || Canonical(again) != canonical {
			t.Fatalf("canonical form %s is not stable: %v", canonical, err)
		}
	})
}
