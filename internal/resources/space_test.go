package resources_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	chat "google.golang.org/api/chat/v1"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
)

var spaceNameRE = regexp.MustCompile(`^spaces/[A-Za-z0-9_-]{5,}$`)

// emptyPlanAfterApply runs the checks before apply, and wants an empty plan
// after it.
func emptyPlanAfterApply(preApply ...plancheck.PlanCheck) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: preApply, PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
}

func named(suffix string) string { return "tf-acc " + suffix + " " + acctest.RandString(6) }

func TestAccSpace_basic(t *testing.T) {
	env := testenv.New(t)
	name, renamed := named("basic"), named("renamed")
	config := func(displayName, description, history string) string {
		return env.Config(fmt.Sprintf(`
resource "google_chat_space" "test" {
  provider      = googlechat
  display_name  = %q
  description   = %q
  guidelines    = "Be kind."
  history_state = %q
}
`, displayName, description, history))
	}
	env.ParallelTest([]resource.TestStep{
		{
			Config: config(name, "First description", "HISTORY_ON"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("name"), knownvalue.StringRegexp(spaceNameRE)),
				statecheck.CompareValuePairs("google_chat_space.test", tfjsonpath.New("id"), "google_chat_space.test", tfjsonpath.New("name"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("space_type"), knownvalue.StringExact("SPACE")),
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("display_name"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("space_uri"), knownvalue.StringRegexp(regexp.MustCompile(`^https://`))),
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("create_time"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("deletion_policy"), knownvalue.StringExact("DELETE")),
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("permission_settings").AtMapKey("manage_apps").AtMapKey("managers_allowed"), knownvalue.Bool(true)),
			},
			ConfigPlanChecks: emptyPlanAfterApply(),
		},
		{
			Config:           config(renamed, "Second description", "HISTORY_OFF"),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction("google_chat_space.test", plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("display_name"), knownvalue.StringExact(renamed)),
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("description"), knownvalue.StringExact("Second description")),
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("history_state"), knownvalue.StringExact("HISTORY_OFF")),
			},
		},
		{
			ResourceName:      "google_chat_space.test",
			ImportState:       true,
			ImportStateVerify: true,
		},
		{
			ResourceName:      "google_chat_space.test",
			ImportState:       true,
			ImportStateKind:   resource.ImportBlockWithID,
			SkipFunc:          testenv.SkipImportBlockUnderOpenTofu,
			ImportPlanChecks:  resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("google_chat_space.test", plancheck.ResourceActionNoop)}},
			ImportStateIdFunc: bareSpaceID("google_chat_space.test"),
		},
	}, "google_chat_space")
}

// bareSpaceID imports by the space ID without the spaces/ prefix.
func bareSpaceID(resourceName string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[resourceName]
		if !ok {
			return "", fmt.Errorf("%s not in state", resourceName)
		}
		return strings.TrimPrefix(rs.Primary.ID, "spaces/"), nil
	}
}

func TestAccSpace_groupChatPromotedInPlace(t *testing.T) {
	env := testenv.New(t)
	name := named("promoted")
	members := fmt.Sprintf("[%q, %q]", env.User(0), env.User(1))
	env.ParallelTest([]resource.TestStep{
		{
			Config: env.Config(fmt.Sprintf(`
resource "google_chat_space" "test" {
  provider        = googlechat
  space_type      = "GROUP_CHAT"
  initial_members = %s
}
`, members)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("space_type"), knownvalue.StringExact("GROUP_CHAT")),
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("display_name"), knownvalue.Null()),
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("permission_settings"), knownvalue.Null()),
			},
			ConfigPlanChecks: emptyPlanAfterApply(),
		},
		{
			Config: env.Config(fmt.Sprintf(`
resource "google_chat_space" "test" {
  provider        = googlechat
  space_type      = "SPACE"
  display_name    = %q
  initial_members = %s

  permission_settings = {
    manage_webhooks = {
      managers_allowed           = true
      assistant_managers_allowed = false
      members_allowed            = false
    }
  }
}
`, name, members)),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction("google_chat_space.test", plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("space_type"), knownvalue.StringExact("SPACE")),
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("display_name"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("permission_settings").AtMapKey("manage_webhooks").AtMapKey("members_allowed"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("permission_settings").AtMapKey("manage_apps").AtMapKey("members_allowed"), knownvalue.Bool(true)),
			},
		},
	}, "google_chat_space")
}

