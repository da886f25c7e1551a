package resources_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// faultWorkload is two spaces (one the app's, one a user's), memberships and
// seven messages: every create path the provider has.
func faultWorkload(env *testenv.Env, prefix string) string {
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
  provider   = googlechat
  space      = google_chat_space.user_space.name
  text       = "from alice"
  message_id = "client-from-alice"
}
`, prefix))
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
	)
}

func TestAccFaults_applyAndDestroyUnderFaults(t *testing.T) {
	creates := []string{"chat.spaces.setup", "chat.spaces.create", "chat.spaces.messages.create", "chat.spaces.members.create"}
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
				rules = append(rules, emulator.FaultRule{RPC: rpc, CommitThenFail: true, Every: 2})
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
					env.CheckDestroy("google_chat_space", "google_chat_membership", "google_chat_message"),
					env.CheckLiveSpaces(0),
				),
				Steps: []resource.TestStep{{
					Config:           faultWorkload(env, prefix),
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
