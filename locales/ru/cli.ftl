# Консольная команда aist.
cli-description = Aist — чат-бот и панель специалистов центра помощи семье и детям.
cli-help-demo = демо: SQLite в ./var, демо-данные, панель и веб-чат, без токенов
cli-help-run = рабочий режим: миграции, все настроенные каналы, панель, планировщик
cli-help-host = адрес панели (по умолчанию AIST_ADMIN_HOST или 127.0.0.1)
cli-help-port = порт панели (по умолчанию AIST_ADMIN_PORT или 8000)
cli-help-db = база данных
cli-help-db-upgrade = применить миграции Alembic
cli-help-user = учётные записи сотрудников
cli-help-user-create = создать сотрудника; пароль — одной строкой из стандартного ввода
cli-help-login = логин для входа в панель
cli-help-role = роль: specialist (специалист), coordinator (координатор), admin (администратор)
cli-help-name = имя, которое видят коллеги (например, «Анна Петрова»)
cli-help-triage = оценить срочность сообщений: по одному на строку, ответ — JSON на строку
cli-help-demo-flag = использовать базу и ключ демо-режима (./var)

cli-role-specialist = специалист
cli-role-coordinator = координатор
cli-role-admin = администратор

cli-bad-settings = Настройки не подходят: { $problem }
cli-no-secret-key = Не задан AIST_SECRET_KEY. Для рабочего режима нужен длинный случайный ключ, например: export AIST_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))'). Попробовать без ключа: aist demo.
cli-short-secret-key = AIST_SECRET_KEY слишком короткий: нужно не меньше 32 символов.
cli-db-failed = Не удалось обновить базу данных { $url }: { $reason }
cli-db-upgraded = База данных { $url } обновлена до последней версии.
cli-password-prompt = Пароль:{" "}
cli-password-again = Повторите пароль:{" "}
cli-password-mismatch = Пароли не совпадают.
cli-password-missing = Пароль не получен: передайте его одной строкой на стандартный ввод.
cli-user-created = Создан сотрудник { $login } (роль: { $role }).

cli-demo-ready =
    Aist запущен в демо-режиме.
    Панель специалиста: { $panel }
    Веб-чат (вы — обратившийся человек): { $chat }
cli-demo-accounts = Учётные записи (хранятся в { $file }):
cli-demo-login = {"  "}логин { $login }   пароль { $password }   — { $name }, { $role }
cli-demo-hint = Попробуйте: откройте { $chat } в одном окне (вы — обратившийся человек), а { $panel } — в другом, войдя как anna: она сейчас дежурит и получит обращение.
cli-demo-passwords-lost = Демо-сотрудники уже есть в базе, но файл с паролями { $file } не найден. Создайте свою учётную запись: aist user create --demo --login ... --role admin
cli-run-ready = Aist запущен. Панель специалиста: { $panel }
cli-stop-hint = Остановить: Ctrl+C.

error-staff-login-taken = Логин { $login } уже занят.
error-staff-password-short = Пароль слишком короткий: нужно не меньше { $min } символов.
error-staff-login-invalid = Логин должен быть непустым и не длиннее 64 символов.
error-staff-role-invalid = Неизвестная роль: { $role }.
