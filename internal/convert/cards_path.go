package convert

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// explainMismatch finds where a JSON document the strict decoder refused
// leaves the API's types: it walks the parsed document (object keys as the
// user wrote them) alongside the Go type by reflection, matching keys to the
// fields' json tags the way decodeStrict does (snake_case renamed to
// lowerCamelCase, then an exact or case-insensitive match). It returns the
// first mismatch in document order (object keys sorted), with its path in the
// user's document, e.g.
//
//	[0].card.sections[0].widgets[1].buttonList.buttons[0].onClick.openLink: unknown field "uri"; did you mean "url"?
//
// It only explains: the decoder decides what is valid, so a document it
// accepts is never checked here, and "" means the walk found nothing to say.
func explainMismatch(doc any, t reflect.Type) string {
	return explainValue(doc, t, "", "")
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// explainValue checks v against t; tagOptions are the json tag's options of
// the field that holds v (",string" changes what a number field accepts).
func explainValue(v any, t reflect.Type, at, tagOptions string) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if v == nil {
		return "" // null decodes into anything as the zero value
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		// The type decodes itself (Color, Image: floats that may be "NaN"),
		// without the decoder's unknown-field check; ask it.
		if t.Kind() == reflect.Struct {
			if _, ok := v.(map[string]any); !ok {
				return mismatchAt(at, v, "an object")
			}
		}
		data, _ := json.Marshal(camelKeys(v))
		err := json.Unmarshal(data, reflect.New(t).Interface())
		if err == nil {
			return ""
		}
		if object, ok := v.(map[string]any); ok && t.Kind() == reflect.Struct {
			if problem := explainSelfDecoding(object, t, at); problem != "" {
				return problem
			}
		}
		return fmt.Sprintf("%s: %s", pathOrRoot(at), strings.TrimPrefix(err.Error(), "json: "))
	}
	switch t.Kind() {
	case reflect.Struct:
		object, ok := v.(map[string]any)
		if !ok {
			return mismatchAt(at, v, "an object")
		}
		for _, key := range sortedKeys(object) {
			field, found := jsonField(t, lowerCamel(key))
			if !found {
				message := fmt.Sprintf("%s: unknown field %q", pathOrRoot(at), key)
				if near := nearestField(t, key); near != "" {
					message += fmt.Sprintf("; did you mean %q?", near)
				}
				return message
			}
			_, options, _ := strings.Cut(field.Tag.Get("json"), ",")
			if problem := explainValue(object[key], field.Type, joinKey(at, key), options); problem != "" {
				return problem
			}
		}
		return ""
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 && t.Kind() == reflect.Slice {
			return explainLeaf(v, t, at, tagOptions) // []byte is base64 text
		}
		items, ok := v.([]any)
		if !ok {
			return mismatchAt(at, v, "an array")
		}
		for i, item := range items {
			if problem := explainValue(item, t.Elem(), fmt.Sprintf("%s[%d]", at, i), ""); problem != "" {
				return problem
			}
		}
		return ""
	case reflect.Map:
		object, ok := v.(map[string]any)
		if !ok {
			return mismatchAt(at, v, "an object")
		}
		for _, key := range sortedKeys(object) {
			if problem := explainValue(object[key], t.Elem(), joinKey(at, key), ""); problem != "" {
				return problem
			}
		}
		return ""
	case reflect.Interface:
		return ""
	}
	return explainLeaf(v, t, at, tagOptions)
}

// explainSelfDecoding walks an object of a type that decodes itself (the
// API's types with float fields): it ignores keys it does not know, as its
// decoder does, and takes a float as a number or "NaN", "Infinity" or
// "-Infinity".
func explainSelfDecoding(object map[string]any, t reflect.Type, at string) string {
	for _, key := range sortedKeys(object) {
		field, found := jsonField(t, lowerCamel(key))
		if !found {
			continue
		}
		value, where := object[key], joinKey(at, key)
		if kind := field.Type.Kind(); kind == reflect.Float64 || kind == reflect.Float32 {
			switch text, isString := value.(string); {
			case value == nil:
			case isString && (text == "NaN" || text == "Infinity" || text == "-Infinity"):
			case isString:
				return mismatchAt(where, value, `a number (or "NaN", "Infinity", "-Infinity")`)
			default:
				if _, isNumber := value.(float64); !isNumber {
					return mismatchAt(where, value, "a number")
				}
			}
			continue
		}
		_, options, _ := strings.Cut(field.Tag.Get("json"), ",")
		if problem := explainValue(value, field.Type, where, options); problem != "" {
			return problem
		}
	}
	return ""
}

