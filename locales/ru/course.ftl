## The course for expectant mothers ("подготовка к родам и материнству"): the bot, the
## messages sent outside a dialog (reminders, offers), the panel. Russian is the first language.

course-default-title = Подготовка к родам и материнству
course-default-description = Бесплатный курс для будущих мам: как проходят роды, первые недели с малышом, грудное вскармливание, помощь, которую можно получить.

## dates
course-when = { $weekday }, { $date }, { $time }
course-wd-0 = пн
course-wd-1 = вт
course-wd-2 = ср
course-wd-3 = чт
course-wd-4 = пт
course-wd-5 = сб
course-wd-6 = вс

## buttons
course-btn-my = 📅 Мой курс
course-btn-groups = 🤰 Группы курса
course-btn-enrol = ✍️ Записаться
course-btn-waitlist = ⏳ Встать в лист ожидания
course-btn-consent-yes = ✅ Даю согласие
course-btn-consent-no = Не сейчас
course-btn-stop = Отменить запись
course-btn-skip = Пропустить
course-btn-yes = ✅ Приду
course-btn-no = ❌ Не смогу
course-btn-take = ✅ Беру место
course-btn-pass = Место не нужно
course-btn-join-again = ⏳ Снова в лист ожидания
course-btn-drop-in = ✅ Приду на это занятие
course-btn-skip-session = Пропущу занятие
course-btn-cancel-enrolment = Отменить запись
course-btn-leave-waitlist = Выйти из листа ожидания
course-btn-cancel-yes = Да, отменить
course-btn-cancel-no = Нет, оставить
course-btn-withdraw = 🔒 Отозвать согласие
course-btn-withdraw-yes = Да, отозвать и удалить

## the course and its groups
course-intro =
    🤰 Курс «Подготовка к родам и материнству» — бесплатные занятия для будущих мам: как проходят роды, первые недели с малышом, грудное вскармливание, какая помощь положена семье. Ведут специалисты центра, можно приходить с близким человеком.

    Группы, в которые идёт запись:

    { $groups }

    Выберите группу, чтобы увидеть все занятия и записаться.
course-intro-no-groups =
    🤰 Курс «Подготовка к родам и материнству» — бесплатные занятия для будущих мам.
    Сейчас нет групп, в которые идёт запись. Загляните позже или напишите специалисту — подскажем, когда начнётся новая группа.
course-group-line =
    «{ $title }»
    { $audience }{ $count ->
        [one] { $count } занятие
        [few] { $count } занятия
       *[many] { $count } занятий
    }, первое — { $first }, последнее — { $last }
    Место: { $place }
    { $free ->
        [0] Мест нет — можно встать в лист ожидания
        [one] Свободно { $free } место
        [few] Свободно { $free } места
       *[many] Свободно { $free } мест
    }
course-audience = Для кого: { $value }
course-leader = Ведёт: { $value }
course-session-line = • { $when } — { $topic }
course-session-line-skipped = • { $when } — { $topic } (вы сказали, что не сможете)
course-no-sessions = Расписание занятий скоро появится.
course-group-detail =
    «{ $title }»
    { $audience }{ $leader }Место: { $place }

    Занятия:
    { $sessions }

    Мест в группе: { $capacity }, свободно: { $free }.{ $waiting ->
        [0] {""}
       *[other] {" "}В листе ожидания: { $waiting }.
    }
course-group-gone = Этой группы уже нет. Посмотрите другие группы — кнопка ниже.
course-group-not-open = Запись в группу «{ $title }» закрыта. Посмотрите другие группы.
course-already-enrolled = Вы уже записаны в эту группу (или стоите в листе ожидания). Всё о вашей записи — в разделе «Мой курс».

## enrolment
course-consent =
    Чтобы записать вас, нужно имя для списка группы — достаточно имени или никнейма, фамилия не нужна. По желанию можно указать срок родов или возраст малыша, чтобы подобрать группу.

    Это персональные данные, и нам нужно ваше согласие (152-ФЗ):
    • Кто обрабатывает: { $centre }.
    • Зачем: запись на курс, список группы, напоминания о занятиях.
    • Что храним: имя для списка и, если укажете, срок или возраст малыша — в зашифрованном виде. Видят только сотрудники центра, которые ведут курс.
    • Сколько: до конца курса и ещё { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }, потом удаляем. Если отмените запись — удалим сразу.
    • Как отозвать: в любой момент — «Мой курс» → «Отозвать согласие». Запись отменится, данные удалятся.
