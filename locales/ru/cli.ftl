cli-description = Aist — чат-бот и панель специалистов центра помощи семье и детям.
cli-help-demo = демо: SQLite, демо-данные, панель и веб-чат, без токенов
cli-help-run = рабочий режим: миграции, все настроенные каналы, панель, планировщик
cli-help-db = база данных
cli-help-db-upgrade = применить миграции Alembic
cli-help-user = учётные записи сотрудников
cli-help-user-create = создать сотрудника (пароль — из стандартного ввода)
cli-help-triage = оценить срочность сообщений: по одному на строку, ответ — JSON на строку
cli-help-demo-flag = использовать базу и ключ демо-режима (./var)
cli-bad-settings = Настройки не подходят: { $problem }
cli-db-upgraded = База данных обновлена до последней версии.
cli-password-prompt = Пароль:{" "}
cli-password-again = Повторите пароль:{" "}
cli-password-mismatch = Пароли не совпадают.
cli-user-created = Создан сотрудник { $login } (роль: { $role }).
cli-demo-ready =
    Aist запущен в демо-режиме.
    Панель специалиста: { $panel }
    Веб-чат (вы — обратившийся человек): { $chat }
    Учётные записи:
cli-demo-login = {"  "}{ $login } / { $password }  — { $name }, { $role }
cli-demo-stop = Остановить: Ctrl+C.
error-staff-login-taken = Логин { $login } уже занят.
error-staff-password-short = Пароль слишком короткий: нужно не меньше { $min } символов.
error-staff-login-invalid = Логин должен быть непустым и не длиннее 64 символов.
error-staff-role-invalid = Неизвестная роль: { $role }.
