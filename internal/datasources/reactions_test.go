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
)

// Reactions made outside Terraform, read through pages of two, with and
// without the API's filter; a filter the API refuses is an error on filter.
func TestAccReactionsDataSource_listsAndFilters(t *testing.T) {
	env, client, space := pagedSpace(t, "Reacted")
	msg := postText(t, client, space.Name, "ship it")
	for _, emoji := range []string{"👍", "🎉", "🚀"} {
		if _, err := client.CreateReaction(context.Background(), msg.Name, &chat.Reaction{Emoji: &chat.Emoji{Unicode: emoji}}); err != nil {
			t.Fatal(err)
		}
	}
	config := func(provider, filter string) string {
		return env.Config(fmt.Sprintf(`
data "google_chat_reactions" "all" {
  provider = %s
  message  = %q
  %s
}
`, provider, msg.Name, filter))
	}
	unicode := func(emoji string) knownvalue.Check {
		return knownvalue.ObjectPartial(map[string]knownvalue.Check{"emoji_unicode": knownvalue.StringExact(emoji), "custom_emoji": knownvalue.Null()})
	}
	env.ParallelTest([]resource.TestStep{
		{
			Config: config("googlechat", ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.google_chat_reactions.all", tfjsonpath.New("reactions"),
					knownvalue.ListExact([]knownvalue.Check{unicode("👍"), unicode("🎉"), unicode("🚀")})),
			},
		},
		{
			Config: config("googlechat", `filter = "emoji.unicode = \"🚀\""`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.google_chat_reactions.all", tfjsonpath.New("reactions"), knownvalue.ListExact([]knownvalue.Check{unicode("🚀")})),
			},
		},
		{
			Config:      config("googlechat", `filter = "create_time > \"2020-01-01T00:00:00Z\""`),
			ExpectError: regexp.MustCompile(`(?s)Unable to List Chat Reactions.*filter`),
		},
		{
			Config:      config("googlechatapp", ""),
			ExpectError: regexp.MustCompile(`User Credentials Required`),
		},
	})
}