course-press-a-button = Пожалуйста, выберите ответ кнопкой ниже.
course-ask-name = Как записать вас в список группы? Напишите имя или никнейм (до { $limit } символов).
course-name-invalid = Имя нужно, чтобы на занятиях знали, как к вам обращаться. Напишите, пожалуйста, имя или никнейм — до { $limit } символов.
course-ask-due =
    Спасибо, { $name }! Если хотите, напишите предполагаемый срок родов или возраст малыша (например, «март» или «2 месяца») — так проще подобрать группу. Или нажмите «Пропустить».
course-due-invalid = Слишком длинно — напишите коротко, до { $limit } символов, или нажмите «Пропустить».
course-full-now = Пока вы записывались, последнее место в группе заняли. Можно встать в лист ожидания: когда место освободится, мы сразу напишем.
course-enrolled =
    Готово, { $name }! Вы записаны в группу «{ $title }». Место: { $place }.

    Занятия:
    { $sessions }

    Накануне и за два часа до каждого занятия я напомню о нём. Если не сможете прийти — нажмите «Не смогу» в напоминании.
course-calendar-link = 📅 Добавить занятия в календарь: { $url }
course-waiting-joined =
    Вы в листе ожидания группы «{ $title }», ваш номер — { $position }. Когда место освободится, я напишу, и у вас будет { $hours } ч, чтобы его подтвердить.

## "My course"
course-my-none = Вы пока не записаны ни в одну группу курса.
course-my-active =
    Группа «{ $title }».
    { $next }

    Все занятия:
    { $sessions }
course-next-session = Следующее занятие: { $when } — { $topic }. Место: { $place }.
course-no-next-session = Занятий впереди больше нет.
course-my-offered = В группе «{ $title }» для вас освободилось место! Подтвердите до { $until }.
course-my-waiting = Вы в листе ожидания группы «{ $title }», ваш номер — { $position }.
course-my-footer = Что-то ещё?
course-choose-skip = Какое занятие вы пропустите? Место на него, если можно, отдадим тем, кто в листе ожидания.
course-enrollment-ended = Эта запись уже не действует. Посмотрите «Мой курс» или группы курса.
course-confirm-cancel = Отменить запись в группу «{ $title }»? Ваше имя удалится из списка, а место перейдёт следующему человеку из листа ожидания.
course-confirm-leave-waitlist = Выйти из листа ожидания группы «{ $title }»?
course-cancelled = Запись в группу «{ $title }» отменена, ваше имя удалено из списка. Будем рады видеть вас в другой группе.
course-confirm-withdraw = Отозвать согласие на обработку данных для курса? Все ваши записи и места в листах ожидания отменятся, имя удалится.
course-withdrawn = Согласие отозвано, данные для курса удалены.{ $count ->
        [0] {""}
       *[other] {" "}Отменено записей: { $count }.
    }

## answers to reminders, offers, drop-ins
course-answer-yes = Отлично, ждём вас: { $when }, «{ $topic }». Место: { $place }.
course-answer-no = Поняли, на занятие { $when } вас не ждём. Остальные занятия в силе — напомню о следующем.
course-answer-no-drop-ins = Поняли, на занятие { $when } вас не ждём; ваше место на это занятие предложим тем, кто в листе ожидания. Остальные занятия в силе.
course-answer-seat-given = Ваше место на занятие { $when } уже заняли из листа ожидания — простите. Остальные занятия в силе, ждём вас на следующем.
course-offer-declined = Хорошо, место в группе «{ $title }» передано следующему человеку из листа ожидания. Спасибо, что ответили!
course-drop-in-taken = Место ваше! Ждём вас { $when }, «{ $topic }». Место: { $place }. Накануне напомню.

## sent outside a dialog
course-reminder-eve = 🔔 Завтра занятие курса, группа «{ $group }»: { $when }, «{ $topic }». Место: { $place }. Вы придёте?
course-reminder-soon = 🔔 Через два часа, в { $time }, занятие «{ $topic }». Место: { $place }. Вы придёте?
course-offer = 🎉 В группе «{ $group }» освободилось место, и оно ваше, если подтвердите до { $until }. Потом оно перейдёт следующему человеку в листе ожидания.
course-offer-expired = Время подтвердить место в группе «{ $group }» вышло, и оно перешло следующему человеку в листе ожидания. Если курс всё ещё нужен — можно снова встать в лист ожидания.
course-drop-in-offer = На занятие группы «{ $group }» { $when } («{ $topic }», { $place }) освободилось одно место. Хотите прийти? Место достанется тому, кто ответит раньше.
course-group-message =
    Сообщение для группы «{ $group }»:
    { $text }
course-session-cancelled-note = Занятие группы «{ $group }» { $when } («{ $topic }») отменено. { $reason }
course-session-changed-note =
    ✏️ Изменение в расписании группы «{ $group }», занятие «{ $topic }»:
    { $changes }
    Вы придёте?