// explainLeaf checks a string, number or boolean by decoding it as the
// decoder would: into a one-field struct with the same tag options.
func explainLeaf(v any, t reflect.Type, at, tagOptions string) string {
	holder := reflect.StructOf([]reflect.StructField{{
		Name: "V", Type: t, Tag: reflect.StructTag(`json:"v` + optionsSuffix(tagOptions) + `"`),
	}})
	data, _ := json.Marshal(map[string]any{"v": v})
	if err := json.Unmarshal(data, reflect.New(holder).Interface()); err == nil {
		return ""
	}
	return mismatchAt(at, v, wantOf(t, tagOptions))
}

func optionsSuffix(options string) string {
	for _, option := range strings.Split(options, ",") {
		if option == "string" {
			return ",string"
		}
	}
	return ""
}

// wantOf names what a leaf type accepts, in JSON's words.
func wantOf(t reflect.Type, tagOptions string) string {
	quoted := optionsSuffix(tagOptions) != ""
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if quoted {
			return `an integer in a string, such as "1700000000000"`
		}
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "a base64 string"
	}
	return "a " + t.String()
}

// mismatchAt reports a value of the wrong JSON type.
func mismatchAt(at string, got any, want string) string {
	return fmt.Sprintf("%s: got %s, want %s", pathOrRoot(at), describeJSON(got), want)
}

func describeJSON(v any) string {
	switch value := v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		if utf8.RuneCountInString(value) > 40 {
			value = string([]rune(value)[:40]) + "…"
		}
		return fmt.Sprintf("the string %q", value)
	case float64:
		return "the number " + strconv.FormatFloat(value, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(value)
	}
	return fmt.Sprintf("%v", v)
}

func pathOrRoot(at string) string {
	if at == "" {
		return "(top level)"
	}
	return at
}

// joinKey appends an object key to a path: .key, or ["key"] when the key is
// not a plain name.
func joinKey(at, key string) string {
	plain := key != ""
	for _, r := range key {
		if r != '_' && (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			plain = false
			break
		}
	}
	if !plain {
		return fmt.Sprintf("%s[%q]", at, key)
	}
	if at == "" {
		return key
	}
	return at + "." + key
}

func sortedKeys(object map[string]any) []string {
	keys := make([]string, 0, len(object))
	for key := range object {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return keys
}

// jsonNames are the JSON names of t's fields, skipping json:"-".
func jsonNames(t reflect.Type) []string {
	var names []string
	for i := 0; i < t.NumField(); i++ {
		if name := jsonName(t.Field(i)); name != "" {
			names = append(names, name)
		}
	}
	return names
}

func jsonName(field reflect.StructField) string {
	if !field.IsExported() {
		return ""
	}
	tag := field.Tag.Get("json")
	if tag == "-" {
		return ""
	}
	if name, _, _ := strings.Cut(tag, ","); name != "" {
		return name
	}
	return field.Name
}

// jsonField finds the field key names as encoding/json does: an exact match
// first, then a case-insensitive one.
func jsonField(t reflect.Type, key string) (reflect.StructField, bool) {
	var folded *reflect.StructField
	for i := 0; i < t.NumField(); i++ {
		field := t.Field(i)
		name := jsonName(field)
		if name == "" {
			continue
		}
		if name == key {
			return field, true
		}
		if folded == nil && strings.EqualFold(name, key) {
			folded = &field
		}
	}
	if folded != nil {
		return *folded, true
	}
	return reflect.StructField{}, false
}

// nearestField suggests the field of t that key most likely meant: the same
// name once case, '_' and '-' are ignored, or one within a small edit
// distance (at most 2, and at most half the key's length, so short keys get
// no wild guesses). The suggestion is spelled as the key is: snake_case for
// a snake_case key.
func nearestField(t reflect.Type, key string) string {
	want := normalizeKey(key)
	best, bestDistance := "", 3
	for _, name := range jsonNames(t) {
		distance := editDistance(want, normalizeKey(name))
		if distance > 0 && distance*2 > len([]rune(want)) {
			continue
		}
		if distance < bestDistance || distance == bestDistance && name < best {
			best, bestDistance = name, distance
		}
	}
	if best != "" && strings.Contains(key, "_") {
		return snakeCase(best)
	}
	return best
}

func normalizeKey(key string) string {
	return strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(key))
}

func snakeCase(name string) string {
	var b strings.Builder
	for _, r := range name {
		if r >= 'A' && r <= 'Z' {
			b.WriteByte('_')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of two neighbours each cost one.
func editDistance(a, b string) int {
	s, t := []rune(a), []rune(b)
	d := make([][]int, len(s)+1)
	for i := range d {
		d[i] = make([]int, len(t)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(s); i++ {
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(s)][len(t)]
}
