package resources_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

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

// importScopes: import mode takes chat.import, which the defaults lack.
var importScopes = testenv.UserScopesPlus("https://www.googleapis.com/auth/chat.import")

// A migration: a space created in import mode with its historical creation
// time, then completed, which can't be undone.
func TestAccSpace_importModeCompleted(t *testing.T) {
	env := testenv.New(t)
	env.RequireLiveFeature("GOOGLE_CHAT_ACC_IMPORT", "domain-wide delegation with chat.import for the app's service account")
	env.CredentialMode, env.UserScopes = "delegation", importScopes // "Requires ... domain-wide delegation"
	name := named("import")
	const address = "google_chat_space.migrated"
	var migrated string
	config := func(complete string) string {
		args := []string{"import_mode", "true", "create_time", `"2019-06-01T09:00:00Z"`}
		if complete != "" {
			args = append(args, "import_complete", complete)
		}
		return env.Config(spaceHCL("migrated", "googlechat", name, args...) +
			messageHCL("first", "googlechat", address+".name", "Hello from 2019", "create_time", `"2019-06-02T10:00:00Z"`))
	}
	env.ParallelTest([]resource.TestStep{
		{
			Config: config(""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("create_time"), knownvalue.StringExact("2019-06-01T09:00:00Z")),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("import_mode"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("import_mode_expire_time"), knownvalue.StringRegexp(rfc3339RE)),
				statecheck.ExpectKnownValue("google_chat_message.first", tfjsonpath.New("create_time"), knownvalue.StringExact("2019-06-02T10:00:00Z")),
			},
			ConfigPlanChecks: emptyPlanAfterApply(),
			Check:            resource.ComposeTestCheckFunc(checkImportMode(env, address, true), captureName(address, &migrated)),
		},
		{
			Config: config("true"),
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("import_mode_expire_time"), knownvalue.Null()),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("import_complete"), knownvalue.Bool(true)),
			},
			Check: checkImportMode(env, address, false),
		},
		{
			// Imported after completion: the space is no longer in import
			// mode, so import_mode is recorded from the configuration.
			ResourceName: address, ImportState: true, ImportStateVerify: true,
			ImportStateVerifyIgnore: []string{"timeouts", "import_mode", "import_complete", "joined_direct_human_user_count", "last_active_time"},
		},
		{
			// Renamed outside Terraform by its importer, now its manager: set back.
			PreConfig: outOfBand(t, func() error {
				_, err := env.Client(chatapi.AuthModeUser).PatchSpace(context.Background(), migrated, &chat.Space{DisplayName: name + " renamed"},
					[]string{"display_name"})
				return err
			}),
			Config:           config("true"),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate)),
		},
		{
			Config:      config("false"),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Import Can't Be Undone`),
		},
	}, "google_chat_message", "google_chat_space")
}

// checkImportMode: the API reports the space in import mode or not.
func checkImportMode(env *testenv.Env, address string, want bool) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		space, err := env.Client(chatapi.AuthModeUser).GetSpace(context.Background(), stateName(s, address))
		if err != nil {
			return err
		}
		if space.ImportMode != want {
			return fmt.Errorf("%s: importMode %v, want %v", space.Name, space.ImportMode, want)
		}
		return nil
	}
}

// Import mode's limits are refused at plan, with no API write.
func TestAccSpace_importModeInvalidConfigurations(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	space := func(provider string, args ...string) string {
		return env.Config(testenv.Resource("google_chat_space", "bad", append([]string{"provider", provider}, args...)...))
	}
	planRefusesAll(t, env, "import mode configurations", []invalidCase{
		{"a DM", space("googlechat", "space_type", `"DIRECT_MESSAGE"`, "initial_members", `["users/bob@example.com"]`, "import_mode", "true"),
			regexp.MustCompile(`(?s)import mode supports SPACE and GROUP_CHAT`)},
		{"members", space("googlechat", "display_name", `"x"`, "import_mode", "true", "initial_members", `["users/bob@example.com"]`),
			regexp.MustCompile(`(?s)created with no members`)},
		{"create_time without import mode", space("googlechat", "display_name", `"x"`, "create_time", `"2019-06-01T09:00:00Z"`),
			regexp.MustCompile(`(?s)create_time can be set only with import_mode`)},
		{"create_time before 2000", space("googlechat", "display_name", `"x"`, "import_mode", "true", "create_time", `"1999-12-31T23:59:59Z"`),
			regexp.MustCompile(`(?s)Invalid Import Time`)},
		{"import_complete alone", space("googlechat", "display_name", `"x"`, "import_complete", "true"),
			regexp.MustCompile(`(?s)import_complete applies only to a space with import_mode`)},
		{"app credentials", space("googlechatapp", "display_name", `"x"`, "import_mode", "true"),
			regexp.MustCompile(`(?s)User Credentials Required.*Import Mode requires user authentication`)},
	})
}

// A group chat migrated in import mode: created with no members, which
// import mode makes, and deleted.
func TestAccSpace_importModeGroupChat(t *testing.T) {
	env := testenv.New(t)
	env.RequireLiveFeature("GOOGLE_CHAT_ACC_IMPORT", "domain-wide delegation with chat.import for the app's service account")
	env.CredentialMode, env.UserScopes = "delegation", importScopes
	const address = "google_chat_space.migrated"
	env.ParallelTest([]resource.TestStep{{
		Config: env.Config(testenv.Resource("google_chat_space", "migrated", "provider", "googlechat",
			"space_type", `"GROUP_CHAT"`, "import_mode", "true", "create_time", `"2018-03-01T08:00:00+01:00"`)),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(address, tfjsonpath.New("space_type"), knownvalue.StringExact("GROUP_CHAT")),
			statecheck.ExpectKnownValue(address, tfjsonpath.New("create_time"), knownvalue.StringExact("2018-03-01T08:00:00+01:00")),
		},
		ConfigPlanChecks: emptyPlanAfterApply(),
		Check:            checkImportMode(env, address, true),
	}}, "google_chat_space")
}
