## Панель: пункт проката

panel-rental-title = Пункт проката
panel-rental-hint = Заявки, выдача, возвраты и очереди. Каждая операция записывается в журнал.
panel-rental-fresh = Есть изменения: новая заявка или ответ.
panel-rental-reload = Обновить
panel-rental-catalogue = Каталог
panel-rental-stat-requested = { $count ->
        [one] ждёт подтверждения
        [few] ждут подтверждения
       *[many] ждут подтверждения
    }
panel-rental-stat-pickup = { $count ->
        [one] ждёт выдачи
        [few] ждут выдачи
       *[many] ждут выдачи
    }
panel-rental-stat-issued = на руках
panel-rental-stat-overdue = просрочено
panel-rental-requests = Новые заявки
panel-rental-requests-empty = Новых заявок нет.
panel-rental-pickups = Подтверждены, ждут выдачи
panel-rental-pickups-empty = Никто не ждёт выдачи.
panel-rental-overdue = Просрочен возврат
panel-rental-issued-list = На руках
panel-rental-issued-empty = Ничего не выдано.
panel-rental-offered = Предложены из очереди (ждём ответа)
panel-rental-waiting = Очереди
panel-rental-waiting-empty = Очередей нет.
panel-rental-free-of = свободно { $free } из { $total }
panel-rental-urgent = срочно
panel-rental-offered-now = предложено
panel-rental-put-first = В начало очереди
panel-rental-photo-saved = Фото сохранено — человек увидит его в карточке вещи.
panel-rental-col-item = Вещь
panel-rental-col-person = Кто
panel-rental-col-when = Сроки
panel-rental-col-inventory = Инв. №
panel-rental-col-status = Статус
panel-rental-col-condition = Состояние
panel-rental-col-branch = Где хранится
panel-rental-open-case = обращение →
panel-rental-due = вернуть до { $day }
panel-rental-overdue-days = просрочено на { $days } дн.
panel-rental-offer-until = ждём ответа до { $when }
panel-rental-pickup = забрать { $day }
panel-rental-confirm = Подтвердить
panel-rental-decline-or-more = Отказать…
panel-rental-issue = Выдать
panel-rental-return-or-extend = Возврат / продление…
panel-rental-catalogue-empty = В каталоге пока ничего нет. Добавьте первую вещь.
panel-rental-loan-days = срок { $days } дн.
panel-rental-add-item = Добавить вещь
panel-rental-field-category = Раздел
panel-rental-field-name = Название
panel-rental-field-inventory = Инвентарный номер
panel-rental-field-condition = Состояние
panel-rental-field-branch = Где хранится (филиал)
panel-rental-field-photo = Ссылка на фото
panel-rental-field-description = Описание
panel-rental-add = Добавить
panel-rental-view-only = Каталог меняют координатор и администратор.
panel-rental-photo = Фото
panel-rental-photo-file = Фото вещи (JPEG, PNG или WebP, до 5 МБ)
panel-rental-photo-alt = Фото: { $name }
panel-rental-photo-upload = Загрузить фото
panel-rental-photo-replace = Заменить фото
panel-rental-save-status = Сохранить статус
panel-rental-calendar = Календарь на 8 недель
panel-rental-history = История выдач
panel-rental-history-empty = Эту вещь ещё не брали.
panel-rental-status-available = свободна
panel-rental-status-booked = забронирована
panel-rental-status-issued = выдана
panel-rental-status-in_repair = в ремонте
panel-rental-status-written_off = списана
panel-rental-bstatus-offered = предложена из очереди
panel-rental-bstatus-requested = ждёт подтверждения
panel-rental-bstatus-confirmed = подтверждена
panel-rental-bstatus-issued = выдана
panel-rental-bstatus-returned = возвращена
panel-rental-bstatus-cancelled = отменена
panel-rental-bstatus-declined = отказано
panel-rental-bstatus-expired = предложение истекло
panel-rental-contact-name = Имя для выдачи
panel-rental-contact-phone = Телефон
panel-rental-pickup-label = Забрать
panel-rental-issued-label = Выдана
panel-rental-due-label = Вернуть до
panel-rental-returned-label = Возвращена
panel-rental-reason = Причина
panel-rental-extended-times = { $n ->
        [one] продлевали { $n } раз
        [few] продлевали { $n } раза
       *[many] продлевали { $n } раз
    }
