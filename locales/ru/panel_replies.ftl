## Готовые ответы (/replies и выбор в поле ответа на странице обращения) и прошлые обращения
## того же человека на странице обращения.

panel-nav-replies = Готовые ответы

panel-replies-title = Готовые ответы
panel-replies-hint = Тексты, которые часто пишут заново: документы для пособия, адрес и часы работы, телефоны доверия. Специалист выбирает ответ на странице обращения и может поправить его перед отправкой.
panel-replies-empty = Готовых ответов пока нет. Добавьте первый ниже.
panel-replies-field-title = Название
panel-replies-field-text = Текст
panel-replies-updated = Изменён { $when }
panel-replies-save = Сохранить
panel-replies-delete = Удалить
panel-replies-delete-confirm = Удалить этот готовый ответ? Вернуть его не получится.
panel-replies-add-title = Новый готовый ответ
panel-replies-add = Добавить
panel-replies-created = Готовый ответ добавлен.
panel-replies-saved = Готовый ответ сохранён.
panel-replies-deleted = Готовый ответ удалён.

panel-replies-pick = Готовый ответ
panel-replies-pick-none = — выберите, чтобы вставить текст —
panel-replies-replace-confirm = Заменить набранный текст готовым ответом?

panel-error-replies-manage-forbidden = Добавлять, менять и удалять готовые ответы могут координатор и администратор.
panel-error-reply-not-found = Такого готового ответа нет: возможно, его уже удалили.
panel-error-reply-title-empty = Укажите название готового ответа.
panel-error-reply-title-too-long = Название — не длиннее { $max } символов.
panel-error-reply-text-empty = Напишите текст готового ответа.
panel-error-reply-text-too-long = Текст — не длиннее { $max } символов.

panel-audit-group-replies = Готовые ответы
panel-audit-action-replies-create = Добавлен готовый ответ
panel-audit-action-replies-update = Изменён готовый ответ
panel-audit-action-replies-delete = Удалён готовый ответ
panel-audit-detail-reply_id = готовый ответ №

panel-history-title = Прошлые обращения
panel-history-status-open = открыто
panel-history-status-ended = разговор завершён
panel-history-status-closed = закрыто
