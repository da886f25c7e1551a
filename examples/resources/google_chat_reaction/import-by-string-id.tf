import {
  to       = google_chat_reaction.thumbs_up
  provider = googlechat.user
  id       = "spaces/AAAAbbbbCCC/messages/DDDDeeee.FFFF/reactions/GGGGhhhh"
}
