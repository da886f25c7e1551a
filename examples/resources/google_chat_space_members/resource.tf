# Everyone in the space, by role. Anyone else (except the caller, apps and
# groups) is removed on apply. Don't combine with google_chat_membership for
# the same space.
resource "google_chat_space_members" "leads" {
  provider = googlechat.user
  space    = google_chat_space.platform.name

  managers = ["users/alice@example.com"]
  members = [
    "users/bob@example.com",
    "users/carol@example.com",
  ]
}
