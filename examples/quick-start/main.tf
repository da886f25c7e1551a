# Quick start: one named space with a description and two members.
#
# `make demo` applies this against the local Chat API emulator, with
# GOOGLE_CHAT_ENDPOINT and GOOGLE_OAUTH_ACCESS_TOKEN set for you. Against the
# real API, set credentials in the provider block instead.
terraform {
  required_providers {
    googlechat = {
      source = "seed-da88c8a3/googlechat"
    }
  }
}

provider "googlechat" {}

resource "google_chat_space" "quick_start" {
  provider     = googlechat
  display_name = "Quick start"
  description  = "Created by the googlechat Terraform provider's quick start."
  guidelines   = "Say hello."

  initial_members = [
    "users/bob@example.com",
    "users/carol@example.com",
  ]
}

output "space_name" {
  value = google_chat_space.quick_start.name
}

output "space_uri" {
  value = google_chat_space.quick_start.space_uri
}

output "space" {
  value = {
    display_name    = google_chat_space.quick_start.display_name
    space_type      = google_chat_space.quick_start.space_type
    history_state   = google_chat_space.quick_start.history_state
    create_time     = google_chat_space.quick_start.create_time
    threading_state = google_chat_space.quick_start.threading_state
  }
}
