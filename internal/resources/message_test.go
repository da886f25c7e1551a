package resources_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	chat "google.golang.org/api/chat/v1"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

var messageNameRE = regexp.MustCompile(`^spaces/[A-Za-z0-9_-]+/messages/[A-Za-z0-9_.-]+$`)

// appSpaceConfig is a space the Chat app creates, with two human members
// (by ID: apps can't name users by email).
func appSpaceConfig(env *testenv.Env, name string) string { return appRoomConfig(env, name) }

func TestAccMessage_textEditedInPlaceAndImported(t *testing.T) {
	env := testenv.New(t)
	name := named("text")
	config := func(text string) string {
		return appSpaceConfig(env, name) + fmt.Sprintf(`
resource "google_chat_message" "hello" {
  provider   = googlechatapp
  space      = google_chat_space.room.name
  text       = %q
  message_id = "client-hello"
}
`, text)
	}
	env.ParallelTest([]resource.TestStep{
		{
			Config: config("Hello *world*"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("google_chat_message.hello", tfjsonpath.New("name"), knownvalue.StringRegexp(messageNameRE)),
				statecheck.ExpectKnownValue("google_chat_message.hello", tfjsonpath.New("client_assigned_message_id"), knownvalue.StringExact("client-hello")),
				statecheck.ExpectKnownValue("google_chat_message.hello", tfjsonpath.New("sender"), knownvalue.StringRegexp(regexp.MustCompile(`^users/`))),
				statecheck.ExpectKnownValue("google_chat_message.hello", tfjsonpath.New("create_time"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("google_chat_message.hello", tfjsonpath.New("thread_name"), knownvalue.StringRegexp(regexp.MustCompile(`/threads/`))),
				statecheck.CompareValuePairs("google_chat_message.hello", tfjsonpath.New("space"), "google_chat_space.room", tfjsonpath.New("name"), compare.ValuesSame()),
			},
			ConfigPlanChecks: emptyPlanAfterApply(),
			Check:            env.CheckMessages(name, 1),
		},
		{
			Config:           config("Hello again"),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction("google_chat_message.hello", plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("google_chat_message.hello", tfjsonpath.New("text"), knownvalue.StringExact("Hello again")),
				statecheck.ExpectKnownValue("google_chat_message.hello", tfjsonpath.New("last_update_time"), knownvalue.NotNull()),
			},
			Check: env.CheckMessages(name, 1),
		},
		{ResourceName: "google_chat_message.hello", ImportState: true, ImportStateVerify: true},
		{
			// By the client-assigned ID, with an import block: nothing to change.
			ResourceName:    "google_chat_message.hello",
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
			SkipFunc:        testenv.SkipImportBlockUnderOpenTofu,
			ImportStateIdFunc: func(s *terraform.State) (string, error) {
				return s.RootModule().Resources["google_chat_space.room"].Primary.ID + "/messages/client-hello", nil
			},
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("google_chat_message.hello", plancheck.ResourceActionNoop)}},
		},
	}, "google_chat_message", "google_chat_space")
}

// The card message from Google's messages.create guide, with its accessory widget button.
const guideCard = `[{
  card = {
    header = {
      title    = "About this message"
      imageUrl = "https://fonts.gstatic.com/s/i/short-term/release/googlesymbols/info/default/24px.svg"
    }
    sections = [{
      header = "Contents"
      widgets = [
        { textParagraph = { text = "🔡 <b>Text</b> which can include hyperlinks 🔗, emojis 😄🎉, and @mentions 🗣️." } },
        { textParagraph = { text = "🖼️ A <b>card</b> to display visual elements and request information." } },
        { textParagraph = { text = "👉🔘 An <b>accessory widget</b> which adds a button to the bottom of a message." } },
      ]
    }, {
      header      = "What's next"
      collapsible = true
      widgets = [{ textParagraph = { text = "%s" } }]
    }]
  }
}]`

const guideWidgets = `[{
  buttonList = { buttons = [{
    text    = "View documentation"
    icon    = { materialIcon = { name = "link" } }
    onClick = { openLink = { url = "https://developers.google.com/workspace/chat/create-messages" } }
  }] }
}]`

