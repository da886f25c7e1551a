package convert

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"unicode"

	chat "google.golang.org/api/chat/v1"
)

// Limits from the discovery document: a message, cards included, is at most
// 32,000 bytes, and each card at most 32 KB.
const (
	MaxMessageBytes = 32000
	MaxCardBytes    = 32 * 1024
)

// camelKeys renames snake_case object keys to lowerCamelCase, as the API's
// JSON parser accepts both (the guides use material_icon and materialIcon).
// It returns a copy and leaves v as it was.
func camelKeys(v any) any {
	switch value := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(value))
		for key, item := range value {
			out[lowerCamel(key)] = camelKeys(item)
		}
		return out
	case []any:
		out := make([]any, len(value))
		for i, item := range value {
			out[i] = camelKeys(item)
		}
		return out
	}
	return v
}

func lowerCamel(key string) string {
	if !strings.Contains(key, "_") {
		return key
	}
	var b strings.Builder
	upper := false
	for _, r := range key {
		switch {
		case r == '_':
			upper = b.Len() > 0
		case upper:
			b.WriteRune(unicode.ToUpper(r))
			upper = false
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// decodeStrict parses a JSON array into the API's types, rejecting fields the
// API does not define, so a typo fails at plan time instead of being dropped.
// The error says where in the document the mismatch is (explainMismatch).
func decodeStrict(raw, what string, into any) error {
	var generic any
	if err := json.Unmarshal([]byte(raw), &generic); err != nil {
		return fmt.Errorf("%s is not valid JSON: %v", what, err)
	}
	if _, ok := generic.([]any); !ok {
		return fmt.Errorf("%s must be a JSON array", what)
	}
	canonical, _ := json.Marshal(camelKeys(generic))
	dec := json.NewDecoder(bytes.NewReader(canonical))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		if where := explainMismatch(generic, reflect.TypeOf(into).Elem()); where != "" {
			return fmt.Errorf("%s does not match the Chat API's schema: %s", what, where)
		}
		return fmt.Errorf("%s does not match the Chat API's schema: %v", what, strings.TrimPrefix(err.Error(), "json: "))
	}
	return nil
}

// DecodeCards parses cards_v2 and applies the card rules: each entry has a
// card of at most 32 KB, and with several cards each has a unique cardId.
func DecodeCards(raw string) ([]*chat.CardWithId, error) {
	var cards []*chat.CardWithId
	if err := decodeStrict(raw, "cards_v2", &cards); err != nil {
		return nil, err
	}
	if len(cards) == 0 {
		return nil, fmt.Errorf("cards_v2 must hold at least one card; leave the attribute out for none")
	}
	seen := map[string]bool{}
	for i, card := range cards {
		if card == nil || card.Card == nil {
			return nil, fmt.Errorf("cards_v2[%d] needs a \"card\" object", i)
		}
		if len(cards) > 1 && card.CardId == "" {
			return nil, fmt.Errorf("cards_v2[%d] needs a \"cardId\": it is required when a message has several cards", i)
		}
		if card.CardId != "" && seen[card.CardId] {
			return nil, fmt.Errorf("cards_v2[%d]: cardId %q is used twice; card IDs must be unique in a message", i, card.CardId)
		}
		seen[card.CardId] = true
		if size := len(Canonical(card.Card)); size > MaxCardBytes {
			return nil, fmt.Errorf("cards_v2[%d] is %d bytes; a card is at most %d bytes", i, size, MaxCardBytes)
		}
	}
	return cards, nil
}

// DecodeAccessoryWidgets parses accessory_widgets: button lists only.
func DecodeAccessoryWidgets(raw string) ([]*chat.AccessoryWidget, error) {
	var widgets []*chat.AccessoryWidget
	if err := decodeStrict(raw, "accessory_widgets", &widgets); err != nil {
		return nil, err
	}
	if len(widgets) == 0 {
		return nil, fmt.Errorf("accessory_widgets must hold at least one widget; leave the attribute out for none")
	}
	for i, w := range widgets {
		if w == nil || w.ButtonList == nil || len(w.ButtonList.Buttons) == 0 {
			return nil, fmt.Errorf("accessory_widgets[%d] needs a \"buttonList\" with at least one button", i)
		}
	}
	return widgets, nil
}

// Canonical is the JSON the API's types encode to: key order and formatting
// fixed, defaults omitted. Two values that encode alike are the same to the API.
func Canonical(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// SortedJSON re-encodes JSON with object keys in sorted order and no spaces,
// the form Terraform's jsonencode produces.
func SortedJSON(text string) string {
	var generic any
	if err := json.Unmarshal([]byte(text), &generic); err != nil {
		return text
	}
	return Canonical(generic)
}

// MessageSize is what counts against the 32,000-byte message limit.
func MessageSize(text, fallbackText string, cards []*chat.CardWithId, widgets []*chat.AccessoryWidget) int {
	size := len(text) + len(fallbackText)
	if len(cards) > 0 {
		size += len(Canonical(cards))
	}
	if len(widgets) > 0 {
		size += len(Canonical(widgets))
	}
	return size
}
