# The calling user's custom sections. Needs user credentials whose scopes
# include https://www.googleapis.com/auth/chat.users.sections.readonly (or
# chat.users.sections); neither is a default scope.
data "google_chat_user_sections" "custom" {
  provider = googlechat.user
  type     = "CUSTOM_SECTION"
}

output "section_names" {
  value = { for s in data.google_chat_user_sections.custom.sections : s.display_name => s.name }
}