func TestAccMessage_cardWithAccessoryWidgets(t *testing.T) {
	env := testenv.New(t)
	name := named("card")
	snakeCaseWidgets := strings.Replace(guideWidgets, "materialIcon", "material_icon", 1)
	config := func(nextStep string, widgets ...string) string {
		if len(widgets) == 0 {
			widgets = []string{guideWidgets}
		}
		return appSpaceConfig(env, name) + fmt.Sprintf(`
resource "google_chat_message" "card" {
  provider          = googlechatapp
  space             = google_chat_space.room.name
  text              = "👋🌎 Hello world! I created this message by calling the Chat API's messages.create() method."
  cards_v2          = jsonencode(%s)
  accessory_widgets = jsonencode(%s)
  fallback_text     = "About this message"
}
`, fmt.Sprintf(guideCard, nextStep), widgets[0])
	}
	env.ParallelTest([]resource.TestStep{
		{
			Config:           config("❤️ Add a reaction."),
			ConfigPlanChecks: emptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("google_chat_message.card", tfjsonpath.New("cards_v2"), knownvalue.StringRegexp(regexp.MustCompile(`About this message`))),
			},
		},
		{
			Config:           config("🔄 Update or ❌ delete the message."),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction("google_chat_message.card", plancheck.ResourceActionUpdate)),
			Check:            env.CheckMessages(name, 1),
		},
		{ResourceName: "google_chat_message.card", ImportState: true, ImportStateVerify: true},
		{
			ResourceName:     "google_chat_message.card",
			ImportState:      true,
			ImportStateKind:  resource.ImportBlockWithID,
			SkipFunc:         testenv.SkipImportBlockUnderOpenTofu,
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("google_chat_message.card", plancheck.ResourceActionNoop)}},
		},
		{
			// The same widgets spelled in snake_case, as the API also accepts:
			// recorded without an API call, then no diff.
			Config: config("🔄 Update or ❌ delete the message.", snakeCaseWidgets),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: env.CheckMessages(name, 1),
		},
	}, "google_chat_message", "google_chat_space")
}

func TestAccMessage_privateMessage(t *testing.T) {
	env := testenv.New(t)
	env.ParallelTest([]resource.TestStep{{
		Config: appSpaceConfig(env, named("private")) +
			messageHCL("private", "googlechatapp", roomName, "Hello private world!", "private_message_viewer", testenv.Quote(appUser(env, 1))),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("google_chat_message.private", tfjsonpath.New("private_message_viewer"), knownvalue.StringExact(appUser(env, 1))),
		},
		ConfigPlanChecks: emptyPlanAfterApply(),
	}}, "google_chat_message", "google_chat_space")
}

func TestAccMessage_threadsAndReplyOptions(t *testing.T) {
	env := testenv.New(t)
	env.ParallelTest([]resource.TestStep{{
		Config: appSpaceConfig(env, named("threads")) + `
resource "google_chat_message" "root" {
  provider             = googlechatapp
  space                = google_chat_space.room.name
  text                 = "Deploy 42 started"
  thread_key           = "deploy-42"
  message_reply_option = "REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD"
}

resource "google_chat_message" "by_key" {
  provider             = googlechatapp
  space                = google_chat_space.room.name
  text                 = "Deploy 42 finished"
  thread_key           = "deploy-42"
  message_reply_option = "REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD"
  depends_on           = [google_chat_message.root]
}

resource "google_chat_message" "by_name" {
  provider             = googlechatapp
  space                = google_chat_space.room.name
  text                 = "Rolled back"
  thread_name          = google_chat_message.root.thread_name
  message_reply_option = "REPLY_MESSAGE_OR_FAIL"
}

resource "google_chat_message" "unspecified" {
  provider   = googlechatapp
  space      = google_chat_space.room.name
  text       = "Starts its own thread: the key is ignored"
  thread_key = "deploy-42"
  depends_on = [google_chat_message.root]
}
`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.CompareValuePairs("google_chat_message.by_key", tfjsonpath.New("thread_name"), "google_chat_message.root", tfjsonpath.New("thread_name"), compare.ValuesSame()),
			statecheck.CompareValuePairs("google_chat_message.by_name", tfjsonpath.New("thread_name"), "google_chat_message.root", tfjsonpath.New("thread_name"), compare.ValuesSame()),
			statecheck.CompareValuePairs("google_chat_message.unspecified", tfjsonpath.New("thread_name"), "google_chat_message.root", tfjsonpath.New("thread_name"), compare.ValuesDiffer()),
		},
		ConfigPlanChecks: emptyPlanAfterApply(),
	}}, "google_chat_message", "google_chat_space")
}

