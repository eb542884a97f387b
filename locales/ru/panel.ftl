## The staff panel. Russian first.

panel-title = Панель специалиста
panel-nav-inbox = Обращения
panel-nav-closed = Закрытые
panel-nav-duty = Дежурства
panel-enable-alerts = Включить оповещения
panel-live = онлайн
panel-live-hint = Новые обращения появляются без перезагрузки страницы
panel-logout = Выйти
role-specialist = специалист
role-coordinator = координатор
role-admin = администратор

panel-login-title = Вход
panel-login-subtitle = Панель специалистов центра помощи семье и детям
panel-login-username = Логин
panel-login-password = Пароль
panel-login-submit = Войти
panel-login-failed = Неверный логин или пароль.
panel-login-throttled = Слишком много неудачных попыток. Подождите несколько минут.

panel-inbox-title = Открытые обращения
panel-inbox-hint = Сверху — самые срочные и те, кто ждёт дольше всех.
panel-inbox-empty = Открытых обращений нет.
panel-col-level = Уровень
panel-col-person = Кто
panel-col-topic = Тема
panel-col-waiting = Ожидание
panel-col-last = Последнее сообщение
panel-col-assignee = Куратор
panel-for-you = вам
panel-answered = ответ дан
panel-unreachable-short = не доставляется
panel-deadline = срок: { $when }
panel-deadline-hint = Срок решения о выезде по уровню сопровождения

channel-telegram = TG
channel-vk = VK
channel-web = веб
channel-fake = тест

signal-suicide_selfharm = суицид, самоповреждение
signal-violence = насилие
signal-child_abuse = насилие над ребёнком
signal-abandonment = отказ от ребёнка, сомнения
signal-minor_pregnancy = беременность несовершеннолетней
signal-medical_emergency = неотложное медицинское состояние
signal-basic_needs = нет жилья, еды, тепла
signal-help_button = кнопка «Мне нужна помощь сейчас»

panel-opened = открыто { $when }
panel-case-number = №{ $id }
panel-assignee = Куратор: { $name }
panel-nobody-yet = Ещё никто не взял
panel-signals = Что вызвало тревогу
panel-unreachable = Сообщения не доставляются: { $reason }. Человек мог заблокировать бота.
panel-reply-placeholder = Ответ человеку — он придёт в её мессенджер…
panel-reply-send = Отправить
panel-accept = Взять обращение
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

kind-text = текст
kind-photo = Фото
kind-document = Документ
kind-voice = Голосовое сообщение
kind-sticker = Стикер
kind-unsupported = Вложение

panel-accepted = Обращение ваше.
panel-reply-queued = Ответ отправлен.
panel-note-saved = Заметка сохранена.
panel-closed = Обращение закрыто.
panel-attachment-unavailable = Файл недоступен: канал, через который он пришёл, сейчас не подключён.

panel-duty-title = График дежурств
panel-duty-hint = Новое обращение получает дежурный специалист; если дежурного нет — все специалисты и координатор.
panel-duty-who = Сотрудник
panel-duty-from = С
panel-duty-to = До
panel-duty-now = на смене
panel-duty-remove = Удалить
panel-duty-add = Добавить смену
panel-duty-empty = Смен на ближайшие дни нет.
panel-shift-added = Смена добавлена.
panel-shift-removed = Смена удалена.

panel-error-generic = Не получилось. Обновите страницу и попробуйте ещё раз.
panel-error-invalid-input = Проверьте введённые данные.
panel-error-csrf = Страница устарела. Мы обновили её — повторите действие.
panel-error-not-found = Не найдено.
panel-error-case-not-found = Такого обращения нет.
panel-error-case-closed = Обращение уже закрыто.
panel-error-case-taken = Обращение уже взял другой специалист.
panel-error-case-person-gone = Человек удалил свои данные; ответить ему нельзя.
panel-error-case-status-unknown = Неизвестный статус: { $status }.
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
panel-error-calendar-bad-day = Укажите дату.
