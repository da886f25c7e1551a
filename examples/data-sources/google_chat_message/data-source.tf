# Read a message by its resource name (a client-assigned ID works in the name too).
data "google_chat_message" "announcement" {
  provider = googlechat
  name     = "spaces/AAAAbbbbCCC/messages/client-announcement"
}

# Or by the space and the client-assigned ID it was posted with.
data "google_chat_message" "welcome" {
  provider   = googlechat
  space      = "spaces/AAAAbbbbCCC"
  message_id = "client-welcome"
}

output "welcome_text" {
  value = data.google_chat_message.welcome.text
}

output "announcement_card_title" {
  value = try(jsondecode(data.google_chat_message.announcement.cards_v2)[0].card.header.title, null)
}
