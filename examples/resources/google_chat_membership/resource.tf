# A user by email, promoted to space manager (shown as owner in Chat).
resource "google_chat_membership" "alice" {
  provider = googlechat.user
  space    = google_chat_space.platform.name
  member   = "users/alice@example.com"
  role     = "ROLE_MANAGER"
}

# A Google group (user credentials, named spaces only).
resource "google_chat_membership" "engineering" {
  provider     = googlechat.user
  space        = google_chat_space.platform.name
  group_member = "groups/engineering"
}

# The Chat app itself, added by a user so it can post in the space. Removing it
# later needs the chat.memberships.app scope in that provider's scopes.
resource "google_chat_membership" "app" {
  provider = googlechat.user
  space    = google_chat_space.platform.name
  member   = "users/app"
}

# An administrator (use_admin_access on the googlechat.admin alias) adds an
# auditor to a space the administrator is not in.
resource "google_chat_membership" "auditor" {
  provider = googlechat.admin
  space    = "spaces/AAAAAAAAAAA"
  member   = "users/auditor@example.com"
}
