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
)

// Pins made outside Terraform, read through pages of two; apps are refused.
func TestAccMessagePinsDataSource_listsEveryPin(t *testing.T) {
	env, client, space := pagedSpace(t, "Pinned things")
	var messages []string
	for _, text := range []string{"one", "two", "three"} {
		msg := postText(t, client, space.Name, text)
		if _, err := client.CreateMessagePin(context.Background(), space.Name, msg.Name); err != nil {
			t.Fatal(err)
		}
		messages = append(messages, msg.Name)
	}
	config := func(provider string) string {
		return env.Config(fmt.Sprintf(`
data "google_chat_message_pins" "all" {
  provider = %s
  space    = %q
}
`, provider, space.Name))
	}
	env.ParallelTest([]resource.TestStep{
		{
			Config: config("googlechat"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.google_chat_message_pins.all", tfjsonpath.New("pins"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"message": knownvalue.StringExact(messages[0])}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"message": knownvalue.StringExact(messages[1])}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"message": knownvalue.StringExact(messages[2])}),
				})),
			},
		},
		{
			Config:      config("googlechatapp"),
			ExpectError: regexp.MustCompile(`User Credentials Required`),
		},
	})
}
