# The user's thumbs-up on a message they posted. Reactions need user
# credentials.
resource "google_chat_message" "release" {
  provider = googlechat.user
  space    = google_chat_space.platform.name
  text     = "Release 1.4 is out: https://example.com/releases/1.4"
}

resource "google_chat_reaction" "thumbs_up" {
  provider      = googlechat.user
  message       = google_chat_message.release.name
  emoji_unicode = "👍"
}

# A custom emoji of the organization, by its resource name.
resource "google_chat_reaction" "party" {
  provider     = googlechat.user
  message      = google_chat_message.release.name
  custom_emoji = "customEmojis/AAAAbbbbCCC"
}
