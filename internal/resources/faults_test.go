package resources_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// faultWorkload is two spaces (one the app's, one a user's), memberships,
// seven messages (one with an attachment), a pin, a reaction, a custom
// emoji, alice's notification setting, sidebar section and section item:
// every create path the provider has. emoji is the custom emoji's image
// file.
func faultWorkload(env *testenv.Env, prefix, emojiName, emoji string) string {
	return env.Config(fmt.Sprintf(`
resource "google_chat_space" "app_space" {
  provider        = googlechatapp
  display_name    = "%[1]s app"
  initial_members = ["users/100000000000000000002", "users/100000000000000000003"] # bob, carol: apps can't use emails
}

resource "google_chat_space" "user_space" {
  provider        = googlechat
  display_name    = "%[1]s user"
  initial_members = ["users/bob@example.com"]
}

resource "google_chat_membership" "dave" {
  provider = googlechat
  space    = google_chat_space.user_space.name
  member   = "users/dave@example.com"
  role     = "ROLE_MANAGER"
}

resource "google_chat_message" "app" {
  count    = 6
  provider = googlechatapp
  space    = google_chat_space.app_space.name
  text     = "message ${count.index}"
}

resource "google_chat_message" "user" {
  provider    = googlechat
  space       = google_chat_space.user_space.name
  text        = "from alice"
  message_id  = "client-from-alice"
  attachments = [{ filename = "notes.txt", content_base64 = base64encode("call bob") }]
}

resource "google_chat_message_pin" "user" {
  provider = googlechat
  message  = google_chat_message.user.name
}

resource "google_chat_reaction" "user" {
  provider      = googlechat
  message       = google_chat_message.user.name
  emoji_unicode = "🎉"
}

resource "google_chat_custom_emoji" "logo" {
  provider   = googlechat
  emoji_name = %[2]q
  source     = %[3]q
}

resource "google_chat_space_notification_setting" "user" {
  provider     = googlechat
  space        = google_chat_space.user_space.name
  mute_setting = "MUTED"
}

resource "google_chat_user_section" "ops" {
  provider     = googlechat
  display_name = "Ops"
}

resource "google_chat_user_section_item" "user_space" {
  provider = googlechat
  space    = google_chat_space.user_space.name
  section  = google_chat_user_section.ops.name
}
`, prefix, emojiName, emoji))
}

// checkWorkload compares the emulator with faultWorkload: nothing missing,
// nothing extra.
func checkWorkload(env *testenv.Env, prefix string) resource.TestCheckFunc {
	return resource.ComposeTestCheckFunc(
		env.CheckLiveSpaces(2),
		env.CheckSpaceMembers(prefix+" app", 3),  // the app, bob, carol
		env.CheckSpaceMembers(prefix+" user", 3), // alice, bob, dave
		env.CheckMessages(prefix+" app", 6),
		env.CheckMessages(prefix+" user", 1),
		env.CheckAttachments("google_chat_message.user", "call bob"),
		checkOne(env, "pins", func(s *terraform.State, client *chatapi.Client) (int, error) {
			pins, err := client.ListMessagePins(context.Background(), stateName(s, "google_chat_space.user_space"))
			return len(pins), err
		}),
		checkOne(env, "reactions", func(s *terraform.State, client *chatapi.Client) (int, error) {
			reactions, err := client.ListReactions(context.Background(), stateName(s, "google_chat_message.user"), "")
			return len(reactions), err
		}),
		checkOne(env, "custom emojis alice created", func(_ *terraform.State, client *chatapi.Client) (int, error) {
			emojis, err := client.ListCustomEmojis(context.Background(), `creator("users/me")`)
			return len(emojis), err
		}),
		checkOne(env, "custom sections", func(_ *terraform.State, client *chatapi.Client) (int, error) {
			sections, err := client.ListSections(context.Background(), "users/me")
			custom := 0
			for _, s := range sections {
				if s.Type == "CUSTOM_SECTION" {
					custom++
				}
			}
			return custom, err
		}),
		checkOne(env, "spaces in the custom section", func(s *terraform.State, client *chatapi.Client) (int, error) {
			items, err := client.ListSectionItems(context.Background(), stateName(s, "google_chat_user_section.ops"), "")
			return len(items), err
		}),
		checkOne(env, "muted settings", func(s *terraform.State, client *chatapi.Client) (int, error) {
			setting, err := client.GetSpaceNotificationSetting(context.Background(),
				"users/me/"+stateName(s, "google_chat_space.user_space")+"/spaceNotificationSetting")
			if err != nil || setting.MuteSetting != "MUTED" {
				return 0, err
			}
			return 1, nil
		}),
	)
}

// checkOne wants exactly one object from list, read with user credentials:
// nothing missing, no duplicate from a retried create.
func checkOne(env *testenv.Env, what string, list func(*terraform.State, *chatapi.Client) (int, error)) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		got, err := list(s, env.Client(chatapi.AuthModeUser))
		if err != nil {
			return fmt.Errorf("listing %s: %w", what, err)
		}
		if got != 1 {
			return fmt.Errorf("%d %s, want 1", got, what)
		}
		return nil
	}
}

