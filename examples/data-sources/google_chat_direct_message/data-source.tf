# The direct message between the caller and a user, to post into it.
data "google_chat_direct_message" "with_alice" {
  provider = googlechat
  user     = "users/alice@example.com"
}

resource "google_chat_message" "reminder" {
  provider = googlechat
  space    = data.google_chat_direct_message.with_alice.name
  text     = "Your on-call shift starts tomorrow."
}
