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
webchat-quick-exit = Быстрый выход
webchat-quick-exit-title = Сразу стереть переписку с этого экрана и уйти на нейтральный сайт. Ваше обращение у специалиста сохранится. То же — два раза быстро нажать Esc.
webchat-farewell-note = Переписка стёрта с этой страницы. Сейчас откроется нейтральный сайт.
webchat-attach = Прикрепить фото или документ
webchat-attached-photo = 📎 фото
webchat-attached-document = 📎 документ
webchat-error-file = Такой файл я передать не могу: можно фото (JPEG, PNG, WEBP) или PDF до { $mb } МБ.
