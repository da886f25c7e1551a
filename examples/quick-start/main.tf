# Quick start: the Chat app creates a space with three members and posts a card
# message into it; one member, acting as a user, pins the card and reacts to it.
#
# `make demo` applies this against the local Chat API emulator, with
# GOOGLE_CHAT_ENDPOINT, GOOGLE_OAUTH_ACCESS_TOKEN and TF_VAR_user_access_token
# set for you. Against the real API, set GOOGLE_CHAT_CREDENTIALS to the Chat
# app's service account key and user_credentials to an authorized_user file of
# one of the members (pins and reactions need user credentials).
terraform {
  required_providers {
    googlechat = {
      source = "seed-da88c8a3/googlechat"
    }
  }
}

provider "googlechat" {
  auth_mode = "app"
}

variable "user_credentials" {
  description = "Path of an authorized_user file of a member, for the pin and the reaction (real API)."
  type        = string
  default     = null
}

variable "user_access_token" {
  description = "An access token of a member instead (the emulator's user:EMAIL tokens)."
  type        = string
  default     = null
  sensitive   = true
}

provider "googlechat" {
  alias        = "user"
  auth_mode    = "user"
  credentials  = var.user_credentials
  access_token = var.user_access_token
}

resource "google_chat_space" "quick_start" {
  provider     = googlechat
  display_name = "Quick start"
  description  = "Created by the googlechat Terraform provider's quick start."
  guidelines   = "Say hello."

  # By user ID: with app credentials the provider takes no email in
  # users/{email} here. These are the emulator's alice, bob and carol (its
  # seeded users are users/100000000000000000001 and up); against the real
  # API use your users' IDs, the user of user_credentials among them.
  initial_members = [
    "users/100000000000000000001",
    "users/100000000000000000002",
    "users/100000000000000000003",
  ]
}

resource "google_chat_message" "welcome" {
  provider   = googlechat
  space      = google_chat_space.quick_start.name
  message_id = "client-welcome"
  text       = "👋 Welcome to *${google_chat_space.quick_start.display_name}*!"

  cards_v2 = jsonencode([{
    cardId = "welcome"
    card = {
      header = {
        title    = "Managed by Terraform"
        subtitle = "google_chat_space and google_chat_message"
      }
      sections = [{
        widgets = [{ textParagraph = { text = "Edit this card in main.tf and apply again: it is updated in place." } }]
      }]
    }
  }])

  accessory_widgets = jsonencode([{
    buttonList = { buttons = [{
      text    = "Open the space"
      onClick = { openLink = { url = google_chat_space.quick_start.space_uri } }
    }] }
  }])
}

# A member pins the welcome card and celebrates it.
resource "google_chat_message_pin" "welcome" {
  provider = googlechat.user
  message  = google_chat_message.welcome.name
}

resource "google_chat_reaction" "welcome" {
  provider      = googlechat.user
  message       = google_chat_message.welcome.name
  emoji_unicode = "🎉"
}

output "space_name" {
  value = google_chat_space.quick_start.name
}

output "space_uri" {
  value = google_chat_space.quick_start.space_uri
}

output "message" {
  value = {
    name        = google_chat_message.welcome.name
    sender      = google_chat_message.welcome.sender
    text        = google_chat_message.welcome.text
    card_title  = jsondecode(google_chat_message.welcome.cards_v2)[0].card.header.title
    thread_name = google_chat_message.welcome.thread_name
    pinned_as   = google_chat_message_pin.welcome.name
    reacted_by  = google_chat_reaction.welcome.user
  }
}
