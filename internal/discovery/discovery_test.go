package discovery

import (
	"regexp"
	"testing"
)

// Match names the method a request calls, with the emoji-name alias (an ID
// holding colons) and custom :verb methods told apart.
func TestMatch(t *testing.T) {
	cases := []struct{ method, path, want string }{
		{"GET", "/v1/customEmojis/:party-parrot:", "chat.customEmojis.get"},
		{"DELETE", "/v1/customEmojis/:party-parrot:", "chat.customEmojis.delete"},
		{"GET", "/v1/customEmojis/AAAbbb", "chat.customEmojis.get"},
		{"POST", "/v1/spaces/AAAA:completeImport", "chat.spaces.completeImport"},
		{"POST", "/v1/spaces/AAAA/attachments:upload", "chat.media.upload"},
		{"POST", "/upload/v1/spaces/AAAA/attachments:upload", "chat.media.upload"},
		{"POST", "/v1/spaces:setup", "chat.spaces.setup"},
		{"POST", "/v1/spaces", "chat.spaces.create"},
		{"GET", "/v1/spaces/AAAA", "chat.spaces.get"},
		{"GET", "/v1/spaces/AAAA/messages/BBB.CCC", "chat.spaces.messages.get"},
		{"POST", "/v1/spaces/AAAA/messages/BBB:replaceCards", "chat.spaces.messages.replaceCards"},
		{"GET", "/v1/nothing/here", ""},
		{"PUT", "/v1/spaces/AAAA", ""},
	}
	for _, tc := range cases {
		got := ""
		if m := Match(tc.method, tc.path); m != nil {
			got = m.ID
		}
		if got != tc.want {
			t.Errorf("%s %s: got %q, want %q", tc.method, tc.path, got, tc.want)
		}
	}
}

// With an ID free to hold a colon, a custom method's :verb could be read as
// part of an ID: every method's own path (IDs filled in) must match that
// method and no other.
func TestMatch_everyMethodByItsOwnPath(t *testing.T) {
	placeholder := regexp.MustCompile(`\{[^}]+\}`)
	for _, m := range Methods {
		path := "/" + placeholder.ReplaceAllString(m.FlatPath, "AAA")
		if got := Match(m.HTTPMethod, path); got == nil || got.ID != m.ID {
			t.Errorf("%s %s: matched %v, want %s", m.HTTPMethod, path, got, m.ID)
		}
	}
}
