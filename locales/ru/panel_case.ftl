## The case page: her own ending, closing before the deadline, the bot's lines in the thread.

panel-bot = Аист (бот) — это видел человек
panel-case-ended-note = Человек сам завершил разговор. Можно написать одно последнее сообщение и нужно записать результат, чтобы закрыть обращение.
panel-reply-last-word = Разговор завершён человеком: можно отправить одно последнее сообщение.
panel-close-early-explain = Срок по этому обращению — { $when }. Чтобы закрыть его раньше, укажите причину: она сохранится в обращении и в журнале.
panel-close-early-reason = Причина закрытия до срока
panel-close-early-placeholder = Например: переехала к родственникам, помощь получает там
panel-error-case-close-reason-required = Срочное обращение закрывается до срока только с причиной. Укажите её.
panel-error-case-close-reason-too-long = Причина слишком длинная: не больше { $limit } знаков.
panel-error-case-ended-last-message-sent = Последнее сообщение уже отправлено: человек завершил разговор. Запишите результат и закройте обращение.
status-ended = завершён человеком
panel-error-case-taken-by-colleague = Обращение ведёт коллега. Чтобы ответить, оставить заметку или закрыть его, сначала возьмите его себе — коллега получит уведомление.
panel-take-over-colleague = Взять себе у коллеги
panel-take-over-confirm = Обращение ведёт { $name }. Взять его себе? Коллега получит уведомление.
case-taken-over = Обращение взято у коллеги ({ $previous }): теперь его ведёт { $name }.
panel-audit-action-case-take-over = Передача обращения от коллеги
panel-audit-detail-early = до срока
panel-audit-detail-target_id = сотрудник №
panel-audit-detail-kind = вид входа
