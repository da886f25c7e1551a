# Every named space the caller belongs to.
data "google_chat_spaces" "named" {
  provider    = googlechat
  space_types = ["SPACE"]
}

output "space_names" {
  value = { for space in data.google_chat_spaces.named.spaces : space.display_name => space.name }
}
