# A message is imported by its resource name, with the system-assigned ID or
# its client-assigned ID.
terraform import google_chat_message.welcome spaces/AAAAbbbbCCC/messages/client-welcome
terraform import google_chat_message.hello spaces/AAAAbbbbCCC/messages/BBBBBBBBBBB.BBBBBBBBBBB
