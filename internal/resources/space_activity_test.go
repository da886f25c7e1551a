package resources_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
)

var rfc3339RE = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$`)

// last_active_time and the membership counts follow the space on every
// read, and never show in a plan: not when they change, not when another
// attribute does.
func TestAccSpace_activityIsReadNeverPlanned(t *testing.T) {
	env := testenv.New(t)
	name := named("activity")
	const address = "google_chat_space.room"
	space := func(description string) string {
		return env.Config(spaceHCL("room", "googlechat", name, "description", testenv.Quote(description),
			"initial_members", testenv.List(env.User(1))))
	}
	activity := func(lastActive knownvalue.Check) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			statecheck.ExpectKnownValue(address, tfjsonpath.New("last_active_time"), lastActive),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("joined_direct_human_user_count"), knownvalue.Int64Exact(2)), // alice, bob
			statecheck.ExpectKnownValue(address, tfjsonpath.New("joined_group_count"), knownvalue.Int64Exact(0)),
		}
	}
	env.ParallelTest([]resource.TestStep{
		{
			Config:            space("before"),
			ConfigStateChecks: activity(knownvalue.Null()),
			ConfigPlanChecks:  emptyPlanAfterApply(),
		},
		{
			// A message makes the space active: the space's plan stays empty.
			Config:           space("before") + messageHCL("hello", "googlechat", roomName, "Hello"),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction(address, plancheck.ResourceActionNoop)),
		},
		{
			RefreshState: true,
			Check: resource.ComposeTestCheckFunc(
				resource.TestMatchResourceAttr(address, "last_active_time", rfc3339RE),
				resource.TestCheckResourceAttr(address, "joined_direct_human_user_count", "2"),
			),
		},
		{
			// Another attribute changes: the activity is planned as read.
			Config: space("after") + messageHCL("hello", "googlechat", roomName, "Hello"),
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(address, tfjsonpath.New("last_active_time"), knownvalue.StringRegexp(rfc3339RE)),
				plancheck.ExpectKnownValue(address, tfjsonpath.New("joined_direct_human_user_count"), knownvalue.Int64Exact(2)),
			),
		},
	}, "google_chat_message", "google_chat_space")
}
