# A custom emoji of the organization from a local image (under 256 KB,
# square, 64 to 500 pixels, .png, .jpg or .gif). Custom emojis need user
# credentials whose scopes include
# https://www.googleapis.com/auth/chat.customemojis (not a default scope),
# and a Google Workspace organization with custom emojis turned on.
resource "google_chat_custom_emoji" "team_logo" {
  provider   = googlechat.user
  emoji_name = ":team-logo:"
  source     = "${path.module}/images/team-logo.png"
}

# React with it to a message.
resource "google_chat_message" "team_logo_launch" {
  provider = googlechat.user
  space    = google_chat_space.platform.name
  text     = "Meet our new emoji!"
}

resource "google_chat_reaction" "team_logo_launch" {
  provider     = googlechat.user
  message      = google_chat_message.team_logo_launch.name
  custom_emoji = google_chat_custom_emoji.team_logo.name
}
