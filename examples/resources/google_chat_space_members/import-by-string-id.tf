import {
  to = google_chat_space_members.leads
  id = "spaces/AAAAbbbbCCC"
}
