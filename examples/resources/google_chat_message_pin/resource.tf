# A message everyone should find, pinned. Pins need user credentials.
resource "google_chat_message" "rules" {
  provider = googlechat.user
  space    = google_chat_space.platform.name
  text     = "House rules: be kind, use threads, link the runbook. https://example.com/runbooks"
}

resource "google_chat_message_pin" "rules" {
  provider = googlechat.user
  message  = google_chat_message.rules.name
}
