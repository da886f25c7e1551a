package convert

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// CheckSearchQuery checks a spaces.search query against the grammar its
// `query` parameter documents, for administrator access (admin) or not,
// so a bad query fails at plan with no API call. It checks what the
// description states and nothing more; the API has the last word.
//
//   - Fields: with admin access create_time, customer, display_name,
//     external_user_allowed, last_active_time, space_history_state and
//     space_type; without it display_name, external_user_allowed and
//     space_type.
//   - `space_type` "is required and the only valid value is `SPACE`";
//     `customer` "is required when useAdminAccess is set to true", and
//     "customers/my_customer is the only supported value".
//   - display_name takes only `:`; create_time and last_active_time `=`,
//     `<`, `>`, `<=`, `>=` with RFC 3339 values; the others `=`.
//   - "Across different fields, only AND operators are supported";
//     display_name, space_history_state and external_user_allowed take OR
//     within the field; the times take AND and OR, and "AND can only be
//     used to represent an interval, such as `last_active_time < ... AND
//     last_active_time > ...`" (in parentheses or not): one lower and one
//     upper bound; space_type neither.
//   - "The maximum query length is 1,000 characters."
func CheckSearchQuery(query string, admin bool) error {
	if n := utf8.RuneCountInString(query); n > 1000 {
		return fmt.Errorf("the query is %d characters; spaces.search takes at most 1,000", n)
	}
	tokens, err := searchTokens(query)
	if err != nil {
		return err
	}
	p := &searchParser{tokens: tokens, admin: admin, seen: map[string]bool{}, bounds: map[string][]string{}}
	if err := p.conjunction(); err != nil {
		return err
	}
	for _, field := range slices.Sorted(maps.Keys(p.bounds)) {
		if ops := p.bounds[field]; len(ops) > 1 {
			if err := interval(field, ops); err != nil {
				return err
			}
		}
	}
	if !p.seen["space_type"] {
		return fmt.Errorf(`the query needs space_type = "SPACE" (the API requires it)`)
	}
	if admin && !p.seen["customer"] {
		return fmt.Errorf(`with administrator access the query needs customer = "customers/my_customer"`)
	}
	return nil
}

// searchFields are the operators each field takes, and whether it may
// appear in administrator searches only.
var searchFields = map[string]struct {
	ops       []string
	adminOnly bool
	andWithin bool // AND within the field (an interval)
	orWithin  bool
}{
	"create_time":           {ops: []string{"=", "<", ">", "<=", ">="}, adminOnly: true, andWithin: true, orWithin: true},
	"last_active_time":      {ops: []string{"=", "<", ">", "<=", ">="}, adminOnly: true, andWithin: true, orWithin: true},
	"customer":              {ops: []string{"="}, adminOnly: true},
	"display_name":          {ops: []string{":"}, orWithin: true},
	"external_user_allowed": {ops: []string{"="}, orWithin: true},
	"space_history_state":   {ops: []string{"="}, adminOnly: true, orWithin: true},
	"space_type":            {ops: []string{"="}},
}

type searchToken struct {
	kind  string // "word", "string", "op", "(", ")"
	value string
}

// text is the token as written.
func (t searchToken) text() string {
	if t.kind == "(" || t.kind == ")" {
		return t.kind
	}
	return t.value
}

