package resources_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	chat "google.golang.org/api/chat/v1"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

// Access permission settings: granted at creation (after spaces.setup, which
// takes only the audience), changed in place, imported, set back after a
// change outside Terraform, and removed.
func TestAccSpace_accessPermissionSettings(t *testing.T) {
	env := testenv.New(t)
	name := named("access")
	const address = "google_chat_space.room"
	config := func(settings string) string {
		return env.Config(spaceHCL("room", "googlechat", name,
			"access_settings", "{ access_permission_settings = { "+settings+" } }"))
	}
	setting := func(key string) tfjsonpath.Path {
		return tfjsonpath.New("access_settings").AtMapKey("access_permission_settings").AtMapKey(key)
	}
	everyone := knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("audiences/default")})
	none := knownvalue.SetSizeExact(0)
	var spaceName string
	env.ParallelTest([]resource.TestStep{
		{
			Config: config(`discover_space = ["audiences/default"], join_space = ["audiences/default"]`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, setting("discover_space"), everyone),
				statecheck.ExpectKnownValue(address, setting("join_space"), everyone),
				statecheck.ExpectKnownValue(address, setting("view_space_membership"), none),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("access_settings").AtMapKey("access_state"), knownvalue.StringExact("DISCOVERABLE")),
			},
			ConfigPlanChecks: emptyPlanAfterApply(),
			Check:            captureName(address, &spaceName),
		},
		{
			// Letting the audience view the members also lets members view
			// them, in the same request: the plan says so.
			Config: config(`discover_space = ["audiences/default"], join_space = ["audiences/default"], view_space_membership = ["audiences/default"]`),
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(address, tfjsonpath.New("permission_settings").AtMapKey("view_space_membership").AtMapKey("members_allowed"),
					knownvalue.Bool(true)),
			),
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(address, setting("view_space_membership"), everyone)},
		},
		{ResourceName: address, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
		{
			// Joining closed outside Terraform: the plan opens it again.
			PreConfig: outOfBand(t, func() error {
				_, err := env.Client(chatapi.AuthModeUser).PatchSpace(context.Background(), spaceName, &chat.Space{
					AccessSettings: &chat.AccessSettings{AccessPermissionSettings: &chat.AccessPermissionSettings{
						JoinSpaceSetting: &chat.AccessPermissionSetting{}}},
				}, []string{"access_settings.access_permission_settings.joinSpaceSetting"})
				return err
			}),
			Config:            config(`discover_space = ["audiences/default"], join_space = ["audiences/default"], view_space_membership = ["audiences/default"]`),
			ConfigPlanChecks:  emptyPlanAfterApply(plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(address, setting("join_space"), everyone)},
		},
		{
			// All removed: the space is private again.
			Config:           config(`discover_space = [], join_space = [], view_space_membership = []`),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, setting("discover_space"), none),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("access_settings").AtMapKey("access_state"), knownvalue.StringExact("PRIVATE")),
			},
		},
		{
			// Unconfigured, the recorded settings stay out of the plan.
			Config:           env.Config(spaceHCL("room", "googlechat", name)),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction(address, plancheck.ResourceActionNoop)),
		},
	}, "google_chat_space")
}
