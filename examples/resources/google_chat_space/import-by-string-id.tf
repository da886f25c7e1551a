import {
  to       = google_chat_space.platform
  provider = googlechat.user
  id       = "spaces/AAAAbbbbCCC"
}
