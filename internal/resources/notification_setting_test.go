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

// spaceSettingsScopes: users.spaces.spaceNotificationSetting needs
// chat.users.spacesettings, which is not among the provider's default user
// scopes.
var spaceSettingsScopes = testenv.UserScopesPlus("https://www.googleapis.com/auth/chat.users.spacesettings")

var notificationSettingNameRE = regexp.MustCompile(`^users/me/spaces/[A-Za-z0-9_-]+/spaceNotificationSetting$`)

// notificationSettingConfig is two spaces, room and other, and the caller's
// setting in one of them (space: an HCL expression) with more arguments.
func notificationSettingConfig(env *testenv.Env, name, space string, more ...string) string {
	return userSpaceConfig(env, name) + spaceHCL("other", "googlechat", name+" other") +
		testenv.Resource("google_chat_space_notification_setting", "quiet",
			append([]string{"provider", "googlechat", "space", space}, more...)...)
}

// settingAddress is the setting every configuration here declares.
const settingAddress = "google_chat_space_notification_setting.quiet"

// wantSetting checks the caller's setting of settingAddress as the API
// answers it.
func wantSetting(env *testenv.Env, notification, mute string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		name := s.RootModule().Resources[settingAddress].Primary.Attributes["name"]
		got, err := env.Client(chatapi.AuthModeUser).GetSpaceNotificationSetting(context.Background(), name)
		if err != nil {
			return err
		}
		if got.NotificationSetting != notification || got.MuteSetting != mute {
			return fmt.Errorf("%s is %s/%s, want %s/%s", name, got.NotificationSetting, got.MuteSetting, notification, mute)
		}
		return nil
	}
}

func TestAccSpaceNotificationSetting_setImportDriftReplaceAndReset(t *testing.T) {
	env := testenv.New(t)
	env.UserScopes = spaceSettingsScopes
	name := named("quiet")
	const address = settingAddress
	var setting string
	muted := notificationSettingConfig(env, name, roomName, "mute_setting", `"MUTED"`)
	env.ParallelTest([]resource.TestStep{
		{
			// Only mute_setting is sent; notification_setting is read.
			Config: muted,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("name"), knownvalue.StringRegexp(notificationSettingNameRE)),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("mute_setting"), knownvalue.StringExact("MUTED")),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("notification_setting"), knownvalue.StringExact("ALL")),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("deletion_policy"), knownvalue.StringExact("RESET")),
			},
			ConfigPlanChecks: emptyPlanAfterApply(),
			Check:            resource.ComposeTestCheckFunc(captureName(address, &setting), wantSetting(env, "ALL", "MUTED")),
		},
		{
			// Imported by the setting's name...
			ResourceName: address, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"},
		},
		{
			// ...and by its space.
			ResourceName: address, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"},
			ImportStateIdFunc: func(s *terraform.State) (string, error) {
				return s.RootModule().Resources["google_chat_space.room"].Primary.Attributes["name"], nil
			},
		},
		{
			// Unmuted outside Terraform: the plan mutes it again.
			PreConfig: outOfBand(t, func() error {
				_, err := env.Client(chatapi.AuthModeUser).PatchSpaceNotificationSetting(context.Background(), setting,
					&chat.SpaceNotificationSetting{MuteSetting: "UNMUTED"}, []string{"mute_setting"})
				return err
			}),
			Config:           muted,
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate)),
			Check:            wantSetting(env, "ALL", "MUTED"),
		},
		{
			// notification_setting set too: in place.
			Config:           notificationSettingConfig(env, name, roomName, "mute_setting", `"MUTED"`, "notification_setting", `"FOR_YOU"`),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate)),
			Check:            wantSetting(env, "FOR_YOU", "MUTED"),
		},
		{
			// Another space: replaced, and the first space's setting reset.
			Config:           notificationSettingConfig(env, name, "google_chat_space.other.name", "notification_setting", `"OFF"`),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate)),
			Check: resource.ComposeTestCheckFunc(wantSetting(env, "OFF", "UNMUTED"), func(*terraform.State) error {
				got, err := env.Client(chatapi.AuthModeUser).GetSpaceNotificationSetting(context.Background(), setting)
				if err == nil && (got.NotificationSetting != "ALL" || got.MuteSetting != "UNMUTED") {
					err = fmt.Errorf("the replaced setting %s is %s/%s, want the defaults", setting, got.NotificationSetting, got.MuteSetting)
				}
				return err
			}),
		},
	}, "google_chat_space_notification_setting", "google_chat_space")
}

// deletion_policy = "ABANDON" leaves the setting as it is (CheckDestroy
// reads it in a space that outlives the test's destroy).
func TestAccSpaceNotificationSetting_abandon(t *testing.T) {
	env := testenv.New(t)
	env.UserScopes = spaceSettingsScopes
	client := env.Client(chatapi.AuthModeUser)
	space, err := client.SetUpSpace(context.Background(), &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "SPACE", DisplayName: named("kept")}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.DeleteSpace(context.Background(), space.Name) })
	env.ParallelTest([]resource.TestStep{{
		Config: env.Config(testenv.Resource("google_chat_space_notification_setting", "quiet", "provider", "googlechat",
			"space", testenv.Quote(space.Name), "notification_setting", `"OFF"`, "deletion_policy", `"ABANDON"`)),
		ConfigPlanChecks: emptyPlanAfterApply(),
	}}, "google_chat_space_notification_setting")
}

// Bad settings are refused at plan, on the attribute, with no API write.
func TestAccSpaceNotificationSetting_invalidConfigurations(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	setting := func(provider string, args ...string) string {
		return env.Config(testenv.Resource("google_chat_space_notification_setting", "bad",
			append([]string{"provider", provider, "space", `"spaces/AAAA"`}, args...)...))
	}
	planRefusesAll(t, env, "notification settings", []invalidCase{
		{"not a space name", env.Config(testenv.Resource("google_chat_space_notification_setting", "bad", "provider", "googlechat",
			"space", `"AAAA"`, "mute_setting", `"MUTED"`)), regexp.MustCompile(`(?s)Attribute space must be spaces/\{space\}`)},
		{"an unknown notification setting", setting("googlechat", "notification_setting", `"SOMETIMES"`),
			regexp.MustCompile(`(?s)Attribute notification_setting value must be one of`)},
		{"the reserved notification setting", setting("googlechat", "notification_setting", `"NOTIFICATION_SETTING_UNSPECIFIED"`),
			regexp.MustCompile(`(?s)Attribute notification_setting value must be one of`)},
		{"an unknown mute setting", setting("googlechat", "mute_setting", `"QUIET"`), regexp.MustCompile(`(?s)Attribute mute_setting value must be one of`)},
		{"an unknown deletion policy", setting("googlechat", "mute_setting", `"MUTED"`, "deletion_policy", `"DELETE"`),
			regexp.MustCompile(`(?s)Attribute deletion_policy value must be one of`)},
		{"nothing to set", setting("googlechat"), regexp.MustCompile(`(?s)At least one of these attributes must be configured:\s+\[notification_setting,mute_setting\]`)},
		{"app credentials", setting("googlechatapp", "mute_setting", `"MUTED"`),
			regexp.MustCompile(`(?s)User Credentials Required.*lets only users manage\s+their space notification settings`)},
	})
}
