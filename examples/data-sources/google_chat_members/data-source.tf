# The managers of a space, and everyone including groups and invitations.
data "google_chat_members" "managers" {
  provider = googlechat.user
  space    = google_chat_space.platform.name
  role     = "ROLE_MANAGER"
}

data "google_chat_members" "everyone" {
  provider     = googlechat.user
  space        = google_chat_space.platform.name
  show_groups  = true
  show_invited = true
}

output "manager_names" {
  value = data.google_chat_members.managers.members[*].member
}
