package resources_test

import (
	"regexp"
	"testing"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
)

func TestAccMembership_invalidInputMakesNoWrites(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	const bad = "google_chat_membership.bad"
	membership := func(provider, attrs string) string {
		return env.Config("resource \"google_chat_membership\" \"bad\" {\n  provider = " + provider + "\n  space = \"spaces/AAAAAAAAAAA\"\n" + attrs + "\n}\n")
	}
	members := func(attrs string) string {
		return env.Config("resource \"google_chat_space_members\" \"bad\" {\n  provider = googlechat\n  space = \"spaces/AAAAAAAAAAA\"\n" + attrs + "\n}\n")
	}
	cases := []invalidCase{
		{"neither member nor group", membership("googlechat", `role = "ROLE_MEMBER"`), blockError("No attribute specified when one (and only one) of [member,group_member] is required")},
		{"both member and group", membership("googlechat", `member = "users/bob@example.com"
  group_member = "groups/engineering"`), attributeError(bad, "member", "2 attributes specified when one (and only one) of")},
		{"member without prefix", membership("googlechat", `member = "bob@example.com"`), attributeError(bad, "member", "must be users/{id or email} or users/app")},
		{"group by email", membership("googlechat", `group_member = "groups/eng@example.com"`), attributeError(bad, "group_member", "must be groups/{id}")},
		{"unknown role", membership("googlechat", `member = "users/bob@example.com"
  role = "OWNER"`), attributeError(bad, "role", "value must be one of")},
		{"role for a group", membership("googlechat", `group_member = "groups/engineering"
  role = "ROLE_MANAGER"`), attributeError(bad, "role", "cannot be specified when")},
		{"app adds a group", membership("googlechatapp", `group_member = "groups/engineering"`), attributeError(bad, "group_member", "Chat apps can't add Google groups")},
		{"app names the member by email", membership("googlechatapp", `member = "users/bob@example.com"`),
			attributeError(bad, "member", "spaces.members.get accepts an email as an alias for {member} only with user authentication. Use users/{id}")},
		{"app adds itself", membership("googlechatapp", `member = "users/app"`), attributeError(bad, "member", "doesn't let an app add a Chat app")},
		{"bad space", env.Config("resource \"google_chat_membership\" \"bad\" {\n  provider = googlechat\n  space = \"AAAA\"\n  member = \"users/bob@example.com\"\n}\n"), attributeError(bad, "space", "must be spaces/{space}")},
		{"listed twice", members(`members = ["users/bob@example.com"]
  managers = ["users/bob@example.com"]`), regexp.MustCompile(`(?s)Member Listed Twice.*users/bob@example.com is in both (members and managers|managers and members)`)},
		{"the app in a member list", members(`members = ["users/app"]`), attributeError("google_chat_space_members.bad", "members", "value must be none of")},
		{"a group in a member list", members(`managers = ["groups/engineering"]`), attributeError("google_chat_space_members.bad", "managers", "must be users/{id or email}")},
		{"audience from an app at creation", env.Config(`
resource "google_chat_space" "bad" {
  provider        = googlechatapp
  display_name    = "x"
  access_settings = { audience = "audiences/default" }
}
`), blockError("Setting a target audience requires user authentication")},
	}
	planRefusesAll(t, env, "memberships", cases)
}
