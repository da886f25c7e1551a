# A membership is imported by spaces/{space}/members/{member}: a user ID, an
# email (kept as the member's spelling), app, or a group ID.
terraform import google_chat_membership.alice spaces/AAAAbbbbCCC/members/alice@example.com
