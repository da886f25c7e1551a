# Put a space in one of the calling user's sections; destroy moves it back
# to its default section. Needs user credentials whose scopes include
# https://www.googleapis.com/auth/chat.users.sections (not a default scope).
resource "google_chat_user_section_item" "platform" {
  provider = googlechat.user
  space    = google_chat_space.platform.name
  section  = google_chat_user_section.platform.name
}

# A system section by its constant ID: a space's own default section.
resource "google_chat_user_section_item" "announcements" {
  provider = googlechat.user
  space    = "spaces/AAAAbbbbCCC"
  section  = "users/me/sections/default-spaces"
}
