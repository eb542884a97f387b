## While she waits for a person: who reads her, the word at each step, the acknowledgement.

# Appended to the reply that fits the danger: who reads her next.
urgent-status-assignee = Ваш специалист уже видит это сообщение и ответит здесь, как только сможет. Пишите всё, что хотите сказать.
urgent-status-now = Специалист центра уже получил ваше сообщение: он прочитает его первым и ответит здесь. Пока можно писать всё, что хотите сказать, — каждое слово сохранится.
urgent-status-after-hours =
    Сейчас в центре никого нет на смене. Ваше сообщение прочитают первым { $when }. До этого звоните по номерам выше — они работают круглосуточно. А здесь можно писать в любое время: ничего не потеряется.

# At the escalation ladder's steps, to her, while nobody has taken the case.
wait-first-step =
    Специалист ещё не подключился. Мы уже позвали всех, кто сейчас на смене, — вы не забыты.
    Пишите дальше, если хочется: каждое слово прочитают.
    Если нужно поговорить прямо сейчас, круглосуточно и бесплатно:
    { $numbers }
wait-next-step =
    Простите, что приходится ждать. Мы позвали координатора центра — следующий свободный человек ответит вам здесь.
    Если ждать тяжело или опасность рядом, звоните прямо сейчас:
    { $numbers }
wait-after-hours =
    Сейчас ночь или выходной, и в центре никого нет на смене. Координатор получил уведомление, а ваше сообщение прочитают первым { $when }.
    Прямо сейчас ответят по этим номерам, круглосуточно и бесплатно:
    { $numbers }
    Если опасность рядом — 112.

# To a message she writes while nobody has taken an urgent case (at most once in a few minutes).
chat-ack-urgent = Получили, спасибо. Специалист ещё не подключился — ваши сообщения он прочитает первыми. Если опасность рядом, звоните 112.

# When a person takes her case; how staff are shown is the setting AIST_SPECIALIST_SHOWN_AS.
chat-joined-name = { $name }, { $role }, теперь с вами в этом чате. Можно писать всё как есть, даже коротко.
chat-joined-role = С вами теперь { $role }. Можно писать всё как есть, даже коротко.
chat-joined-none = С вами теперь человек из центра. Можно писать всё как есть, даже коротко.
relay-from-name = { $name }, { $role }:
relay-from-role = { $Role }:
relay-from-none = Центр:
staff-shown-specialist = специалист центра
staff-shown-coordinator = координатор центра
staff-shown-admin = сотрудник центра

# On the case, in the centre's language.
case-closed-early = Закрыто до срока. Причина: { $reason }
