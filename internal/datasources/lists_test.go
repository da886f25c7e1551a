package datasources_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	chat "google.golang.org/api/chat/v1"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/chatapi"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

func human(name string) *chat.Membership {
	return &chat.Membership{Member: &chat.User{Name: name, Type: "HUMAN"}}
}

// Spaces, a DM and members made outside Terraform, read through pages of two.
func TestAccListDataSources_readWhatTheConfigurationDidNotCreate(t *testing.T) {
	env := testenv.NewWithOptions(t, emulator.Options{PageSizeLimit: 2, InvitedUsers: []string{"frank@example.com"}})
	env.RequireEmulator()
	ctx := context.Background()
	client := env.Client(chatapi.AuthModeUser)
	var spaceNames []string
	for _, name := range []string{"Alpha", "Beta", "Gamma"} {
		space, err := client.SetUpSpace(ctx, &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "SPACE", DisplayName: name},
			Memberships: []*chat.Membership{human("users/bob@example.com"), human("users/carol@example.com"), human("users/dave@example.com"),
				human("users/frank@example.com"), {GroupMember: &chat.Group{Name: "groups/engineering"}}}})
		if err != nil {
			t.Fatal(err)
		}
		spaceNames = append(spaceNames, space.Name)
	}
	dm, err := client.SetUpSpace(ctx, &chat.SetUpSpaceRequest{Space: &chat.Space{SpaceType: "DIRECT_MESSAGE"},
		Memberships: []*chat.Membership{human("users/erin@example.com")}})
	if err != nil {
		t.Fatal(err)
	}
	// A DM is listed only after its first message.
	if _, err := client.CreateMessage(ctx, dm.Name, &chat.Message{Text: "hi"}, chatapi.MessageOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.PatchMembership(ctx, spaceNames[0]+"/members/carol@example.com", "ROLE_MANAGER"); err != nil {
		t.Fatal(err)
	}
	env.ParallelTest([]resource.TestStep{{
		Config: env.Config(`
data "google_chat_spaces" "all" {
  provider = googlechat
}

data "google_chat_spaces" "named" {
  provider    = googlechat
  space_types = ["SPACE"]
}

data "google_chat_direct_message" "erin" {
  provider = googlechat
  user     = "users/erin@example.com"
}

data "google_chat_members" "everyone" {
  provider     = googlechat
  space        = data.google_chat_spaces.named.spaces[0].name
  show_groups  = true
  show_invited = true
}

data "google_chat_members" "joined_humans" {
  provider    = googlechat
  space       = data.google_chat_spaces.named.spaces[0].name
  member_type = "HUMAN"
}

data "google_chat_members" "managers" {
  provider = googlechat
  space    = data.google_chat_spaces.named.spaces[0].name
  role     = "ROLE_MANAGER"
}
`),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.google_chat_spaces.all", tfjsonpath.New("spaces"), knownvalue.ListSizeExact(4)),
			statecheck.ExpectKnownValue("data.google_chat_spaces.named", tfjsonpath.New("spaces"), knownvalue.ListSizeExact(3)),
			statecheck.ExpectKnownValue("data.google_chat_spaces.named", tfjsonpath.New("spaces").AtSliceIndex(2).AtMapKey("display_name"), knownvalue.StringExact("Gamma")),
			statecheck.ExpectKnownValue("data.google_chat_direct_message.erin", tfjsonpath.New("name"), knownvalue.StringExact(dm.Name)),
			statecheck.ExpectKnownValue("data.google_chat_direct_message.erin", tfjsonpath.New("space_type"), knownvalue.StringExact("DIRECT_MESSAGE")),
			// alice, bob, carol, dave, the invited frank and the group: three pages of two.
			statecheck.ExpectKnownValue("data.google_chat_members.everyone", tfjsonpath.New("members"), knownvalue.ListSizeExact(6)),
			statecheck.ExpectKnownValue("data.google_chat_members.joined_humans", tfjsonpath.New("members"), knownvalue.ListSizeExact(4)),
			statecheck.ExpectKnownValue("data.google_chat_members.managers", tfjsonpath.New("members"), knownvalue.ListSizeExact(2)),
			statecheck.ExpectKnownValue("data.google_chat_members.everyone", tfjsonpath.New("members").AtSliceIndex(5).AtMapKey("group_member"), knownvalue.StringExact("groups/engineering")),
		},
	}})
	if pages := countRequests(env, "chat.spaces.members.list"); pages < 3+2+1 {
		t.Errorf("members.list was called %d times; the lists must walk every page", pages)
	}
}

func countRequests(env *testenv.Env, rpc string) int {
	n := 0
	for _, r := range env.Emulator.Requests() {
		if r.RPC == rpc {
			n++
		}
	}
	return n
}

func TestAccDirectMessageDataSource_noneFound(t *testing.T) {
	env := testenv.New(t)
	env.ParallelTest([]resource.TestStep{{
		Config:      env.Config(testenv.Data("google_chat_direct_message", "nobody", "provider", "googlechat", "user", testenv.Quote("users/dave@example.com"))),
		ExpectError: regexp.MustCompile(`(?s)No Direct Message Found.*There is no direct message between the caller and\s+users/dave@example.com`),
	}})
}
