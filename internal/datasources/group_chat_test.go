package datasources_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
)

// The group chat with exactly the caller and two people, next to one with a
// third person; a set of people with no group chat is a clear error.
func TestAccGroupChatDataSource_findsExactMembers(t *testing.T) {
	env := testenv.New(t)
	pair := testenv.List(env.User(0), env.User(1))
	chats := testenv.Resource("google_chat_space", "pair", "provider", "googlechat", "space_type", `"GROUP_CHAT"`, "initial_members", pair) +
		testenv.Resource("google_chat_space", "trio", "provider", "googlechat", "space_type", `"GROUP_CHAT"`,
			"initial_members", testenv.List(env.User(0), env.User(1), env.User(2)))
	const data = "data.google_chat_group_chat.pair"
	// Read once both chats exist (depends_on defers the read to apply).
	find := testenv.Data("google_chat_group_chat", "pair", "provider", "googlechat", "members", pair,
		"depends_on", "[google_chat_space.pair, google_chat_space.trio]")
	env.ParallelTest([]resource.TestStep{
		{
			Config: env.Config(chats + find),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs(data, tfjsonpath.New("name"), "google_chat_space.pair", tfjsonpath.New("name"), compare.ValuesSame()),
				statecheck.CompareValuePairs(data, tfjsonpath.New("id"), "google_chat_space.pair", tfjsonpath.New("name"), compare.ValuesSame()),
				statecheck.CompareValuePairs(data, tfjsonpath.New("create_time"), "google_chat_space.pair", tfjsonpath.New("create_time"), compare.ValuesSame()),
				statecheck.ExpectKnownValue(data, tfjsonpath.New("space_type"), knownvalue.StringExact("GROUP_CHAT")),
				statecheck.ExpectKnownValue(data, tfjsonpath.New("joined_direct_human_user_count"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue(data, tfjsonpath.New("permission_settings"), knownvalue.Null()),
				statecheck.ExpectKnownValue(data, tfjsonpath.New("members"), knownvalue.SetSizeExact(2)),
			},
		},
		{
			Config: env.Config(chats + testenv.Data("google_chat_group_chat", "none", "provider", "googlechat",
				"members", testenv.List(env.User(2)))),
			ExpectError: regexp.MustCompile(`(?s)No Group Chat Found.*no group chat whose joined human members are exactly\s+the\s+caller`),
		},
	}, "google_chat_space")
}
