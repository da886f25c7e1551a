# A section at the top of the calling user's navigation panel. Needs user
# credentials whose scopes include
# https://www.googleapis.com/auth/chat.users.sections (not a default scope:
# add it to the provider's scopes, or grant it to the credentials).
resource "google_chat_user_section" "platform" {
  provider     = googlechat.user
  display_name = "Platform team"
  position     = "START"
}

# Another one, second in the list when created (the section there and those
# below it move down one).
resource "google_chat_user_section" "projects" {
  provider     = googlechat.user
  display_name = "Projects"
  position     = "2"
}
