## The staff panel. English second.

panel-brand = Aist
panel-title = Specialist panel
panel-skip = Skip to content
panel-nav-label = Panel sections
panel-nav-inbox = Cases
panel-nav-closed = Closed
panel-inbox-shown = { $shown ->
        [one] Showing the { $shown } most urgent case of { $total }.
       *[other] Showing the { $shown } most urgent of { $total }.
    }
panel-inbox-show-all = Show all
panel-nav-rental = Rental point
panel-nav-courses = Course
panel-nav-duty = Duty roster
panel-nav-api = API
panel-enable-alerts = Turn on alerts
panel-connecting = connecting…
panel-live = live
panel-live-hint = New cases and messages appear without reloading the page
panel-offline = offline, reconnecting…
panel-logout = Log out
role-specialist = specialist
role-coordinator = coordinator
role-admin = administrator

## Login

panel-login-title = Log in
panel-login-subtitle = Staff panel of the family and children support centre
panel-login-username = Login
panel-login-password = Password
panel-login-submit = Log in
panel-login-privacy = The panel holds conversations with people in crisis. Do not leave it open on a shared computer; log out after your shift.
panel-logged-out = You have logged out.

## Inbox

panel-inbox-title = Open cases
panel-inbox-hint = The most urgent and the longest waiting are on top.
panel-inbox-empty = No open cases. When someone writes, the case appears here by itself.
panel-stat-waiting = waiting for an answer
panel-stat-urgent = urgent
panel-stat-free = without a curator
panel-stat-open = open in all
panel-col-level = Level
panel-col-person = Who
panel-col-topic = Topic
panel-col-waiting = Waiting
panel-col-last = Last message
panel-col-assignee = Curator
panel-col-opened = Opened
panel-for-you = for you
panel-answered = answered
panel-unreachable-short = messages do not arrive
panel-deadline = due: { $when }
panel-deadline-hint = Deadline for the home-visit decision at this support level
panel-waiting-now = just now
panel-waiting-min = waiting { $minutes } min
panel-waiting-hours = waiting { $hours } h { $minutes } min
panel-sla-left = accept within { $minutes } min
panel-sla-late = not accepted for { $minutes } min
panel-signal-mark = ⚑

## Browser alerts: never the text of a message (a lock screen is not private).

panel-notify-case = New case
panel-notify-message = New message
panel-notify-urgent = Urgent case
panel-notify-body = Open the Aist panel to answer.

channel-telegram = TG
channel-vk = VK
channel-web = web
channel-fake = test
channel-name-telegram = Telegram
channel-name-vk = VK
channel-name-web = web chat
channel-name-fake = test channel

signal-suicide_selfharm = suicide, self-harm
signal-violence = violence
signal-child_abuse = violence against a child
signal-child_danger = a child in danger
signal-abandonment = giving up the baby, doubts
signal-minor_pregnancy = pregnancy of a minor
signal-medical_emergency = medical emergency
signal-basic_needs = no housing, food or heating
signal-help_button = the "I need help now" button
signal-unsafe_answer = the answer "No, I need help now"

## A case

panel-opened = opened { $when }
panel-case-number = No. { $id }
panel-assignee = Curator: { $name }
panel-nobody-yet = Nobody has taken it yet
panel-accept = Take the case
panel-take-over = Take it over
panel-signals = What raised the alarm
panel-unreachable-title = Messages do not arrive.
panel-unreachable-blocked = The person has most likely blocked the bot or closed their messages. Replies are kept here but will not reach them.
panel-unreachable-other = The channel does not accept messages for this person. Replies are kept here; try again later.
panel-case-closed-note = The case is closed. If the person writes again, a new case opens.
panel-thread-label = Conversation
panel-thread-empty = No messages yet.
panel-reply-label = Reply to the person
panel-reply-placeholder = Reply to the person — it goes to the messenger they wrote from…
panel-reply-hint = Ctrl+Enter sends
panel-reply-send = Send
panel-note-label = Internal note (the person never sees it)
panel-note-save = Save the note
panel-close-label = Close with an outcome
panel-close-placeholder = For example: advice given, a meeting arranged
panel-close = Close the case
panel-closed-at = Closed { $when }
panel-privacy-note = The person is anonymous: the pseudonym is all you see. Do not ask in the chat for data the help does not need.
panel-note-by = Note: { $name }
panel-system = System

delivery-pending = sending…
delivery-sent = delivered
delivery-failed = not delivered

kind-text = Text
kind-photo = Photo
kind-document = Document
kind-voice = Voice message
kind-sticker = Sticker
kind-button = Button
kind-command = Command
kind-unsupported = Attachment

panel-accepted = The case is yours.
panel-reply-queued = Reply sent.
panel-note-saved = Note saved.
panel-closed = Case closed.
panel-attachment-unavailable = The file is unavailable: the channel it came through is not connected now.
panel-attachment-failed = The messenger did not hand over the file. Try again later.

panel-closed-title = Closed cases
panel-closed-hint = The latest closed, newest first.
panel-closed-empty = No closed cases.

## Duty roster

panel-duty-title = Duty roster
panel-duty-hint = A new case goes to the specialist on duty; when nobody is on duty, to every specialist and the coordinator.
panel-duty-now-on = On duty now: { $names }.
panel-duty-nobody = Nobody is on duty now: every specialist and the coordinator see new cases.
panel-duty-coming = { $days ->
        [one] Shifts for the next { $days } day
       *[other] Shifts for the next { $days } days
    }
panel-duty-day = Day
panel-duty-who = Staff member
panel-duty-from = From
panel-duty-to = To
panel-duty-actions = Actions
panel-duty-now = on duty
panel-duty-remove = Remove
panel-duty-add-title = New shift
panel-duty-add = Add the shift
panel-duty-zone = Times are in the centre's time zone ({ $zone }).
panel-duty-view-only = The coordinator and the administrator set the shifts.
panel-duty-empty = No shifts in the coming days.
panel-shift-added = Shift added.
panel-shift-removed = Shift removed.

