package convert

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Each name validator takes the API's own format and refuses its near
// misses, naming the format in the error.
func TestValidNames(t *testing.T) {
	cases := []struct {
		validator validator.String
		good, bad []string
		format    string
	}{
		{ValidSpaceName, []string{"spaces/AAAA_b-9"}, []string{"AAAA", "spaces/", "spaces/A/messages/B", "spaces/A B"}, "spaces/{space}"},
		{ValidMessageName, []string{"spaces/A/messages/B.c_d-1"}, []string{"spaces/A", "spaces/A/messages/", "messages/B"}, "spaces/{space}/messages/{message}"},
		{ValidThreadName, []string{"spaces/A/threads/T"}, []string{"threads/T", "spaces/A/messages/T"}, "spaces/{space}/threads/{thread}"},
		{ValidUserName, []string{"users/123", "users/bob@example.com", "users/app"}, []string{"bob@example.com", "users/", "users/a/b"}, "users/{id or email}"},
		{ValidGroupName, []string{"groups/eng"}, []string{"groups/eng@example.com", "eng"}, "groups/{id}"},
		{ValidCustomEmojiName, []string{"customEmojis/abc"}, []string{":abc:", "customEmojis/", "customEmojis/a/b", "customEmojis/:abc:"}, "customEmojis/{customEmoji}"},
		{ValidEmojiName, []string{":team-logo:", ":a_b:", ":x1:"}, []string{"team-logo", ":Team:", ":a--b:", ":a-:", "::"}, "start and end with a colon"},
	}
	for _, tc := range cases {
		check := func(value string) []string {
			var resp validator.StringResponse
			tc.validator.ValidateString(context.Background(), validator.StringRequest{
				Path: path.Root("x"), ConfigValue: types.StringValue(value)}, &resp)
			var details []string
			for _, d := range resp.Diagnostics {
				details = append(details, d.Detail())
			}
			return details
		}
		for _, good := range tc.good {
			if got := check(good); len(got) != 0 {
				t.Errorf("%q refused: %v", good, got)
			}
		}
		for _, bad := range tc.bad {
			got := check(bad)
			if len(got) != 1 || !strings.Contains(got[0], tc.format) {
				t.Errorf("%q: got %v, want one error naming %q", bad, got, tc.format)
			}
		}
	}
}
