"""The course for expectant mothers: groups, sessions, enrolment, waiting list, reminders.

Seats: ``CourseGroup.seats_taken`` counts the enrolments that hold a seat (active, or offered
to the first in the waiting list). A seat is taken only by a conditional UPDATE
(``seats_taken < capacity``) whose row count decides, and the database refuses
``seats_taken > capacity`` (a CHECK constraint): concurrent enrolments cannot overfill a
group, on SQLite (writers are serialised) or PostgreSQL (the row lock re-checks the WHERE).

A seat that frees goes to the first in the waiting list as an offer she confirms within
``settings.course_offer_hold_hours``; an unanswered offer expires (``expire_offers``, run by the scheduler) and
goes to the next. "I can't come" frees her seat for that one session; where the group
allows drop-ins, the waiting list is told and the first to answer takes it (again a
conditional UPDATE, ``drop_ins <= seats_freed`` in the database).

Reminders are rows in the database (core.services.reminders): the day before each session
at ``settings.course_reminder_eve_at`` and ``SOON_BEFORE`` it, in the centre's time zone; the handler skips a
cancelled session, a cancelled enrolment and a session she said she would miss.

The package, bottom up (a module imports only those above it): ``common`` (limits, helpers,
lookups), ``shapes`` (the read side's dataclasses), ``reminders`` (scheduling and the
handler), ``seats`` (taking, releasing, offering a freed seat), ``groups`` (staff: groups and
sessions), ``changes`` (staff: changing a session and telling those who expect it),
``enrolment``, ``offers`` (the waiting list's offers), ``attendance`` (answers, drop-ins, roll
call), ``views`` (the read side), ``calendar_file`` (the .ics file). Every name
is importable from ``core.services.courses``.
"""

from core.services.courses.attendance import (
    answer_reminder,
    mark_attendance,
    roll_call,
    take_drop_in,
)
from core.services.courses.calendar_file import calendar_ics, ics_token, ics_url
from core.services.courses.changes import change_session
from core.services.courses.common import (
    DEFAULT_SESSION_LENGTH,
    DROP_IN_NOTIFY,
    KIND_EVE,
    KIND_SOON,
    LIVE,
    MAX_CAPACITY,
    MAX_DUE,
    MAX_GROUP_MESSAGE,
    MAX_NAME,
    MAX_NOTE,
    MAX_PLACE,
    MAX_SESSIONS,
    MAX_TITLE,
    MAX_TOPIC,
    SOON_BEFORE,
    clean_due_info,
    clean_roll_name,
    due_info,
    get_group,
    get_session,
    local,
    may_run_group,
    roll_name,
    sessions_of,
    upcoming_sessions,
)
from core.services.courses.enrolment import cancel_enrollment, enrol, live_enrollment, withdraw
from core.services.courses.groups import (
    add_session,
    cancel_session,
    create_group,
    default_course,
    message_group,
    set_group_status,
    set_note,
    update_group,
)
from core.services.courses.offers import (
    confirm_seat,
    decline_offer,
    erase_finished_rolls,
    expire_offers,
)
from core.services.courses.reminders import REMINDER_HANDLERS
from core.services.courses.shapes import (
    EnrollmentView,
    GroupView,
    RollRow,
    SessionChange,
    SessionSpec,
)
from core.services.courses.views import (
    find_group,
    find_her_enrollment,
    group_view,
    list_enrollments,
    list_groups,
    my_enrollments,
    skipped_sessions,
    waiting_position,
)

__all__ = [
    "DEFAULT_SESSION_LENGTH",
    "DROP_IN_NOTIFY",
    "KIND_EVE",
    "KIND_SOON",
    "LIVE",
    "MAX_CAPACITY",
    "MAX_DUE",
    "MAX_GROUP_MESSAGE",
    "MAX_NAME",
    "MAX_NOTE",
    "MAX_PLACE",
    "MAX_SESSIONS",
    "MAX_TITLE",
    "MAX_TOPIC",
    "REMINDER_HANDLERS",
    "SOON_BEFORE",
    "EnrollmentView",
    "GroupView",
    "RollRow",
    "SessionChange",
    "SessionSpec",
    "add_session",
    "answer_reminder",
    "calendar_ics",
    "cancel_enrollment",
    "cancel_session",
    "change_session",
    "clean_due_info",
    "clean_roll_name",
    "confirm_seat",
    "create_group",
    "decline_offer",
    "default_course",
    "due_info",
    "enrol",
    "erase_finished_rolls",
    "expire_offers",
    "find_group",
    "find_her_enrollment",
    "get_group",
    "get_session",
    "group_view",
    "ics_token",
    "ics_url",
    "list_enrollments",
    "list_groups",
    "live_enrollment",
    "local",
    "mark_attendance",
    "may_run_group",
    "message_group",
    "my_enrollments",
    "roll_call",
    "roll_name",
    "sessions_of",
    "set_group_status",
    "set_note",
    "skipped_sessions",
    "take_drop_in",
    "upcoming_sessions",
    "update_group",
    "waiting_position",
    "withdraw",
]
