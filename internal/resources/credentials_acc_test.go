package resources_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	testenv "github.com/seed-da88c8a3/terraform-provider-googlechat/internal/acctest"
	"github.com/seed-da88c8a3/terraform-provider-googlechat/internal/emulator"
)

// A token without the scope a call needs fails at apply, and the error
// names the scopes the call accepts (from the discovery document) and the
// ones the provider asked for. The app's key asks for chat.app.spaces and
// chat.app.delete but not chat.bot, which spaces.messages.create needs.
func TestAccScopes_messageWithoutChatBotNamesTheScope(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	env.CredentialMode = "files" // the shortcut tokens hold every scope
	env.ProviderSettings = `scopes = ["https://www.googleapis.com/auth/chat.app.spaces", "https://www.googleapis.com/auth/chat.app.delete"]`
	name := named("scopes")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.ProviderFactories(),
		CheckDestroy:             env.CheckDestroy("google_chat_message", "google_chat_space"),
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
resource "google_chat_space" "room" {
  provider     = googlechatapp
  display_name = %q
}

resource "google_chat_message" "hello" {
  provider = googlechatapp
  space    = google_chat_space.room.name
  text     = "hello"
}
`, name)),
			ExpectError: regexp.MustCompile(`(?s)insufficient authentication scopes.*spaces\.messages\.create needs one of:\s+https://www\.googleapis\.com/auth/chat\.bot.*The provider requested\s+https://www\.googleapis\.com/auth/chat\.app\.spaces`),
		}},
	})
}

// Until an administrator approves the app's chat.app.* scopes, a space the
// app creates fails with the administrator's fix, not with advice to switch
// auth_mode.
func TestAccScopes_unapprovedAppScopesNameTheFix(t *testing.T) {
	env := testenv.NewWithOptions(t, emulator.Options{AppScopesUnapproved: true})
	env.RequireEmulator()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.ProviderFactories(),
		CheckDestroy:             env.CheckDestroy("google_chat_space"),
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
resource "google_chat_space" "room" {
  provider     = googlechatapp
  display_name = %q
}
`, named("unapproved"))),
			ExpectError: regexp.MustCompile(`(?s)administrator must grant the\s+app.*administrator's\s+approval.*https://support\.google\.com/a\?p=chat-app-auth`),
		}},
	})
}

// A message the caller's role may not post fails at apply with the API's
// error and advice on the space's permission settings: in an announcement
// space only managers post, and the Chat app, added by a manager, is a
// member.
func TestAccPermissions_announcementSpaceRefusesTheAppsPost(t *testing.T) {
	env := testenv.New(t)
	env.RequireEmulator()
	env.UserScopes = testenv.UserScopesWithAppMembership // the app's membership is removed at destroy
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.ProviderFactories(),
		CheckDestroy:             env.CheckDestroy("google_chat_message", "google_chat_membership", "google_chat_space"),
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
resource "google_chat_space" "news" {
  provider                       = googlechat
  display_name                   = %q
  predefined_permission_settings = "ANNOUNCEMENT_SPACE"
}

resource "google_chat_membership" "app" {
  provider = googlechat
  space    = google_chat_space.news.name
  member   = "users/app"
}

resource "google_chat_message" "news" {
  provider   = googlechatapp
  space      = google_chat_membership.app.space
  text       = "hello"
}
`, named("announce"))),
			ExpectError: regexp.MustCompile(`(?s)403 PERMISSION_DENIED.*post_messages.*announcement space lets only managers\s+post`),
		}},
	})
}