func TestAccMessage_movingToAnotherSpaceReplaces(t *testing.T) {
	env := testenv.New(t)
	first, second := named("first"), named("second")
	config := func(target string) string {
		return env.Config(fmt.Sprintf(`
resource "google_chat_space" "first" {
  provider     = googlechatapp
  display_name = %q
}

resource "google_chat_space" "second" {
  provider     = googlechatapp
  display_name = %q
}

resource "google_chat_message" "moving" {
  provider = googlechatapp
  space    = google_chat_space.%s.name
  text     = "on the move"
}
`, first, second, target))
	}
	env.ParallelTest([]resource.TestStep{
		{Config: config("first"), Check: env.CheckMessages(first, 1)},
		{
			Config: config("second"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("google_chat_message.moving", plancheck.ResourceActionDestroyBeforeCreate)},
			},
			Check: resource.ComposeTestCheckFunc(env.CheckMessages(first, 0), env.CheckMessages(second, 1)),
		},
	}, "google_chat_message", "google_chat_space")
}

func TestAccMessage_outOfBandEditAndDelete(t *testing.T) {
	env := testenv.New(t)
	name := named("drift")
	var messageName string
	config := appSpaceConfig(env, name) + `
resource "google_chat_message" "status" {
  provider = googlechatapp
  space    = google_chat_space.room.name
  text     = "All systems normal"
}
`
	client := env.Client(chatapi.AuthModeApp)
	env.ParallelTest([]resource.TestStep{
		{Config: config, Check: captureName("google_chat_message.status", &messageName)},
		{
			PreConfig: outOfBand(t, func() error {
				_, err := client.PatchMessage(context.Background(), messageName, &chat.Message{Text: "edited by hand"}, []string{"text"})
				return err
			}),
			Config:           config,
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction("google_chat_message.status", plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("google_chat_message.status", tfjsonpath.New("text"), knownvalue.StringExact("All systems normal")),
			},
		},
		{
			PreConfig:        outOfBand(t, func() error { return client.DeleteMessage(context.Background(), messageName, false) }),
			Config:           config,
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction("google_chat_message.status", plancheck.ResourceActionCreate)),
			Check:            env.CheckMessages(name, 1),
		},
	}, "google_chat_message", "google_chat_space")
}

func TestAccMessage_userCredentials(t *testing.T) {
	env := testenv.New(t)
	name := named("user")
	env.ParallelTest([]resource.TestStep{{
		Config: env.Config(spaceHCL("team", "googlechat", name) + messageHCL("from_user", "googlechat", "google_chat_space.team.name",
			"Posted as the user, <users/all>", "message_id", testenv.Quote("client-from-user"), "notification_type", testenv.Quote("NOTIFICATION_TYPE_NONE"))),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("google_chat_message.from_user", tfjsonpath.New("sender"), knownvalue.StringRegexp(regexp.MustCompile(`^users/1`))),
		},
		ConfigPlanChecks: emptyPlanAfterApply(),
		Check:            env.CheckMessages(name, 1),
	}}, "google_chat_message", "google_chat_space")
}

// A create whose answer is lost (the emulator commits, then fails) is retried
// with the same requestId: one message, and a clean state.
func TestAccMessage_lostResponsePostsOnce(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	if err := env.Emulator.AddFault(emulator.FaultRule{RPC: "chat.spaces.messages.create", CommitThenFail: true, Count: 1}); err != nil {
		t.Fatal(err)
	}
	name := named("lost")
	env.ParallelTest([]resource.TestStep{{
		Config: appSpaceConfig(env, name) + `
resource "google_chat_message" "once" {
  provider = googlechatapp
  space    = google_chat_space.room.name
  text     = "exactly once"
}
`,
		ConfigPlanChecks: emptyPlanAfterApply(),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("google_chat_message.once", tfjsonpath.New("create_time"), knownvalue.NotNull()),
		},
		Check: env.CheckMessages(name, 1),
	}}, "google_chat_message", "google_chat_space")
}
