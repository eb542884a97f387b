## The staff panel. Russian first.

panel-brand = Аист
panel-title = Панель специалиста
panel-skip = Перейти к содержимому
panel-nav-label = Разделы панели
panel-nav-inbox = Обращения
panel-nav-closed = Закрытые
panel-inbox-shown = { $shown ->
        [one] Показано { $shown } самое срочное обращение из { $total }.
        [few] Показаны { $shown } самых срочных из { $total }.
       *[many] Показаны { $shown } самых срочных из { $total }.
    }
panel-inbox-show-all = Показать все
panel-nav-rental = Прокат
panel-nav-courses = Курс
panel-nav-duty = Дежурства
panel-nav-api = API
panel-enable-alerts = Включить оповещения
panel-connecting = подключение…
panel-live = на связи
panel-live-hint = Новые обращения и сообщения появляются без перезагрузки страницы
panel-offline = нет связи, переподключаемся…
panel-logout = Выйти
role-specialist = специалист
role-coordinator = координатор
role-admin = администратор

## Login

panel-login-title = Вход
panel-login-subtitle = Панель специалистов центра помощи семье и детям
panel-login-username = Логин
panel-login-password = Пароль
panel-login-submit = Войти
panel-login-privacy = В панели — переписка с людьми в трудной ситуации. Не оставляйте её открытой на общем компьютере и выходите после смены.
panel-logged-out = Вы вышли из панели.

## Inbox

panel-inbox-title = Открытые обращения
panel-inbox-hint = Сверху — самые срочные и те, кто ждёт дольше всех.
panel-inbox-empty = Открытых обращений нет. Когда кто-то напишет, обращение появится здесь само.
panel-stat-waiting = { $count ->
        [one] ждёт ответа
        [few] ждут ответа
       *[many] ждут ответа
    }
panel-stat-urgent = { $count ->
        [one] срочное
        [few] срочных
       *[many] срочных
    }
panel-stat-free = без куратора
panel-stat-open = открыто всего
panel-col-level = Уровень
panel-col-person = Кто
panel-col-topic = Тема
panel-col-waiting = Ожидание
panel-col-last = Последнее сообщение
panel-col-assignee = Куратор
panel-col-opened = Открыто
panel-for-you = для вас
panel-answered = ответ дан
panel-unreachable-short = сообщения не доходят
panel-deadline = срок: { $when }
panel-deadline-hint = Срок решения о выезде по уровню сопровождения
panel-waiting-now = только что
panel-waiting-min = ждёт { $minutes } мин
panel-waiting-hours = ждёт { $hours } ч { $minutes } мин
panel-sla-left = принять за { $minutes } мин
panel-sla-late = не принято { $minutes } мин
panel-signal-mark = ⚑

## Browser alerts: never the text of a message (a lock screen is not private).

panel-notify-case = Новое обращение
panel-notify-message = Новое сообщение
panel-notify-urgent = Срочное обращение
panel-notify-body = Откройте панель Аист, чтобы ответить.

channel-telegram = TG
channel-vk = VK
channel-web = веб
channel-fake = тест
channel-name-telegram = Telegram
channel-name-vk = ВКонтакте
channel-name-web = веб-чат
channel-name-fake = тестовый канал

signal-suicide_selfharm = суицид, самоповреждение
signal-violence = насилие
signal-child_abuse = насилие над ребёнком
signal-child_danger = ребёнок в опасности
signal-abandonment = отказ от ребёнка, сомнения
signal-minor_pregnancy = беременность несовершеннолетней
signal-medical_emergency = неотложное медицинское состояние
signal-basic_needs = нет жилья, еды, тепла
signal-help_button = кнопка «Мне нужна помощь сейчас»
signal-unsafe_answer = ответ «Нет, мне нужна помощь сейчас»

## A case

