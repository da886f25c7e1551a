import {
  to       = google_chat_space_members.leads
  provider = googlechat.user
  id       = "spaces/AAAAbbbbCCC"
}
