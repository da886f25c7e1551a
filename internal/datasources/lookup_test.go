package datasources_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
)

// Point 6: a named space found by its display name, with no for expression.
func TestAccSpaceDataSource_byDisplayName(t *testing.T) {
	env := testenv.New(t)
	name := "tf-acc lookup " + acctest.RandString(6)
	space := testenv.Resource("google_chat_space", "team", "provider", "googlechat", "display_name", testenv.Quote(name),
		"description", testenv.Quote("found by name"))
	env.ParallelTest([]resource.TestStep{
		{
			Config:      env.Config(space + testenv.Data("google_chat_space", "both", "provider", "googlechat", "name", testenv.Quote("spaces/AAAA"), "display_name", testenv.Quote("Platform team"))),
			ExpectError: regexp.MustCompile(`(?s)with data.google_chat_space.both,.*Exactly one of these attributes must be configured: \[name,display_name\]`),
		},
		{
			Config:      env.Config(space + testenv.Data("google_chat_space", "neither", "provider", "googlechat")),
			ExpectError: regexp.MustCompile(`(?s)with data.google_chat_space.neither,.*Exactly one of these attributes must be configured: \[name,display_name\]`),
		},
		{
			Config: env.Config(space + testenv.Data("google_chat_space", "team", "provider", "googlechat", "display_name", "google_chat_space.team.display_name")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs("data.google_chat_space.team", tfjsonpath.New("name"), "google_chat_space.team", tfjsonpath.New("name"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.google_chat_space.team", tfjsonpath.New("description"), knownvalue.StringExact("found by name")),
				statecheck.ExpectKnownValue("data.google_chat_space.team", tfjsonpath.New("permission_settings").AtMapKey("post_messages").AtMapKey("members_allowed"), knownvalue.Bool(true)),
			},
		},
		{
			// By name, display_name is what the API reports.
			Config: env.Config(space + testenv.Data("google_chat_space", "team", "provider", "googlechat", "name", "google_chat_space.team.name")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.google_chat_space.team", tfjsonpath.New("display_name"), knownvalue.StringExact(name)),
			},
		},
		{
			Config:      env.Config(space + testenv.Data("google_chat_space", "none", "provider", "googlechat", "display_name", `"${google_chat_space.team.display_name} (not this one)"`)),
			ExpectError: regexp.MustCompile(`(?s)with data.google_chat_space.none,.*display_name\s+=.*Found 0 named spaces with display_name`),
		},
		{Config: env.Config(space)},
	}, "google_chat_space")
}

// Point 7: a message read by space and client-assigned ID, and by name.
func TestAccMessageDataSource_byNameAndByClientID(t *testing.T) {
	env := testenv.New(t)
	name := "tf-acc message ds " + acctest.RandString(6)
	config := env.Config(testenv.Resource("google_chat_space", "room", "provider", "googlechatapp", "display_name", testenv.Quote(name)) +
		testenv.Resource("google_chat_message", "hello", "provider", "googlechatapp", "space", "google_chat_space.room.name",
			"text", testenv.Quote("Hello *world*"), "message_id", testenv.Quote("client-hello"),
			"cards_v2", `jsonencode([{ cardId = "c", card = { header = { title = "Card" } } }])`) +
		testenv.Data("google_chat_message", "by_id", "provider", "googlechatapp", "space", "google_chat_space.room.name",
			"message_id", "google_chat_message.hello.message_id") +
		testenv.Data("google_chat_message", "by_name", "provider", "googlechatapp", "name", "google_chat_message.hello.name"))
	same := func(data, attribute string) statecheck.StateCheck {
		return statecheck.CompareValuePairs(data, tfjsonpath.New(attribute), "google_chat_message.hello", tfjsonpath.New(attribute), compare.ValuesSame())
	}
	var checks []statecheck.StateCheck
	for _, data := range []string{"data.google_chat_message.by_id", "data.google_chat_message.by_name"} {
		for _, attribute := range []string{"name", "space", "message_id", "text", "formatted_text", "sender", "create_time", "thread_name"} {
			checks = append(checks, same(data, attribute))
		}
		checks = append(checks,
			statecheck.ExpectKnownValue(data, tfjsonpath.New("cards_v2"), knownvalue.StringRegexp(regexp.MustCompile(`"title":"Card"`))),
			statecheck.ExpectKnownValue(data, tfjsonpath.New("last_update_time"), knownvalue.Null()))
	}
	env.ParallelTest([]resource.TestStep{
		{
			Config:      env.Config(testenv.Data("google_chat_message", "bad", "provider", "googlechatapp", "space", testenv.Quote("spaces/AAAA"))),
			ExpectError: regexp.MustCompile(`(?s)Exactly one of these attributes must be configured: \[name,message_id\].*These attributes must be configured together: \[space,message_id\]`),
		},
		{
			Config:      env.Config(testenv.Data("google_chat_message", "bad", "provider", "googlechatapp", "name", testenv.Quote("spaces/AAAA/messages/client-x"), "message_id", testenv.Quote("client-x"))),
			ExpectError: regexp.MustCompile(`(?s)Exactly one of these attributes must be configured: \[name,message_id\]`),
		},
		{
			Config:      env.Config(testenv.Data("google_chat_message", "bad", "provider", "googlechatapp", "message_id", testenv.Quote("client-x"))),
			ExpectError: regexp.MustCompile(`(?s)These attributes must be configured together: \[space,message_id\]`),
		},
		{Config: config, ConfigStateChecks: checks},
	}, "google_chat_message", "google_chat_space")
}
