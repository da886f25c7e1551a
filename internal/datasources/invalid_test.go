package datasources_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
)

func TestAccDataSources_invalidInputMakesNoCalls(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	cases := []struct {
		name, config string
		want         *regexp.Regexp
	}{
		{"space name without prefix", `data "google_chat_space" "bad" {
  provider = googlechat
  name = "AAAA"
}`, regexp.MustCompile(`(?s)with data.google_chat_space.bad,.*name\s+=.*must be spaces/\{space\}`)},
		{"unknown space type", `data "google_chat_spaces" "bad" {
  provider = googlechat
  space_types = ["ROOM"]
}`, regexp.MustCompile(`(?s)with data.google_chat_spaces.bad,.*space_types\s+=.*value must be one of`)},
		{"empty space types", `data "google_chat_spaces" "bad" {
  provider = googlechat
  space_types = []
}`, regexp.MustCompile(`(?s)with data.google_chat_spaces.bad,.*space_types\s+=.*set must contain at least 1 elements`)},
		{"direct message with an email only", `data "google_chat_direct_message" "bad" {
  provider = googlechat
  user = "alice@example.com"
}`, regexp.MustCompile(`(?s)with data.google_chat_direct_message.bad,.*user\s+=.*must be users/\{id or email\}`)},
		{"members of a bad space", `data "google_chat_members" "bad" {
  provider = googlechat
  space = "spaces/"
}`, regexp.MustCompile(`(?s)with data.google_chat_members.bad,.*space\s+=.*must be spaces/\{space\}`)},
		{"members with an unfilterable role", `data "google_chat_members" "bad" {
  provider = googlechat
  space = "spaces/AAAA"
  role = "ROLE_ASSISTANT_MANAGER"
}`, regexp.MustCompile(`(?s)with data.google_chat_members.bad,.*role\s+=.*value must be one of`)},
		{"members of an unknown type", `data "google_chat_members" "bad" {
  provider = googlechat
  space = "spaces/AAAA"
  member_type = "ROBOT"
}`, regexp.MustCompile(`(?s)with data.google_chat_members.bad,.*member_type\s+=.*value must be one of`)},
		{"group chat with no members", `data "google_chat_group_chat" "bad" {
  provider = googlechat
  members  = []
}`, regexp.MustCompile(`(?s)with data.google_chat_group_chat.bad,.*members\s+=.*set must contain at least 1 elements and at most 49`)},
		{"group chat with 50 members", `data "google_chat_group_chat" "bad" {
  provider = googlechat
  members  = [for i in range(50) : "users/${i}"]
}`, regexp.MustCompile(`(?s)with data.google_chat_group_chat.bad,.*members\s+=.*set must contain at least 1 elements and at most 49`)},
		{"group chat with an email only", `data "google_chat_group_chat" "bad" {
  provider = googlechat
  members  = ["bob@example.com"]
}`, regexp.MustCompile(`(?s)with data.google_chat_group_chat.bad,.*members\s+=.*must be users/\{id or email\}`)},
		{"group chat with the app", `data "google_chat_group_chat" "bad" {
  provider = googlechat
  members  = ["users/bob@example.com", "users/app"]
}`, regexp.MustCompile(`(?s)with data.google_chat_group_chat.bad,.*members\s+=.*value must be none of`)},
		{"search with app credentials", `data "google_chat_spaces" "bad" {
  provider = googlechatapp
  query    = "space_type = \"SPACE\" AND display_name:\"ops\""
}`, regexp.MustCompile(`(?s)User Credentials Required.*with data.google_chat_spaces.bad,.*lets only users search spaces`)},
		{"group chat with app credentials", `data "google_chat_group_chat" "bad" {
  provider = googlechatapp
  members  = ["users/123"]
}`, regexp.MustCompile(`(?s)User Credentials Required.*with data.google_chat_group_chat.bad,.*lets only users find group chats`)},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{Config: env.Config(tc.config), ExpectError: tc.want, PlanOnly: true})
	}
	env.ParallelTest(steps)
	if calls := env.Emulator.Requests(); len(calls) != 0 {
		t.Errorf("invalid data source inputs made %d API calls", len(calls))
	}
}
