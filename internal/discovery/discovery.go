// Package discovery holds what the Chat API discovery document
// (chat/v1/chat-api.json of the google.golang.org/api module go.mod
// requires) says about each method: its HTTP method, its path and the OAuth
// scopes that may call it. The table is generated (methods_gen.go), so the
// emulator's scope checks and the client's advice on a refused call come
// from the document, not from a hand list that goes stale.
package discovery

//go:generate go run gen_methods.go

import (
	"regexp"
	"strings"
	"sync"
)

// ScopePrefix is left off every scope in Methods.
const ScopePrefix = "https://www.googleapis.com/auth/"

// Method is one API method.
type Method struct {
	ID         string   // chat.spaces.messages.create
	HTTPMethod string   // POST
	FlatPath   string   // v1/spaces/{spacesId}/messages
	Scopes     []string // chat.bot, chat.messages, ... (ScopePrefix left off)
}

// ByID returns the method with that ID, or nil.
func ByID(id string) *Method {
	for i := range Methods {
		if Methods[i].ID == id {
			return &Methods[i]
		}
	}
	return nil
}

var (
	compileOnce sync.Once
	patterns    []*regexp.Regexp
)

// Match returns the method an HTTP request calls: httpMethod and a URL path
// such as /v1/spaces/AAA/messages (anything before v1/ is ignored). It
// returns nil for a path outside the API.
func Match(httpMethod, path string) *Method {
	compileOnce.Do(func() {
		// An ID may hold a colon: customEmojis.get and delete take the
		// emoji name as an alias, customEmojis/:example-emoji: (their
		// name parameter's pattern is ^customEmojis/[^/]+$).
		placeholder := regexp.MustCompile(`\\\{[^}]+\\\}`)
		patterns = make([]*regexp.Regexp, len(Methods))
		for i, m := range Methods {
			patterns[i] = regexp.MustCompile("^" + placeholder.ReplaceAllString(regexp.QuoteMeta(m.FlatPath), `[^/]+`) + "$")
		}
	})
	// Behind a proxy the API may sit below a path of its own: start at the
	// version segment.
	if i := strings.Index(path, "v1/"); i >= 0 {
		path = path[i:]
	}
	for i := range Methods {
		if Methods[i].HTTPMethod == httpMethod && patterns[i].MatchString(path) {
			return &Methods[i]
		}
	}
	return nil
}

// AppScope reports whether a scope (ScopePrefix left off) is one a Chat app
// holds with app authentication: chat.bot, or a chat.app.* scope, which
// needs administrator approval. Every method description in the discovery
// document lists these under "App authentication" and the others under
// "User authentication".
func AppScope(scope string) bool {
	return scope == "chat.bot" || strings.HasPrefix(scope, "chat.app.")
}

// NeedsApproval reports whether an app scope needs an administrator's
// approval: the method descriptions mark every chat.app.* scope "(requires
// administrator approval)".
func NeedsApproval(scope string) bool { return strings.HasPrefix(scope, "chat.app.") }

// Full returns a short scope name with ScopePrefix; a URL is returned as it is.
func Full(scope string) string {
	if strings.Contains(scope, "/") {
		return scope
	}
	return ScopePrefix + scope
}

// Short returns scope without ScopePrefix.
func Short(scope string) string { return strings.TrimPrefix(scope, ScopePrefix) }
