# The caller's setting is imported by its space, spaces/{space}, or by its
# name, users/me/spaces/{space}/spaceNotificationSetting.
terraform import google_chat_space_notification_setting.platform spaces/AAAAbbbbCCC
terraform import google_chat_space_notification_setting.platform users/me/spaces/AAAAbbbbCCC/spaceNotificationSetting
