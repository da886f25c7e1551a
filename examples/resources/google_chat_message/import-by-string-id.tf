import {
  to = google_chat_message.welcome
  id = "spaces/AAAAbbbbCCC/messages/client-welcome"
}
