# The caller's item of a space is imported by the space, spaces/{space}, or
# by the item's name, users/{user}/sections/{section}/items/{item}.
terraform import google_chat_user_section_item.platform spaces/AAAAbbbbCCC
terraform import google_chat_user_section_item.platform users/me/sections/DDDDeeee/items/AAAAbbbbCCC
