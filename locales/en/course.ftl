## The course for expectant mothers: the bot, the messages sent outside a dialog, the panel.

course-default-title = Preparing for birth and motherhood
course-default-description = A free course for expectant mothers: how birth goes, the first weeks with a baby, breastfeeding, the help a family can get.

## dates
course-when = { $weekday } { $date }, { $time }
course-wd-0 = Mon
course-wd-1 = Tue
course-wd-2 = Wed
course-wd-3 = Thu
course-wd-4 = Fri
course-wd-5 = Sat
course-wd-6 = Sun

## buttons
course-btn-my = 📅 My course
course-btn-groups = 🤰 Course groups
course-btn-enrol = ✍️ Enrol
course-btn-waitlist = ⏳ Join the waiting list
course-btn-consent-yes = ✅ I agree
course-btn-consent-no = Not now
course-btn-stop = Stop enrolling
course-btn-skip = Skip
course-btn-yes = ✅ I'll come
course-btn-no = ❌ I can't come
course-btn-take = ✅ Take the seat
course-btn-pass = I don't need it
course-btn-join-again = ⏳ Join the waiting list again
course-btn-drop-in = ✅ I'll come to this session
course-btn-skip-session = I'll miss a session
course-btn-cancel-enrolment = Cancel my enrolment
course-btn-leave-waitlist = Leave the waiting list
course-btn-cancel-yes = Yes, cancel
course-btn-cancel-no = No, keep it
course-btn-withdraw = 🔒 Withdraw consent
course-btn-withdraw-yes = Yes, withdraw and delete

## the course and its groups
course-intro =
    🤰 "Preparing for birth and motherhood" is a free course for expectant mothers: how birth goes, the first weeks with a baby, breastfeeding, the help a family is entitled to. The centre's specialists lead it; you may bring someone close.

    Groups open for enrolment:

    { $groups }

    Choose a group to see all its sessions and enrol.
course-intro-no-groups =
    🤰 "Preparing for birth and motherhood" is a free course for expectant mothers.
    No group is open for enrolment right now. Look in later, or write to a specialist to hear when the next group starts.
course-group-line =
    "{ $title }"
    { $audience }{ $count ->
        [one] { $count } session
       *[other] { $count } sessions
    }, the first { $first }, the last { $last }
    Place: { $place }
    { $free ->
        [0] No seats left — you can join the waiting list
        [one] { $free } seat free
       *[other] { $free } seats free
    }
