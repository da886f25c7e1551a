package emulator

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The query grammar of spaces.search (handler: spaces_search.go). Every rule
// quotes the discovery document's description of the `query` parameter
// (revision 20261029) or says "guess:".
//
//	query   := factor { "AND" factor }
//	factor  := primary { "OR" primary }
//	primary := "(" query ")" | field op value
//	op      := "=" | "<" | ">" | "<=" | ">=" | ":"
//	value   := "quoted string" | bare word ([A-Za-z0-9_./-]+)
//
// Guess: OR binds tighter than AND, as in every Google filter (AIP-160:
// "the OR operator has higher precedence than AND"); the document's
// examples always put an OR in parentheses, where both readings agree.
// Guess: a value may be bare (AIP-160 literals); the examples quote every
// value, and a timestamp, which holds ":", must be quoted.

// maxSearchQuery: "The maximum query length is 1,000 characters" (query).
const maxSearchQuery = 1000

// Search fields. "You can search by using the following parameters when
// `useAdminAccess` is set to `true`: - `create_time` - `customer` -
// `display_name` - `external_user_allowed` - `last_active_time` -
// `space_history_state` - `space_type` When `useAdminAccess` is set to
// `false`: - `display_name` - `external_user_allowed` - `space_type`".
const (
	fieldCreateTime          = "create_time"
	fieldCustomer            = "customer"
	fieldDisplayName         = "display_name"
	fieldExternalUserAllowed = "external_user_allowed"
	fieldLastActiveTime      = "last_active_time"
	fieldSpaceHistoryState   = "space_history_state"
	fieldSpaceType           = "space_type"
)

// searchFields maps every field to whether it may be searched without
// admin access.
var searchFields = map[string]bool{
	fieldCreateTime: false, fieldCustomer: false, fieldLastActiveTime: false, fieldSpaceHistoryState: false,
	fieldDisplayName: true, fieldExternalUserAllowed: true, fieldSpaceType: true,
}

// timeField: "`create_time` and `last_active_time` accept a timestamp in
// RFC-3339 format and the supported comparison operators are: `=`, `<`,
// `>`, `<=`, `>=`" (query).
func timeField(field string) bool { return field == fieldCreateTime || field == fieldLastActiveTime }

// orField: "`display_name`, 'space_history_state', and
// 'external_user_allowed' only support `OR` operators. `last_active_time`
// and `create_time` support both `AND` and `OR` operators." space_type
// "doesn't support `AND` or `OR` operators"; customer isn't named, and "is
// the only supported value" leaves nothing to OR (guess: no OR).
func orField(field string) bool {
	switch field {
	case fieldDisplayName, fieldSpaceHistoryState, fieldExternalUserAllowed, fieldCreateTime, fieldLastActiveTime:
		return true
	}
	return false
}

// searchTerm is one comparison: field op value.
type searchTerm struct {
	field, op, value string
	at               time.Time // timeField: the parsed value
	tokens           []string  // display_name: the value's tokens, lower case
}

// searchNode is a parsed query: an AND or OR of nodes, or a term.
type searchNode struct {
	op   string // "AND", "OR", or "" for a term
	kids []*searchNode
	term *searchTerm
}

// spaceQuery is a validated spaces.search query.
type spaceQuery struct {
	root *searchNode
	// fields are the fields the query names.
	fields map[string]bool
}

// searchError is the answer to an invalid query: "Invalid queries are
// rejected by the server with an `INVALID_ARGUMENT` error" (query).
func searchError(format string, args ...any) *apiError {
	return invalidArgument("Invalid query: "+format, args...)
}

// parseSpaceQuery parses and validates a spaces.search query for a call
// with (admin) or without administrator access.
func parseSpaceQuery(query string, admin bool) (*spaceQuery, *apiError) {
	// "Required. A search query."
	if strings.TrimSpace(query) == "" {
		return nil, invalidArgument("query is required.")
	}
	if n := utf8.RuneCountInString(query); n > maxSearchQuery {
		return nil, searchError("the maximum query length is %d characters, got %d.", maxSearchQuery, n)
	}
	tokens, err := lexSearch(query)
	if err != nil {
		return nil, err
	}
	p := &searchParser{tokens: tokens}
	root, err := p.expr()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.tokens) {
		return nil, searchError("unexpected %q at position %d; join conditions with AND or OR.", p.tokens[p.pos].text, p.tokens[p.pos].at+1)
	}
	q := &spaceQuery{root: root, fields: map[string]bool{}}
	for _, t := range root.terms() {
		if err := checkSearchTerm(t, admin); err != nil {
			return nil, err
		}
		q.fields[t.field] = true
	}
	if err := checkSearchStructure(root); err != nil {
		return nil, err
	}
	// "`space_type` is required and the only valid value is `SPACE`."
	if !q.fields[fieldSpaceType] {
		return nil, searchError(`space_type is required: space_type = "SPACE".`)
	}
	// "`customer` is required when `useAdminAccess` is set to `true`".
	if admin && !q.fields[fieldCustomer] {
		return nil, searchError(`customer is required when useAdminAccess is true: customer = "customers/my_customer".`)
	}
	return q, nil
}

