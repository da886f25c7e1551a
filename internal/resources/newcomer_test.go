package resources_test

// Acceptance tests for a newcomer's first hour: plans that say what they can,
// drift shown as configured, permission settings out of diffs, errors at the
// attribute at fault, and emails refused with app credentials at plan time.

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	chat "google.golang.org/api/chat/v1"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// appUser is env.User(i) as a Chat app must name it: users/{id}, since the
// API takes an email in users/{email} only from users. The emulator seeds
// emulator.DefaultUsers with IDs users/100000000000000000001 and up; live
// runs already list users/{id}.
func appUser(env *testenv.Env, i int) string {
	user := env.User(i)
	email, isEmail := strings.CutPrefix(user, "users/")
	if !isEmail || !strings.Contains(email, "@") {
		return user
	}
	if index := slices.Index(emulator.DefaultUsers, email); index >= 0 {
		return fmt.Sprintf("users/1%020d", index+1)
	}
	return user
}

// appRoomConfig is a space the Chat app creates, with two human members by ID.
func appRoomConfig(env *testenv.Env, name string) string {
	return env.Config(spaceHCL("room", "googlechatapp", name, "initial_members", testenv.List(appUser(env, 0), appUser(env, 1))))
}

// expectUnchanged checks that a planned change of address leaves attribute
// exactly as it was: known, and equal before and after.
func expectUnchanged(address, attribute string) plancheck.PlanCheck {
	return unchanged{address, attribute}
}

type unchanged struct{ address, attribute string }

func (c unchanged) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.address {
			continue
		}
		if unknown, _ := rc.Change.AfterUnknown.(map[string]any); unknown != nil && unknown[c.attribute] != nil && unknown[c.attribute] != false {
			resp.Error = fmt.Errorf("%s.%s is (partly) unknown in the plan: %v", c.address, c.attribute, unknown[c.attribute])
			return
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		if !reflect.DeepEqual(before[c.attribute], after[c.attribute]) {
			resp.Error = fmt.Errorf("%s.%s changes in the plan:\n  before %v\n  after  %v", c.address, c.attribute, before[c.attribute], after[c.attribute])
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the plan", c.address)
}

// Point 1: a new message plans private_message_viewer as null, and a card
// edit keeps formatted_text; only a text edit makes it unknown.
func TestAccMessage_plannedValuesAreKnown(t *testing.T) {
	env := testenv.New(t)
	name := named("known")
	const address = "google_chat_message.card"
	config := func(text, title string) string {
		return appRoomConfig(env, name) + fmt.Sprintf(`
resource "google_chat_message" "card" {
  provider = googlechatapp
  space    = google_chat_space.room.name
  text     = %q
  cards_v2 = jsonencode([{ cardId = "c", card = { header = { title = %q } } }])
}
`, text, title)
	}
	env.ParallelTest([]resource.TestStep{
		{
			Config: config("Hello *world*", "First"),
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionCreate),
				plancheck.ExpectKnownValue(address, tfjsonpath.New("private_message_viewer"), knownvalue.Null()),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("private_message_viewer"), knownvalue.Null()),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("formatted_text"), knownvalue.StringExact("Hello *world*")),
			},
		},
		{
			// A card edit: formatted_text and the viewer stay known.
			Config: config("Hello *world*", "Second"),
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(address, tfjsonpath.New("formatted_text"), knownvalue.StringExact("Hello *world*")),
				plancheck.ExpectKnownValue(address, tfjsonpath.New("private_message_viewer"), knownvalue.Null()),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("cards_v2"), knownvalue.StringRegexp(regexp.MustCompile(`Second`))),
			},
		},
		{
			// A text edit: formatted_text is the API's to say.
			Config: config("Hello again", "Second"),
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
				plancheck.ExpectUnknownValue(address, tfjsonpath.New("formatted_text")),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("formatted_text"), knownvalue.StringExact("Hello again")),
			},
		},
		{
			// A private message names its viewer by ID, as configured.
			Config: config("Hello again", "Second") +
				messageHCL("private", "googlechatapp", roomName, "Just for you", "private_message_viewer", testenv.Quote(appUser(env, 1))),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectKnownValue("google_chat_message.private", tfjsonpath.New("private_message_viewer"), knownvalue.StringExact(appUser(env, 1)))),
		},
	}, "google_chat_message", "google_chat_space")
}

