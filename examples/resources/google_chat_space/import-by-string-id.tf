import {
  to = google_chat_space.platform
  id = "spaces/AAAAbbbbCCC"
}