panel-opened = открыто { $when }
panel-case-number = №{ $id }
panel-assignee = Куратор: { $name }
panel-nobody-yet = Ещё никто не взял
panel-accept = Взять обращение
panel-take-over = Взять себе
panel-signals = Что вызвало тревогу
panel-unreachable-title = Сообщения не доходят.
panel-unreachable-blocked = Человек, скорее всего, заблокировал бота или закрыл сообщения. Ответы сохраняются здесь, но до человека не дойдут.
panel-unreachable-other = Канал не принимает сообщения для этого человека. Ответы сохраняются здесь; попробуйте позже.
panel-case-closed-note = Обращение закрыто. Если человек напишет снова, откроется новое.
panel-thread-label = Переписка
panel-thread-empty = Сообщений пока нет.
panel-reply-label = Ответ человеку
panel-reply-placeholder = Ответ человеку — он придёт в тот мессенджер, откуда человек написал…
panel-reply-hint = Ctrl+Enter — отправить
panel-reply-send = Отправить
panel-note-label = Внутренняя заметка (человек её не увидит)
panel-note-save = Сохранить заметку
panel-close-label = Закрыть с результатом
panel-close-placeholder = Например: консультация дана, назначена встреча
panel-close = Закрыть обращение
panel-closed-at = Закрыто { $when }
panel-privacy-note = Человек анонимен: псевдоним — всё, что видно. Не просите в чате данные, которые не нужны для помощи.
panel-note-by = Заметка: { $name }
panel-system = Система

delivery-pending = отправляется…
delivery-sent = доставлено
delivery-failed = не доставлено

kind-text = Текст
kind-photo = Фото
kind-document = Документ
kind-voice = Голосовое сообщение
kind-sticker = Стикер
kind-button = Кнопка
kind-command = Команда
kind-unsupported = Вложение

panel-accepted = Обращение ваше.
panel-reply-queued = Ответ отправлен.
panel-note-saved = Заметка сохранена.
panel-closed = Обращение закрыто.
panel-attachment-unavailable = Файл недоступен: канал, через который он пришёл, сейчас не подключён.
panel-attachment-failed = Не удалось получить файл у мессенджера. Попробуйте позже.

panel-closed-title = Закрытые обращения
panel-closed-hint = Последние закрытые, новые сверху.
panel-closed-empty = Закрытых обращений нет.

## Duty roster

panel-duty-title = График дежурств
panel-duty-hint = Новое обращение получает дежурный специалист; если дежурного нет — все специалисты и координатор.
panel-duty-now-on = Сейчас на смене: { $names }.
panel-duty-nobody = Сейчас никто не дежурит: новые обращения видят все специалисты и координатор.
panel-duty-coming = { $days ->
        [one] Смены на { $days } день вперёд
        [few] Смены на { $days } дня вперёд
       *[many] Смены на { $days } дней вперёд
    }
panel-duty-day = День
panel-duty-who = Сотрудник
panel-duty-from = С
panel-duty-to = До
panel-duty-actions = Действия
panel-duty-now = на смене
panel-duty-remove = Удалить
panel-duty-add-title = Новая смена
panel-duty-add = Добавить смену
panel-duty-zone = Время — по часовому поясу центра ({ $zone }).
panel-duty-view-only = Смены назначают координатор и администратор.
panel-duty-empty = Смен на ближайшие дни нет.
panel-shift-added = Смена добавлена.
panel-shift-removed = Смена удалена.

panel-weekday-0 = Пн
panel-weekday-1 = Вт
panel-weekday-2 = Ср
panel-weekday-3 = Чт
panel-weekday-4 = Пт
panel-weekday-5 = Сб
panel-weekday-6 = Вс

## Errors

panel-error-title = Что-то пошло не так
panel-error-home = К обращениям
panel-error-generic = Не получилось. Обновите страницу и попробуйте ещё раз.
panel-error-invalid-input = Проверьте введённые данные.
panel-error-csrf = Страница устарела. Мы обновили её — повторите действие.
panel-error-not-found = Такой страницы нет.
panel-error-method-not-allowed = Так к этому адресу обратиться нельзя.
panel-error-not-authenticated = Нужно войти: токен или сессия недействительны.
panel-error-login-failed = Неверный логин или пароль.
panel-error-login-throttled = Слишком много неудачных попыток входа. Подождите несколько минут.
panel-error-unavailable = База данных сейчас недоступна. Ничего не потеряно — попробуйте через минуту.
panel-error-case-not-found = Такого обращения нет.
panel-error-case-closed = Обращение уже закрыто.
panel-error-case-taken = Обращение уже у другого специалиста.
panel-error-case-person-gone = Человек удалил свои данные; ответить ему нельзя.
panel-error-case-status-unknown = Неизвестный статус: { $status }. Бывает open, closed или all.
panel-error-case-topic-unknown = Неизвестная тема: { $topic }.
panel-error-reply-empty = Ответ пустой.
panel-error-reply-too-long = Ответ слишком длинный: не больше { $limit } символов.
panel-error-note-empty = Заметка пустая.
panel-error-note-too-long = Заметка слишком длинная: не больше { $limit } символов.
panel-error-outcome-empty = Укажите результат.
panel-error-outcome-too-long = Результат слишком длинный: не больше { $limit } символов.
panel-error-forbidden = Недостаточно прав.
panel-error-duty-manage-forbidden = Смены назначают координатор и администратор.
panel-error-shift-bad-time = Укажите дату и время смены.
panel-error-shift-needs-zone = Укажите дату и время смены.
panel-error-shift-ends-before-start = Конец смены должен быть позже начала.
panel-error-shift-too-long = Смена не может быть длиннее недели.
panel-error-shift-not-found = Такой смены нет.
panel-error-staff-not-found = Такого сотрудника нет.
panel-error-attachment-not-found = Вложение не найдено.
panel-error-link-code-invalid = Код неверный или устарел.
panel-error-calendar-bad-day = Укажите дату.

