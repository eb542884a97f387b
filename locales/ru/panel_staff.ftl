## Staff accounts and their security: the login's second step, her account (/account), the
## second factor, the administrator's staff page (/staff), the password reset, the CLI.

panel-nav-staff = Сотрудники
panel-nav-account = Учётная запись

panel-login-have-reset-code = Есть код сброса пароля от администратора
panel-login-otp-title = Код подтверждения
panel-login-otp-hint = Введите шестизначный код из приложения-аутентификатора.
panel-login-otp-code = Код
panel-login-otp-submit = Подтвердить
panel-login-otp-recovery = Нет доступа к приложению? Введите один из резервных кодов — каждый действует один раз.
panel-login-otp-expired = Время на ввод кода вышло. Войдите заново.

panel-password-rules = Пароль — не короче 12 символов и не из списков распространённых паролей. Удобно взять несколько случайных слов.

panel-account-title = Учётная запись
panel-account-hint = Здесь видно, где открыта ваша учётная запись. Сеанс в панели заканчивается после { $idle } минут без действий и при выходе.
panel-account-sessions = Открытые сеансы
panel-account-session-kind = Вид
panel-account-session-where = Где
panel-account-session-started = Начат
panel-account-session-seen = Последнее действие
panel-account-kind-panel = Панель
panel-account-kind-api = Токен API
panel-account-this-session = этот сеанс
panel-account-session-end = Завершить
panel-account-session-ended = Сеанс завершён.
panel-account-end-all = Выйти на всех устройствах
panel-account-end-all-hint = Завершает все сеансы и токены API этой учётной записи, включая этот. Пригодится, если вы забыли выйти на чужом компьютере.
panel-account-signed-out-everywhere = Все сеансы завершены. Войдите снова.
panel-account-password = Смена пароля
panel-account-current-password = Текущий пароль
panel-account-new-password = Новый пароль
panel-account-new-password-again = Новый пароль ещё раз
panel-account-password-ends-sessions = После смены пароля все сеансы завершатся — нужно будет войти заново.
panel-account-password-save = Сменить пароль
panel-account-password-changed = Пароль изменён, все сеансы завершены. Войдите с новым паролем.
panel-account-2fa = Второй фактор
panel-account-2fa-on = Вход подтверждается кодом из приложения.
panel-account-2fa-codes-left = Осталось резервных кодов: { $count }.
panel-account-2fa-required = Для вашей роли второй фактор обязателен.
panel-account-2fa-offer = Вход можно защитить кодом из приложения-аутентификатора: тогда одного пароля для входа будет мало.
panel-account-2fa-enrol = Подключить

panel-2fa-title = Подключение второго фактора
panel-2fa-hint = Установите приложение-аутентификатор (например, Яндекс Ключ, FreeOTP или Google Authenticator) и добавьте в него учётную запись.
panel-2fa-hint-required = Для вашей роли вход подтверждается кодом из приложения-аутентификатора. Подключите его — после этого панель откроется.
panel-2fa-step-scan = 1. Отсканируйте QR-код
panel-2fa-or-type = Или введите ключ вручную:
panel-2fa-step-confirm = 2. Введите код из приложения
panel-2fa-confirm = Подключить
panel-2fa-codes-title = Резервные коды
panel-2fa-codes-hint = Сохраните эти коды в надёжном месте: они показаны один раз. Каждый код заменяет код из приложения при одном входе.
panel-2fa-codes-done = Коды сохранены, дальше

panel-reset-title = Новый пароль
panel-reset-hint = Введите логин, код от администратора (действует 30 минут, один раз) и новый пароль.
panel-reset-code = Код сброса
panel-reset-submit = Сохранить пароль
panel-reset-done = Пароль сохранён. Войдите с ним.

