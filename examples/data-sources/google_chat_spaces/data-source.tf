# Every named space the caller belongs to.
data "google_chat_spaces" "named" {
  provider    = googlechat
  space_types = ["SPACE"]
}

output "space_names" {
  value = { for space in data.google_chat_spaces.named.spaces : space.display_name => space.name }
}

# Every named space of the organization whose name has a word starting with
# "incident", active this year: spaces.search with administrator access.
data "google_chat_spaces" "incidents" {
  provider         = googlechat.admin
  use_admin_access = true
  query            = "customer = \"customers/my_customer\" AND space_type = \"SPACE\" AND display_name:\"incident\" AND last_active_time > \"2026-01-01T00:00:00Z\""
  order_by         = "last_active_time DESC"
}
