# A custom section is imported by its name, users/{user}/sections/{section}
# (list them with the google_chat_user_sections data source).
terraform import google_chat_user_section.platform users/me/sections/AAAAbbbbCCC
