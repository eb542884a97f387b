cli-description = Aist — chatbot and staff panel of a family and children support centre.
cli-help-demo = demo: SQLite, demo data, panel and web chat, no tokens
cli-help-run = production: migrations, every configured channel, panel, scheduler
cli-help-db = database
cli-help-db-upgrade = apply the Alembic migrations
cli-help-user = staff accounts
cli-help-user-create = create a staff account (password from standard input)
cli-help-triage = rate the urgency of messages: one per line in, one JSON object per line out
cli-help-demo-flag = use the demo database and key (./var)
cli-bad-settings = The settings are not usable: { $problem }
cli-db-upgraded = The database is at the latest version.
cli-password-prompt = Password:{" "}
cli-password-again = Password again:{" "}
cli-password-mismatch = The passwords differ.
cli-user-created = Staff account { $login } created (role: { $role }).
cli-demo-ready =
    Aist is running in demo mode.
    Staff panel: { $panel }
    Web chat (you are the person writing in): { $chat }
    Accounts:
cli-demo-login = {"  "}{ $login } / { $password }  — { $name }, { $role }
cli-demo-stop = Stop with Ctrl+C.
error-staff-login-taken = The login { $login } is taken.
error-staff-password-short = The password is too short: at least { $min } characters.
error-staff-login-invalid = The login must be non-empty and at most 64 characters.
error-staff-role-invalid = Unknown role: { $role }.