// Point 2: a member promoted outside Terraform shows in the plan by the
// email the configuration uses, not as users/{id}.
func TestAccSpaceMembers_driftShowsTheConfiguredSpelling(t *testing.T) {
	env := testenv.New(t)
	env.UserScopes = testenv.UserScopesWithReadState // google_chat_space_members identifies the calling user
	env.RequireEmulator()
	name := named("spelling")
	config := userSpaceConfig(env, name) + spaceMembersHCL("room", "googlechat", roomName,
		"members", testenv.List("users/bob@example.com", "users/dave@example.com"), "managers", testenv.List("users/carol@example.com"))
	client := env.Client(chatapi.AuthModeUser)
	var space string
	env.ParallelTest([]resource.TestStep{
		{
			Config:           config,
			ConfigPlanChecks: emptyPlanAfterApply(),
			Check:            captureName("google_chat_space.room", &space),
		},
		{
			// dave promoted, and erin (unknown to the resource) added, out of band.
			PreConfig: func() {
				ctx := context.Background()
				if _, err := client.PatchMembership(ctx, space+"/members/dave@example.com", "ROLE_MANAGER"); err != nil {
					t.Fatal(err)
				}
				if _, err := client.CreateMembership(ctx, space, &chat.Membership{Member: &chat.User{Name: "users/erin@example.com", Type: "HUMAN"}}); err != nil {
					t.Fatal(err)
				}
			},
			Config: config,
			ConfigPlanChecks: emptyPlanAfterApply(
				expectSetChange("google_chat_space_members.room", "members",
					[]string{"users/bob@example.com", "users/100000000000000000005"},
					[]string{"users/bob@example.com", "users/dave@example.com"}),
				expectSetChange("google_chat_space_members.room", "managers",
					[]string{"users/carol@example.com", "users/dave@example.com"}, []string{"users/carol@example.com"}),
			),
			Check: env.CheckSpaceMembers(name, 4), // alice, bob, carol, dave
		},
	}, "google_chat_space_members", "google_chat_space")
}

