package datasources_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
)

// An unknown type and app credentials are refused with no API call at all.
func TestAccUserSectionsDataSource_invalidInputMakesNoCalls(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	env.ParallelTest([]resource.TestStep{
		{
			Config: env.Config(`data "google_chat_user_sections" "bad" {
  provider = googlechat
  type     = "SECTION_TYPE_UNSPECIFIED"
}`),
			ExpectError: regexp.MustCompile(`(?s)with data.google_chat_user_sections.bad,.*type\s+=.*value must be one of`),
		},
		{
			Config:      env.Config(`data "google_chat_user_sections" "bad" { provider = googlechatapp }`),
			ExpectError: regexp.MustCompile(`(?s)User Credentials Required.*lets only users list their\s+sections`),
		},
	})
	for _, r := range env.Emulator.Requests() {
		if r.RPC == "chat.users.sections.list" {
			t.Errorf("invalid input called the API: %+v", r)
		}
	}
}