panel-staff-title = Сотрудники
panel-staff-hint = Учётные записи панели. Отключённая учётная запись не может войти, а её открытые сеансы сразу перестают работать.
panel-staff-name = Имя
panel-staff-role = Роль
panel-staff-state = Состояние
panel-staff-you = это вы
panel-staff-role-save = Сохранить
panel-staff-active = активна
panel-staff-inactive = отключена
panel-staff-2fa-on = второй фактор подключён
panel-staff-reset-code = Код сброса пароля
panel-staff-2fa-reset = Сбросить второй фактор
panel-staff-disable = Отключить
panel-staff-enable = Включить
panel-staff-add-title = Новая учётная запись
panel-staff-first-password = Первый пароль
panel-staff-add = Создать
panel-staff-created = Учётная запись { $login } создана.
panel-staff-role-changed = Роль изменена.
panel-staff-disabled = Учётная запись отключена, все её сеансы завершены.
panel-staff-enabled = Учётная запись снова включена.
panel-staff-2fa-was-reset = Второй фактор сброшен: при следующем входе его нужно будет подключить заново.
panel-staff-reset-title = Код сброса пароля
panel-staff-reset-for = Код для { $name } (логин { $login }):
panel-staff-reset-hint = Передайте код лично или по телефону. Он действует { $minutes } минут и один раз; вводить его нужно на странице входа по ссылке «Есть код сброса пароля». Код больше не будет показан.
panel-staff-back = К списку сотрудников

panel-error-password-too-short = Пароль слишком короткий: нужно не меньше { $min } символов.
panel-error-password-too-long = Пароль слишком длинный: не больше { $max } символов.
panel-error-password-too-common = Такой пароль слишком легко подобрать: он есть в списках распространённых паролей или похож на них. Возьмите несколько случайных слов.
panel-error-password-current-wrong = Текущий пароль введён неверно.
panel-error-password-mismatch = Новые пароли не совпадают.
panel-error-reset-code-invalid = Код сброса не подошёл: он неверный, уже использован или устарел. Попросите у администратора новый.
panel-error-staff-last-admin = Это последний активный администратор: сначала назначьте другого.
panel-error-staff-admin-only = Это может только администратор.
panel-error-staff-disabled = Учётная запись отключена.
panel-error-staff-login-taken = Логин { $login } уже занят.
panel-error-staff-login-invalid = Логин должен быть непустым и не длиннее 64 символов.
panel-error-staff-role-invalid = Неизвестная роль: { $role }.
panel-error-otp-required = Нужен код подтверждения из приложения-аутентификатора (поле otp).
panel-error-otp-invalid = Код не подошёл. Введите новый код из приложения или резервный код.
panel-error-otp-enrolment-required = Для вашей роли нужен второй фактор. Подключите его в панели: Учётная запись → Второй фактор.
panel-error-two-factor-enrolled = Второй фактор уже подключён.
panel-error-two-factor-not-started = Подключение не начато: откройте страницу подключения заново.
panel-error-session-not-found = Такого сеанса нет.

## The CLI's user commands.
cli-help-user-disable = отключить учётную запись: вход закрыт, все её сеансы и токены сразу завершаются
cli-help-user-enable = снова включить отключённую учётную запись
cli-help-user-password = задать учётной записи новый пароль (одной строкой из стандартного ввода); все сеансы завершаются
cli-help-user-2fa = подключить второй фактор (TOTP): выводит адрес otpauth:// и резервные коды один раз
cli-user-disabled = Учётная запись { $login } отключена, её сеансы и токены завершены.
cli-user-enabled = Учётная запись { $login } снова включена.
cli-user-password-set = Пароль учётной записи { $login } изменён, все её сеансы завершены.
cli-user-2fa-enrolled = Второй фактор для { $login } подключён. Добавьте в приложение-аутентификатор этот адрес (он больше не будет показан):
cli-user-2fa-codes = Резервные коды (каждый — один раз; сохраните их):
error-password-too-short = Пароль слишком короткий: нужно не меньше { $min } символов.
error-password-too-long = Пароль слишком длинный: не больше { $max } символов.
error-password-too-common = Такой пароль слишком легко подобрать: он есть в списках распространённых паролей или похож на них.
error-staff-not-found = Такого сотрудника нет.
error-staff-last-admin = Это последний активный администратор: сначала назначьте другого.
