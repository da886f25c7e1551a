# A space is imported by its resource name, or by its bare ID.
terraform import google_chat_space.platform spaces/AAAAbbbbCCC
terraform import google_chat_space.platform AAAAbbbbCCC
