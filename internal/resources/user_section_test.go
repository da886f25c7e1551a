package resources_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
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

// sectionsScopes: users.sections needs chat.users.sections, which is not
// among the provider's default user scopes.
var sectionsScopes = testenv.UserScopesPlus("https://www.googleapis.com/auth/chat.users.sections")

var (
	userSectionNameRE = regexp.MustCompile(`^users/[^/]+/sections/[A-Za-z0-9_-]+$`)
	sectionItemNameRE = regexp.MustCompile(`^users/[^/]+/sections/[A-Za-z0-9_-]+/items/[A-Za-z0-9_-]+$`)
)

const (
	userSectionAddress = "google_chat_user_section.work"
	sectionItemAddress = "google_chat_user_section_item.room"
)

// userSectionHCL is the section work with more arguments.
func userSectionHCL(displayName string, more ...string) string {
	return testenv.Resource("google_chat_user_section", "work", append([]string{"provider", "googlechat",
		"display_name", testenv.Quote(displayName)}, more...)...)
}

// sectionOfSpace is the ID of the section the caller's space sits in, as the
// API answers.
func sectionOfSpace(env *testenv.Env, space string) (string, error) {
	items, err := env.Client(chatapi.AuthModeUser).ListSectionItems(context.Background(), "users/me/sections/-", "space = "+space)
	if err != nil || len(items) != 1 {
		return "", fmt.Errorf("items of %s: %v %v", space, items, err)
	}
	section := strings.Split(items[0].Name, "/items/")[0]
	return section[strings.LastIndex(section, "/")+1:], nil
}

// attr reads an attribute of a resource in state.
func attr(s *terraform.State, address, name string) string {
	return s.RootModule().Resources[address].Primary.Attributes[name]
}

func TestAccUserSection_createPositionRenameImportDrift(t *testing.T) {
	env := testenv.New(t)
	env.UserScopes = sectionsScopes
	name, renamed := named("work"), named("renamed")
	var section string
	first := env.Config(userSectionHCL(name, "position", `"START"`))
	client := env.Client(chatapi.AuthModeUser)
	env.ParallelTest([]resource.TestStep{
		{
			Config: first,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(userSectionAddress, tfjsonpath.New("name"), knownvalue.StringRegexp(userSectionNameRE)),
				statecheck.ExpectKnownValue(userSectionAddress, tfjsonpath.New("type"), knownvalue.StringExact("CUSTOM_SECTION")),
				statecheck.ExpectKnownValue(userSectionAddress, tfjsonpath.New("sort_order"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(userSectionAddress, tfjsonpath.New("display_name"), knownvalue.StringExact(name)),
			},
			ConfigPlanChecks: emptyPlanAfterApply(),
			Check:            captureName(userSectionAddress, &section),
		},
		{
			// Imported by name; position is the configuration's alone.
			ResourceName: userSectionAddress, ImportState: true, ImportStateVerify: true,
			ImportStateVerifyIgnore: []string{"timeouts", "position"},
		},
		{
			// Renamed and put last: in place.
			Config: env.Config(userSectionHCL(renamed, "position", `"END"`)),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction(userSectionAddress, plancheck.ResourceActionUpdate),
				plancheck.ExpectUnknownValue(userSectionAddress, tfjsonpath.New("sort_order"))),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(userSectionAddress, tfjsonpath.New("display_name"), knownvalue.StringExact(renamed)),
				statecheck.ExpectKnownValue(userSectionAddress, tfjsonpath.New("sort_order"), knownvalue.Int64Exact(4)),
			},
		},
		{
			// Renamed outside Terraform: renamed back, in place.
			PreConfig: outOfBand(t, func() error {
				_, err := client.PatchSectionDisplayName(context.Background(), section, "elsewhere")
				return err
			}),
			Config:           env.Config(userSectionHCL(renamed, "position", `"END"`)),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction(userSectionAddress, plancheck.ResourceActionUpdate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(userSectionAddress, tfjsonpath.New("display_name"), knownvalue.StringExact(renamed)),
			},
		},
		{
			// Deleted outside Terraform: created again, at position 2.
			PreConfig:        outOfBand(t, func() error { return client.DeleteSection(context.Background(), section) }),
			Config:           env.Config(userSectionHCL(renamed, "position", `"2"`)),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction(userSectionAddress, plancheck.ResourceActionCreate)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(userSectionAddress, tfjsonpath.New("sort_order"), knownvalue.Int64Exact(2)),
			},
		},
	}, testenv.TypeUserSection)
}

// sectionItemConfig is sections work and play, and the item of space in
// section (an HCL expression).
func sectionItemConfig(env *testenv.Env, name, space, section string) string {
	return env.Config(userSectionHCL(name+" work") +
		testenv.Resource("google_chat_user_section", "play", "provider", "googlechat", "display_name", testenv.Quote(name+" play")) +
		testenv.Resource("google_chat_user_section_item", "room", "provider", "googlechat", "space", testenv.Quote(space), "section", section))
}

// wantSpaceIn checks space sits in the section of the address's name (or
// the section ID given).
func wantSpaceIn(env *testenv.Env, space, address string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		want := address
		if rs := s.RootModule().Resources[address]; rs != nil {
			name := rs.Primary.Attributes["name"]
			want = name[strings.LastIndex(name, "/")+1:]
		}
		got, err := sectionOfSpace(env, space)
		if err == nil && got != want {
			err = fmt.Errorf("%s is in section %s, want %s", space, got, want)
		}
		return err
	}
}