// terms returns the node's terms, left to right.
func (n *searchNode) terms() []*searchTerm {
	if n.term != nil {
		return []*searchTerm{n.term}
	}
	var out []*searchTerm
	for _, k := range n.kids {
		out = append(out, k.terms()...)
	}
	return out
}

// conjuncts flattens nested ANDs, parenthesized or not: AND is associative,
// and the examples AND fields inside parentheses ("(external_user_allowed =
// "true" AND display_name:"Hello" AND space_type = "SPACE")").
func (n *searchNode) conjuncts() []*searchNode {
	if n.op != "AND" {
		return []*searchNode{n}
	}
	var out []*searchNode
	for _, k := range n.kids {
		out = append(out, k.conjuncts()...)
	}
	return out
}

// disjuncts flattens nested ORs.
func (n *searchNode) disjuncts() []*searchNode {
	if n.op != "OR" {
		return []*searchNode{n}
	}
	var out []*searchNode
	for _, k := range n.kids {
		out = append(out, k.disjuncts()...)
	}
	return out
}

// checkSearchTerm validates one term's field, operator and value.
func checkSearchTerm(t *searchTerm, admin bool) *apiError {
	nonAdmin, known := searchFields[t.field]
	switch {
	case !known:
		return searchError("unknown field %q; the fields are create_time, customer, display_name, external_user_allowed, last_active_time, space_history_state and space_type.", t.field)
	case !admin && !nonAdmin:
		return searchError("%s can only be searched when useAdminAccess is true; without it the fields are display_name, external_user_allowed and space_type.", t.field)
	}
	if t.field == fieldDisplayName {
		// "`display_name` only accepts the `HAS` (`:`) operator."
		if t.op != ":" {
			return searchError("display_name only accepts the HAS (:) operator, not %s.", t.op)
		}
		t.tokens = searchWords(t.value)
		if len(t.tokens) == 0 {
			// guess: text without a token matches nothing useful; refused.
			return searchError("display_name needs text to match.")
		}
		return nil
	}
	if timeField(t.field) {
		switch t.op {
		case "=", "<", ">", "<=", ">=":
		default:
			return searchError("%s supports the comparison operators =, <, >, <= and >=, not %s.", t.field, t.op)
		}
		at, err := time.Parse(time.RFC3339Nano, t.value)
		if err != nil {
			return searchError("%s accepts a timestamp in RFC-3339 format, got %q.", t.field, t.value)
		}
		t.at = at
		return nil
	}
	// guess: the other fields compare with = alone (every example does; the
	// document gives comparison operators to the times alone).
	if t.op != "=" {
		return searchError("%s only accepts the = operator, not %s.", t.field, t.op)
	}
	switch t.field {
	case fieldCustomer:
		// "`customers/my_customer` is the only supported value."
		if t.value != "customers/my_customer" {
			return searchError(`customers/my_customer is the only supported value of customer, got %q.`, t.value)
		}
	case fieldSpaceType:
		// "`space_type` is required and the only valid value is `SPACE`."
		if t.value != "SPACE" {
			return searchError(`the only valid value of space_type is SPACE, got %q.`, t.value)
		}
	case fieldExternalUserAllowed:
		// "`external_user_allowed` accepts either `true` or `false`."
		if t.value != "true" && t.value != "false" {
			return searchError(`external_user_allowed accepts either true or false, got %q.`, t.value)
		}
	case fieldSpaceHistoryState:
		// "`space_history_state` only accepts values from the
		// [`historyState`] field of a `space` resource." guess:
		// HISTORY_STATE_UNSPECIFIED ("Default value. Do not use.") is not
		// a state a space is in, so it is refused.
		if t.value != "HISTORY_ON" && t.value != "HISTORY_OFF" {
			return searchError(`space_history_state accepts HISTORY_ON or HISTORY_OFF, got %q.`, t.value)
		}
	}
	return nil
}

