# Read a space this configuration does not manage.
data "google_chat_space" "support" {
  provider = googlechat
  name     = "spaces/AAAAbbbbCCC"
}

output "support_space_url" {
  value = data.google_chat_space.support.space_uri
}

# Or find a named space by its display name (exactly one space the caller is a
# member of must have it).
data "google_chat_space" "team" {
  provider     = googlechat
  display_name = "Platform team"
}
