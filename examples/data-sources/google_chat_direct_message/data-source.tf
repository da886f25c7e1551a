# The direct message between the calling user and alice, to post into it.
# Naming a user by email needs user credentials (the googlechat.user alias of
# the provider example): spaces.findDirectMessage takes an email only from a
# user. With app credentials, name the user as users/{id}.
data "google_chat_direct_message" "with_alice" {
  provider = googlechat.user
  user     = "users/alice@example.com"
}

resource "google_chat_message" "reminder" {
  provider = googlechat.user
  space    = data.google_chat_direct_message.with_alice.name
  text     = "Your on-call shift starts tomorrow."
}