// Point 3: permission settings nobody configured are recorded but never in
// a plan's diff: not on another change, not after a change outside
// Terraform, not when a configured one is dropped from the configuration.
func TestAccSpace_unconfiguredPermissionSettingsStayOutOfDiffs(t *testing.T) {
	env := testenv.New(t)
	name := named("perms")
	const address = "google_chat_space.test"
	config := func(description string, permissions ...string) string {
		return env.Config(spaceHCL("test", "googlechat", name, append([]string{"description", testenv.Quote(description)}, permissions...)...))
	}
	manageApps := []string{"permission_settings", `{
    manage_apps = {
      managers_allowed           = true
      assistant_managers_allowed = false
      members_allowed            = false
    }
  }`}
	client := env.Client(chatapi.AuthModeUser)
	var space string
	// webhooksBy changes manage_webhooks outside Terraform.
	webhooksBy := func(assistants, members bool) func() {
		return func() {
			setting := &chat.PermissionSetting{ManagersAllowed: true, AssistantManagersAllowed: assistants, MembersAllowed: members}
			if _, err := client.PatchSpace(context.Background(), space, &chat.Space{PermissionSettings: &chat.PermissionSettings{ManageWebhooks: setting}},
				[]string{"permission_settings.manageWebhooks"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	env.ParallelTest([]resource.TestStep{
		{
			// None configured: all nine recorded, no diff after apply.
			Config:           config("first"),
			ConfigPlanChecks: emptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("permission_settings").AtMapKey("manage_webhooks").AtMapKey("members_allowed"), knownvalue.Bool(true)),
			},
			Check: captureName(address, &space),
		},
		{
			// Changed outside Terraform, and the description edited: the
			// plan changes the description only.
			PreConfig: webhooksBy(true, false),
			Config:    config("second"),
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
				expectUnchanged(address, "permission_settings"),
				plancheck.ExpectKnownValue(address, tfjsonpath.New("permission_settings").AtMapKey("manage_webhooks").AtMapKey("members_allowed"), knownvalue.Bool(false)),
			),
		},
		{
			// One configured: only it changes.
			Config: config("second", manageApps...),
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectKnownValue(address, tfjsonpath.New("permission_settings").AtMapKey("manage_apps").AtMapKey("assistant_managers_allowed"), knownvalue.Bool(false)),
				plancheck.ExpectKnownValue(address, tfjsonpath.New("permission_settings").AtMapKey("manage_webhooks").AtMapKey("members_allowed"), knownvalue.Bool(false)),
				plancheck.ExpectKnownValue(address, tfjsonpath.New("permission_settings").AtMapKey("post_messages").AtMapKey("members_allowed"), knownvalue.Bool(true)),
			),
		},
		{
			// An unconfigured one changed outside Terraform next to a
			// configured one, with another change: still out of the diff.
			PreConfig: webhooksBy(false, false),
			Config:    config("third", manageApps...),
			ConfigPlanChecks: emptyPlanAfterApply(
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
				expectUnchanged(address, "permission_settings"),
			),
		},
		{
			// Dropped from the configuration: no longer managed, nothing changes.
			Config: config("third"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		},
	}, "google_chat_space")
}

// Point 4: an API error about one attribute points at that attribute.
func TestAccErrors_pointAtTheAttributeAtFault(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	name := named("fault")
	room := userSpaceConfig(env, name)
	env.ParallelTest([]resource.TestStep{
		{
			Config:      room + messageHCL("bad", "googlechatapp", missingSpace, "to nowhere"),
			ExpectError: attributeError("google_chat_message.bad", "space", "spaces.messages.create failed: 404"),
		},
		{
			Config:      room + membershipHCL("bad", "googlechat", roomName, "users/zed@example.com"),
			ExpectError: attributeError("google_chat_membership.bad", "member", "spaces.members.create failed: 404"),
		},
		{
			Config:      room + membershipHCL("bad", "googlechat", missingSpace, "users/bob@example.com"),
			ExpectError: attributeError("google_chat_membership.bad", "space", "spaces.members.create failed: 404"),
		},
		{
			Config:      room + spaceMembersHCL("bad", "googlechat", roomName, "members", testenv.List("users/zed@example.com")),
			ExpectError: attributeError("google_chat_space_members.bad", "members", "spaces.members.create users/zed@example.com failed: 404"),
		},
		{Config: room},
	}, "google_chat_message", "google_chat_membership", "google_chat_space_members", "google_chat_space")
}

// Point 5: with app credentials an email in users/{email} is refused at plan
// time where a method the provider calls takes it only from a user, with no
// API call; users/{id} plans, and so does a private message's viewer by email
// (nothing in the documents forbids it).
func TestAccEmails_refusedWithAppCredentials(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	const reason = "the Chat API accepts an email as users/{email} only with user credentials; use users/{id} or a provider with user credentials"
	const space = missingSpace
	cases := []struct {
		name, config string
		want         *regexp.Regexp // nil: plans without error
	}{
		{"membership", membershipHCL("bad", "googlechatapp", space, "users/bob@example.com"),
			attributeError("google_chat_membership.bad", "member", "users/bob@example.com: with app credentials, name the member as users/{id}")},
		{"space members", spaceMembersHCL("bad", "googlechatapp", space,
			"members", testenv.List("users/100000000000000000002"), "managers", testenv.List("users/carol@example.com")),
			attributeError("google_chat_space_members.bad", "managers", "users/carol@example.com: "+reason)},
		{"initial members", testenv.Resource("google_chat_space", "bad", "provider", "googlechatapp", "display_name", testenv.Quote("x"),
			"initial_members", testenv.List("users/100000000000000000002", "users/dave@example.com")),
			attributeError("google_chat_space.bad", "initial_members", "users/dave@example.com: "+reason)},
		{"direct message", `
data "google_chat_direct_message" "bad" {
  provider = googlechatapp
  user     = "users/erin@example.com"
}
`, attributeError("data.google_chat_direct_message.bad", "user", "users/erin@example.com: "+reason)},
		{"IDs with app credentials", membershipHCL("ok", "googlechatapp", space, "users/100000000000000000002") +
			messageHCL("ok", "googlechatapp", space, "psst", "private_message_viewer", testenv.Quote("users/100000000000000000002")), nil},
		{"a private message's viewer by email with app credentials",
			messageHCL("ok", "googlechatapp", space, "psst", "private_message_viewer", testenv.Quote("users/bob@example.com")), nil},
		{"emails with user credentials", membershipHCL("ok", "googlechat", space, "users/bob@example.com") +
			spaceMembersHCL("ok", "googlechat", space, "members", testenv.List("users/carol@example.com")), nil},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		step := resource.TestStep{Config: env.Config(tc.config), PlanOnly: true, ExpectError: tc.want}
		if tc.want == nil {
			step.ExpectNonEmptyPlan = true
		}
		steps = append(steps, step)
	}
	env.ParallelTest(steps)
	if calls := env.Emulator.Requests(); len(calls) != 0 {
		t.Errorf("planning made %d API calls; the email checks need none: %+v", len(calls), calls)
	}
}
