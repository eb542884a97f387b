# The aist console command.
cli-description = Aist — chatbot and staff panel of a family and children support centre.
cli-help-demo = demo: SQLite under ./var, demo data, panel and web chat, no tokens
cli-help-run = production: migrations, every configured channel, panel, scheduler
cli-help-host = panel address (default AIST_ADMIN_HOST or 127.0.0.1)
cli-help-port = panel port (default AIST_ADMIN_PORT or 8000)
cli-help-db = database
cli-help-db-upgrade = apply the Alembic migrations
cli-help-user = staff accounts
cli-help-user-create = create a staff account; the password is one line on standard input
cli-help-login = the login for the panel
cli-help-role = role: specialist, coordinator or admin
cli-help-name = the name colleagues see (for example "Anna Petrova")
cli-help-triage = rate the urgency of messages: one per line in, one JSON object per line out
cli-help-demo-flag = use the demo database and key (./var)

cli-role-specialist = specialist
cli-role-coordinator = coordinator
cli-role-admin = administrator

cli-bad-settings = The settings are not usable: { $problem }
cli-no-secret-key = AIST_SECRET_KEY is not set. Production needs a long random key, for example: export AIST_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))'). To try Aist without one: aist demo.
cli-short-secret-key = AIST_SECRET_KEY is too short: at least 32 characters.
cli-db-failed = Could not upgrade the database { $url }: { $reason }
cli-db-upgraded = The database { $url } is at the latest version.
cli-password-prompt = Password:{" "}
cli-password-again = Password again:{" "}
cli-password-mismatch = The passwords differ.
cli-password-missing = No password given: pass it as one line on standard input.
cli-user-created = Staff account { $login } created (role: { $role }).

cli-demo-ready =
    Aist is running in demo mode.
    Staff panel: { $panel }
    Web chat (you are the person writing in): { $chat }
cli-demo-accounts = Accounts (kept in { $file }):
cli-demo-login = {"  "}login { $login }   password { $password }   — { $name }, { $role }
cli-demo-hint = Try it: open { $chat } in one window (you are the person writing in) and { $panel } in another, logged in as anna: she is on duty now and gets the case.
cli-demo-passwords-lost = The demo staff exist in the database, but the passwords file { $file } is missing. Create an account of your own: aist user create --demo --login ... --role admin
cli-run-ready = Aist is running. Staff panel: { $panel }
cli-stop-hint = Stop with Ctrl+C.

error-staff-login-taken = The login { $login } is taken.
error-staff-password-short = The password is too short: at least { $min } characters.
error-staff-login-invalid = The login must be non-empty and at most 64 characters.
error-staff-role-invalid = Unknown role: { $role }.
