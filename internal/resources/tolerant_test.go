package resources_test

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// TestAccTolerantReader_unknownAndOutputOnlyFields: the API answers with
// output-only fields the provider never sent (CardWithId.ownerUser,
// Message.sender.displayName, annotations, Space.membershipCount, ...) and,
// as a newer API revision would, with fields the provider has never seen at
// every level of every object. A space, two memberships and a card message
// still apply with no "inconsistent result", and plan empty after apply,
// after a refresh and after an import.
func TestAccTolerantReader_unknownAndOutputOnlyFields(t *testing.T) {
	env := testenv.NewWithOptions(t, emulator.Options{UnknownFields: true})
	env.RequireEmulator()
	env.UserScopes = testenv.UserScopesWithAppMembership // the app's membership is removed at destroy
	name := named("tolerant")
	config := func(title string) string {
		return env.Config(fmt.Sprintf(`
resource "google_chat_space" "room" {
  provider        = googlechat
  display_name    = %[1]q
  description     = "Answers carry fields of a newer API revision."
  initial_members = ["users/bob@example.com"]
}

resource "google_chat_membership" "app" {
  provider = googlechat
  space    = google_chat_space.room.name
  member   = "users/app"
}

resource "google_chat_membership" "carol" {
  provider = googlechat
  space    = google_chat_space.room.name
  member   = "users/carol@example.com"
}

resource "google_chat_message" "card" {
  provider   = googlechatapp
  space      = google_chat_space.room.name
  text       = "Deploy finished, <users/bob@example.com>."
  depends_on = [google_chat_membership.app]
  cards_v2 = jsonencode([{
    cardId = "status"
    card = {
      header = { title = %[2]q, subtitle = "prod" }
      sections = [{
        header = "Details"
        widgets = [
          { decoratedText = { topLabel = "State", text = "green" } },
          { buttonList = { buttons = [{ text = "Open", onClick = { openLink = { url = "https://example.com" } } }] } },
        ]
      }]
    }
  }])
  accessory_widgets = jsonencode([{
    buttonList = { buttons = [{ text = "Ack", onClick = { action = { function = "ack" } } }] }
  }])
}
`, name, title))
	}
	configured := func(title string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("google_chat_message.card", tfjsonpath.New("cards_v2"),
			knownvalue.StringRegexp(regexp.MustCompile(`"title":"`+title+`"`)))
	}
	env.ParallelTest([]resource.TestStep{
		{
			Config: config("Deploy"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPreRefresh:  []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{configured("Deploy")},
			Check: resource.ComposeAggregateTestCheckFunc(
				// The answers really carry what the provider must ignore.
				answerCarries(env, "google_chat_message.card", "app", `"ownerUser"`, `"futureField"`, `"annotations"`, `"displayName"`),
				answerCarries(env, "google_chat_space.room", "user:alice@example.com", `"membershipCount"`, `"futureField"`),
				answerCarries(env, "google_chat_membership.carol", "user:alice@example.com", `"displayName"`, `"futureField"`),
				noAnswerOnlyFields,
			),
		},
		{
			// A refresh alone reads every answer again: still nothing to do.
			RefreshState:      true,
			RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
		{
			// A real change to the card is still seen and applied in place.
			Config: config("Deploy again"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("google_chat_message.card", plancheck.ResourceActionUpdate)},
				PostApplyPreRefresh:  []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{configured("Deploy again")},
			Check:             noAnswerOnlyFields,
		},
		// An import takes the answer, less its output-only fields.
		{ResourceName: "google_chat_message.card", ImportState: true, ImportStateVerify: true},
	}, "google_chat_message", "google_chat_membership", "google_chat_space")
}

// noAnswerOnlyFields checks the message's JSON attributes hold what was
// configured, not what only answers carry.
func noAnswerOnlyFields(s *terraform.State) error {
	rs, ok := s.RootModule().Resources["google_chat_message.card"]
	if !ok {
		return fmt.Errorf("google_chat_message.card not in state")
	}
	for _, attr := range []string{"cards_v2", "accessory_widgets"} {
		if v := rs.Primary.Attributes[attr]; strings.Contains(v, "ownerUser") || strings.Contains(v, emulator.UnknownField) {
			return fmt.Errorf("%s in state carries fields only answers have: %s", attr, v)
		}
	}
	return nil
}

// answerCarries GETs the object a resource names straight from the emulator,
// as token, and checks the raw answer contains every fragment.
func answerCarries(env *testenv.Env, resourceName, token string, fragments ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[resourceName]
		if !ok {
			return fmt.Errorf("%s not in state", resourceName)
		}
		name := rs.Primary.Attributes["name"]
		req, err := http.NewRequest(http.MethodGet, env.Emulator.URL+"/v1/"+name, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set(emulator.NoChaosHeader, "1") // a harness read, not the provider's
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		for _, fragment := range fragments {
			if !strings.Contains(string(body), fragment) {
				return fmt.Errorf("the answer for %s lacks %s: %s", name, fragment, body)
			}
		}
		return nil
	}
}
