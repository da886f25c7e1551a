import {
  to       = google_chat_custom_emoji.team_logo
  provider = googlechat.user
  id       = "customEmojis/AAAAbbbbCCC"
}
