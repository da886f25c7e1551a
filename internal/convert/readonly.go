package convert

import (
	"encoding/json"
	"strconv"
)

//go:generate go run gen_readonly.go -o readonly_gen.go

// The tolerant reader: the API fills fields the provider never sent (output
// only ones such as CardWithId.ownerUser, and fields of newer API revisions),
// so configuration and answers are compared on what the configuration says,
// by the discovery document's schemas (readonly_gen.go, go generate).

// apiField is what the discovery document says of one field of a schema.
type apiField struct {
	schema     string // the value's schema (each element's for arrays, each value's for maps)
	isMap      bool   // additionalProperties: a map of schema values
	outputOnly bool
}

// Schemas of the JSON attributes: cards_v2 is an array of CardWithId,
// accessory_widgets an array of AccessoryWidget.
const (
	CardSchema            = "CardWithId"
	AccessoryWidgetSchema = "AccessoryWidget"
)

// OutputOnly reports whether the discovery document marks schema.field
// output only.
func OutputOnly(schema, field string) bool { return apiSchemas[schema][field].outputOnly }

// Matches reports whether answer, an API answer decoded from JSON, carries
// what config, the configured JSON decoded, says, both read as schema (for
// arrays: each element's schema). At every level it ignores the fields
// schema marks output only and, in objects, the fields config does not set;
// a field config sets to its default (null, false, 0, "", {} or []) matches
// an answer that leaves it out, as the API does. Arrays match element by
// element and must have the same length; everything else must be equal.
func Matches(schema string, config, answer any) bool {
	switch c := config.(type) {
	case map[string]any:
		a, ok := answer.(map[string]any)
		if !ok {
			return answer == nil && isDefault(c)
		}
		fields := apiSchemas[schema]
		for key, value := range c {
			f := fields[key]
			if f.outputOnly {
				continue
			}
			got, present := a[key]
			if !present {
				if isDefault(value) {
					continue
				}
				return false
			}
			if f.isMap {
				if !matchMap(f.schema, value, got) {
					return false
				}
				continue
			}
			if !Matches(f.schema, value, got) {
				return false
			}
		}
		return true
	case []any:
		a, ok := answer.([]any)
		if !ok {
			return answer == nil && len(c) == 0
		}
		if len(a) != len(c) {
			return false
		}
		for i := range c {
			if !Matches(schema, c[i], a[i]) {
				return false
			}
		}
		return true
	case nil:
		return answer == nil || isDefault(answer)
	}
	return scalarEqual(config, answer)
}

// matchMap compares the values of a map field key by key: its keys are data,
// not fields, so both must have the same keys.
func matchMap(schema string, config, answer any) bool {
	c, ok1 := config.(map[string]any)
	a, ok2 := answer.(map[string]any)
	if !ok1 || !ok2 {
		return Matches("", config, answer)
	}
	if len(c) != len(a) {
		return false
	}
	for key, value := range c {
		got, present := a[key]
		if !present || !Matches(schema, value, got) {
			return false
		}
	}
	return true
}

// isDefault reports whether v is what the API leaves out of its answers.
func isDefault(v any) bool {
	switch value := v.(type) {
	case nil:
		return true
	case bool:
		return !value
	case float64:
		return value == 0
	case json.Number:
		f, err := value.Float64()
		return err == nil && f == 0
	case string:
		return value == ""
	case map[string]any:
		return len(value) == 0
	case []any:
		return len(value) == 0
	}
	return false
}

// scalarEqual compares JSON scalars; a number and its decimal string are
// equal, as the API writes int64 and some doubles as strings.
func scalarEqual(a, b any) bool {
	if a == b {
		return true
	}
	x, okA := number(a)
	y, okB := number(b)
	return okA && okB && x == y
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(n, 64)
		return f, err == nil
	}
	return 0, false
}

// WithoutOutputOnly returns v (decoded JSON, read as schema) without the
// fields schema marks output only, at every level. v is not changed.
func WithoutOutputOnly(schema string, v any) any {
	switch value := v.(type) {
	case map[string]any:
		fields := apiSchemas[schema]
		out := make(map[string]any, len(value))
		for key, item := range value {
			f := fields[key]
			switch {
			case f.outputOnly:
			case f.isMap:
				if m, ok := item.(map[string]any); ok {
					values := make(map[string]any, len(m))
					for k, e := range m {
						values[k] = WithoutOutputOnly(f.schema, e)
					}
					out[key] = values
				} else {
					out[key] = item
				}
			default:
				out[key] = WithoutOutputOnly(f.schema, item)
			}
		}
		return out
	case []any:
		out := make([]any, len(value))
		for i, item := range value {
			out[i] = WithoutOutputOnly(schema, item)
		}
		return out
	}
	return v
}

// StripOutputOnly returns a copy of an API value (a typed object or a slice
// of them) without the fields schema marks output only, at every level.
func StripOutputOnly[T any](schema string, v T) T {
	var out T
	raw, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var generic any
	if json.Unmarshal(raw, &generic) != nil {
		return v
	}
	stripped, _ := json.Marshal(WithoutOutputOnly(schema, generic))
	if json.Unmarshal(stripped, &out) != nil {
		return v
	}
	return out
}

// configured decodes configured JSON as the API's types encode it (key case,
// formatting and defaults as Canonical fixes them), falling back to the JSON
// as written (keys in lowerCamelCase) when the API's types refuse it.
func configured[T any](raw string, decode func(string) (T, error)) (any, bool) {
	if v, err := decode(raw); err == nil {
		var generic any
		if json.Unmarshal([]byte(Canonical(v)), &generic) == nil {
			return generic, true
		}
	}
	var generic any
	if err := json.Unmarshal([]byte(raw), &generic); err != nil {
		return nil, false
	}
	return camelKeys(generic), true
}

// answerJSON decodes an API answer's JSON (nil, false if it is not JSON).
func answerJSON(raw string) (any, bool) {
	var generic any
	if err := json.Unmarshal([]byte(raw), &generic); err != nil {
		return nil, false
	}
	return generic, true
}

// JSONMatches reports whether the API's answer (JSON text) carries the
// configured JSON text, read as schema, by the rules of Matches. decode
// parses and normalizes the configuration (DecodeCards, DecodeAccessoryWidgets).
func JSONMatches[T any](schema, configuredJSON, answer string, decode func(string) (T, error)) bool {
	c, ok := configured(configuredJSON, decode)
	if !ok {
		return configuredJSON == answer
	}
	a, ok := answerJSON(answer)
	if !ok {
		return false
	}
	return Matches(schema, c, a)
}

// CardsMatch reports whether an answer's cardsV2 (JSON) carries the
// configured cards_v2: output-only fields such as ownerUser, and fields the
// configuration leaves out, do not count.
func CardsMatch(configuredJSON, answer string) bool {
	return JSONMatches(CardSchema, configuredJSON, answer, DecodeCards)
}

// WidgetsMatch is CardsMatch for accessory_widgets.
func WidgetsMatch(configuredJSON, answer string) bool {
	return JSONMatches(AccessoryWidgetSchema, configuredJSON, answer, DecodeAccessoryWidgets)
}

// StripOutputOnlyJSON is JSON text (read as schema) without its output-only
// fields, as jsonencode writes it (sorted keys, no spaces).
func StripOutputOnlyJSON(schema, text string) string {
	generic, ok := answerJSON(text)
	if !ok {
		return text
	}
	b, err := json.Marshal(WithoutOutputOnly(schema, generic))
	if err != nil {
		return text
	}
	return string(b)
}