course-session-changed-when = Время: было { $old }, теперь { $new }.
course-session-changed-place = Место: было «{ $old }», теперь «{ $new }».
course-ics-summary = { $group }: { $topic }

## refusals (bot)
course-error-generic = Не получилось. Попробуйте ещё раз или откройте «Мой курс».
error-course-group-not-found = Этой группы уже нет. Посмотрите другие группы курса.
error-course-group-full = В группе больше нет мест — можно встать в лист ожидания.
error-course-group-closed = Запись в эту группу закрыта. Посмотрите другие группы курса.
error-course-consent-needed = Чтобы записаться, нужно согласие на обработку имени для списка группы.
error-course-name-empty = Напишите, пожалуйста, имя или никнейм.
error-course-name-too-long = Имя слишком длинное: не больше { $limit } символов.
error-course-due-too-long = Слишком длинно: не больше { $limit } символов.
error-course-already-enrolled = Вы уже записаны в эту группу. Всё о записи — в «Моём курсе».
error-course-enrollment-not-found = Такой записи нет — возможно, кнопка из старого сообщения. Вот ваш курс и группы:
error-course-enrollment-not-active = Эта запись уже не действует (отменена или курс закончился).
error-course-offer-expired = Время подтвердить место вышло, и оно перешло следующему человеку в листе ожидания. Можно снова встать в лист ожидания.
error-course-offer-gone = Это предложение уже не действует.
error-course-session-not-found = Такого занятия нет — возможно, кнопка из старого сообщения.
error-course-session-cancelled = Это занятие отменено. Остальные занятия в силе — смотрите «Мой курс».
error-course-session-past = Это занятие уже прошло.
error-course-drop-in-gone = Это место уже заняли — простите! Вы остаётесь в листе ожидания.
error-course-manage-forbidden = Это могут сделать только сотрудники центра.

## the panel
panel-course-title = Курс для будущих мам
panel-course-hint = Группы, занятия, записи и лист ожидания. Время — в часовом поясе центра.
panel-course-no-groups = Групп пока нет.
panel-course-group = Группа
panel-course-dates = Даты
panel-course-seats = Места
panel-course-waiting = Ожидают
panel-course-leader = Ведёт
panel-course-status = Статус
panel-course-session-count = { $count ->
        [one] { $count } занятие
        [few] { $count } занятия
       *[many] { $count } занятий
    }
panel-course-no-sessions = Занятий пока нет.
panel-course-status-open = идёт запись
panel-course-status-closed = запись закрыта
panel-course-status-completed = курс завершён
panel-course-new-group = Новая группа
panel-course-group-title = Название
panel-course-capacity = Мест в группе
panel-course-place = Место проведения
panel-course-audience = Для кого
panel-course-audience-example = например, срок родов: март–май
panel-course-drop-ins = Если кто-то пропускает занятие, предлагать его место листу ожидания
panel-course-create = Создать группу
panel-course-view-only = Группы создают координатор и администратор.
panel-course-summary = Занято { $taken } из { $capacity }, в листе ожидания: { $waiting }
panel-course-led-by = ведёт { $name }
panel-course-sessions = Занятия
panel-course-when = Когда
panel-course-topic = Тема
panel-course-answers = Ответы
panel-course-actions = Действия
panel-course-session-cancelled = отменено
panel-course-freed = не придут: { $freed }, пришли из листа: { $taken }
panel-course-roll = Отметить присутствие
panel-course-cancel-session = Отменить
panel-course-cancel-reason = Причина (её увидят записавшиеся)
panel-course-cancel-session-do = Отменить занятие и сообщить группе
panel-course-edit-session = Изменить
panel-course-edit-close = Свернуть
panel-course-date = Дата
panel-course-time = Время
panel-course-capacity-hint = Число мест — для всей группы, не меньше занятых ({ $taken }).
panel-course-edit-session-hint = Если изменятся дата, время или место, записавшимся придёт сообщение, а напоминания сдвинутся.
panel-course-edit-session-do = Сохранить изменения
panel-course-enrolled = Записаны ({ $count })
panel-course-nobody = Пока никого.
panel-course-roll-name = Имя в списке
panel-course-due = Срок / возраст малыша
panel-course-note = Заметка
panel-course-forgotten = данные удалены
panel-course-enrollment-active = в группе
panel-course-enrollment-offered = место предложено
panel-course-enrollment-completed = курс пройден
panel-course-enrollment-waiting = в листе ожидания
panel-course-enrollment-cancelled = запись отменена
panel-course-enrollment-expired = нет ответа
panel-course-offer-until = ждём ответа до { $until }
panel-course-save = Сохранить
panel-course-cancel-enrollment = Отменить запись
panel-course-waiting-list = Лист ожидания ({ $count })
panel-course-waiting-empty = Лист ожидания пуст.
panel-course-remove-waiting = Убрать
panel-course-ended = Отменённых и истёкших записей: { $count }.
panel-course-message-title = Сообщение всей группе
panel-course-message-hint = Сообщение уйдёт всем в группе, каждому — в свой мессенджер (Telegram, VK), с соблюдением ограничений каналов.
panel-course-message-text = Текст
panel-course-message-waiting = И тем, кто в листе ожидания
panel-course-message-send = Отправить
panel-course-add-session = Добавить занятие
panel-course-minutes = Длительность, минут
panel-course-zone = Время указывается в часовом поясе центра: { $zone }.
panel-course-add-session-do = Добавить
panel-course-settings = Настройки группы
panel-course-complete-hint = «Курс завершён» — записи закрываются, имена удаляются через 30 дней.
panel-course-drop-in = из листа ожидания на это занятие
panel-course-said-no = ответ: «Не смогу»
panel-course-said-yes = ответ: «Приду»
panel-course-roll-save = Сохранить отметки
panel-course-group-created = Группа создана. Добавьте занятия.
panel-course-session-added = Занятие добавлено; записавшимся придут напоминания.
panel-course-group-saved = Настройки группы сохранены.
panel-course-status-saved = Статус группы изменён.
panel-course-message-queued = Сообщение поставлено в очередь: { $count }.
panel-course-session-cancel-done = Занятие отменено, группе отправлено сообщение.
panel-course-roll-saved = Отметки сохранены: присутствовали { $count }.
panel-course-enrollment-cancelled = Запись отменена; место предложено следующему человеку из листа ожидания.
panel-course-note-saved = Заметка сохранена.
panel-course-session-changed = { $count ->
        [0] Занятие изменено.
       *[other] Занятие изменено; отправлено сообщений записавшимся: { $count }.
    }

