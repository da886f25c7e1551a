package resources_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
)

// Resource identity (Terraform 1.12 and later): every resource reports its
// API resource name (google_chat_space_members: its space) as identity, the
// identity stays the same across refresh and update, and an import block
// with only the identity brings the object under management with no change.
func TestAccIdentity_everyResource(t *testing.T) {
	env := testenv.New(t)
	env.UserScopes = testenv.UserScopesWithReadState // google_chat_space_members identifies the calling user
	if testenv.OpenTofu() {
		t.Skip("OpenTofu does not implement resource identity")
	}
	name := named("identity")
	config := func(text string) string {
		return userSpaceConfig(env, name) + fmt.Sprintf(`
resource "google_chat_message" "hello" {
  provider = googlechat
  space    = google_chat_space.room.name
  text     = %q
}

resource "google_chat_membership" "dave" {
  provider = googlechat
  space    = google_chat_space.room.name
  member   = %q
}

resource "google_chat_space" "other" {
  provider     = googlechat
  display_name = "%s other"
}

resource "google_chat_space_members" "other" {
  provider = googlechat
  space    = google_chat_space.other.name
  members  = [%q]
}
`, text, env.User(2), name, env.User(3))
	}
	identities := []struct {
		address, attribute string
		pattern            *regexp.Regexp
		// An imported member reads as users/{id}; where the configuration
		// says an email, the spelling is recorded in place: no API write,
		// no replacement.
		importAction plancheck.ResourceActionType
	}{
		{"google_chat_space.room", "name", regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+$`), plancheck.ResourceActionNoop},
		{"google_chat_message.hello", "name", regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+/messages/[A-Za-z0-9_.-]+$`), plancheck.ResourceActionNoop},
		{"google_chat_membership.dave", "name", regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+/members/\d+$`), plancheck.ResourceActionUpdate},
		{"google_chat_space_members.other", "space", regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+$`), plancheck.ResourceActionUpdate},
	}
	var checks []statecheck.StateCheck
	for _, id := range identities {
		checks = append(checks,
			statecheck.ExpectIdentity(id.address, map[string]knownvalue.Check{id.attribute: knownvalue.StringRegexp(id.pattern)}),
			statecheck.ExpectIdentityValueMatchesState(id.address, tfjsonpath.New(id.attribute)))
	}
	steps := []resource.TestStep{
		{Config: config("hello"), ConfigStateChecks: checks, ConfigPlanChecks: emptyPlanAfterApply()},
		// An update in place and a refresh keep every identity (the framework
		// fails the step if a read changes a stored identity).
		{Config: config("hello again"), ConfigStateChecks: checks, ConfigPlanChecks: emptyPlanAfterApply()},
		{RefreshState: true, Check: resource.TestCheckResourceAttrSet("google_chat_space.room", "name")},
		{Config: config("hello again"), ConfigStateChecks: checks, PlanOnly: true},
	}
	for _, id := range identities {
		steps = append(steps, resource.TestStep{
			Config:          config("hello again"),
			ResourceName:    id.address,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithResourceIdentity,
			// Only the spelling update may be planned; it is checked below.
			ExpectNonEmptyPlan: id.importAction != plancheck.ResourceActionNoop,
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(id.address, id.importAction),
			}},
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: env.ProviderFactories(),
		CheckDestroy:             env.CheckDestroy("google_chat_space_members", "google_chat_membership", "google_chat_message", "google_chat_space"),
		Steps:                    steps,
	})
}
