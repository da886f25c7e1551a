package resources_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	chat "google.golang.org/api/chat/v1"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

func TestAccSpaceMembers_authoritative(t *testing.T) {
	env := testenv.New(t)
	env.UserScopes = testenv.UserScopesWithReadState // google_chat_space_members identifies the calling user
	env.RequireEmulator()
	name := named("authoritative")
	config := func(members, managers, assistants string) string {
		return env.Config(fmt.Sprintf(`
resource "google_chat_space" "room" {
  provider        = googlechat
  display_name    = %q
  initial_members = ["users/bob@example.com", "users/frank@example.com"]
}

resource "google_chat_space_members" "room" {
  provider           = googlechat
  space              = google_chat_space.room.name
  members            = %s
  managers           = %s
  assistant_managers = %s
}
`, name, members, managers, assistants))
	}
	first := config(`["users/bob@example.com", "users/dave@example.com"]`, `["users/carol@example.com"]`, "null")
	second := config(`["users/dave@example.com"]`, `["users/carol@example.com"]`, `["users/bob@example.com"]`)
	client := env.Client(chatapi.AuthModeUser)
	var space string
	env.ParallelTest([]resource.TestStep{
		{
			// frank, set up with the space, is not listed: removed. alice, the caller, stays.
			Config:           first,
			ConfigPlanChecks: emptyPlanAfterApply(),
			Check: resource.ComposeTestCheckFunc(
				env.CheckSpaceMembers(name, 4), // alice, bob, dave, carol
				captureName("google_chat_space.room", &space),
			),
		},
		{
			Config: second,
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectResourceAction("google_chat_space_members.room", plancheck.ResourceActionUpdate),
				expectSetChange("google_chat_space_members.room", "members",
					[]string{"users/bob@example.com", "users/dave@example.com"}, []string{"users/dave@example.com"}),
			),
			Check: env.CheckSpaceMembers(name, 4),
		},
		{
			// Out of band: erin added, carol removed. The plan names both.
			PreConfig: func() {
				ctx := context.Background()
				if _, err := client.CreateMembership(ctx, space, &chat.Membership{Member: &chat.User{Name: "users/erin@example.com", Type: "HUMAN"}}); err != nil {
					t.Fatal(err)
				}
				if err := client.DeleteMembership(ctx, space+"/members/carol@example.com"); err != nil {
					t.Fatal(err)
				}
			},
			Config: second,
			ConfigPlanChecks: emptyPlanAfterApply(
				expectSetChange("google_chat_space_members.room", "members",
					[]string{"users/dave@example.com", "users/100000000000000000005"}, []string{"users/dave@example.com"}),
				expectSetChange("google_chat_space_members.room", "managers", []string{}, []string{"users/carol@example.com"}),
			),
			Check: env.CheckSpaceMembers(name, 4),
		},
		{
			ResourceName:                         "google_chat_space_members.room",
			ImportState:                          true,
			ImportStateVerifyIdentifierAttribute: "space",
			ImportStateIdFunc: func(s *terraform.State) (string, error) {
				return s.RootModule().Resources["google_chat_space.room"].Primary.ID, nil
			},
		},
	}, "google_chat_space_members", "google_chat_space")
}
