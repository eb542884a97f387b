# The demo web chat (/chat): a page where you are the person writing in.
webchat-title = Chat with the family and children support centre
webchat-subtitle = Anonymous. No name needed.
webchat-placeholder = Write a message…
webchat-send = Send
webchat-empty = Write a message or /start — the answers appear here.
webchat-offline = No connection to the server. Trying again…
webchat-error-no-session = Open the /chat page to start a conversation.
webchat-error-empty = The message is empty.
webchat-error-stopping = The server is restarting, please try again in a minute.
webchat-error-no-photo = This photo is no longer here.
webchat-quick-exit = Quick exit
webchat-quick-exit-title = Wipe the conversation from this screen at once and go to a neutral website. Your request stays with the specialist. Pressing Esc twice quickly does the same.
webchat-farewell-note = The conversation has been wiped from this page. A neutral website opens in a moment.
webchat-attach = Attach a photo or a document
webchat-attached-photo = 📎 photo
webchat-attached-document = 📎 document
webchat-error-file = I cannot pass on a file like this: a photo (JPEG, PNG, WEBP) or a PDF up to { $mb } MB.
