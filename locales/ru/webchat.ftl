# Веб-чат демо-режима (/chat): страница, на которой вы — обратившийся человек.
webchat-title = Чат с центром помощи семье и детям
webchat-subtitle = Анонимно. Имя называть не нужно.
webchat-placeholder = Напишите сообщение…
webchat-send = Отправить
webchat-empty = Напишите сообщение или /start — вам ответят здесь.
webchat-offline = Нет связи с сервером. Пробуем снова…
webchat-error-no-session = Откройте страницу /chat, чтобы начать разговор.
webchat-error-empty = Пустое сообщение.
webchat-error-stopping = Сервер перезапускается, попробуйте через минуту.
webchat-error-no-photo = Этой фотографии больше нет.
