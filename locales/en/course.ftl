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
course-group-gone = This group is no longer there. Here are the groups open for enrolment:
course-group-not-open = Enrolment in "{ $title }" is closed. Have a look at the other groups.
course-already-enrolled = You are already in this group (or on its waiting list). Everything about it is under "My course".

## enrolment
course-consent =
    To enrol you we need a name for the group's roll — a first name or a nickname is enough, no surname. If you like, tell us your due date or your baby's age so we can match the group.

    This is personal data, and we need your consent (Russian law 152-FZ):
    • Who processes it: { $centre }.
    • Why: your enrolment, the group's roll, reminders of the sessions.
    • What is kept: the name for the roll and, if you give it, the due date or baby's age — encrypted. Only the staff who run the course see it.
    • How long: until the course ends plus { $days } days, then it is deleted. If you cancel, it is deleted at once.
    • How to withdraw: at any time — "My course" → "Withdraw consent". Your enrolment is cancelled and the data deleted.
course-press-a-button = Please choose an answer with the buttons below.
course-ask-name = What name should go on the group's roll? A first name or a nickname (up to { $limit } characters).
course-name-invalid = The leader needs a name to address you. Please write a first name or a nickname — up to { $limit } characters.
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
