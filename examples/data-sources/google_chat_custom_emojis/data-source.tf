# The custom emojis the caller made (user credentials with the
# chat.customemojis or chat.customemojis.readonly scope).
data "google_chat_custom_emojis" "mine" {
  provider = googlechat.user
  filter   = "creator(\"users/me\")"
}

output "my_emoji_names" {
  value = data.google_chat_custom_emojis.mine.emojis[*].emoji_name
}
