# The calling user's own notifications in a space: mentions and followed
# threads only, and muted. Needs user credentials whose scopes include
# https://www.googleapis.com/auth/chat.users.spacesettings (not a default
# scope: add it to the provider's scopes, or grant it to the credentials).
resource "google_chat_space_notification_setting" "platform" {
  provider             = googlechat.user
  space                = google_chat_space.platform.name
  notification_setting = "FOR_YOU"
  mute_setting         = "MUTED"
}

# Only mute a group chat; its notification level stays as the user set it,
# and stays muted after destroy.
resource "google_chat_space_notification_setting" "leads" {
  provider        = googlechat.user
  space           = google_chat_space.leads.name
  mute_setting    = "MUTED"
  deletion_policy = "ABANDON"
}
