webchat-title = Чат с центром помощи семье и детям
webchat-subtitle = Анонимно. Имя называть не нужно.
webchat-placeholder = Напишите сообщение…
webchat-send = Отправить
