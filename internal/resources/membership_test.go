package resources_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// userSpaceConfig is a named space alice (the default provider's user) sets up.
func userSpaceConfig(env *testenv.Env, name string) string {
	return env.Config(fmt.Sprintf(`
resource "google_chat_space" "room" {
  provider     = googlechat
  display_name = %q
}
`, name))
}

func TestAccMembership_roleInPlaceImportAndDrift(t *testing.T) {
	env := testenv.New(t)
	name := named("membership")
	config := func(role string) string {
		return userSpaceConfig(env, name) + fmt.Sprintf(`
resource "google_chat_membership" "dave" {
  provider = googlechat
  space    = google_chat_space.room.name
  member   = %q
  %s
}
`, env.User(2), role)
	}
	var membershipName string
	client := env.Client(chatapi.AuthModeUser)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.ProviderFactories(),
		CheckDestroy:             env.CheckDestroy("google_chat_membership", "google_chat_space"),
		Steps: []resource.TestStep{
			{
				Config: config(""),
				ConfigStateChecks: []statecheck.StateCheck{
					// The email stays as written, though the API answers users/{id}.
					statecheck.ExpectKnownValue("google_chat_membership.dave", tfjsonpath.New("member"), knownvalue.StringExact(env.User(2))),
					statecheck.ExpectKnownValue("google_chat_membership.dave", tfjsonpath.New("role"), knownvalue.StringExact("ROLE_MEMBER")),
					statecheck.ExpectKnownValue("google_chat_membership.dave", tfjsonpath.New("state"), knownvalue.StringExact("JOINED")),
					statecheck.ExpectKnownValue("google_chat_membership.dave", tfjsonpath.New("name"), knownvalue.StringRegexp(regexp.MustCompile(`/members/\d+$`))),
				},
				ConfigPlanChecks: emptyPlanAfterApply(),
				Check:            captureName("google_chat_membership.dave", &membershipName),
			},
			{
				Config: config(`role = "ROLE_MANAGER"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("google_chat_membership.dave", plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{ResourceName: "google_chat_membership.dave", ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"member"}},
			{
				// Imported by email: the spelling carries over, nothing to change.
				ResourceName:    "google_chat_membership.dave",
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				SkipFunc:        testenv.SkipImportBlockUnderOpenTofu,
				ImportStateIdFunc: func(s *terraformState) (string, error) {
					return s.RootModule().Resources["google_chat_space.room"].Primary.ID + "/members/dave@example.com", nil
				},
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("google_chat_membership.dave", plancheck.ResourceActionNoop)}},
			},
			{
				// Demoted outside Terraform: set back in place.
				PreConfig: func() {
					if _, err := client.PatchMembership(context.Background(), membershipName, "ROLE_MEMBER"); err != nil {
						t.Fatal(err)
					}
				},
				Config: config(`role = "ROLE_MANAGER"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("google_chat_membership.dave", plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Removed outside Terraform: added again.
				PreConfig: func() {
					if err := client.DeleteMembership(context.Background(), membershipName); err != nil {
						t.Fatal(err)
					}
				},
				Config: config(`role = "ROLE_MANAGER"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("google_chat_membership.dave", plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccMembership_groupsAppAndInvited(t *testing.T) {
	env := testenv.NewWithOptions(t, emulator.Options{InvitedUsers: []string{"erin@example.com"}})
	env.RequireEmulator()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.ProviderFactories(),
		CheckDestroy:             env.CheckDestroy("google_chat_membership", "google_chat_space"),
		Steps: []resource.TestStep{{
			Config: userSpaceConfig(env, named("groups")) + `
resource "google_chat_membership" "engineering" {
  provider     = googlechat
  space        = google_chat_space.room.name
  group_member = "groups/engineering"
}

resource "google_chat_membership" "app" {
  provider = googlechat
  space    = google_chat_space.room.name
  member   = "users/app"
}

resource "google_chat_membership" "erin" {
  provider = googlechat
  space    = google_chat_space.room.name
  member   = "users/erin@example.com"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("google_chat_membership.engineering", tfjsonpath.New("role"), knownvalue.StringExact("MEMBERSHIP_ROLE_UNSPECIFIED")),
				statecheck.ExpectKnownValue("google_chat_membership.app", tfjsonpath.New("member"), knownvalue.StringExact("users/app")),
				statecheck.ExpectKnownValue("google_chat_membership.erin", tfjsonpath.New("state"), knownvalue.StringExact("INVITED")),
			},
			ConfigPlanChecks: emptyPlanAfterApply(),
		}},
	})
}

func TestAccMembership_existingMemberAndLostResponse(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	// Step 2 wants ALREADY_EXISTS for bob, who was there first, even when a
	// 503 before the API and the retry's 409 make the create look like our
	// own lost attempt (chaos seed 12345 found that Create adopted him).
	name := named("existing")
	space := env.Config(fmt.Sprintf(`
resource "google_chat_space" "room" {
  provider        = googlechat
  display_name    = %q
  initial_members = ["users/bob@example.com"]
}
`, name))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.ProviderFactories(),
		CheckDestroy:             env.CheckDestroy("google_chat_membership", "google_chat_space"),
		Steps: []resource.TestStep{
			{Config: space},
			{
				// bob is already there: say so, and how to import him.
				Config: space + `
resource "google_chat_membership" "bob" {
  provider = googlechat
  space    = google_chat_space.room.name
  member   = "users/bob@example.com"
}
`,
				ExpectError: regexp.MustCompile(`(?s)Chat Membership Already Exists.*terraform import google_chat_membership.NAME\s+spaces/\S+/members/bob@example.com`),
			},
			{
				// carol's create lands but its answer is lost: the retry's 409 is ours.
				PreConfig: func() {
					_ = env.Emulator.AddFault(emulator.FaultRule{RPC: "chat.spaces.members.create", CommitThenFail: true, Count: 1})
				},
				Config: space + `
resource "google_chat_membership" "carol" {
  provider = googlechat
  space    = google_chat_space.room.name
  member   = "users/carol@example.com"
  role     = "ROLE_MANAGER"
}
`,
				ConfigPlanChecks: emptyPlanAfterApply(),
				Check:            env.CheckSpaceMembers(name, 3),
			},
		},
	})
}
