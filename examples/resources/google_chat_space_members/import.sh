# The member list is imported by the space's name; members are recorded as
# users/{id}, so the first plan may show spelling changes that apply as no-ops.
terraform import google_chat_space_members.leads spaces/AAAAbbbbCCC
