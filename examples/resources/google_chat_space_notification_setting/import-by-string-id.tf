import {
  to       = google_chat_space_notification_setting.platform
  provider = googlechat.user
  id       = "spaces/AAAAbbbbCCC"
}
