# A pin is imported by its name, spaces/{space}/messagePins/{message}, or by
# the name of the message it pins.
terraform import google_chat_message_pin.rules spaces/AAAAbbbbCCC/messages/DDDDeeee.FFFF
