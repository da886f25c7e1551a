import {
  to       = google_chat_user_section_item.platform
  provider = googlechat.user
  id       = "spaces/AAAAbbbbCCC"
}
