package resources_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
)

// Malformed import IDs fail with the expected format, for every resource.
func TestAccImport_badIDs(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	config := env.Config(`
resource "google_chat_space" "space" {
  provider     = googlechat
  display_name = "x"
}

resource "google_chat_message" "message" {
  provider = googlechat
  space    = "spaces/AAAAAAAAAAA"
  text     = "x"
}

resource "google_chat_membership" "membership" {
  provider = googlechat
  space    = "spaces/AAAAAAAAAAA"
  member   = "users/bob@example.com"
}

resource "google_chat_space_members" "members" {
  provider = googlechat
  space    = "spaces/AAAAAAAAAAA"
}
`)
	cases := []struct{ resource, id, want string }{
		{"google_chat_space.space", "rooms/AAAA", `Use spaces/\{space\} or the bare space ID`},
		{"google_chat_space.space", "spaces/AAAA/extra", `Use spaces/\{space\} or the bare space ID`},
		{"google_chat_message.message", "spaces/AAAA/M1", `spaces/\{space\}/messages/\{message\}`},
		{"google_chat_membership.membership", "spaces/AAAA/members", `spaces/\{space\}/members/\{member\}`},
		{"google_chat_membership.membership", "users/bob@example.com", `spaces/\{space\}/members/\{member\}`},
		{"google_chat_space_members.members", "AAAA", `import with: terraform import google_chat_space_members.NAME spaces/\{space\}`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config: config, ResourceName: tc.resource, ImportState: true, ImportStateId: tc.id,
			ExpectError: regexp.MustCompile(`(?s)Invalid Import ID.*` + strings.Join(strings.Fields(tc.want), `\s+`)),
		})
	}
	env.ParallelTest(steps)
	if writes := env.Writes(); len(writes) != 0 {
		t.Errorf("bad import IDs made %d writes", len(writes))
	}
}
