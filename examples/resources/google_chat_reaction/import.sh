# A reaction is imported by its name,
# spaces/{space}/messages/{message}/reactions/{reaction}
# (spaces.messages.reactions.list shows the names of a message's reactions).
terraform import google_chat_reaction.thumbs_up spaces/AAAAbbbbCCC/messages/DDDDeeee.FFFF/reactions/GGGGhhhh