func TestAccUserSectionItem_moveImportDriftAndBack(t *testing.T) {
	env := testenv.New(t)
	env.UserScopes = sectionsScopes
	name := named("arranged")
	client := env.Client(chatapi.AuthModeUser)
	// The space outlives the test: made outside Terraform, as in
	// TestAccSpaceNotificationSetting_abandon.
	room, err := client.SetUpSpace(context.Background(), &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "SPACE", DisplayName: name}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.DeleteSpace(context.Background(), room.Name) })
	inWork := sectionItemConfig(env, name, room.Name, "google_chat_user_section.work.name")
	env.ParallelTest([]resource.TestStep{
		{
			Config: inWork,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(sectionItemAddress, tfjsonpath.New("name"), knownvalue.StringRegexp(sectionItemNameRE)),
				statecheck.ExpectKnownValue(sectionItemAddress, tfjsonpath.New("id"), knownvalue.StringExact(room.Name)),
			},
			ConfigPlanChecks: emptyPlanAfterApply(),
			Check:            wantSpaceIn(env, room.Name, userSectionAddress),
		},
		{
			// Imported by the space...
			ResourceName: sectionItemAddress, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"},
			ImportStateId: room.Name,
		},
		{
			// ...and by the item's name.
			ResourceName: sectionItemAddress, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"},
			ImportStateIdFunc: func(s *terraform.State) (string, error) { return attr(s, sectionItemAddress, "name"), nil },
		},
		{
			// Moved outside Terraform: moved back.
			PreConfig: outOfBand(t, func() error {
				items, err := client.ListSectionItems(context.Background(), "users/me/sections/-", "space = "+room.Name)
				if err != nil || len(items) != 1 {
					return fmt.Errorf("items: %v %v", items, err)
				}
				_, err = client.MoveSectionItem(context.Background(), items[0].Name, "users/me/sections/default-spaces")
				return err
			}),
			Config:           inWork,
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction(sectionItemAddress, plancheck.ResourceActionUpdate)),
			Check:            wantSpaceIn(env, room.Name, userSectionAddress),
		},
		{
			// Another section: moved in place.
			Config: sectionItemConfig(env, name, room.Name, "google_chat_user_section.play.name"),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction(sectionItemAddress, plancheck.ResourceActionUpdate),
				plancheck.ExpectUnknownValue(sectionItemAddress, tfjsonpath.New("name"))),
			Check: wantSpaceIn(env, room.Name, "google_chat_user_section.play"),
		},
		{
			// A system section, by users/me: the space's own default.
			Config:           sectionItemConfig(env, name, room.Name, `"users/me/sections/default-spaces"`),
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction(sectionItemAddress, plancheck.ResourceActionUpdate)),
			Check:            wantSpaceIn(env, room.Name, "default-spaces"),
		},
		{
			// Back in a custom section, which destroy leaves.
			Config:           inWork,
			ConfigPlanChecks: emptyPlanAfterApply(plancheck.ExpectResourceAction(sectionItemAddress, plancheck.ResourceActionUpdate)),
		},
	}, testenv.TypeUserSectionItem, testenv.TypeUserSection)
}

// Bad sections and items are refused at plan, on the attribute, with no
// API write.
func TestAccUserSection_invalidConfigurations(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	section := func(provider, displayName string, more ...string) string {
		return env.Config(testenv.Resource("google_chat_user_section", "bad",
			append([]string{"provider", provider, "display_name", displayName}, more...)...))
	}
	item := func(provider, space, section string) string {
		return env.Config(testenv.Resource("google_chat_user_section_item", "bad", "provider", provider, "space", space, "section", section))
	}
	planRefusesAll(t, env, "sections", []invalidCase{
		{"an empty display name", section("googlechat", `""`), regexp.MustCompile(`(?s)Attribute display_name UTF-8 character count must be between 1 and 80`)},
		{"81 characters", section("googlechat", testenv.Quote(strings.Repeat("é", 81))),
			regexp.MustCompile(`(?s)Attribute display_name UTF-8 character count must be between 1 and 80`)},
		{"only whitespace", section("googlechat", `"   "`), regexp.MustCompile(`(?s)Attribute display_name must not be only whitespace`)},
		{"a relative position the API lacks", section("googlechat", `"Work"`, "position", `"MIDDLE"`),
			regexp.MustCompile(`(?s)Attribute position must be START, END or a number from 1`)},
		{"position 0", section("googlechat", `"Work"`, "position", `"0"`), regexp.MustCompile(`(?s)Attribute position must be START, END`)},
		{"a section with app credentials", section("googlechatapp", `"Work"`),
			regexp.MustCompile(`(?s)User Credentials Required.*lets only users manage\s+their sections`)},
		{"an item of a bad space", item("googlechat", `"AAAA"`, `"users/me/sections/default-spaces"`),
			regexp.MustCompile(`(?s)Attribute space must be spaces/\{space\}`)},
		{"an item in a bare section ID", item("googlechat", missingSpace, `"default-spaces"`),
			regexp.MustCompile(`(?s)Attribute section must be users/\{user\}/sections/\{section\}`)},
		{"an item with app credentials", item("googlechatapp", missingSpace, `"users/me/sections/default-spaces"`),
			regexp.MustCompile(`(?s)User Credentials Required.*lets only users arrange\s+their sections`)},
	})
}