panel-rental-contacts-audited = Имя и телефон даны с согласия только для выдачи; каждый просмотр записан в журнал. После возврата они удаляются.
panel-rental-decline-reason = Причина отказа (её увидит человек)
panel-rental-decline = Отказать
panel-rental-return-condition = Состояние при возврате
panel-rental-needs-repair = Нужен ремонт
panel-rental-return = Принять возврат
panel-rental-extend-to = Продлить до
panel-rental-extend = Продлить
panel-rental-cancel-reason = Причина отмены (её увидит человек)
panel-rental-cancel = Отменить бронь
panel-rental-on-case = Пункт проката
panel-rental-confirmed = Бронь подтверждена, человеку отправлено сообщение.
panel-rental-declined = Отказ отправлен человеку вместе с причиной.
panel-rental-issued = Выдача записана. Напоминания о возврате запланированы.
panel-rental-returned = Возврат принят. Если на эту вещь была очередь, она предложена следующему человеку в очереди.
panel-rental-extended = Срок продлён, человеку сообщено.
panel-rental-cancelled = Бронь отменена.
panel-rental-item-added = Вещь добавлена в каталог.
panel-rental-item-status = Статус вещи сохранён.
panel-rental-put-first = Перемещено в начало очереди.

panel-error-rental-manage-forbidden = Менять каталог и очереди могут координатор и администратор.
panel-error-rental-category-not-found = Такого раздела нет.
panel-error-rental-item-not-found = Такой вещи нет.
panel-error-rental-booking-not-found = Такой брони нет.
panel-error-rental-waiter-not-found = Этого человека уже нет в очереди.
panel-error-rental-bad-category = Укажите раздел (до 80 знаков).
panel-error-rental-bad-name = Укажите название (до 120 знаков).
panel-error-rental-bad-inventory-no = Укажите инвентарный номер (до 40 знаков).
panel-error-rental-inventory-taken = Инвентарный номер { $number } уже есть в каталоге.
panel-error-rental-bad-loan-days = Срок пользования — от 1 до 365 дней.
panel-error-rental-bad-photo = Ссылка на фото должна начинаться с https://
panel-error-rental-photo-empty = Выберите файл с фотографией.
panel-error-rental-photo-too-big = Фото слишком большое: можно не больше { $megabytes } МБ.
panel-error-rental-photo-not-image = Это не фотография: подходят только JPEG, PNG и WebP.
panel-error-rental-bad-text = Слишком длинный текст.
panel-error-rental-bad-status = Такого статуса нет.
panel-error-rental-bad-date = Не получилось прочитать дату.
panel-error-rental-item-in-use = Вещь сейчас в брони или выдана — статус менять нельзя.
panel-error-rental-item-written-off = Списанную вещь вернуть в работу нельзя — добавьте её заново.
panel-error-rental-cannot-confirm = Подтвердить нельзя: бронь уже { panel-rental-booking-now }.
panel-error-rental-cannot-decline = Отказать нельзя: бронь уже { panel-rental-booking-now }.
panel-error-rental-cannot-issue = Выдать нельзя: бронь уже { panel-rental-booking-now } — похоже, её только что выдали.
panel-error-rental-cannot-cancel = Отменить нельзя: бронь уже { panel-rental-booking-now }.
panel-error-rental-not-issued = Вещь не выдавалась по этой брони — принять возврат нельзя.
panel-error-rental-reason-needed = Напишите причину — человек увидит её.
panel-error-rental-due-past = Дата возврата должна быть позже сегодняшней.
panel-error-rental-extend-earlier = Новая дата должна быть позже прежней.
# The state a booking is already in, after "бронь уже": the status word of the core
# ($status) turned into words here, at the edge.
panel-rental-booking-now = { $status ->
        [offered] предложена из очереди
        [requested] ждёт подтверждения
        [confirmed] подтверждена
        [issued] выдана
        [returned] возвращена
        [cancelled] отменена
        [declined] отклонена
        [expired] истекла
       *[other] в другом состоянии
    }
