package emulator

import (
	"bytes"
	"encoding/json"
)

// Unknown fields. A newer API revision adds fields old clients have never
// seen; a tolerant reader ignores them. With Options.UnknownFields every
// answer carries such fields at every level of its objects, added as the
// answer is written (ServeHTTP's finish).

// UnknownField is the name of the field added to every object of every
// answer with Options.UnknownFields; its value is unknownFieldValue.
const UnknownField = "futureField"

// unknownFieldValue is a nested object with an array, so that a reader must
// skip a whole unknown subtree, not a scalar.
func unknownFieldValue() map[string]any {
	return map[string]any{"nested": "x", "items": []any{map[string]any{"deeper": true}}}
}

// withUnknownFields returns the answer to write: out itself when
// UnknownFields is off, otherwise its JSON with UnknownField added to every
// object (an empty answer, {}, included).
func (e *Emulator) withUnknownFields(out any) any {
	if !e.opts.UnknownFields {
		return out
	}
	if out == nil {
		out = struct{}{}
	}
	raw, err := json.Marshal(out)
	if err != nil {
		return out
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // int64 and float values keep their exact text
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return out
	}
	rewritten, err := json.Marshal(addUnknownFields(generic))
	if err != nil {
		return out
	}
	return json.RawMessage(rewritten)
}

// addUnknownFields adds UnknownField to every object in v, at every level.
func addUnknownFields(v any) any {
	switch value := v.(type) {
	case map[string]any:
		for key, item := range value {
			value[key] = addUnknownFields(item)
		}
		value[UnknownField] = unknownFieldValue()
		return value
	case []any:
		for i, item := range value {
			value[i] = addUnknownFields(item)
		}
		return value
	}
	return v
}
