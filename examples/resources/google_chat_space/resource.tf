# A named space, set up by a user with its first members (groups need user
# credentials). See the provider example for the googlechat.user alias.
resource "google_chat_space" "platform" {
  provider      = googlechat.user
  display_name  = "Platform team"
  description   = "Deploys, incidents and on-call hand-offs."
  guidelines    = "Use threads. Page on-call for anything urgent."
  history_state = "HISTORY_ON"

  initial_members = [
    "users/alice@example.com",
    "users/bob@example.com",
    "groups/engineering",
  ]

  # Only managers may add apps or webhooks; everyone else keeps the defaults.
  permission_settings = {
    manage_apps = {
      managers_allowed           = true
      assistant_managers_allowed = true
      members_allowed            = false
    }
    manage_webhooks = {
      managers_allowed           = true
      assistant_managers_allowed = false
      members_allowed            = false
    }
  }
}

# An announcement space the Chat app owns (app credentials use spaces.create).
resource "google_chat_space" "announcements" {
  provider                       = googlechat
  display_name                   = "Release announcements"
  predefined_permission_settings = "ANNOUNCEMENT_SPACE"
  deletion_policy                = "ABANDON"
}

# A group chat and a direct message need user credentials.
resource "google_chat_space" "leads" {
  provider        = googlechat.user
  space_type      = "GROUP_CHAT"
  initial_members = ["users/alice@example.com", "users/bob@example.com"]
}

resource "google_chat_space" "dm_with_app" {
  provider           = googlechat.user
  space_type         = "DIRECT_MESSAGE"
  single_user_bot_dm = true
}
