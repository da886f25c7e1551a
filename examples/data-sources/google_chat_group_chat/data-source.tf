# The calling user's group chat with exactly alice and bob, to post into it.
# Group chats are found only with user credentials (the googlechat.user alias
# of the provider example); name people by users/{id} or users/{email}.
data "google_chat_group_chat" "alice_and_bob" {
  provider = googlechat.user
  members  = ["users/alice@example.com", "users/bob@example.com"]
}

resource "google_chat_message" "standup" {
  provider = googlechat.user
  space    = data.google_chat_group_chat.alice_and_bob.name
  text     = "Stand-up moved to 10:00 today."
}
