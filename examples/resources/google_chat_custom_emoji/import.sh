# A custom emoji is imported by its name, customEmojis/{customEmoji}, or by
# its emoji name (customEmojis.list shows both). The image can't be read
# back: the next apply with a configuration records source and filename
# without replacing the emoji.
terraform import google_chat_custom_emoji.team_logo customEmojis/AAAAbbbbCCC
terraform import google_chat_custom_emoji.team_logo :team-logo:
