import {
  to       = google_chat_message_pin.rules
  provider = googlechat.user
  id       = "spaces/AAAAbbbbCCC/messagePins/DDDDeeee.FFFF"
}
