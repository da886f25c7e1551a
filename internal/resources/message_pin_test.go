package resources_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

var pinNameRE = regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+/messagePins/[A-Za-z0-9_.-]+$`)

// pinConfig is a space, two messages by the user and a pin of one of them
// (message: an HCL expression).
func pinConfig(env *testenv.Env, name, message string) string {
	return userSpaceConfig(env, name) +
		messageHCL("welcome", "googlechat", roomName, "Welcome!", "message_id", `"client-welcome"`) +
		messageHCL("rules", "googlechat", roomName, "House rules") +
		testenv.Resource("google_chat_message_pin", "pinned", "provider", "googlechat", "message", message)
}

func TestAccMessagePin_pinImportDriftAndReplace(t *testing.T) {
	env := testenv.New(t)
	name := named("pins")
	const address = "google_chat_message_pin.pinned"
	var pin string
	env.ParallelTest([]resource.TestStep{
		{
			// By the client-assigned ID: kept as written.
			Config: pinConfig(env, name, `"${google_chat_message.welcome.space}/messages/${google_chat_message.welcome.message_id}"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("name"), knownvalue.StringRegexp(pinNameRE)),
				statecheck.CompareValuePairs(address, tfjsonpath.New("space"), "google_chat_space.room", tfjsonpath.New("name"), compare.ValuesSame()),
			},
			ConfigPlanChecks: emptyPlanAfterApply(),
			Check:            captureName(address, &pin),
		},
		{
			// Pinned by the message's system name: the same pin, imported.
			ResourceName: address, ImportState: true, ImportStateVerify: true,
			ImportStateVerifyIgnore: []string{"timeouts", "message"},
			ImportStateIdFunc: func(s *terraform.State) (string, error) {
				return s.RootModule().Resources["google_chat_message.welcome"].Primary.Attributes["name"], nil
			},
		},
		{
			// And by the message's client-assigned ID.
			ResourceName: address, ImportState: true, ImportStateVerify: true,
			ImportStateVerifyIgnore: []string{"timeouts", "message"},
			ImportStateIdFunc: func(s *terraform.State) (string, error) {
				return s.RootModule().Resources["google_chat_space.room"].Primary.Attributes["name"] + "/messages/client-welcome", nil
			},
		},
		// Unpinned outside Terraform: the plan pins it again.
		createdAgainAfter(t, env, address, pinConfig(env, name, `"${google_chat_message.welcome.space}/messages/${google_chat_message.welcome.message_id}"`),
			func(ctx context.Context, c *chatapi.Client) error { return c.DeleteMessagePin(ctx, pin) }),
		{
			// Another message: the pin is replaced.
			Config: pinConfig(env, name, "google_chat_message.rules.name"),
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate),
			),
		},
	}, "google_chat_message_pin", "google_chat_message", "google_chat_space")
}

// Bad pins are refused at plan, on the attribute, with no API write.
func TestAccMessagePin_invalidConfigurations(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	pin := func(provider, message string) string {
		return env.Config(testenv.Resource("google_chat_message_pin", "bad", "provider", provider, "message", message))
	}
	planRefusesAll(t, env, "pins", []invalidCase{
		{"not a message name", pin("googlechat", `"spaces/AAAA"`), regexp.MustCompile(`(?s)Attribute message must be\s+spaces/\{space\}/messages/\{message\}`)},
		{"app credentials", pin("googlechatapp", `"spaces/AAAA/messages/BBBB.CCCC"`), regexp.MustCompile(`(?s)User Credentials Required.*lets only users pin\s+messages`)},
	})
}
