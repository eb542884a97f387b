telegram-command-start = начать сначала
telegram-command-menu = главное меню
telegram-command-help = как здесь всё устроено
telegram-command-cancel = завершить разговор
