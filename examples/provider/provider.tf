terraform {
  required_providers {
    googlechat = {
      source = "seed-da88c8a3/googlechat"
    }
  }
}

# As the Chat app (app credentials): a service account key of the Google Cloud
# project that has the Chat app configured.
provider "googlechat" {
  credentials = "chat-app-key.json" # a path, or the JSON content itself
}

# As a user (user credentials), next to the app: select it per resource with
# provider = googlechat.user.
provider "googlechat" {
  alias       = "user"
  credentials = "authorized-user.json"
}

# Offline, against the local emulator (make demo, or go run ./cmd/chat-emulator).
provider "googlechat" {
  alias        = "emulator"
  endpoint     = "http://127.0.0.1:8080/"
  access_token = "user:alice@example.com"
}
