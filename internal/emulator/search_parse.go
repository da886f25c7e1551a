package emulator

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// searchLexeme is one token of a query.
type searchLexeme struct {
	kind string // "(", ")", "op", "string", "word"
	text string // the operator, the unquoted string, or the word
	at   int    // byte offset in the query
}

// lexSearch splits a query into lexemes.
func lexSearch(query string) ([]searchLexeme, *apiError) {
	var out []searchLexeme
	for i := 0; i < len(query); {
		r, size := utf8.DecodeRuneInString(query[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case r == '(' || r == ')':
			out = append(out, searchLexeme{kind: string(r), text: string(r), at: i})
			i++
		case strings.ContainsRune("=<>:!", r):
			op := string(r)
			if i+1 < len(query) && query[i+1] == '=' && r != '=' && r != ':' {
				op += "="
			}
			if op == "!" {
				return nil, searchError("unexpected ! at position %d.", i+1)
			}
			out = append(out, searchLexeme{kind: "op", text: op, at: i})
			i += len(op)
		case r == '"':
			var b strings.Builder
			j := i + 1
			for ; j < len(query) && query[j] != '"'; j++ {
				if query[j] == '\\' && j+1 < len(query) {
					j++
				}
				b.WriteByte(query[j])
			}
			if j >= len(query) {
				return nil, searchError("unterminated string at position %d.", i+1)
			}
			out = append(out, searchLexeme{kind: "string", text: b.String(), at: i})
			i = j + 1
		case unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_./-", r):
			j := i
			for j < len(query) {
				r, size := utf8.DecodeRuneInString(query[j:])
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("_./-", r) {
					break
				}
				j += size
			}
			out = append(out, searchLexeme{kind: "word", text: query[i:j], at: i})
			i = j
		default:
			return nil, searchError("unexpected %q at position %d.", r, i+1)
		}
	}
	return out, nil
}

// searchParser is a recursive descent parser over the lexemes.
type searchParser struct {
	tokens []searchLexeme
	pos    int
}

func (p *searchParser) peek() *searchLexeme {
	if p.pos < len(p.tokens) {
		return &p.tokens[p.pos]
	}
	return nil
}

func (p *searchParser) keyword(word string) bool {
	if t := p.peek(); t != nil && t.kind == "word" && t.text == word {
		p.pos++
		return true
	}
	return false
}

// expr := factor { AND factor }.
func (p *searchParser) expr() (*searchNode, *apiError) {
	return p.joined("AND", p.factor)
}

// factor := primary { OR primary }.
func (p *searchParser) factor() (*searchNode, *apiError) {
	return p.joined("OR", p.primary)
}

func (p *searchParser) joined(op string, next func() (*searchNode, *apiError)) (*searchNode, *apiError) {
	first, err := next()
	if err != nil {
		return nil, err
	}
	kids := []*searchNode{first}
	for p.keyword(op) {
		kid, err := next()
		if err != nil {
			return nil, err
		}
		kids = append(kids, kid)
	}
	if len(kids) == 1 {
		return first, nil
	}
	return &searchNode{op: op, kids: kids}, nil
}

// primary := "(" expr ")" | field op value.
func (p *searchParser) primary() (*searchNode, *apiError) {
	t := p.peek()
	switch {
	case t == nil:
		return nil, searchError("the query ends where a condition was expected.")
	case t.kind == "(":
		p.pos++
		inner, err := p.expr()
		if err != nil {
			return nil, err
		}
		if closing := p.peek(); closing == nil || closing.kind != ")" {
			return nil, searchError("missing ) for the ( at position %d.", t.at+1)
		}
		p.pos++
		return inner, nil
	case t.kind != "word" || t.text == "AND" || t.text == "OR":
		return nil, searchError("unexpected %q at position %d where a field was expected.", t.text, t.at+1)
	}
	p.pos++
	op := p.peek()
	if op == nil || op.kind != "op" {
		return nil, searchError("%s needs an operator and a value.", t.text)
	}
	p.pos++
	value := p.peek()
	if value == nil || (value.kind != "string" && value.kind != "word") {
		return nil, searchError("%s %s needs a value.", t.text, op.text)
	}
	p.pos++
	return &searchNode{term: &searchTerm{field: t.text, op: op.text, value: value.text}}, nil
}

// String renders a node for test failures.
func (n *searchNode) String() string {
	if n.term != nil {
		return fmt.Sprintf("%s%s%q", n.term.field, n.term.op, n.term.value)
	}
	parts := make([]string, len(n.kids))
	for i, k := range n.kids {
		parts[i] = k.String()
	}
	return "(" + strings.Join(parts, " "+n.op+" ") + ")"
}
