## The staff panel. English second.

panel-title = Specialist panel
panel-nav-inbox = Cases
panel-nav-closed = Closed
panel-nav-duty = Duty roster
panel-enable-alerts = Turn on alerts
panel-live = live
panel-live-hint = New cases appear without reloading the page
panel-logout = Log out
role-specialist = specialist
role-coordinator = coordinator
role-admin = administrator

panel-login-title = Log in
panel-login-subtitle = Staff panel of the family and children support centre
panel-login-username = Login
panel-login-password = Password
panel-login-submit = Log in
panel-login-failed = Wrong login or password.
panel-login-throttled = Too many failed attempts. Please wait a few minutes.

panel-inbox-title = Open cases
panel-inbox-hint = The most urgent and the longest waiting are on top.
panel-inbox-empty = No open cases.
panel-col-level = Level
panel-col-person = Who
panel-col-topic = Topic
panel-col-waiting = Waiting
panel-col-last = Last message
panel-col-assignee = Curator
panel-for-you = yours
panel-answered = answered
panel-unreachable-short = not delivered
panel-deadline = due: { $when }
panel-deadline-hint = Deadline for the home-visit decision at this support level

channel-telegram = TG
channel-vk = VK
channel-web = web
channel-fake = test

signal-suicide_selfharm = suicide, self-harm
signal-violence = violence
signal-child_abuse = child abuse
signal-abandonment = giving up the child, doubts
signal-minor_pregnancy = pregnant minor
signal-medical_emergency = medical emergency
signal-basic_needs = no housing, food or heating
signal-help_button = the "I need help now" button

panel-opened = opened { $when }
panel-case-number = #{ $id }
panel-assignee = Curator: { $name }
panel-nobody-yet = Nobody has taken it yet
panel-signals = What raised the alarm
panel-unreachable = Messages are not delivered: { $reason }. The person may have blocked the bot.
panel-reply-placeholder = Answer to the person — it goes to her messenger…
panel-reply-send = Send
panel-accept = Take the case
panel-note-label = Internal note (the person does not see it)
panel-note-save = Save note
panel-close-label = Close with an outcome
panel-close-placeholder = For example: advice given, meeting arranged
panel-close = Close the case
panel-closed-at = Closed { $when }
panel-privacy-note = The person is anonymous: the pseudonym is all you see. Do not ask in the chat for data the help does not need.
panel-note-by = Note: { $name }
panel-system = System

delivery-pending = sending…
delivery-sent = delivered
delivery-failed = not delivered

kind-text = text
kind-photo = Photo
kind-document = Document
kind-voice = Voice message
kind-sticker = Sticker
kind-unsupported = Attachment

panel-accepted = The case is yours.
panel-reply-queued = Answer sent.
panel-note-saved = Note saved.
panel-closed = Case closed.
panel-attachment-unavailable = The file is unavailable: the channel it came through is not connected now.

panel-duty-title = Duty roster
panel-duty-hint = A new case goes to the specialist on duty; when nobody is, to every specialist and the coordinator.
panel-duty-who = Staff member
panel-duty-from = From
panel-duty-to = To
panel-duty-now = on shift
panel-duty-remove = Remove
panel-duty-add = Add shift
panel-duty-empty = No shifts in the coming days.
panel-shift-added = Shift added.
panel-shift-removed = Shift removed.

panel-error-generic = That did not work. Reload the page and try again.
panel-error-invalid-input = Please check what you entered.
panel-error-csrf = The page was out of date. We refreshed it — please repeat the action.
panel-error-not-found = Not found.
panel-error-case-not-found = There is no such case.
panel-error-case-closed = The case is already closed.
panel-error-case-taken = Another specialist has already taken the case.
panel-error-case-person-gone = The person deleted her data; she cannot be answered.
panel-error-case-status-unknown = Unknown status: { $status }.
panel-error-reply-empty = The answer is empty.
panel-error-reply-too-long = The answer is too long: at most { $limit } characters.
panel-error-note-empty = The note is empty.
panel-error-note-too-long = The note is too long: at most { $limit } characters.
panel-error-outcome-empty = Please give the outcome.
panel-error-outcome-too-long = The outcome is too long: at most { $limit } characters.
panel-error-forbidden = Not allowed.
panel-error-duty-manage-forbidden = Shifts are set by the coordinator and the administrator.
panel-error-shift-bad-time = Please give the date and time of the shift.
panel-error-shift-needs-zone = Please give the date and time of the shift.
panel-error-shift-ends-before-start = The shift must end after it starts.
panel-error-shift-too-long = A shift cannot be longer than a week.
panel-error-shift-not-found = There is no such shift.
panel-error-staff-not-found = There is no such staff member.
panel-error-attachment-not-found = Attachment not found.

panel-link-title = Telegram alerts
panel-link-hint = An urgent case nobody takes within 15 minutes goes to the coordinator's Telegram. Get a code and send the bot: /link CODE. The code is valid for 15 minutes.
panel-link-get = Get a code
panel-link-code = Your code: { $code }. Send the bot in Telegram: /link { $code }
panel-calendar-title = Production calendar
panel-calendar-hint = Holidays and transferred days come from the Russian calendar. If a decree on a transfer is recent, mark the day here — this mark wins.
panel-calendar-day = Day
panel-calendar-kind = It is
panel-calendar-off = a day off
panel-calendar-working = a working day
panel-calendar-note = Basis
panel-calendar-save = Save
panel-calendar-saved = Day marked.
panel-error-calendar-bad-day = Please give a date.
