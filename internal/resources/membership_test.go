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
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// userSpaceConfig is a named space alice (the default provider's user) sets up.
func userSpaceConfig(env *testenv.Env, name string) string {
	return env.Config(spaceHCL("room", "googlechat", name))
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
	env.ParallelTest([]resource.TestStep{
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
			Config:           config(`role = "ROLE_MANAGER"`),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction("google_chat_membership.dave", plancheck.ResourceActionUpdate)),
		},
		{ResourceName: "google_chat_membership.dave", ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"member"}},
		{
			// Imported by email: the spelling carries over, nothing to change.
			ResourceName:    "google_chat_membership.dave",
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
			SkipFunc:        testenv.SkipImportBlockUnderOpenTofu,
			ImportStateIdFunc: func(s *terraform.State) (string, error) {
				return s.RootModule().Resources["google_chat_space.room"].Primary.ID + "/members/dave@example.com", nil
			},
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("google_chat_membership.dave", plancheck.ResourceActionNoop)}},
		},
		{
			// Demoted outside Terraform: set back in place.
			PreConfig: outOfBand(t, func() error {
				_, err := client.PatchMembership(context.Background(), membershipName, "ROLE_MEMBER")
				return err
			}),
			Config:           config(`role = "ROLE_MANAGER"`),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction("google_chat_membership.dave", plancheck.ResourceActionUpdate)),
		},
		{
			// Removed outside Terraform: added again.
			PreConfig:        outOfBand(t, func() error { return client.DeleteMembership(context.Background(), membershipName) }),
			Config:           config(`role = "ROLE_MANAGER"`),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction("google_chat_membership.dave", plancheck.ResourceActionCreate)),
		},
	}, "google_chat_membership", "google_chat_space")
}

// Groups are answered as spaces/S/members/group-{id} here (the form GAM
// builds; the emulator's default is the bare ID) and imported by either
// name. The app's membership, made by a user, is removed as
// spaces/S/members/app with chat.memberships.app at destroy.
func TestAccMembership_groupsAppAndInvited(t *testing.T) {
	env := testenv.NewWithOptions(t, emulator.Options{InvitedUsers: []string{"erin@example.com"}, GroupMemberNames: "group-"})
	env.RequireEmulator()
	env.UserScopes = testenv.UserScopesWithAppMembership
	config := userSpaceConfig(env, named("groups")) + `
resource "google_chat_membership" "engineering" {
  provider     = googlechat
  space        = google_chat_space.room.name
  group_member = "groups/engineering"
}
` + membershipHCL("app", "googlechat", roomName, "users/app") + membershipHCL("erin", "googlechat", roomName, "users/erin@example.com")
	importGroupAs := func(form string) resource.TestStep {
		return resource.TestStep{
			ResourceName: "google_chat_membership.engineering", ImportState: true, ImportStateVerify: true,
			ImportStateVerifyIgnore: []string{"timeouts", "name", "id"},
			ImportStateIdFunc: func(s *terraform.State) (string, error) {
				return s.RootModule().Resources["google_chat_membership.engineering"].Primary.Attributes["space"] + "/members/" + form, nil
			},
		}
	}
	env.ParallelTest([]resource.TestStep{{
		Config: config,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("google_chat_membership.engineering", tfjsonpath.New("name"), knownvalue.StringRegexp(regexp.MustCompile(`/members/group-engineering$`))),
			statecheck.ExpectKnownValue("google_chat_membership.engineering", tfjsonpath.New("role"), knownvalue.StringExact("MEMBERSHIP_ROLE_UNSPECIFIED")),
			statecheck.ExpectKnownValue("google_chat_membership.app", tfjsonpath.New("member"), knownvalue.StringExact("users/app")),
			statecheck.ExpectKnownValue("google_chat_membership.erin", tfjsonpath.New("state"), knownvalue.StringExact("INVITED")),
		},
		ConfigPlanChecks: emptyPlanAfterApply(),
	}, importGroupAs("engineering"), importGroupAs("group-engineering")}, "google_chat_membership", "google_chat_space")
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
	env.ParallelTest([]resource.TestStep{
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
	}, "google_chat_membership", "google_chat_space")
}