// checkSearchStructure applies the rules on AND and OR.
func checkSearchStructure(root *searchNode) *apiError {
	byField := map[string][]*searchNode{}
	var order []string
	for _, c := range root.conjuncts() {
		field, err := conjunctField(c)
		if err != nil {
			return err
		}
		if byField[field] == nil {
			order = append(order, field)
		}
		byField[field] = append(byField[field], c)
	}
	for _, field := range order {
		group := byField[field]
		if len(group) == 1 {
			continue
		}
		// "Among the same field, `space_type` doesn't support `AND` or `OR`
		// operators. `display_name`, 'space_history_state', and
		// 'external_user_allowed' only support `OR` operators."
		if !timeField(field) {
			return searchError("%s can't be joined to itself by AND: %s.", field, sameFieldRule(field))
		}
		terms := make([]*searchTerm, len(group))
		for i, c := range group {
			terms[i] = c.term
		}
		if err := checkInterval(field, terms); err != nil {
			return err
		}
	}
	return nil
}

// sameFieldRule is the document's rule for joining a field to itself.
func sameFieldRule(field string) string {
	switch field {
	case fieldSpaceType:
		return "among the same field, space_type doesn't support AND or OR operators"
	case fieldCustomer:
		return "customer takes one value, customers/my_customer"
	}
	return "among the same field, display_name, space_history_state and external_user_allowed only support OR operators"
}

// conjunctField returns the one field a conjunct (a term, or an OR of
// terms) is about. "Across different fields, only `AND` operators are
// supported. A valid example is `space_type = "SPACE" AND
// display_name:"Hello"` and an invalid example is `space_type = "SPACE" OR
// display_name:"Hello"`" (query).
func conjunctField(c *searchNode) (string, *apiError) {
	if c.term != nil {
		return c.term.field, nil
	}
	// An OR: every leaf names the same field, which supports OR.
	terms := c.terms()
	field := terms[0].field
	for _, t := range terms[1:] {
		if t.field != field {
			return "", searchError("%s and %s are joined by OR; across different fields, only AND operators are supported.", field, t.field)
		}
	}
	if !orField(field) {
		return "", searchError("%s can't be joined to itself by OR: %s.", field, sameFieldRule(field))
	}
	// Inside the OR, an AND is an interval of a time field ("`last_active_time`
	// and `create_time` support both `AND` and `OR` operators").
	for _, d := range c.disjuncts() {
		if d.op != "AND" {
			continue
		}
		if !timeField(field) {
			return "", searchError("%s can't be joined to itself by AND: %s.", field, sameFieldRule(field))
		}
		parts := d.conjuncts()
		terms := make([]*searchTerm, len(parts))
		for i, part := range parts {
			if part.term == nil {
				return "", searchError("AND can only be used to represent an interval of %s.", field)
			}
			terms[i] = part.term
		}
		if err := checkInterval(field, terms); err != nil {
			return "", err
		}
	}
	return field, nil
}

// checkInterval: "`AND` can only be used to represent an interval, such as
// `last_active_time < "2022-01-01T00:00:00+00:00" AND last_active_time >
// "2023-01-01T00:00:00+00:00"`." guess: an interval is two terms, one
// lower bound (> or >=) and one upper bound (< or <=); the example's
// interval is empty and still valid, so the bounds' order is not checked.
func checkInterval(field string, terms []*searchTerm) *apiError {
	lower, upper := 0, 0
	for _, t := range terms {
		if t == nil {
			return searchError("AND can only be used to represent an interval of %s.", field)
		}
		switch t.op {
		case ">", ">=":
			lower++
		case "<", "<=":
			upper++
		}
	}
	if len(terms) != 2 || lower != 1 || upper != 1 {
		return searchError("AND can only be used to represent an interval of %s: one lower bound (> or >=) and one upper bound (< or <=).", field)
	}
	return nil
}

// searchWords splits text into lower-case tokens of letters and digits.
// guess: "The text to match is first tokenized into tokens"; the document
// doesn't say how, so any character that is not a letter or a digit
// separates tokens.
func searchWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// matchDisplayName: "each token is prefix-matched case-insensitively and
// independently as a substring anywhere in the space's `display_name`. For
// example, `Fun Eve` matches `Fun event` or `The evening was fun`, but not
// `notFun event` or `even`." So every token of the query must begin a word
// of the display name (notFun: "fun" is inside a word, not at its start).
func matchDisplayName(tokens []string, displayName string) bool {
	words := searchWords(displayName)
	for _, token := range tokens {
		found := false
		for _, w := range words {
			if strings.HasPrefix(w, token) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