## Escalations in Telegram and the production calendar

panel-link-title = Оповещения в Telegram
panel-link-hint = Срочное обращение, которое никто не взял за 15 минут, придёт координатору в Telegram. Получите код и отправьте боту: /link КОД. Код действует 15 минут.
panel-link-get = Получить код
panel-link-code = Ваш код: { $code }. Отправьте боту в Telegram: /link { $code }
panel-calendar-title = Производственный календарь
panel-calendar-hint = Праздники и переносы берутся из календаря РФ. Если постановление о переносе вышло недавно, отметьте день здесь — эта отметка важнее.
panel-calendar-day = День
panel-calendar-kind = Это
panel-calendar-off = выходной
panel-calendar-working = рабочий день
panel-calendar-note = Основание
panel-calendar-save = Сохранить
panel-calendar-saved = День отмечен.

## The API reference page (/api/docs)

panel-api-title = API
panel-api-intro = JSON API панели: те же действия, что и на страницах. Описание OpenAPI:
panel-api-auth = Вход: POST /api/v1/auth/token с полями формы username и password; дальше — заголовок Authorization: Bearer <токен> (действует 12 часов). Ошибки — JSON {"{"}"detail": …, "code": …{"}"} с кодом 4xx.
panel-api-method = Метод
panel-api-path = Адрес
panel-api-summary = Что делает
panel-api-body = Тело запроса
panel-api-answer = Ответы
panel-api-schemas = Схемы
panel-api-required = обязательно

panel-forget-open = Удалить данные по просьбе человека
panel-forget-explain = Для случая, когда человек попросил об удалении по телефону или лично. Удалятся переписка, имя и телефон для проката, запись на курс, напоминания и связь с аккаунтами человека; обращение закроется и останется в отчётах без текстов. В мессенджер ничего не придёт (телефон может быть в чужих руках): сообщите об удалении сами, так, как человек просил. Отменить нельзя.
panel-forget-reason = Как и когда человек попросил
panel-forget-reason-placeholder = Например: звонок 25.11, кодовое слово подтверждено
panel-forget = Удалить данные
panel-forget-confirm = Удалить всё, что мы храним об этом человеке? Отменить нельзя.
panel-forgotten = Данные человека удалены. Обращение закрыто и осталось без текстов.
panel-error-forget-forbidden = Удалять данные человека могут координатор и администратор.
panel-error-forget-reason-needed = Напишите, как и когда человек попросил об удалении: это попадёт в журнал действий.
panel-error-case-level-unknown = Такого уровня нет. Бывает экстренный, кризисный, базовый или адаптационный.
panel-error-case-level-same = У обращения уже этот уровень.
panel-error-case-level-reason-empty = Напишите коротко, почему уровень меняется: это увидит координатор.
panel-error-case-level-reason-too-long = Причина длиннее { $limit } знаков; сократите, пожалуйста.
panel-level-open = Изменить уровень
panel-level-explain = Если триаж ошибся, поправьте уровень: срок пересчитается, а координатор увидит, как часто триаж ошибается.
panel-level-label = Новый уровень
panel-level-reason = Почему
panel-level-reason-placeholder = например: угрозы нет, речь о прошлом
panel-level-save = Сохранить уровень
panel-level-changed = Уровень изменён.
panel-error-triage-corrections-forbidden = Сводку исправлений триажа видят координатор и администратор.

## Bounds of what the panel and the API accept (issue #16)
panel-error-date-out-of-range = Укажите дату между 2000 и 2100 годом.
panel-error-body-too-large = Слишком большой запрос. Сократите текст или выберите файл поменьше.
