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

# Offline, against the local emulator (make emulator in a clone of the
# provider's repository), as a seeded user...
provider "googlechat" {
  alias        = "emulator"
  endpoint     = "http://127.0.0.1:8080/"
  access_token = "user:alice@example.com"
}

# ...and as the Chat app: an access token alone means auth_mode = "user".
provider "googlechat" {
  alias        = "emulator_app"
  endpoint     = "http://127.0.0.1:8080/"
  access_token = "app"
  auth_mode    = "app"
}

# As a Google Workspace administrator with the "manage chat and spaces
# conversations" privilege: spaces and memberships of spaces the
# administrator is not in (spaces.get, patch, delete and search, and the
# spaces.members methods send useAdminAccess). The chat.admin.* scopes are
# added to the default scopes.
provider "googlechat" {
  alias            = "admin"
  credentials      = "administrator-authorized-user.json"
  use_admin_access = true
}
