telegram-command-start = start over
telegram-command-menu = main menu
telegram-command-help = how this works
telegram-command-cancel = end the conversation
