import {
  to = google_chat_membership.alice
  id = "spaces/AAAAbbbbCCC/members/alice@example.com"
}
