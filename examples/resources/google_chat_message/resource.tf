# Text with Chat's markup: bold, a link and a mention.
resource "google_chat_message" "hello" {
  provider = googlechat
  space    = google_chat_space.platform.name
  text     = "Hello *world*! See <https://example.com/runbook|the runbook>, <users/123456789>."
}

# The card message from Google's guide, with an accessory widget button.
# Write keys in the API's lowerCamelCase so an import shows no diff.
resource "google_chat_message" "card" {
  provider      = googlechat # app credentials: cards need them
  space         = google_chat_space.platform.name
  text          = "👋🌎 Hello world! I created this message with Terraform."
  fallback_text = "About this message"

  cards_v2 = jsonencode([{
    cardId = "about"
    card = {
      header = {
        title    = "About this message"
        imageUrl = "https://fonts.gstatic.com/s/i/short-term/release/googlesymbols/info/default/24px.svg"
      }
      sections = [{
        header = "Contents"
        widgets = [
          { textParagraph = { text = "🔡 <b>Text</b> which can include hyperlinks 🔗, emojis 😄🎉, and @mentions 🗣️." } },
          { textParagraph = { text = "🖼️ A <b>card</b> to display visual elements and request information." } },
        ]
      }]
    }
  }])

  accessory_widgets = jsonencode([{
    buttonList = { buttons = [{
      text    = "View documentation"
      icon    = { materialIcon = { name = "link" } }
      onClick = { openLink = { url = "https://developers.google.com/workspace/chat/create-messages" } }
    }] }
  }])
}

# Start a thread with a key, then reply to it by key and by name.
resource "google_chat_message" "deploy_started" {
  provider             = googlechat
  space                = google_chat_space.platform.name
  text                 = "Deploy 42 started"
  thread_key           = "deploy-42"
  message_reply_option = "REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD"
}

resource "google_chat_message" "deploy_finished" {
  provider             = googlechat
  space                = google_chat_space.platform.name
  text                 = "Deploy 42 finished"
  thread_name          = google_chat_message.deploy_started.thread_name
  message_reply_option = "REPLY_MESSAGE_OR_FAIL"
}

# Visible only to one member of the space. Private messages need app
# credentials; the viewer is users/{id} or users/{email} (an email stays in
# state as written, though the API answers with users/{id}).
resource "google_chat_message" "private" {
  provider               = googlechat
  space                  = google_chat_space.platform.name
  text                   = "Hello private world!"
  private_message_viewer = "users/123456789"
}

# A client-assigned ID: the message is also spaces/{space}/messages/client-welcome.
resource "google_chat_message" "welcome" {
  provider          = googlechat
  space             = google_chat_space.platform.name
  text              = "Welcome to the platform team!"
  message_id        = "client-welcome"
  notification_type = "NOTIFICATION_TYPE_SILENT"
}

# Files attached to a message, uploaded with media.upload (user credentials:
# the googlechat.user alias). Only the SHA-256 of a source file is kept in
# state; editing the file uploads the attachments again and edits the message
# in place.
resource "google_chat_message" "runbook" {
  provider = googlechat.user
  space    = google_chat_space.platform.name
  text     = "The on-call runbook and the escalation contacts."

  attachments = [
    { source = "${path.module}/runbook.pdf" },
    {
      filename       = "contacts.csv"
      content_base64 = base64encode("name,phone\nbob,555-0100\n")
      content_type   = "text/csv"
    },
  ]
}
