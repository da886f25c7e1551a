# Every pinned message of a space (user credentials).
data "google_chat_message_pins" "platform" {
  provider = googlechat.user
  space    = google_chat_space.platform.name
}

output "pinned_messages" {
  value = data.google_chat_message_pins.platform.pins[*].message
}