panel-weekday-0 = Mon
panel-weekday-1 = Tue
panel-weekday-2 = Wed
panel-weekday-3 = Thu
panel-weekday-4 = Fri
panel-weekday-5 = Sat
panel-weekday-6 = Sun

## Errors

panel-error-title = Something went wrong
panel-error-home = Back to the cases
panel-error-generic = That did not work. Reload the page and try again.
panel-error-invalid-input = Please check what you entered.
panel-error-csrf = The page was out of date. We reloaded it — please repeat the action.
panel-error-not-found = There is no such page.
panel-error-method-not-allowed = This address cannot be used that way.
panel-error-not-authenticated = Please log in: the token or the session is not valid.
panel-error-login-failed = Wrong login or password.
panel-error-login-throttled = Too many failed attempts. Please wait a few minutes.
panel-error-unavailable = The database is unavailable right now. Nothing is lost — try again in a minute.
panel-error-case-not-found = There is no such case.
panel-error-case-closed = The case is already closed.
panel-error-case-taken = The case is already with another specialist.
panel-error-case-person-gone = The person deleted their data; they cannot be answered.
panel-error-case-status-unknown = Unknown status: { $status }. Use open, closed or all.
panel-error-case-topic-unknown = Unknown topic: { $topic }.
panel-error-reply-empty = The reply is empty.
panel-error-reply-too-long = The reply is too long: { $limit } characters at most.
panel-error-note-empty = The note is empty.
panel-error-note-too-long = The note is too long: { $limit } characters at most.
panel-error-outcome-empty = Please give the outcome.
panel-error-outcome-too-long = The outcome is too long: { $limit } characters at most.
panel-error-forbidden = Not allowed.
panel-error-duty-manage-forbidden = The coordinator and the administrator set the shifts.
panel-error-shift-bad-time = Please give the date and time of the shift.
panel-error-shift-needs-zone = Please give the date and time of the shift.
panel-error-shift-ends-before-start = The shift must end after it starts.
panel-error-shift-too-long = A shift cannot be longer than a week.
panel-error-shift-not-found = There is no such shift.
panel-error-staff-not-found = There is no such staff member.
panel-error-attachment-not-found = Attachment not found.
panel-error-link-code-invalid = The code is wrong or has expired.
panel-error-calendar-bad-day = Please give the date.

## Escalations in Telegram and the production calendar

panel-link-title = Alerts in Telegram
panel-link-hint = An urgent case nobody has taken within 15 minutes reaches the coordinator in Telegram. Get a code and send it to the bot: /link CODE. The code is valid for 15 minutes.
panel-link-get = Get a code
panel-link-code = Your code: { $code }. Send it to the bot in Telegram: /link { $code }
panel-calendar-title = Production calendar
panel-calendar-hint = Holidays and transferred days come from the Russian calendar. If a decree on a transfer is recent, mark the day here — this mark wins.
panel-calendar-day = Day
panel-calendar-kind = It is
panel-calendar-off = a day off
panel-calendar-working = a working day
panel-calendar-note = Grounds
panel-calendar-save = Save
panel-calendar-saved = Day marked.

## The API reference page (/api/docs)

panel-api-title = API
panel-api-intro = The panel's JSON API: the same actions as the pages. The OpenAPI document:
panel-api-auth = Log in: POST /api/v1/auth/token with the form fields username and password; then send Authorization: Bearer <token> (valid 12 hours). Errors are JSON {"{"}"detail": …, "code": …{"}"} with a 4xx status.
panel-api-method = Method
panel-api-path = Path
panel-api-summary = What it does
panel-api-body = Request body
panel-api-answer = Responses
panel-api-schemas = Schemas
panel-api-required = required

panel-forget-open = Delete the data at the person's request
panel-forget-explain = For when the person asked for deletion by phone or in person. The conversation, the name and phone for the rental point, the course enrolment, the reminders and the link to the person's accounts are deleted; the case is closed and stays in the reports without texts. Nothing is sent to the messenger (someone else may hold the phone): tell the person yourself, the way they asked. This cannot be undone.
panel-forget-reason = How and when the person asked
panel-forget-reason-placeholder = For example: phone call on 25.11, code word confirmed
panel-forget = Delete the data
panel-forget-confirm = Delete everything we keep about this person? This cannot be undone.
panel-forgotten = The person's data is deleted. The case is closed and kept without texts.
panel-error-forget-forbidden = Only a coordinator or an administrator can delete a person's data.
panel-error-forget-reason-needed = Write how and when the person asked for deletion: it goes into the audit log.
panel-error-case-level-unknown = There is no such level: emergency, crisis, basic or adaptation.
panel-error-case-level-same = The case already has this level.
panel-error-case-level-reason-empty = Write briefly why the level changes: the coordinator will see it.
panel-error-case-level-reason-too-long = The reason is longer than { $limit } characters; please shorten it.
panel-level-open = Change the level
panel-level-explain = If triage got it wrong, correct the level: the deadline is recalculated, and the coordinator sees how often triage errs.
panel-level-label = New level
panel-level-reason = Why
panel-level-reason-placeholder = e.g. no danger, it is about the past
panel-level-save = Save the level
panel-level-changed = The level was changed.
panel-error-triage-corrections-forbidden = The summary of triage corrections is for coordinators and administrators.

## Bounds of what the panel and the API accept (issue #16)
panel-error-date-out-of-range = Please give a date between the years 2000 and 2100.
panel-error-body-too-large = The request is too large. Shorten the text or choose a smaller file.
