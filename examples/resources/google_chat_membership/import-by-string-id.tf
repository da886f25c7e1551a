import {
  to       = google_chat_membership.alice
  provider = googlechat.user
  id       = "spaces/AAAAbbbbCCC/members/alice@example.com"
}