course-audience = For: { $value }
course-leader = Led by: { $value }
course-session-line = • { $when } — { $topic }
course-session-line-skipped = • { $when } — { $topic } (you said you can't come)
course-no-sessions = The schedule will be here soon.
course-group-detail =
    "{ $title }"
    { $audience }{ $leader }Place: { $place }

    Sessions:
    { $sessions }

    Seats: { $capacity }, free: { $free }.{ $waiting ->
        [0] {""}
       *[other] {" "}On the waiting list: { $waiting }.
    }
course-group-gone = This group is no longer there. Have a look at the other groups — the button is below.
course-group-not-open = Enrolment in "{ $title }" is closed. Have a look at the other groups.
course-already-enrolled = You are already in this group (or on its waiting list). Everything about it is under "My course".

## enrolment
course-consent =
    To enrol you we need a name for the group's roll — a first name or a nickname is enough, no surname. If you like, tell us your due date or your baby's age so we can match the group.

    This is personal data, and we need your consent (Russian law 152-FZ):
    • Who processes it: { $centre }.
    • Why: your enrolment, the group's roll, reminders of the sessions.
    • What is kept: the name for the roll and, if you give it, the due date or baby's age — encrypted. Only the staff who run the course see it.
    • How long: until the course ends plus { $days ->
        [one] { $days } day
       *[other] { $days } days
    }, then it is deleted. If you cancel, it is deleted at once.
    • How to withdraw: at any time — "My course" → "Withdraw consent". Your enrolment is cancelled and the data deleted.
course-press-a-button = Please choose an answer with the buttons below.
course-ask-name = What name should go on the group's roll? A first name or a nickname (up to { $limit } characters).
course-name-invalid = A name is needed so that you can be addressed at the sessions. Please write a first name or a nickname — up to { $limit } characters.
course-ask-due = Thank you, { $name }! If you like, write your due date or your baby's age (for example "March" or "2 months") — it helps to match the group. Or press "Skip".
course-due-invalid = That is too long — up to { $limit } characters, or press "Skip".
course-full-now = While you were enrolling, the last seat was taken. You can join the waiting list: when a seat frees up, I'll write at once.
course-enrolled =
    Done, { $name }! You are enrolled in "{ $title }". Place: { $place }.

    Sessions:
    { $sessions }

    I'll remind you the day before and two hours before each session. If you can't come, press "I can't come" in the reminder.
course-calendar-link = 📅 Add the sessions to your calendar: { $url }
course-waiting-joined = You are on the waiting list of "{ $title }", number { $position }. When a seat frees up I'll write, and you'll have { $hours } h to confirm it.

## "My course"
course-my-none = You are not enrolled in any course group yet.
course-my-active =
    Group "{ $title }".
    { $next }

    All sessions:
    { $sessions }
course-next-session = Next session: { $when } — { $topic }. Place: { $place }.
course-no-next-session = There are no more sessions ahead.
course-my-offered = A seat in "{ $title }" is free for you! Confirm by { $until }.
course-my-waiting = You are on the waiting list of "{ $title }", number { $position }.
course-my-footer = Anything else?
course-choose-skip = Which session will you miss? Where possible, your seat for it goes to the waiting list.
course-enrollment-ended = This enrolment is no longer active. See "My course" or the course groups.
course-confirm-cancel = Cancel your enrolment in "{ $title }"? Your name is removed from the roll and the seat goes to the next on the waiting list.
course-confirm-leave-waitlist = Leave the waiting list of "{ $title }"?
course-cancelled = Your enrolment in "{ $title }" is cancelled and your name removed from the roll. You are welcome in another group.
course-confirm-withdraw = Withdraw your consent for the course? All your enrolments and waiting-list places are cancelled and your name deleted.
course-withdrawn = Consent withdrawn, your course data deleted.{ $count ->
        [0] {""}
       *[other] {" "}Enrolments cancelled: { $count }.
    }

## answers to reminders, offers, drop-ins
course-answer-yes = Great, see you { $when }, "{ $topic }". Place: { $place }.
course-answer-no = Noted, we won't expect you on { $when }. The other sessions stand — I'll remind you of the next one.
course-answer-no-drop-ins = Noted, we won't expect you on { $when }; your seat for that session is offered to the waiting list. The other sessions stand.
course-answer-seat-given = Your seat for { $when } has already gone to someone from the waiting list — sorry. The other sessions stand; see you at the next one.
course-offer-declined = All right, the seat in "{ $title }" goes to the next in line. Thank you for answering!
course-drop-in-taken = The seat is yours! See you { $when }, "{ $topic }". Place: { $place }. I'll remind you the day before.

## sent outside a dialog
course-reminder-eve = 🔔 Tomorrow is a course session, group "{ $group }": { $when }, "{ $topic }". Place: { $place }. Will you come?
course-reminder-soon = 🔔 In two hours, at { $time }, the session "{ $topic }". Place: { $place }. Will you come?
course-offer = 🎉 A seat in "{ $group }" is free and it is yours if you confirm by { $until }. After that it goes to the next on the waiting list.
course-offer-expired = The time to confirm your seat in "{ $group }" has run out and it went to the next in line. If you still need the course, you can join the waiting list again.
course-drop-in-offer = A seat is free at a session of "{ $group }" on { $when } ("{ $topic }", { $place }). Would you like to come? It goes to whoever answers first.
course-group-message =
    A message for the group "{ $group }":
    { $text }
course-session-cancelled-note = The session of "{ $group }" on { $when } ("{ $topic }") is cancelled. { $reason }
course-session-changed-note =
    ✏️ A change in the schedule of "{ $group }", session "{ $topic }":
    { $changes }
    Will you come?
course-session-changed-when = Time: was { $old }, now { $new }.
course-session-changed-place = Place: was "{ $old }", now "{ $new }".
course-ics-summary = { $group }: { $topic }

## refusals (bot)
course-error-generic = That did not work. Try again or open "My course".
error-course-group-not-found = This group is no longer there. Have a look at the other groups.
error-course-group-full = The group has no seats left — you can join the waiting list.
error-course-group-closed = Enrolment in this group is closed. Have a look at the other groups.
error-course-consent-needed = To enrol, we need your consent to keep a name for the group's roll.
error-course-name-empty = Please write a first name or a nickname.
error-course-name-too-long = The name is too long: up to { $limit } characters.
error-course-due-too-long = That is too long: up to { $limit } characters.
error-course-already-enrolled = You are already in this group. Everything about it is under "My course".
error-course-enrollment-not-found = There is no such enrolment — perhaps the button is from an old message. Here are your course and the groups:
error-course-enrollment-not-active = This enrolment is no longer active (cancelled, or the course is over).
error-course-offer-expired = The time to confirm the seat has run out and it went to the next in line. You can join the waiting list again.
error-course-offer-gone = This offer is no longer valid.
error-course-session-not-found = There is no such session — perhaps the button is from an old message.
error-course-session-cancelled = This session is cancelled. The other sessions stand — see "My course".
error-course-session-past = This session is over.
error-course-drop-in-gone = That seat has been taken — sorry! You stay on the waiting list.
error-course-manage-forbidden = Only the centre's staff can do that.

## the panel
panel-course-title = Course for expectant mothers
panel-course-hint = Groups, sessions, enrolments and the waiting list. Times are in the centre's time zone.
panel-course-no-groups = No groups yet.
panel-course-group = Group
panel-course-dates = Dates
panel-course-seats = Seats
panel-course-waiting = Waiting
panel-course-leader = Led by
panel-course-status = Status
panel-course-session-count = { $count ->
        [one] { $count } session
       *[other] { $count } sessions
    }
panel-course-no-sessions = No sessions yet.
panel-course-status-open = enrolling
panel-course-status-closed = enrolment closed
panel-course-status-completed = completed
panel-course-new-group = New group
panel-course-group-title = Title
panel-course-capacity = Seats
panel-course-place = Place
panel-course-audience = For whom
panel-course-audience-example = e.g. due in March–May
panel-course-drop-ins = Give a missed session's seat to the waiting list
panel-course-create = Create the group
panel-course-view-only = Coordinators and administrators create groups.
panel-course-summary = { $taken } of { $capacity } seats taken, { $waiting } waiting
panel-course-led-by = led by { $name }
panel-course-sessions = Sessions
panel-course-when = When
panel-course-topic = Topic
panel-course-answers = Answers
panel-course-actions = Actions
panel-course-session-cancelled = cancelled
panel-course-freed = won't come: { $freed }, came from the list: { $taken }
panel-course-roll = Roll call
panel-course-cancel-session = Cancel
panel-course-cancel-reason = Reason (the group will see it)
panel-course-cancel-session-do = Cancel the session and tell the group
panel-course-edit-session = Edit
panel-course-edit-close = Close
panel-course-date = Date
panel-course-time = Time
panel-course-capacity-hint = Seats are for the whole group, no fewer than taken ({ $taken }).
panel-course-edit-session-hint = If the date, time or place change, the participants get a message and their reminders move.
panel-course-edit-session-do = Save changes
panel-course-enrolled = Enrolled ({ $count })
panel-course-nobody = Nobody yet.
panel-course-roll-name = Name on the roll
panel-course-due = Due date / baby's age
panel-course-note = Note
panel-course-forgotten = data erased
panel-course-enrollment-active = enrolled
panel-course-enrollment-offered = seat offered
panel-course-enrollment-completed = completed
panel-course-enrollment-waiting = waiting
panel-course-enrollment-cancelled = enrolment cancelled
panel-course-enrollment-expired = no answer
panel-course-offer-until = answer expected by { $until }
panel-course-save = Save
panel-course-cancel-enrollment = Cancel enrolment
panel-course-waiting-list = Waiting list ({ $count })
panel-course-waiting-empty = The waiting list is empty.
panel-course-remove-waiting = Remove
panel-course-ended = Cancelled and expired enrolments: { $count }.
panel-course-message-title = A message to the whole group
panel-course-message-hint = Goes to each person's own messenger (Telegram, VK), within the channels' rate limits.
panel-course-message-text = Text
panel-course-message-waiting = Also to the waiting list
panel-course-message-send = Send
panel-course-add-session = Add a session
panel-course-minutes = Length, minutes
panel-course-zone = Times are in the centre's time zone: { $zone }.
panel-course-add-session-do = Add
panel-course-settings = Group settings
panel-course-complete-hint = "Completed" closes the enrolments; names are erased after 30 days.
panel-course-drop-in = from the waiting list for this session
panel-course-said-no = answered "I can't come"
panel-course-said-yes = answered "I'll come"
panel-course-roll-save = Save the roll call
panel-course-group-created = Group created. Add its sessions.
panel-course-session-added = Session added; the group will get reminders.
panel-course-group-saved = Group settings saved.
panel-course-status-saved = Group status changed.
panel-course-message-queued = Message queued: { $count }.
panel-course-session-cancel-done = Session cancelled, the group has been told.
panel-course-roll-saved = Roll call saved: { $count } present.
panel-course-enrollment-cancelled = Enrolment cancelled; the seat is offered to the next on the waiting list.
panel-course-note-saved = Note saved.
panel-course-session-changed = { $count ->
        [0] Session changed.
       *[other] Session changed; messages queued for the participants: { $count }.
    }

panel-error-course-not-found = There is no such course.
panel-error-course-group-not-found = There is no such group.
panel-error-course-session-not-found = There is no such session.
panel-error-course-enrollment-not-found = There is no such enrolment.
panel-error-course-calendar-not-found = There is no such calendar.
panel-error-course-group-full = The group has no free seats.
panel-error-course-group-closed = Enrolment in the group is closed.
panel-error-course-group-completed = This group's course is already completed.
panel-error-course-consent-needed = There is no consent to process the data.
panel-error-course-name-empty = The name is empty.
panel-error-course-name-too-long = The name is too long: up to { $limit } characters.
panel-error-course-due-too-long = Too long: up to { $limit } characters.
panel-error-course-already-enrolled = Already enrolled in this group.
panel-error-course-enrollment-not-active = The enrolment is no longer active.
panel-error-course-offer-expired = The offer has expired.
panel-error-course-offer-gone = The offer is no longer valid.
panel-error-course-session-cancelled = The session is already cancelled.
panel-error-course-session-past = The session is over.
panel-error-course-session-in-past = The new date and time are already past: choose a future one.
panel-error-course-drop-in-gone = There is no free seat for this session.
panel-error-course-manage-forbidden = Only a coordinator, an administrator or whoever leads the group can do that.
panel-error-course-title-empty = Give the group a title.
panel-error-course-title-too-long = The title is too long: up to { $limit } characters.
panel-error-course-capacity-invalid = Seats: from 1 to { $limit }.
panel-error-course-capacity-below-taken = Seats cannot be fewer than those taken ({ $taken }).
panel-error-course-too-many-sessions = Too many sessions: up to { $limit }.
panel-error-course-session-needs-zone = Give the session's time with its time zone.
panel-error-course-session-bad-time = Give the session's date and time.
panel-error-course-session-ends-before-start = A session must end after it starts.
panel-error-course-session-too-long = A session cannot last more than 12 hours.
panel-error-course-place-too-long = The place is too long: up to { $limit } characters.
panel-error-course-topic-too-long = The topic is too long: up to { $limit } characters.
panel-error-course-audience-too-long = Too long: up to { $limit } characters.
panel-error-course-reason-too-long = The reason is too long: up to { $limit } characters.
panel-error-course-status-unknown = Unknown group status.
panel-error-course-message-empty = The message is empty.
panel-error-course-message-too-long = The message is too long: up to { $limit } characters.
panel-error-course-roll-unknown = The roll call has someone who is not in this group. Reload the page.
