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
	chat "google.golang.org/api/chat/v1"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// Pins made outside Terraform, read through pages of two; apps are refused.
func TestAccMessagePinsDataSource_listsEveryPin(t *testing.T) {
	env := testenv.NewWithOptions(t, emulator.Options{PageSizeLimit: 2})
	env.RequireEmulator()
	ctx := context.Background()
	client := env.Client(chatapi.AuthModeUser)
	space, err := client.SetUpSpace(ctx, &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "SPACE", DisplayName: "Pinned things"}})
	if err != nil {
		t.Fatal(err)
	}
	var messages []string
	for _, text := range []string{"one", "two", "three"} {
		msg, err := client.CreateMessage(ctx, space.Name, &chat.Message{Text: text}, chatapi.MessageOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := client.CreateMessagePin(ctx, space.Name, msg.Name); err != nil {
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
