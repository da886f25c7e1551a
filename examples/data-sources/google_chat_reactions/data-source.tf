# Who celebrated the release announcement (user credentials).
data "google_chat_reactions" "celebrations" {
  provider = googlechat.user
  message  = "spaces/AAAAbbbbCCC/messages/DDDDeeee.FFFF"
  filter   = "emoji.unicode = \"🎉\""
}

output "celebrated_by" {
  value = data.google_chat_reactions.celebrations.reactions[*].user
}
