package resources_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
)

func TestAccMessage_invalidInputMakesNoWrites(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	const bad = "google_chat_message.bad"
	message := func(provider, attrs string) string {
		return env.Config(fmt.Sprintf("resource \"google_chat_message\" \"bad\" {\n  provider = %s\n  space = \"spaces/AAAAAAAAAAA\"\n%s\n}\n", provider, attrs))
	}
	app := func(attrs string) string { return message("googlechatapp", attrs) }
	user := func(attrs string) string { return message("googlechat", attrs) }
	twoCardsWithoutIDs := `cards_v2 = jsonencode([{ card = { header = { title = "a" } } }, { card = { header = { title = "b" } } }])`
	cases := []invalidCase{
		{"no content", app(`fallback_text = "x"`), blockError("A message needs at least one of text, cards_v2 or attachments")},
		{"widgets alone", app(`accessory_widgets = jsonencode([{ buttonList = { buttons = [{ text = "Go" }] } }])`),
			attributeError(bad, "accessory_widgets", "only to a message with text, cards_v2 or both")},
		{"empty text", app(`text = ""`), attributeError(bad, "text", "string length must be at least 1")},
		{"space without prefix", env.Config("resource \"google_chat_message\" \"bad\" {\n  provider = googlechatapp\n  space = \"AAAA\"\n  text = \"x\"\n}\n"), attributeError(bad, "space", "must be spaces/{space}")},
		{"message ID without client-", app(`text = "x"
  message_id = "custom-name"`), attributeError(bad, "message_id", "must begin with client-")},
		{"message ID in uppercase", app(`text = "x"
  message_id = "client-MESSAGE-ID"`), attributeError(bad, "message_id", "must begin with client-")},
		{"message ID of 64 characters", app(fmt.Sprintf("text = \"x\"\n  message_id = %q", "client-"+strings.Repeat("a", 57))), attributeError(bad, "message_id", "must begin with client-")},
		{"thread key over 4000 characters", app(fmt.Sprintf("text = \"x\"\n  thread_key = %q", strings.Repeat("k", 4001))), attributeError(bad, "thread_key", "UTF-8 character count must be between 1 and 4000")},
		{"thread key and thread name", app(`text = "x"
  thread_key = "k"
  thread_name = "spaces/AAAAAAAAAAA/threads/BBB"`), attributeError(bad, "thread_key", "cannot be specified when")},
		{"bad thread name", app(`text = "x"
  thread_name = "threads/BBB"`), attributeError(bad, "thread_name", "must be spaces/{space}/threads/{thread}")},
		{"bad reply option", app(`text = "x"
  message_reply_option = "REPLY"`), attributeError(bad, "message_reply_option", "value must be one of")},
		{"bad notification type", app(`text = "x"
  notification_type = "LOUD"`), attributeError(bad, "notification_type", "value must be one of")},
		{"bad private viewer", app(`text = "x"
  private_message_viewer = "carol@example.com"`), attributeError(bad, "private_message_viewer", "must be users/{id or email}")},
		{"cards that are not JSON", app(`cards_v2 = "[{"`), attributeError(bad, "cards_v2", "not valid JSON string format")},
		{"cards that are not an array", app(`cards_v2 = jsonencode({ card = {} })`), attributeError(bad, "cards_v2", "must be a JSON array")},
		{"unknown card field", app(`cards_v2 = jsonencode([{ card = { heder = { title = "typo" } } }])`), attributeError(bad, "cards_v2", `[0].card: unknown field "heder"; did you mean "header"?`)},
		{"near-miss card field deep in a card", app(`cards_v2 = jsonencode([{ card = { sections = [{ widgets = [{ textParagraph = { text = "a" } }, { buttonList = { buttons = [{ text = "Go", onClick = { openLink = { uri = "https://example.com" } } }] } }] }] } }])`),
			attributeError(bad, "cards_v2", `[0].card.sections[0].widgets[1].buttonList.buttons[0].onClick.openLink: unknown field "uri"; did you mean "url"?`)},
		{"two cards without ids", app(twoCardsWithoutIDs), attributeError(bad, "cards_v2", `needs a "cardId"`)},
		{"duplicate card ids", app(`cards_v2 = jsonencode([{ cardId = "a", card = {} }, { cardId = "a", card = {} }])`), attributeError(bad, "cards_v2", "used twice")},
		{"widget without buttons", app(`text = "x"
  accessory_widgets = jsonencode([{ buttonList = { buttons = [] } }])`), attributeError(bad, "accessory_widgets", "at least one button")},
		{"message over 32,000 bytes", app(fmt.Sprintf("text = %q", strings.Repeat("x", 32001))), attributeError(bad, "text", "the Chat API accepts at most 32000")},
		{"cards with user credentials", user(`cards_v2 = jsonencode([{ card = { header = { title = "a" } } }])`), attributeError(bad, "cards_v2", "needs app credentials")},
		{"widgets with user credentials", user(`text = "x"
  accessory_widgets = jsonencode([{ buttonList = { buttons = [{ text = "Go" }] } }])`), attributeError(bad, "accessory_widgets", "needs app credentials")},
		{"private message with user credentials", user(`text = "x"
  private_message_viewer = "users/carol@example.com"`), attributeError(bad, "private_message_viewer", "needs app credentials")},
		{"silent notification with user credentials", user(`text = "x"
  notification_type = "NOTIFICATION_TYPE_SILENT"`), attributeError(bad, "notification_type", "needs app credentials")},
	}
	planRefusesAll(t, env, "messages", cases)
}

func TestAccMessage_importRejectsBadIDs(t *testing.T) {
	env := testenv.New(t)
	env.ParallelTest([]resource.TestStep{{
		Config: env.Config(`
resource "google_chat_message" "imported" {
  provider = googlechatapp
  space    = "spaces/AAAAAAAAAAA"
  text     = "x"
}
`),
		ResourceName:  "google_chat_message.imported",
		ImportState:   true,
		ImportStateId: "messages/M1",
		ExpectError:   regexp.MustCompile(`(?s)Invalid Import ID.*spaces/\{space\}/messages/\{message\}`),
	}})
}