panel-error-course-not-found = Такого курса нет.
panel-error-course-group-not-found = Такой группы нет.
panel-error-course-session-not-found = Такого занятия нет.
panel-error-course-enrollment-not-found = Такой записи нет.
panel-error-course-calendar-not-found = Такого календаря нет.
panel-error-course-group-full = В группе нет свободных мест.
panel-error-course-group-closed = Запись в группу закрыта.
panel-error-course-group-completed = Курс этой группы уже завершён.
panel-error-course-consent-needed = Нет согласия на обработку данных.
panel-error-course-name-empty = Имя пустое.
panel-error-course-name-too-long = Имя слишком длинное: не больше { $limit } символов.
panel-error-course-due-too-long = Слишком длинно: не больше { $limit } символов.
panel-error-course-already-enrolled = Запись в эту группу уже есть.
panel-error-course-enrollment-not-active = Запись уже не действует.
panel-error-course-offer-expired = Срок предложения истёк.
panel-error-course-offer-gone = Предложение уже не действует.
panel-error-course-session-cancelled = Занятие уже отменено.
panel-error-course-session-past = Занятие уже прошло.
panel-error-course-session-in-past = Новые дата и время уже прошли — укажите будущие.
panel-error-course-drop-in-gone = Свободного места на это занятие нет.
panel-error-course-manage-forbidden = Это может координатор, администратор или тот, кто ведёт группу.
panel-error-course-title-empty = Укажите название группы.
panel-error-course-title-too-long = Название слишком длинное: не больше { $limit } символов.
panel-error-course-capacity-invalid = Число мест — от 1 до { $limit }.
panel-error-course-capacity-below-taken = Мест не может быть меньше, чем уже занято ({ $taken }).
panel-error-course-too-many-sessions = Слишком много занятий: не больше { $limit }.
panel-error-course-session-needs-zone = Укажите время занятия с часовым поясом.
panel-error-course-session-bad-time = Укажите дату и время занятия.
panel-error-course-session-ends-before-start = Занятие должно заканчиваться позже, чем начинается.
panel-error-course-session-too-long = Занятие не может длиться дольше 12 часов.
panel-error-course-place-too-long = Место слишком длинное: не больше { $limit } символов.
panel-error-course-topic-too-long = Тема слишком длинная: не больше { $limit } символов.
panel-error-course-audience-too-long = Слишком длинно: не больше { $limit } символов.
panel-error-course-reason-too-long = Причина слишком длинная: не больше { $limit } символов.
panel-error-course-status-unknown = Неизвестный статус группы.
panel-error-course-message-empty = Сообщение пустое.
panel-error-course-message-too-long = Сообщение слишком длинное: не больше { $limit } символов.
panel-error-course-roll-unknown = В отметках есть человек не из этой группы. Обновите страницу.
