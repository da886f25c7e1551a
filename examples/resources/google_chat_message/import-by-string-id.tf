import {
  to       = google_chat_message.welcome
  provider = googlechat
  id       = "spaces/AAAAbbbbCCC/messages/client-welcome"
}
