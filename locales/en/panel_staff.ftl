## Staff accounts and their security: the login's second step, her account (/account), the
## second factor, the administrator's staff page (/staff), the password reset, the CLI.

panel-nav-staff = Staff
panel-nav-account = Account

panel-login-have-reset-code = I have a password reset code from an administrator
panel-login-otp-title = Confirmation code
panel-login-otp-hint = Enter the six-digit code from your authenticator app.
panel-login-otp-code = Code
panel-login-otp-submit = Confirm
panel-login-otp-recovery = No access to the app? Enter one of your recovery codes — each works once.
panel-login-otp-expired = The time to enter the code is over. Please log in again.

panel-password-rules = At least 12 characters, and not from the lists of common passwords. A few random words work well.

panel-account-title = Account
panel-account-hint = Where your account is open. A panel session ends after { $idle } minutes without activity and when you log out.
panel-account-sessions = Open sessions
panel-account-session-kind = Kind
panel-account-session-where = Where
panel-account-session-started = Started
panel-account-session-seen = Last activity
panel-account-kind-panel = Panel
panel-account-kind-api = API token
panel-account-this-session = this session
panel-account-session-end = End
panel-account-session-ended = The session has ended.
panel-account-end-all = Sign out everywhere
panel-account-end-all-hint = Ends every session and API token of this account, this one included. Useful if you forgot to log out on someone else's computer.
panel-account-signed-out-everywhere = Every session has ended. Please log in again.
panel-account-password = Change password
panel-account-current-password = Current password
panel-account-new-password = New password
panel-account-new-password-again = New password again
panel-account-password-ends-sessions = Changing the password ends every session — you will log in again.
panel-account-password-save = Change password
panel-account-password-changed = Password changed, every session has ended. Log in with the new password.
panel-account-2fa = Second factor
panel-account-2fa-on = Logins are confirmed with a code from your app.
panel-account-2fa-codes-left = Recovery codes left: { $count }.
panel-account-2fa-required = A second factor is required for your role.
panel-account-2fa-offer = You can protect your login with a code from an authenticator app: a password alone will then not be enough.
panel-account-2fa-enrol = Set up

panel-2fa-title = Set up a second factor
panel-2fa-hint = Install an authenticator app (for example Yandex Key, FreeOTP or Google Authenticator) and add the account to it.
panel-2fa-hint-required = For your role, logins are confirmed with a code from an authenticator app. Set it up — the panel opens after that.
panel-2fa-step-scan = 1. Scan the QR code
panel-2fa-or-type = Or type the key by hand:
panel-2fa-step-confirm = 2. Enter the code from the app
panel-2fa-confirm = Set up
panel-2fa-codes-title = Recovery codes
panel-2fa-codes-hint = Keep these codes somewhere safe: they are shown only once. Each code stands in for the app's code at one login.
panel-2fa-codes-done = Codes saved, continue

panel-reset-title = New password
panel-reset-hint = Enter your login, the code from the administrator (valid 30 minutes, once) and a new password.
panel-reset-code = Reset code
panel-reset-submit = Save the password
panel-reset-done = Password saved. Log in with it.

panel-staff-title = Staff
panel-staff-hint = The panel's accounts. A disabled account cannot log in, and its open sessions stop working at once.
panel-staff-name = Name
panel-staff-role = Role
panel-staff-state = State
panel-staff-you = you
panel-staff-role-save = Save
panel-staff-active = active
panel-staff-inactive = disabled
panel-staff-2fa-on = second factor on
panel-staff-reset-code = Password reset code
panel-staff-2fa-reset = Reset second factor
panel-staff-disable = Disable
panel-staff-enable = Enable
panel-staff-add-title = New account
panel-staff-first-password = First password
panel-staff-add = Create
panel-staff-created = Account { $login } created.
panel-staff-role-changed = Role changed.
panel-staff-disabled = Account disabled, all its sessions ended.
panel-staff-enabled = Account enabled again.
panel-staff-2fa-was-reset = Second factor removed: it has to be set up again at the next login.
panel-staff-reset-title = Password reset code
panel-staff-reset-for = The code for { $name } (login { $login }):
panel-staff-reset-hint = Hand the code over in person or by phone. It is valid { $minutes } minutes and once; it is entered on the login page through the link "I have a password reset code". It will not be shown again.
panel-staff-back = Back to the staff list

panel-error-password-too-short = The password is too short: at least { $min } characters.
panel-error-password-too-long = The password is too long: at most { $max } characters.
panel-error-password-too-common = This password is too easy to guess: it is on the lists of common passwords or close to one. Take a few random words.
panel-error-password-current-wrong = The current password is wrong.
panel-error-password-mismatch = The new passwords differ.
panel-error-reset-code-invalid = The reset code did not work: it is wrong, used or expired. Ask an administrator for a new one.
panel-error-staff-last-admin = This is the last active administrator: appoint another one first.
panel-error-staff-admin-only = Only an administrator may do this.
panel-error-staff-disabled = The account is disabled.
panel-error-staff-login-taken = The login { $login } is taken.
panel-error-staff-login-invalid = A login must be non-empty and at most 64 characters long.
panel-error-staff-role-invalid = Unknown role: { $role }.
panel-error-otp-required = A confirmation code from the authenticator app is needed (field otp).
panel-error-otp-invalid = The code did not work. Enter a new code from the app or a recovery code.
panel-error-otp-enrolment-required = Your role needs a second factor. Set it up in the panel: Account → Second factor.
panel-error-two-factor-enrolled = The second factor is set up already.
panel-error-two-factor-not-started = Setup has not started: open the setup page again.
panel-error-session-not-found = No such session.

## The CLI's user commands.
cli-help-user-disable = disable a staff member: no more logins, all their sessions and tokens end at once
cli-help-user-enable = enable a disabled staff member again
cli-help-user-password = set a new password (one line on standard input); every session ends
cli-help-user-2fa = set up the second factor (TOTP): prints the otpauth:// address and the recovery codes once
cli-user-disabled = Account { $login } disabled, its sessions and tokens ended.
cli-user-enabled = Account { $login } enabled again.
cli-user-password-set = Password of { $login } changed, every session ended.
cli-user-2fa-enrolled = Second factor for { $login } set up. Add this address to the authenticator app (it will not be shown again):
cli-user-2fa-codes = Recovery codes (each once; keep them):
error-password-too-short = The password is too short: at least { $min } characters.
error-password-too-long = The password is too long: at most { $max } characters.
error-password-too-common = This password is too easy to guess: it is on the lists of common passwords or close to one.
error-staff-not-found = No such staff member.
error-staff-last-admin = This is the last active administrator: appoint another one first.
