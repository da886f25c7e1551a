import {
  to       = google_chat_user_section.platform
  provider = googlechat.user
  id       = "users/me/sections/AAAAbbbbCCC"
}