func TestAccSpace_directMessages(t *testing.T) {
	env := testenv.New(t)
	env.ParallelTest([]resource.TestStep{
		{
			Config: env.Config(fmt.Sprintf(`
resource "google_chat_space" "dm" {
  provider        = googlechat
  space_type      = "DIRECT_MESSAGE"
  initial_members = [%q]
}

resource "google_chat_space" "bot_dm" {
  provider           = googlechat
  space_type         = "DIRECT_MESSAGE"
  single_user_bot_dm = true
}
`, env.User(0))),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("google_chat_space.dm", tfjsonpath.New("space_type"), knownvalue.StringExact("DIRECT_MESSAGE")),
				statecheck.ExpectKnownValue("google_chat_space.dm", tfjsonpath.New("single_user_bot_dm"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("google_chat_space.bot_dm", tfjsonpath.New("single_user_bot_dm"), knownvalue.Bool(true)),
			},
			ConfigPlanChecks: emptyPlanAfterApply(),
		},
		{
			// A DM with another user replaces the space.
			Config: env.Config(fmt.Sprintf(`
resource "google_chat_space" "dm" {
  provider        = googlechat
  space_type      = "DIRECT_MESSAGE"
  initial_members = [%q]
}
`, env.User(1))),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("google_chat_space.dm", plancheck.ResourceActionDestroyBeforeCreate)},
			},
		},
	}, "google_chat_space")
}

func TestAccSpace_appCredentials(t *testing.T) {
	env := testenv.New(t)
	name := named("app")
	env.ParallelTest([]resource.TestStep{{
		Config: env.Config(fmt.Sprintf(`
resource "google_chat_space" "test" {
  provider                       = googlechatapp
  display_name                   = %q
  predefined_permission_settings = "ANNOUNCEMENT_SPACE"
  initial_members                = [%q, %q]

  permission_settings = {
    manage_apps = {
      managers_allowed           = true
      assistant_managers_allowed = false
      members_allowed            = false
    }
    reply_messages = {
      managers_allowed           = true
      assistant_managers_allowed = true
      members_allowed            = false
    }
  }
}
`, name, appUser(env, 0), appUser(env, 1))),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("permission_settings").AtMapKey("manage_apps").AtMapKey("assistant_managers_allowed"), knownvalue.Bool(false)),
			statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("permission_settings").AtMapKey("reply_messages").AtMapKey("members_allowed"), knownvalue.Bool(false)),
			// From the ANNOUNCEMENT_SPACE preset, not set in configuration.
			statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("permission_settings").AtMapKey("post_messages").AtMapKey("members_allowed"), knownvalue.Bool(false)),
		},
		ConfigPlanChecks: emptyPlanAfterApply(),
		Check:            env.CheckSpaceMembers(name, 3),
	}}, "google_chat_space")
}

func TestAccSpace_replaceAndDeletionPolicy(t *testing.T) {
	env := testenv.New(t)
	name := named("replace")
	config := func(preset, policy string) string {
		return env.Config(spaceHCL("test", "googlechat", name, "predefined_permission_settings", preset, "deletion_policy", testenv.Quote(policy)))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.ProviderFactories(),
		// The abandoned space must outlive destroy.
		CheckDestroy: resource.ComposeTestCheckFunc(env.CheckDestroy("google_chat_space"), env.CheckSpaceLive(name)),
		Steps: []resource.TestStep{
			{Config: config(`"COLLABORATION_SPACE"`, "DELETE"), ConfigPlanChecks: emptyPlanAfterApply()},
			{
				Config:           config(`"ANNOUNCEMENT_SPACE"`, "ABANDON"),
				ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction("google_chat_space.test", plancheck.ResourceActionDestroyBeforeCreate)),
			},
			{
				// Removing an input-only value only records it: no replacement.
				Config:           config("null", "ABANDON"),
				ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction("google_chat_space.test", plancheck.ResourceActionUpdate)),
			},
		},
	})
}

func TestAccSpace_outOfBandChanges(t *testing.T) {
	env := testenv.New(t)
	name := named("drift")
	var spaceName string
	config := env.Config(fmt.Sprintf(`
resource "google_chat_space" "test" {
  provider     = googlechat
  display_name = %q
  description  = "Managed by Terraform"
}
`, name))
	client := env.Client(chatapi.AuthModeUser)
	env.ParallelTest([]resource.TestStep{
		{Config: config, Check: captureName("google_chat_space.test", &spaceName)},
		{
			// Renamed and described out of band: the plan sets both back in place.
			PreConfig: func() {
				_, err := client.PatchSpace(context.Background(), spaceName, &chat.Space{
					DisplayName: "renamed by hand", SpaceDetails: &chat.SpaceDetails{Description: "edited"},
				}, []string{"display_name", "space_details"})
				if err != nil {
					t.Fatal(err)
				}
			},
			Config:           config,
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction("google_chat_space.test", plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("display_name"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue("google_chat_space.test", tfjsonpath.New("description"), knownvalue.StringExact("Managed by Terraform")),
			},
		},
		{
			// Deleted out of band: removed from state with a warning, then created again.
			PreConfig:        outOfBand(t, func() error { return client.DeleteSpace(context.Background(), spaceName) }),
			Config:           config,
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction("google_chat_space.test", plancheck.ResourceActionCreate)),
			Check: func(s *terraform.State) error {
				if s.RootModule().Resources["google_chat_space.test"].Primary.ID == spaceName {
					return fmt.Errorf("the recreated space must have a new name, still %s", spaceName)
				}
				return nil
			},
		},
	}, "google_chat_space")
}

func captureName(resourceName string, into *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[resourceName]
		if !ok {
			return fmt.Errorf("%s not in state", resourceName)
		}
		*into = rs.Primary.ID
		return nil
	}
}