// stateName is the name attribute of the resource at address.
func stateName(s *terraform.State, address string) string {
	if rs, ok := s.RootModule().Resources[address]; ok {
		return rs.Primary.Attributes["name"]
	}
	return ""
}

func TestAccFaults_applyAndDestroyUnderFaults(t *testing.T) {
	creates := []string{"chat.spaces.setup", "chat.spaces.create", "chat.spaces.messages.create", "chat.spaces.members.create",
		"chat.media.upload", "chat.spaces.messagePins.create", "chat.spaces.messages.reactions.create", "chat.customEmojis.create",
		"chat.users.spaces.spaceNotificationSetting.patch", "chat.users.sections.create", "chat.users.sections.items.move"}
	profiles := []struct {
		name     string
		settings string
		faults   []emulator.FaultRule
	}{
		{name: "30% of calls answer 503", faults: []emulator.FaultRule{{Status: 503, Probability: 0.3}}},
		{name: "bursts of 429 with and without Retry-After", faults: []emulator.FaultRule{
			{Status: 429, Count: 6}, {Status: 429, RetryAfter: "1", Count: 4, Method: "POST"},
		}},
		{name: "connection resets", faults: []emulator.FaultRule{{Reset: true, Probability: 0.2}}},
		{name: "commit then fail on every create", faults: func() []emulator.FaultRule {
			var rules []emulator.FaultRule
			for _, rpc := range creates {
				// Every other message; the first call of the others, which
				// the workload makes once each.
				rule := emulator.FaultRule{RPC: rpc, CommitThenFail: true, Count: 1}
				if rpc == "chat.spaces.messages.create" {
					rule.Count, rule.Every = 0, 2
				}
				rules = append(rules, rule)
			}
			return rules
		}()},
		{name: "commit then reset on every create", faults: func() []emulator.FaultRule {
			var rules []emulator.FaultRule
			for _, rpc := range creates {
				rules = append(rules, emulator.FaultRule{RPC: rpc, CommitThenFail: true, Reset: true, Count: 1})
			}
			return rules
		}()},
		{
			name:     "latency beyond request_timeout",
			settings: `request_timeout = "1s"`,
			faults:   []emulator.FaultRule{{Latency: emulator.Duration(1500 * time.Millisecond), Every: 4}},
		},
	}
	for i, profile := range profiles {
		t.Run(profile.name, func(t *testing.T) {
			env := testenv.New(t)
			env.RequireEmulator()
			// Each profile tests one kind of fault; chaos on top would blur which.
			env.NoChaos("runs its own fault profile")
			env.ProviderSettings = profile.settings
			env.UserScopes = append(slices.Clone(customEmojiScopes), "https://www.googleapis.com/auth/chat.users.spacesettings",
				"https://www.googleapis.com/auth/chat.users.sections")
			for _, rule := range profile.faults {
				if err := env.Emulator.AddFault(rule); err != nil {
					t.Fatal(err)
				}
			}
			prefix := fmt.Sprintf("faults %d", i)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.ProviderFactories(),
				// Faults stay on through destroy: it must still leave nothing.
				CheckDestroy: resource.ComposeTestCheckFunc(
					env.CheckDestroy("google_chat_space", "google_chat_membership", "google_chat_message",
						"google_chat_message_pin", "google_chat_reaction", "google_chat_custom_emoji",
						"google_chat_space_notification_setting", "google_chat_user_section", "google_chat_user_section_item"),
					env.CheckLiveSpaces(0),
				),
				Steps: []resource.TestStep{{
					Config:           faultWorkload(env, prefix, uniqueEmojiName(), emojiImage(t, "logo.png", "\x89PNG logo")),
					ConfigPlanChecks: emptyPlanAfterApply(),
					Check:            checkWorkload(env, prefix),
				}},
			})
		})
	}
}

// Sixty messages into one space whose quota is 5 writes a second, at
// Terraform's default parallelism: no error, no duplicate.
func TestAccFaults_perSpaceQuota(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	// The check below wants the quota's own 429s; chaos's would pass it vacuously.
	env.NoChaos("asserts that the per-space quota answered 429")
	env.Emulator.SetQuota(emulator.Quota{SpaceWritesPerSecond: 5})
	// The client's own limit is set above the quota, so 429s do happen.
	env.ProviderSettings = `rate_limits = { per_space_writes_per_minute = 600 }`
	name := named("quota")
	env.ParallelTest([]resource.TestStep{{
		Config: appSpaceConfig(env, name) + `
resource "google_chat_message" "burst" {
  count    = 60
  provider = googlechatapp
  space    = google_chat_space.room.name
  text     = "message ${count.index}"
}
`,
		ConfigPlanChecks: emptyPlanAfterApply(),
		Check: resource.ComposeTestCheckFunc(env.CheckMessages(name, 60), func(*terraform.State) error {
			for _, r := range env.Emulator.Requests() {
				if r.Status == 429 {
					return nil
				}
			}
			return fmt.Errorf("the quota never answered 429: the test did not exercise retries")
		}),
	}}, "google_chat_message", "google_chat_space")
}
