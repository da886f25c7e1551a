package resources_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
)

// With app credentials a private message may name its viewer by email: the
// API answers users/{id}, state keeps the email, and the next plan is empty.
func TestAccMessage_privateMessageByEmailFromApp(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.ProviderFactories(),
		CheckDestroy:             env.CheckDestroy("google_chat_message", "google_chat_space"),
		Steps: []resource.TestStep{{
			Config: appSpaceConfig(env, named("private-email")) +
				messageHCL("private", "googlechatapp", roomName, "Hello private world!", "private_message_viewer", testenv.Quote(env.User(1))),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("google_chat_message.private", tfjsonpath.New("private_message_viewer"), knownvalue.StringExact(env.User(1))),
			},
			ConfigPlanChecks: emptyPlanAfterApply(),
		}},
	})
}