func searchTokens(query string) ([]searchToken, error) {
	var out []searchToken
	for i := 0; i < len(query); {
		c := query[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case c == '(' || c == ')':
			out = append(out, searchToken{kind: string(c)})
			i++
		case c == '"':
			end := strings.IndexByte(query[i+1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("unterminated string in the query")
			}
			out = append(out, searchToken{kind: "string", value: query[i+1 : i+1+end]})
			i += end + 2
		case strings.ContainsRune("=<>:", rune(c)):
			op := string(c)
			if (c == '<' || c == '>') && i+1 < len(query) && query[i+1] == '=' {
				op += "="
			}
			out = append(out, searchToken{kind: "op", value: op})
			i += len(op)
		default:
			start := i
			for i < len(query) && !strings.ContainsRune(" \t\n()\"=<>:", rune(query[i])) {
				i++
			}
			out = append(out, searchToken{kind: "word", value: query[start:i]})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the query is empty")
	}
	return out, nil
}

type searchParser struct {
	tokens []searchToken
	pos    int
	admin  bool
	seen   map[string]bool
	// bounds are the operators of a time field's terms that stand alone,
	// joined by the top level's AND.
	bounds map[string][]string
}

func (p *searchParser) peek() (searchToken, bool) {
	if p.pos >= len(p.tokens) {
		return searchToken{}, false
	}
	return p.tokens[p.pos], true
}

// conjunction: group (AND group)*, every group on a field of its own.
func (p *searchParser) conjunction() error {
	for {
		if err := p.group(); err != nil {
			return err
		}
		t, ok := p.peek()
		if !ok {
			return nil
		}
		if t.kind != "word" || t.value != "AND" {
			if t.kind == "word" && t.value == "OR" {
				return fmt.Errorf("OR joins terms of one field only, in parentheses; across fields only AND is supported")
			}
			return fmt.Errorf("unexpected %q in the query", t.text())
		}
		p.pos++
	}
}

// group: a term, or terms in parentheses joined by one connective: OR
// between terms of one field that takes it, AND between terms of one time
// field (an interval) or of different fields (as at the top level, such as
// the documented `(external_user_allowed = "true" AND space_type = "SPACE")`).
func (p *searchParser) group() error {
	t, ok := p.peek()
	if !ok {
		return fmt.Errorf("the query ends where a term is expected")
	}
	if t.kind != "(" {
		field, op, err := p.term()
		if err != nil {
			return err
		}
		if searchFields[field].andWithin && (!p.seen[field] || len(p.bounds[field]) > 0) {
			p.seen[field] = true
			p.bounds[field] = append(p.bounds[field], op)
			return nil
		}
		return p.see(field)
	}
	p.pos++
	first, op, err := p.term()
	if err != nil {
		return err
	}
	fields, ops, connective := []string{first}, []string{op}, ""
	for {
		t, ok := p.peek()
		if !ok {
			return fmt.Errorf("missing ) in the query")
		}
		if t.kind == ")" {
			p.pos++
			break
		}
		if t.kind != "word" || (t.value != "AND" && t.value != "OR") {
			return fmt.Errorf("expected AND, OR or ) in the query, found %q", t.text())
		}
		if connective != "" && t.value != connective {
			return fmt.Errorf("parentheses join terms with AND or with OR, not both")
		}
		connective = t.value
		p.pos++
		next, op, err := p.term()
		if err != nil {
			return err
		}
		fields, ops = append(fields, next), append(ops, op)
	}
	same := true
	for _, f := range fields {
		same = same && f == first
	}
	switch {
	case len(fields) == 1:
	case connective == "OR" && !same:
		return fmt.Errorf("OR joins terms of one field; %s and the others are different fields (join fields with AND)", first)
	case connective == "OR" && !searchFields[first].orWithin, connective == "AND" && same && !searchFields[first].andWithin:
		return fmt.Errorf("%s does not support %s", first, connective)
	case connective == "AND" && same:
		if err := interval(first, ops); err != nil {
			return err
		}
	case connective == "AND" && !same:
		for _, f := range fields {
			if err := p.see(f); err != nil {
				return err
			}
		}
		return nil
	}
	return p.see(first)
}

// interval checks the operators of a time field's terms joined by AND.
func interval(field string, ops []string) error {
	lower, upper := 0, 0
	for _, op := range ops {
		switch op {
		case ">", ">=":
			lower++
		case "<", "<=":
			upper++
		}
	}
	if len(ops) != 2 || lower != 1 || upper != 1 {
		return fmt.Errorf("AND joins %s terms only as an interval: one lower bound (> or >=) and one upper bound (< or <=)", field)
	}
	return nil
}

// see records a field's group: each field appears in one group.
func (p *searchParser) see(field string) error {
	if p.seen[field] {
		return fmt.Errorf("%s appears twice: join its terms in one parenthesized group", field)
	}
	p.seen[field] = true
	return nil
}

// term: field op value; it returns the field and the operator.
func (p *searchParser) term() (string, string, error) {
	if p.pos+3 > len(p.tokens) {
		return "", "", fmt.Errorf("the query ends in the middle of a term")
	}
	field, op, value := p.tokens[p.pos], p.tokens[p.pos+1], p.tokens[p.pos+2]
	p.pos += 3
	rules, known := searchFields[field.value]
	if field.kind != "word" || !known {
		return "", "", fmt.Errorf("%q is not a field spaces.search takes", field.value)
	}
	if rules.adminOnly && !p.admin {
		return "", "", fmt.Errorf("%s can be searched only with administrator access (use_admin_access = true)", field.value)
	}
	if op.kind != "op" || !slices.Contains(rules.ops, op.value) {
		return "", "", fmt.Errorf("%s takes %s, not %q", field.value, strings.Join(rules.ops, " "), op.value)
	}
	if value.kind != "string" && value.kind != "word" {
		return "", "", fmt.Errorf("%s %s needs a value", field.value, op.value)
	}
	switch v := value.value; field.value {
	case "space_type":
		if v != "SPACE" {
			return "", "", fmt.Errorf(`space_type must be "SPACE", the only value spaces.search takes`)
		}
	case "customer":
		if v != "customers/my_customer" {
			return "", "", fmt.Errorf(`customer must be "customers/my_customer", the only value spaces.search takes`)
		}
	case "external_user_allowed":
		if v != "true" && v != "false" {
			return "", "", fmt.Errorf("external_user_allowed must be true or false")
		}
	case "space_history_state":
		if v != "HISTORY_ON" && v != "HISTORY_OFF" {
			return "", "", fmt.Errorf("space_history_state must be HISTORY_ON or HISTORY_OFF")
		}
	case "create_time", "last_active_time":
		if _, err := time.Parse(time.RFC3339, v); err != nil {
			return "", "", fmt.Errorf("%s needs an RFC 3339 time, such as \"2024-01-01T00:00:00+00:00\": %q", field.value, v)
		}
	}
	return field.value, op.value, nil
}
