package datasources_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	chat "google.golang.org/api/chat/v1"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// The system sections and one made outside Terraform, read through pages
// of two with the read-only scope; filtered by type.
func TestAccUserSectionsDataSource_listsEverySection(t *testing.T) {
	env := testenv.NewWithOptions(t, emulator.Options{PageSizeLimit: 2})
	env.UserScopes = testenv.UserScopesPlus("https://www.googleapis.com/auth/chat.users.sections")
	work, err := env.Client(chatapi.AuthModeUser).CreateSection(context.Background(), "users/me",
		&chat.GoogleChatV1Section{Type: "CUSTOM_SECTION", DisplayName: "Work"})
	if err != nil {
		t.Fatal(err)
	}
	env.UserScopes = testenv.UserScopesPlus("https://www.googleapis.com/auth/chat.users.sections.readonly")
	config := func(more string) string {
		return env.Config(fmt.Sprintf(`
data "google_chat_user_sections" "all" {
  provider = googlechat
  %s
}
`, more))
	}
	const address = "data.google_chat_user_sections.all"
	section := func(sectionType string, sortOrder int64) knownvalue.Check {
		return knownvalue.ObjectPartial(map[string]knownvalue.Check{"type": knownvalue.StringExact(sectionType),
			"sort_order": knownvalue.Int64Exact(sortOrder), "display_name": knownvalue.Null()})
	}
	env.ParallelTest([]resource.TestStep{
		{
			Config: config(""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("sections"), knownvalue.ListExact([]knownvalue.Check{
					section("DEFAULT_DIRECT_MESSAGES", 1), section("DEFAULT_SPACES", 2), section("DEFAULT_APPS", 3),
					knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact(work.Name),
						"type": knownvalue.StringExact("CUSTOM_SECTION"), "display_name": knownvalue.StringExact("Work"),
						"sort_order": knownvalue.Int64Exact(4)}),
				})),
			},
		},
		{
			Config: config(`type = "CUSTOM_SECTION"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("sections"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact(work.Name)}),
				})),
			},
		},
	})
}

// Without a sections scope the read fails with advice.
func TestAccUserSectionsDataSource_needsTheScope(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	env.CredentialMode = "files" // the shortcut tokens hold every scope
	env.ParallelTest([]resource.TestStep{{
		Config:      env.Config(`data "google_chat_user_sections" "all" { provider = googlechat }`),
		ExpectError: regexp.MustCompile(`(?s)Unable to List Chat Sections.*chat.users.sections.readonly`),
	}})
}
