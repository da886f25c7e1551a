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
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

var reactionNameRE = regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+/messages/[A-Za-z0-9_.-]+/reactions/[^/]+$`)

// reactionConfig is a space, a message the user posts there, and the
// user's reaction to it with emoji.
func reactionConfig(env *testenv.Env, name, emoji string) string {
	return userSpaceConfig(env, name) +
		messageHCL("hello", "googlechat", roomName, "React to me") +
		testenv.Resource("google_chat_reaction", "liked", "provider", "googlechat", "message", "google_chat_message.hello.name",
			"emoji_unicode", testenv.Quote(emoji))
}

func TestAccReaction_createReplaceImportAndDrift(t *testing.T) {
	env := testenv.New(t)
	name := named("reactions")
	const address = "google_chat_reaction.liked"
	var reaction string
	env.ParallelTest([]resource.TestStep{
		{
			Config: reactionConfig(env, name, "👍"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("name"), knownvalue.StringRegexp(reactionNameRE)),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("emoji_unicode"), knownvalue.StringExact("👍")),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("custom_emoji"), knownvalue.Null()),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("user"), knownvalue.StringRegexp(regexp.MustCompile(`^users/[^@]+$`))),
				statecheck.CompareValuePairs(address, tfjsonpath.New("message"), "google_chat_message.hello", tfjsonpath.New("name"), compare.ValuesSame()),
				statecheck.CompareValuePairs(address, tfjsonpath.New("id"), address, tfjsonpath.New("name"), compare.ValuesSame()),
			},
			ConfigPlanChecks: emptyPlanAfterApply(),
		},
		{
			// Another emoji: the reaction is replaced.
			Config: reactionConfig(env, name, "🎉"),
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("emoji_unicode"), knownvalue.StringExact("🎉")),
			},
			Check: captureName(address, &reaction),
		},
		{
			// Imported by its name.
			ResourceName: address, ImportState: true, ImportStateVerify: true,
			ImportStateVerifyIgnore: []string{"timeouts"},
		},
		// Removed outside Terraform: the plan adds it again.
		createdAgainAfter(t, env, address, reactionConfig(env, name, "🎉"),
			func(ctx context.Context, c *chatapi.Client) error { return c.DeleteReaction(ctx, reaction) }),
	}, "google_chat_reaction", "google_chat_message", "google_chat_space")
}

// Bad reactions are refused at plan, on the attribute, with no API write.
func TestAccReaction_invalidInputMakesNoWrites(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	const bad = "google_chat_reaction.bad"
	reaction := func(provider string, attrs ...string) string {
		return env.Config(testenv.Resource("google_chat_reaction", "bad", append([]string{"provider", provider}, attrs...)...))
	}
	user := func(attrs ...string) string { return reaction("googlechat", attrs...) }
	const message = `"spaces/AAAAAAAAAAA/messages/BBBB.BBBB"`
	planRefusesAll(t, env, "reactions", []invalidCase{
		{"message without messages/", user("message", `"spaces/AAAAAAAAAAA"`, "emoji_unicode", `"👍"`),
			attributeError(bad, "message", "must be spaces/{space}/messages/{message}")},
		{"message without spaces/", user("message", `"messages/BBBB"`, "emoji_unicode", `"👍"`),
			attributeError(bad, "message", "must be spaces/{space}/messages/{message}")},
		{"a shortcode", user("message", message, "emoji_unicode", `":thumbsup:"`),
			attributeError(bad, "emoji_unicode", "must be a Unicode emoji (at least one non-ASCII character)")},
		{"empty emoji", user("message", message, "emoji_unicode", `""`),
			attributeError(bad, "emoji_unicode", "must be a Unicode emoji")},
		{"custom emoji by its :name:", user("message", message, "custom_emoji", `":party-parrot:"`),
			attributeError(bad, "custom_emoji", "must be customEmojis/{customEmoji}")},
		// The alias customEmojis.get takes, not a resource name: the answer
		// would name the emoji by its ID.
		{"custom emoji by its alias", user("message", message, "custom_emoji", `"customEmojis/:party-parrot:"`),
			attributeError(bad, "custom_emoji", "must be customEmojis/{customEmoji}")},
		{"both emojis", user("message", message, "emoji_unicode", `"👍"`, "custom_emoji", `"customEmojis/x"`),
			attributeError(bad, "emoji_unicode", "2 attributes specified when one (and only one) of")},
		{"no emoji", user("message", message), blockError("No attribute specified when one (and only one) of")},
		{"app credentials", reaction("googlechatapp", "message", message, "emoji_unicode", `"👍"`),
			attributeError(bad, "message", "The Chat API lets only users react to messages")},
	})
}

func TestAccReaction_importRejectsBadIDs(t *testing.T) {
	env := testenv.New(t)
	env.ParallelTest([]resource.TestStep{{
		Config: env.Config(testenv.Resource("google_chat_reaction", "imported", "provider", "googlechat",
			"message", `"spaces/AAAAAAAAAAA/messages/BBBB.BBBB"`, "emoji_unicode", `"👍"`)),
		ResourceName:  "google_chat_reaction.imported",
		ImportState:   true,
		ImportStateId: "spaces/AAAAAAAAAAA/messages/BBBB.BBBB",
		ExpectError:   regexp.MustCompile(`(?s)Invalid Import ID.*spaces/\{space\}/messages/\{message\}/reactions/\{reaction\}`),
	}})
}
