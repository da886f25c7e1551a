# Read a space this configuration does not manage.
data "google_chat_space" "support" {
  provider = googlechat
  name     = "spaces/AAAAbbbbCCC"
}

output "support_space_url" {
  value = data.google_chat_space.support.space_uri
}
