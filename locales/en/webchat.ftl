webchat-title = Chat with the family and children support centre
webchat-subtitle = Anonymous. No name needed.
webchat-placeholder = Write a message…
webchat-send = Send
