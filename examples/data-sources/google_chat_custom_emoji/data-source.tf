# A custom emoji of the organization by its emoji name (or by name =
# "customEmojis/{customEmoji}"). User credentials with the
# chat.customemojis or chat.customemojis.readonly scope.
data "google_chat_custom_emoji" "party_parrot" {
  provider   = googlechat.user
  emoji_name = ":party-parrot:"
}

output "party_parrot_image" {
  value = data.google_chat_custom_emoji.party_parrot.temporary_image_uri
}
