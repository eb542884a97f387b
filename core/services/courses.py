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
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from core.clock import as_utc
from core.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.messages import Button, Outgoing
from core.models import (
    SEAT_HOLDING,
    Client,
    Course,
    CourseGroup,
    CourseSession,
    Enrollment,
    EnrollmentStatus,
    GroupStatus,
    Reminder,
    Role,
    SessionAttendance,
    Staff,
)
from core.services import outbox
from core.services.audit import record_audit
from core.services.clients import latest_identity
from core.services.consent import has_consent, withdraw_consent
from core.services.reminders import Handler, cancel_reminders, schedule_reminder
from core.uow import UnitOfWork

# The evening reminder goes out the day before (``settings.course_reminder_eve_at``), the
# second one this long before the session.
SOON_BEFORE = timedelta(hours=2)
MAX_NAME = 40
MAX_DUE = 60
MAX_TITLE = 200
MAX_PLACE = 300
MAX_TOPIC = 300
MAX_NOTE = 2000
MAX_GROUP_MESSAGE = 2000
MAX_CAPACITY = 500
MAX_SESSIONS = 60
DEFAULT_SESSION_LENGTH = timedelta(minutes=90)
# How many of the waiting list hear of a seat freed for one session (the first answer wins).
DROP_IN_NOTIFY = 20
LIVE = (EnrollmentStatus.waiting, EnrollmentStatus.offered, EnrollmentStatus.active)
KIND_EVE = "course.eve"
KIND_SOON = "course.soon"


# --- shapes for the read side -----------------------------------------------------------------


@dataclass(frozen=True)
class SessionSpec:
    """A session as the panel or the API describes it."""

    starts_at: datetime
    place: str = ""
    topic: str = ""
    ends_at: datetime | None = None


@dataclass(frozen=True)
class GroupView:
    group: CourseGroup
    sessions: list[CourseSession]
    waiting: int
    leader: str | None

    @property
    def free(self) -> int:
        return max(0, self.group.capacity - self.group.seats_taken)

    @property
    def upcoming(self) -> list[CourseSession]:
        return [s for s in self.sessions if s.cancelled_at is None]


@dataclass(frozen=True)
class EnrollmentView:
    id: int
    pseudonym: str | None
    roll_name: str | None
    due_info: str | None
    status: str
    position: int | None  # place in the waiting list, from 1
    note: str
    created_at: datetime
    offer_expires_at: datetime | None


@dataclass(frozen=True)
class RollRow:
    enrollment_id: int
    roll_name: str | None
    pseudonym: str | None
    answer: str | None
    drop_in: bool
    present: bool | None


# --- small helpers ----------------------------------------------------------------------------


def _zone(uow: UnitOfWork) -> ZoneInfo:
    return ZoneInfo(uow.settings.timezone)


def local(uow: UnitOfWork, at: datetime) -> datetime:
    """``at`` in the centre's time zone."""
    return as_utc(at).astimezone(_zone(uow))


def when_text(uow: UnitOfWork, locale: str, at: datetime) -> str:
    """ "чт, 26.11, 18:00" in the centre's zone."""
    moment = local(uow, at)
    return uow.i18n(
        locale,
        "course-when",
        weekday=uow.i18n(locale, f"course-wd-{moment.weekday()}"),
        date=moment.strftime("%d.%m"),
        time=moment.strftime("%H:%M"),
    )


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def _clean(value: str | None, limit: int, code: str, *, required: bool = False) -> str:
    cleaned = " ".join((value or "").split())
    if required and not cleaned:
        raise InvalidInput(f"{code}-empty")
    if len(cleaned) > limit:
        raise InvalidInput(f"{code}-too-long", limit=limit)
    return cleaned


def clean_roll_name(value: str) -> str:
    return _clean(value, MAX_NAME, "course-name", required=True)


def clean_due_info(value: str | None) -> str:
    return _clean(value, MAX_DUE, "course-due")


def roll_name(uow: UnitOfWork, enrollment: Enrollment) -> str | None:
    return uow.vault.decrypt(enrollment.roll_name_enc) if enrollment.roll_name_enc else None


def due_info(uow: UnitOfWork, enrollment: Enrollment) -> str | None:
    return uow.vault.decrypt(enrollment.due_info_enc) if enrollment.due_info_enc else None


def _erase(enrollment: Enrollment) -> None:
    enrollment.roll_name_enc = None
    enrollment.due_info_enc = None


async def _staff(uow: UnitOfWork, staff_id: int) -> Staff:
    staff = await uow.session.get(Staff, staff_id)
    if staff is None or not staff.is_active:
        raise Forbidden("forbidden")
    return staff


async def _require_manager(uow: UnitOfWork, staff_id: int) -> Staff:
    staff = await _staff(uow, staff_id)
    if staff.role not in (Role.coordinator, Role.admin):
        raise Forbidden("course-manage-forbidden")
    return staff


async def _require_runner(uow: UnitOfWork, staff_id: int, group: CourseGroup) -> Staff:
    """Coordinators, admins and the specialist who leads the group."""
    staff = await _staff(uow, staff_id)
    if staff.role not in (Role.coordinator, Role.admin) and group.leader_id != staff.id:
        raise Forbidden("course-manage-forbidden")
    return staff


async def get_group(uow: UnitOfWork, group_id: int) -> CourseGroup:
    group = await uow.session.get(CourseGroup, group_id)
    if group is None:
        raise NotFound("course-group-not-found")
    return group


async def get_session(uow: UnitOfWork, session_id: int) -> CourseSession:
    found = await uow.session.get(CourseSession, session_id)
    if found is None:
        raise NotFound("course-session-not-found")
    return found


async def _enrollment(uow: UnitOfWork, enrollment_id: int, client_id: int | None) -> Enrollment:
    """Her enrolment (``client_id`` given: someone else's is "not found")."""
    enrollment = await uow.session.get(Enrollment, enrollment_id)
    if enrollment is None or (client_id is not None and enrollment.client_id != client_id):
        raise NotFound("course-enrollment-not-found")
    return enrollment


async def sessions_of(uow: UnitOfWork, group_id: int) -> list[CourseSession]:
    return list(
        await uow.session.scalars(
            select(CourseSession)
            .where(CourseSession.group_id == group_id)
            .order_by(CourseSession.starts_at, CourseSession.id)
        )
    )


async def upcoming_sessions(uow: UnitOfWork, group_id: int) -> list[CourseSession]:
    now = uow.clock.now()
    return [
        s
        for s in await sessions_of(uow, group_id)
        if s.cancelled_at is None and as_utc(s.starts_at) > now
    ]


async def _notify(
    uow: UnitOfWork,
    client_id: int | None,
    build: Callable[[str], Outgoing],
    *,
    priority: int = outbox.BULK,
) -> bool:
    """Queues ``build(locale) -> Outgoing`` to her latest channel; False when unreachable."""
    if client_id is None:
        return False
    client = await uow.session.get(Client, client_id)
    identity = await latest_identity(uow, client_id)
    if client is None or identity is None:
        return False
    outbox.enqueue(uow, identity, build(client.locale), priority=priority)
    return True


# --- courses and groups (staff) ---------------------------------------------------------------


async def default_course(uow: UnitOfWork) -> Course:
    """The centre's course, created on first use."""
    course = await uow.session.scalar(select(Course).order_by(Course.id).limit(1))
    if course is None:
        locale = uow.settings.default_locale
        course = Course(
            title=uow.i18n(locale, "course-default-title"),
            description=uow.i18n(locale, "course-default-description"),
            created_at=uow.clock.now(),
        )
        uow.session.add(course)
        await uow.session.flush()
    return course


def _session_row(uow: UnitOfWork, group: CourseGroup, spec: SessionSpec) -> CourseSession:
    if spec.starts_at.tzinfo is None:
        raise InvalidInput("course-session-needs-zone")
    ends_at = spec.ends_at or spec.starts_at + DEFAULT_SESSION_LENGTH
    if ends_at.tzinfo is None or ends_at <= spec.starts_at:
        raise InvalidInput("course-session-ends-before-start")
    if ends_at - spec.starts_at > timedelta(hours=12):
        raise InvalidInput("course-session-too-long")
    return CourseSession(
        group_id=group.id,
        starts_at=spec.starts_at,
        ends_at=ends_at,
        place=_clean(spec.place, MAX_PLACE, "course-place") or group.place,
        topic=_clean(spec.topic, MAX_TOPIC, "course-topic"),
        seats_freed=0,
        drop_ins=0,
    )


async def create_group(
    uow: UnitOfWork,
    *,
    staff_id: int,
    title: str,
    capacity: int,
    sessions: Sequence[SessionSpec] = (),
    place: str = "",
    audience: str = "",
    drop_ins: bool = False,
    leader_id: int | None = None,
    course_id: int | None = None,
) -> CourseGroup:
    """A new group, open for enrolment (coordinators and administrators)."""
    await _require_manager(uow, staff_id)
    title = _clean(title, MAX_TITLE, "course-title", required=True)
    if not 1 <= capacity <= MAX_CAPACITY:
        raise InvalidInput("course-capacity-invalid", limit=MAX_CAPACITY)
    if len(sessions) > MAX_SESSIONS:
        raise InvalidInput("course-too-many-sessions", limit=MAX_SESSIONS)
    if leader_id is not None:
        leader = await uow.session.get(Staff, leader_id)
        if leader is None or not leader.is_active:
            raise NotFound("staff-not-found")
    if course_id is None:
        course = await default_course(uow)
    else:
        found = await uow.session.get(Course, course_id)
        if found is None:
            raise NotFound("course-not-found")
        course = found
    group = CourseGroup(
        course_id=course.id,
        title=title,
        audience=_clean(audience, MAX_TITLE, "course-audience"),
        place=_clean(place, MAX_PLACE, "course-place"),
        capacity=capacity,
        seats_taken=0,
        drop_ins=drop_ins,
        leader_id=leader_id,
        status=GroupStatus.open,
        created_at=uow.clock.now(),
    )
    uow.session.add(group)
    await uow.session.flush()
    for spec in sessions:
        uow.session.add(_session_row(uow, group, spec))
    await uow.session.flush()
    record_audit(
        uow,
        "course.create_group",
        staff_id=staff_id,
        group_id=group.id,
        capacity=capacity,
        sessions=len(sessions),
    )
    return group


async def update_group(
    uow: UnitOfWork,
    *,
    staff_id: int,
    group_id: int,
    capacity: int | None = None,
    place: str | None = None,
    drop_ins: bool | None = None,
    leader_id: int | None = None,
) -> CourseGroup:
    """Changes capacity (never below the seats taken), the place, drop-ins, the leader."""
    group = await get_group(uow, group_id)
    await _require_manager(uow, staff_id)
    changes: dict[str, Any] = {}
    if capacity is not None and capacity != group.capacity:
        if not 1 <= capacity <= MAX_CAPACITY:
            raise InvalidInput("course-capacity-invalid", limit=MAX_CAPACITY)
        if capacity < group.seats_taken:
            raise Conflict("course-capacity-below-taken", taken=group.seats_taken)
        grew = capacity > group.capacity
        group.capacity = capacity
        changes["capacity"] = capacity
        await uow.session.flush()
        if grew:  # the new seats go to the waiting list first
            while await _offer_free_seat(uow, group):
                pass
    if place is not None:
        group.place = _clean(place, MAX_PLACE, "course-place")
        changes["place"] = True
    if drop_ins is not None:
        group.drop_ins = drop_ins
        changes["drop_ins"] = drop_ins
    if leader_id is not None and leader_id != group.leader_id:
        leader = await uow.session.get(Staff, leader_id)
        if leader is None or not leader.is_active:
            raise NotFound("staff-not-found")
        group.leader_id = leader_id
        changes["leader_id"] = leader_id
    record_audit(uow, "course.update_group", staff_id=staff_id, group_id=group_id, **changes)
    return group


async def set_group_status(
    uow: UnitOfWork, *, staff_id: int, group_id: int, status: str
) -> CourseGroup:
    """Open or close enrolment, or complete the group (the course is over)."""
    group = await get_group(uow, group_id)
    await _require_runner(uow, staff_id, group)
    if status not in GroupStatus.__members__:
        raise InvalidInput("course-status-unknown")
    if group.status == GroupStatus.completed:
        raise Conflict("course-group-completed")
    now = uow.clock.now()
    group.status = status
    if status == GroupStatus.completed:
        group.completed_at = now
        live = await uow.session.scalars(
            select(Enrollment).where(Enrollment.group_id == group.id, Enrollment.status.in_(LIVE))
        )
        for enrollment in live:
            enrollment.status = (
                EnrollmentStatus.completed
                if enrollment.status == EnrollmentStatus.active
                else EnrollmentStatus.cancelled
            )
            enrollment.updated_at = now
            enrollment.offer_expires_at = None
            await cancel_reminders(uow, prefix=f"enrollment:{enrollment.id}:")
        await uow.session.execute(
            update(CourseGroup)
            .where(CourseGroup.id == group.id)
            .values(seats_taken=0)
            .execution_options(synchronize_session=False)
        )
        group.seats_taken = 0
    record_audit(uow, f"course.{status}_group", staff_id=staff_id, group_id=group_id)
    return group


async def add_session(
    uow: UnitOfWork, *, staff_id: int, group_id: int, spec: SessionSpec
) -> CourseSession:
    group = await get_group(uow, group_id)
    await _require_runner(uow, staff_id, group)
    if group.status == GroupStatus.completed:
        raise Conflict("course-group-completed")
    row = _session_row(uow, group, spec)
    uow.session.add(row)
    await uow.session.flush()
    for enrollment in await _seat_holders(uow, group.id, active_only=True):
        await _schedule_session(uow, enrollment, row)
    record_audit(uow, "course.add_session", staff_id=staff_id, group_id=group_id, session_id=row.id)
    return row


async def cancel_session(
    uow: UnitOfWork, *, staff_id: int, session_id: int, reason: str = ""
) -> CourseSession:
    """Cancels a session: no reminders for it; everyone enrolled is told (bulk, her channel)."""
    session = await get_session(uow, session_id)
    group = await get_group(uow, session.group_id)
    await _require_runner(uow, staff_id, group)
    if session.cancelled_at is not None:
        raise Conflict("course-session-cancelled")
    reason = _clean(reason, MAX_NOTE, "course-reason")
    session.cancelled_at = uow.clock.now()
    holders = await _seat_holders(uow, group.id, active_only=True)
    dropped_in = await uow.session.scalars(
        select(Enrollment)
        .join(SessionAttendance, SessionAttendance.enrollment_id == Enrollment.id)
        .where(SessionAttendance.session_id == session.id, SessionAttendance.drop_in.is_(True))
    )
    told = 0
    for enrollment in dict.fromkeys([*holders, *dropped_in]):
        await cancel_reminders(uow, prefix=f"enrollment:{enrollment.id}:session:{session.id}:")

        def build(locale: str, enrollment: Enrollment = enrollment) -> Outgoing:
            text = uow.i18n(
                locale,
                "course-session-cancelled-note",
                group=group.title,
                topic=session.topic or "—",
                when=when_text(uow, locale, session.starts_at),
                reason=reason or "—",
            )
            return Outgoing(
                text, [[Button(uow.i18n(locale, "course-btn-my"), f"c:my:{enrollment.id}")]]
            )

        told += await _notify(uow, enrollment.client_id, build)
    record_audit(
        uow,
        "course.cancel_session",
        staff_id=staff_id,
        group_id=group.id,
        session_id=session.id,
        told=told,
    )
    return session


async def message_group(
    uow: UnitOfWork, *, staff_id: int, group_id: int, text: str, include_waiting: bool = False
) -> int:
    """A message to everyone in the group (a change of room…), through each person's own
    channel, at bulk priority: the delivery worker keeps every channel's rate limits and
    live replies go first. Returns how many were queued."""
    group = await get_group(uow, group_id)
    await _require_runner(uow, staff_id, group)
    body = (text or "").strip()
    if not body:
        raise InvalidInput("course-message-empty")
    if len(body) > MAX_GROUP_MESSAGE:
        raise InvalidInput("course-message-too-long", limit=MAX_GROUP_MESSAGE)
    statuses = LIVE if include_waiting else SEAT_HOLDING
    recipients = await uow.session.scalars(
        select(Enrollment)
        .where(
            Enrollment.group_id == group.id,
            Enrollment.status.in_(statuses),
            Enrollment.client_id.is_not(None),
        )
        .order_by(Enrollment.id)
    )
    queued = 0
    for enrollment in recipients:

        def build(locale: str) -> Outgoing:
            return Outgoing(uow.i18n(locale, "course-group-message", group=group.title, text=body))

        queued += await _notify(uow, enrollment.client_id, build)
    record_audit(
        uow,
        "course.message_group",
        staff_id=staff_id,
        group_id=group.id,
        recipients=queued,
        chars=len(body),
    )
    return queued


async def set_note(uow: UnitOfWork, *, staff_id: int, enrollment_id: int, note: str) -> None:
    enrollment = await _enrollment(uow, enrollment_id, None)
    await _staff(uow, staff_id)
    enrollment.note = (note or "").strip()[:MAX_NOTE]
    record_audit(uow, "course.note", staff_id=staff_id, enrollment_id=enrollment_id)


# --- enrolment (the person) -------------------------------------------------------------------


async def _take_seat(uow: UnitOfWork, group_id: int) -> bool:
    result = await uow.session.execute(
        update(CourseGroup)
        .where(
            CourseGroup.id == group_id,
            CourseGroup.status == GroupStatus.open,
            CourseGroup.seats_taken < CourseGroup.capacity,
        )
        .values(seats_taken=CourseGroup.seats_taken + 1)
        .execution_options(synchronize_session=False)
    )
    return _rowcount(result) == 1


async def _release_seat(uow: UnitOfWork, group_id: int) -> None:
    await uow.session.execute(
        update(CourseGroup)
        .where(CourseGroup.id == group_id, CourseGroup.seats_taken > 0)
        .values(seats_taken=CourseGroup.seats_taken - 1)
        .execution_options(synchronize_session=False)
    )


async def live_enrollment(uow: UnitOfWork, *, client_id: int, group_id: int) -> Enrollment | None:
    return await uow.session.scalar(
        select(Enrollment).where(
            Enrollment.client_id == client_id,
            Enrollment.group_id == group_id,
            Enrollment.status.in_(LIVE),
        )
    )


async def enrol(
    uow: UnitOfWork,
    *,
    client_id: int,
    group_id: int,
    roll_name: str,
    due_info: str | None = None,
    waitlist: bool = False,
) -> Enrollment:
    """Her seat in a group, or (``waitlist``) her place in its waiting list when it is full.

    Needs her consent first. A full group without ``waitlist`` is ``course-group-full``."""
    group = await get_group(uow, group_id)
    if group.status != GroupStatus.open:
        raise Conflict("course-group-closed")
    if not await has_consent(uow, client_id=client_id, purpose="course"):
        raise Forbidden("course-consent-needed")
    name = clean_roll_name(roll_name)
    due = clean_due_info(due_info)
    if await live_enrollment(uow, client_id=client_id, group_id=group_id) is not None:
        raise Conflict("course-already-enrolled")
    if await _take_seat(uow, group.id):
        status = EnrollmentStatus.active
    elif waitlist:
        status = EnrollmentStatus.waiting
    else:
        raise Conflict("course-group-full")
    now = uow.clock.now()
    enrollment = Enrollment(
        group_id=group.id,
        client_id=client_id,
        status=status,
        roll_name_enc=uow.vault.encrypt(name),
        due_info_enc=uow.vault.encrypt(due) if due else None,
        note="",
        created_at=now,
        updated_at=now,
    )
    uow.session.add(enrollment)
    await uow.session.flush()
    if status == EnrollmentStatus.active:
        await _schedule_all(uow, enrollment)
    return enrollment


async def cancel_enrollment(
    uow: UnitOfWork,
    *,
    enrollment_id: int,
    client_id: int | None = None,
    staff_id: int | None = None,
) -> Enrollment:
    """She (``client_id``) or staff cancel an enrolment or a place in the waiting list; her
    name is erased; a seat she held goes to the first in the waiting list."""
    enrollment = await _enrollment(uow, enrollment_id, client_id)
    group = await get_group(uow, enrollment.group_id)
    if staff_id is not None:
        await _require_runner(uow, staff_id, group)
    if enrollment.status not in LIVE:
        raise Conflict("course-enrollment-not-active")
    held = enrollment.status in SEAT_HOLDING
    await _end(uow, enrollment, EnrollmentStatus.cancelled)
    if held:
        await _seat_freed(uow, group)
    if staff_id is not None:
        record_audit(
            uow, "course.cancel_enrollment", staff_id=staff_id, enrollment_id=enrollment.id
        )
    return enrollment


async def _end(uow: UnitOfWork, enrollment: Enrollment, status: EnrollmentStatus) -> None:
    now = uow.clock.now()
    enrollment.status = status
    enrollment.cancelled_at = now
    enrollment.updated_at = now
    enrollment.offer_expires_at = None
    _erase(enrollment)
    await cancel_reminders(uow, prefix=f"enrollment:{enrollment.id}:")


async def withdraw(uow: UnitOfWork, *, client_id: int) -> int:
    """She withdraws her consent: every live enrolment of hers is cancelled, names erased."""
    live = list(
        await uow.session.scalars(
            select(Enrollment).where(Enrollment.client_id == client_id, Enrollment.status.in_(LIVE))
        )
    )
    for enrollment in live:
        await cancel_enrollment(uow, enrollment_id=enrollment.id, client_id=client_id)
    await withdraw_consent(uow, client_id=client_id, purpose="course")
    return len(live)


async def _first_waiting(uow: UnitOfWork, group_id: int) -> Enrollment | None:
    return await uow.session.scalar(
        select(Enrollment)
        .where(
            Enrollment.group_id == group_id,
            Enrollment.status == EnrollmentStatus.waiting,
            Enrollment.client_id.is_not(None),
        )
        .order_by(Enrollment.id)
        .limit(1)
    )


async def _seat_freed(uow: UnitOfWork, group: CourseGroup) -> None:
    """A held seat is free: it passes to the first in the waiting list (the count stays), or
    back to the group."""
    waiting = await _first_waiting(uow, group.id) if group.status != "completed" else None
    if waiting is None:
        await _release_seat(uow, group.id)
        return
    await _offer(uow, group, waiting)


async def _offer_free_seat(uow: UnitOfWork, group: CourseGroup) -> bool:
    """A seat nobody holds goes to the first in the waiting list (after capacity grew)."""
    waiting = await _first_waiting(uow, group.id)
    if waiting is None:
        return False
    result = await uow.session.execute(
        update(CourseGroup)
        .where(CourseGroup.id == group.id, CourseGroup.seats_taken < CourseGroup.capacity)
        .values(seats_taken=CourseGroup.seats_taken + 1)
        .execution_options(synchronize_session=False)
    )
    if _rowcount(result) != 1:
        return False
    await _offer(uow, group, waiting)
    return True


async def _offer(uow: UnitOfWork, group: CourseGroup, enrollment: Enrollment) -> None:
    now = uow.clock.now()
    enrollment.status = EnrollmentStatus.offered
    enrollment.offer_expires_at = now + timedelta(hours=uow.settings.course_offer_hold_hours)
    enrollment.updated_at = now
    until = enrollment.offer_expires_at

    def build(locale: str) -> Outgoing:
        return Outgoing(
            uow.i18n(
                locale, "course-offer", group=group.title, until=when_text(uow, locale, until)
            ),
            [
                [Button(uow.i18n(locale, "course-btn-take"), f"c:take:{enrollment.id}")],
                [Button(uow.i18n(locale, "course-btn-pass"), f"c:pass:{enrollment.id}")],
            ],
        )

    await _notify(uow, enrollment.client_id, build, priority=outbox.LIVE)


async def confirm_seat(uow: UnitOfWork, *, client_id: int, enrollment_id: int) -> Enrollment:
    """She takes the seat offered to her from the waiting list."""
    enrollment = await _enrollment(uow, enrollment_id, client_id)
    if enrollment.status == EnrollmentStatus.active:
        return enrollment
    if enrollment.status == EnrollmentStatus.expired:
        raise Conflict("course-offer-expired")
    if enrollment.status != EnrollmentStatus.offered:
        raise Conflict("course-offer-gone")
    now = uow.clock.now()
    if enrollment.offer_expires_at is not None and as_utc(enrollment.offer_expires_at) <= now:
        # Past its time but not yet swept: it is expired all the same.
        group = await get_group(uow, enrollment.group_id)
        await _end(uow, enrollment, EnrollmentStatus.expired)
        await _seat_freed(uow, group)
        raise Conflict("course-offer-expired")
    enrollment.status = EnrollmentStatus.active
    enrollment.offer_expires_at = None
    enrollment.updated_at = now
    # A drop-in seat she took for a session while waiting is given back: she now has her own.
    drop_ins = await uow.session.scalars(
        select(SessionAttendance).where(
            SessionAttendance.enrollment_id == enrollment.id, SessionAttendance.drop_in.is_(True)
        )
    )
    for attendance in drop_ins:
        session = await uow.session.get(CourseSession, attendance.session_id)
        if session is None or as_utc(session.starts_at) <= now:
            continue
        attendance.drop_in = False
        await uow.session.execute(
            update(CourseSession)
            .where(CourseSession.id == attendance.session_id, CourseSession.drop_ins > 0)
            .values(drop_ins=CourseSession.drop_ins - 1)
            .execution_options(synchronize_session=False)
        )
    await _schedule_all(uow, enrollment)
    return enrollment


async def decline_offer(uow: UnitOfWork, *, client_id: int, enrollment_id: int) -> Enrollment:
    """She does not need the offered seat: it goes to the next in line."""
    enrollment = await _enrollment(uow, enrollment_id, client_id)
    if enrollment.status != EnrollmentStatus.offered:
        raise Conflict("course-offer-gone")
    group = await get_group(uow, enrollment.group_id)
    await _end(uow, enrollment, EnrollmentStatus.cancelled)
    await _seat_freed(uow, group)
    return enrollment


async def expire_offers(uow: UnitOfWork) -> int:
    """Scheduler job: waiting-list offers not answered in time go to the next in line.
    Also erases the roll names of groups that completed more than ``settings.course_roll_retention_days`` ago."""
    now = uow.clock.now()
    query = (
        select(Enrollment)
        .where(
            Enrollment.status == EnrollmentStatus.offered,
            Enrollment.offer_expires_at <= now,
        )
        .order_by(Enrollment.offer_expires_at, Enrollment.id)
        .limit(200)
    )
    if not uow.settings.is_sqlite:
        query = query.with_for_update(skip_locked=True)
    expired = list(await uow.session.scalars(query))
    for enrollment in expired:
        group = await get_group(uow, enrollment.group_id)
        client_id = enrollment.client_id
        await _end(uow, enrollment, EnrollmentStatus.expired)

        def build(locale: str, group: CourseGroup = group) -> Outgoing:
            return Outgoing(
                uow.i18n(locale, "course-offer-expired", group=group.title),
                [[Button(uow.i18n(locale, "course-btn-join-again"), f"c:g:{group.id}")]],
            )

        await _notify(uow, client_id, build)
        await _seat_freed(uow, group)
    await erase_finished_rolls(uow)
    return len(expired)


async def erase_finished_rolls(uow: UnitOfWork) -> int:
    """The roll names and due dates of groups completed ``settings.course_roll_retention_days`` ago are erased."""
    cutoff = uow.clock.now() - timedelta(days=uow.settings.course_roll_retention_days)
    finished = select(CourseGroup.id).where(
        CourseGroup.status == GroupStatus.completed, CourseGroup.completed_at <= cutoff
    )
    result = await uow.session.execute(
        update(Enrollment)
        .where(
            Enrollment.group_id.in_(finished),
            (Enrollment.roll_name_enc.is_not(None)) | (Enrollment.due_info_enc.is_not(None)),
        )
        .values(roll_name_enc=None, due_info_enc=None)
        .execution_options(synchronize_session=False)
    )
    return _rowcount(result)


# --- sessions: answers, drop-ins, attendance ---------------------------------------------------


async def _attendance(
    uow: UnitOfWork, session_id: int, enrollment_id: int
) -> SessionAttendance | None:
    return await uow.session.scalar(
        select(SessionAttendance).where(
            SessionAttendance.session_id == session_id,
            SessionAttendance.enrollment_id == enrollment_id,
        )
    )


async def _open_session(uow: UnitOfWork, session_id: int, group_id: int) -> CourseSession:
    session = await uow.session.get(CourseSession, session_id)
    if session is None or session.group_id != group_id:
        raise NotFound("course-session-not-found")
    if session.cancelled_at is not None:
        raise Conflict("course-session-cancelled")
    if as_utc(session.starts_at) <= uow.clock.now():
        raise Conflict("course-session-past")
    return session


async def answer_reminder(
    uow: UnitOfWork, *, client_id: int, enrollment_id: int, session_id: int, coming: bool
) -> str:
    """ "I'll come" / "I can't come" to one session (from a reminder or "My course").

    Returns ``yes``, ``no``, or ``seat-given`` when she says she will come after all but her
    seat for that session already went to someone from the waiting list."""
    enrollment = await _enrollment(uow, enrollment_id, client_id)
    session = await _open_session(uow, session_id, enrollment.group_id)
    group = await get_group(uow, enrollment.group_id)
    attendance = await _attendance(uow, session.id, enrollment.id)
    drop_in = attendance is not None and attendance.drop_in
    if enrollment.status != EnrollmentStatus.active and not (drop_in and enrollment.status in LIVE):
        raise Conflict("course-enrollment-not-active")
    now = uow.clock.now()
    if attendance is None:
        attendance = SessionAttendance(
            session_id=session.id, enrollment_id=enrollment.id, drop_in=False
        )
        uow.session.add(attendance)
    previous = attendance.answer
    if coming:
        if previous == "no":
            if drop_in:
                return "seat-given"  # a drop-in seat once given back is gone
            result = await uow.session.execute(
                update(CourseSession)
                .where(
                    CourseSession.id == session.id,
                    CourseSession.seats_freed > CourseSession.drop_ins,
                )
                .values(seats_freed=CourseSession.seats_freed - 1)
                .execution_options(synchronize_session=False)
            )
            if _rowcount(result) != 1:
                return "seat-given"
            await _schedule_session(uow, enrollment, session)
        attendance.answer = "yes"
        attendance.answered_at = now
        return "yes"
    if previous == "no":
        return "no"
    if drop_in:
        await uow.session.execute(
            update(CourseSession)
            .where(CourseSession.id == session.id, CourseSession.drop_ins > 0)
            .values(drop_ins=CourseSession.drop_ins - 1)
            .execution_options(synchronize_session=False)
        )
    else:
        await uow.session.execute(
            update(CourseSession)
            .where(CourseSession.id == session.id)
            .values(seats_freed=CourseSession.seats_freed + 1)
            .execution_options(synchronize_session=False)
        )
    attendance.answer = "no"
    attendance.answered_at = now
    await uow.session.flush()
    await cancel_reminders(uow, prefix=f"enrollment:{enrollment.id}:session:{session.id}:")
    if group.drop_ins:
        await _offer_drop_in(uow, group, session)
    return "no"


async def _offer_drop_in(uow: UnitOfWork, group: CourseGroup, session: CourseSession) -> int:
    """Tells the waiting list that a seat is free for this one session; the first answer wins."""
    already = select(SessionAttendance.enrollment_id).where(
        SessionAttendance.session_id == session.id
    )
    waiting = list(
        await uow.session.scalars(
            select(Enrollment)
            .where(
                Enrollment.group_id == group.id,
                Enrollment.status == EnrollmentStatus.waiting,
                Enrollment.client_id.is_not(None),
                Enrollment.id.not_in(already),
            )
            .order_by(Enrollment.id)
            .limit(DROP_IN_NOTIFY)
        )
    )
    told = 0
    for enrollment in waiting:

        def build(locale: str, enrollment: Enrollment = enrollment) -> Outgoing:
            return Outgoing(
                uow.i18n(
                    locale,
                    "course-drop-in-offer",
                    group=group.title,
                    topic=session.topic or "—",
                    when=when_text(uow, locale, session.starts_at),
                    place=session.place or group.place or "—",
                ),
                [
                    [
                        Button(
                            uow.i18n(locale, "course-btn-drop-in"),
                            f"c:drop:{enrollment.id}:{session.id}",
                        )
                    ]
                ],
            )

        told += await _notify(uow, enrollment.client_id, build, priority=outbox.LIVE)
    return told


async def take_drop_in(
    uow: UnitOfWork, *, client_id: int, enrollment_id: int, session_id: int
) -> CourseSession:
    """Someone from the waiting list takes a seat freed for one session."""
    enrollment = await _enrollment(uow, enrollment_id, client_id)
    if enrollment.status == EnrollmentStatus.active:
        raise Conflict("course-already-enrolled")
    if enrollment.status != EnrollmentStatus.waiting:
        raise Conflict("course-enrollment-not-active")
    session = await _open_session(uow, session_id, enrollment.group_id)
    attendance = await _attendance(uow, session.id, enrollment.id)
    if attendance is not None:
        if attendance.drop_in and attendance.answer == "yes":
            return session
        raise Conflict("course-drop-in-gone")
    result = await uow.session.execute(
        update(CourseSession)
        .where(
            CourseSession.id == session.id,
            CourseSession.cancelled_at.is_(None),
            CourseSession.drop_ins < CourseSession.seats_freed,
        )
        .values(drop_ins=CourseSession.drop_ins + 1)
        .execution_options(synchronize_session=False)
    )
    if _rowcount(result) != 1:
        raise Conflict("course-drop-in-gone")
    uow.session.add(
        SessionAttendance(
            session_id=session.id,
            enrollment_id=enrollment.id,
            drop_in=True,
            answer="yes",
            answered_at=uow.clock.now(),
        )
    )
    await uow.session.flush()
    await _schedule_session(uow, enrollment, session)
    return session


async def roll_call(uow: UnitOfWork, session_id: int) -> list[RollRow]:
    """Who is expected at a session: the group's seat holders and the drop-ins."""
    session = await get_session(uow, session_id)
    marks = {
        a.enrollment_id: a
        for a in await uow.session.scalars(
            select(SessionAttendance).where(SessionAttendance.session_id == session.id)
        )
    }
    statuses = (EnrollmentStatus.active, EnrollmentStatus.completed)
    rows = await uow.session.scalars(
        select(Enrollment)
        .options(selectinload(Enrollment.client))
        .where(
            Enrollment.group_id == session.group_id,
            Enrollment.status.in_(statuses) | Enrollment.id.in_(list(marks)),
        )
        .order_by(Enrollment.id)
    )
    result = []
    for enrollment in rows:
        mark = marks.get(enrollment.id)
        if enrollment.status not in statuses and not (mark and mark.drop_in):
            continue
        result.append(
            RollRow(
                enrollment_id=enrollment.id,
                roll_name=roll_name(uow, enrollment),
                pseudonym=enrollment.client.pseudonym if enrollment.client else None,
                answer=mark.answer if mark else None,
                drop_in=bool(mark and mark.drop_in),
                present=mark.present if mark else None,
            )
        )
    return result


async def mark_attendance(
    uow: UnitOfWork, *, staff_id: int, session_id: int, present: set[int]
) -> int:
    """The roll call of a session: everyone expected is marked present or absent.
    Returns how many were present."""
    session = await get_session(uow, session_id)
    group = await get_group(uow, session.group_id)
    await _staff(uow, staff_id)
    if session.cancelled_at is not None:
        raise Conflict("course-session-cancelled")
    expected = {row.enrollment_id for row in await roll_call(uow, session.id)}
    unknown = present - expected
    if unknown:
        raise InvalidInput("course-roll-unknown")
    now = uow.clock.now()
    marks = {
        a.enrollment_id: a
        for a in await uow.session.scalars(
            select(SessionAttendance).where(SessionAttendance.session_id == session.id)
        )
    }
    for enrollment_id in expected:
        mark = marks.get(enrollment_id)
        if mark is None:
            mark = SessionAttendance(
                session_id=session.id, enrollment_id=enrollment_id, drop_in=False
            )
            uow.session.add(mark)
        mark.present = enrollment_id in present
        mark.marked_by_id = staff_id
        mark.marked_at = now
    record_audit(
        uow,
        "course.mark_attendance",
        staff_id=staff_id,
        group_id=group.id,
        session_id=session.id,
        present=len(present),
        expected=len(expected),
    )
    return len(present)


# --- reminders --------------------------------------------------------------------------------


def _eve_at(uow: UnitOfWork, session: CourseSession) -> datetime:
    day_before = local(uow, session.starts_at).date() - timedelta(days=1)
    return datetime.combine(day_before, uow.settings.course_reminder_eve_at, tzinfo=_zone(uow))


async def _schedule_session(
    uow: UnitOfWork, enrollment: Enrollment, session: CourseSession
) -> None:
    if session.cancelled_at is not None or enrollment.client_id is None:
        return
    prefix = f"enrollment:{enrollment.id}:session:{session.id}"
    starts = as_utc(session.starts_at)
    eve = _eve_at(uow, session)
    soon = starts - SOON_BEFORE
    if eve < soon:  # an evening reminder after the "two hours before" one makes no sense
        await schedule_reminder(
            uow,
            key=f"{prefix}:eve",
            kind=KIND_EVE,
            client_id=enrollment.client_id,
            ref_id=session.id,
            due_at=eve,
        )
    await schedule_reminder(
        uow,
        key=f"{prefix}:soon",
        kind=KIND_SOON,
        client_id=enrollment.client_id,
        ref_id=session.id,
        due_at=soon,
    )


async def _schedule_all(uow: UnitOfWork, enrollment: Enrollment) -> None:
    for session in await upcoming_sessions(uow, enrollment.group_id):
        attendance = await _attendance(uow, session.id, enrollment.id)
        if attendance is None or attendance.answer != "no":
            await _schedule_session(uow, enrollment, session)


def _enrollment_of_key(key: str) -> int | None:
    parts = key.split(":")
    if len(parts) >= 2 and parts[0] == "enrollment" and parts[1].isdigit():
        return int(parts[1])
    return None


async def _reminder(uow: UnitOfWork, reminder: Reminder, client: Client) -> Outgoing | None:
    enrollment_id = _enrollment_of_key(reminder.key)
    enrollment = await uow.session.get(Enrollment, enrollment_id) if enrollment_id else None
    session = await uow.session.get(CourseSession, reminder.ref_id)
    if enrollment is None or session is None or enrollment.client_id != client.id:
        return None
    if session.cancelled_at is not None or as_utc(session.starts_at) <= uow.clock.now():
        return None
    attendance = await _attendance(uow, session.id, enrollment.id)
    drop_in = attendance is not None and attendance.drop_in
    if enrollment.status != EnrollmentStatus.active and not (drop_in and enrollment.status in LIVE):
        return None
    if attendance is not None and attendance.answer == "no":
        return None
    group = await get_group(uow, enrollment.group_id)
    locale = client.locale
    key = "course-reminder-eve" if reminder.kind == KIND_EVE else "course-reminder-soon"
    text = uow.i18n(
        locale,
        key,
        group=group.title,
        topic=session.topic or "—",
        when=when_text(uow, locale, session.starts_at),
        time=local(uow, session.starts_at).strftime("%H:%M"),
        place=session.place or group.place or "—",
    )
    return Outgoing(
        text,
        [
            [
                Button(uow.i18n(locale, "course-btn-yes"), f"c:yes:{enrollment.id}:{session.id}"),
                Button(uow.i18n(locale, "course-btn-no"), f"c:no:{enrollment.id}:{session.id}"),
            ]
        ],
    )


REMINDER_HANDLERS: dict[str, Handler] = {KIND_EVE: _reminder, KIND_SOON: _reminder}


# --- the read side ----------------------------------------------------------------------------


async def _waiting_counts(uow: UnitOfWork, group_ids: list[int]) -> dict[int, int]:
    if not group_ids:
        return {}
    rows = await uow.session.execute(
        select(Enrollment.group_id, func.count(Enrollment.id))
        .where(
            Enrollment.group_id.in_(group_ids),
            Enrollment.status == EnrollmentStatus.waiting,
        )
        .group_by(Enrollment.group_id)
    )
    return {int(group_id): int(count) for group_id, count in rows.all()}


async def _views(uow: UnitOfWork, groups: list[CourseGroup]) -> list[GroupView]:
    waiting = await _waiting_counts(uow, [g.id for g in groups])
    views = []
    for group in groups:
        views.append(
            GroupView(
                group=group,
                sessions=await sessions_of(uow, group.id),
                waiting=waiting.get(group.id, 0),
                leader=group.leader.display_name if group.leader else None,
            )
        )
    return views


async def list_groups(uow: UnitOfWork, *, open_only: bool = False) -> list[GroupView]:
    """Groups, the open ones first; ``open_only``: those she can enrol in now (their last
    session is still ahead)."""
    query = select(CourseGroup).options(selectinload(CourseGroup.leader))
    if open_only:
        query = query.where(CourseGroup.status == GroupStatus.open)
    groups = list(await uow.session.scalars(query.order_by(CourseGroup.id)))
    views = await _views(uow, groups)
    now = uow.clock.now()
    if open_only:
        views = [v for v in views if v.upcoming and as_utc(v.upcoming[-1].starts_at) > now]

    def first_start(view: GroupView) -> datetime:
        starts = [as_utc(s.starts_at) for s in view.sessions]
        return min(starts) if starts else as_utc(view.group.created_at)

    order = {GroupStatus.open: 0, GroupStatus.closed: 1, GroupStatus.completed: 2}
    return sorted(views, key=lambda v: (order.get(GroupStatus(v.group.status), 3), first_start(v)))


async def group_view(uow: UnitOfWork, group_id: int) -> GroupView:
    group = await uow.session.scalar(
        select(CourseGroup)
        .options(selectinload(CourseGroup.leader))
        .where(CourseGroup.id == group_id)
    )
    if group is None:
        raise NotFound("course-group-not-found")
    [view] = await _views(uow, [group])
    return view


async def list_enrollments(uow: UnitOfWork, group_id: int) -> list[EnrollmentView]:
    """The group's enrolments in order (seat holders by enrolment, then the waiting list in
    its order, then the ended ones)."""
    await get_group(uow, group_id)
    rows = list(
        await uow.session.scalars(
            select(Enrollment)
            .options(selectinload(Enrollment.client))
            .where(Enrollment.group_id == group_id)
            .order_by(Enrollment.id)
        )
    )
    rank = {
        EnrollmentStatus.active: 0,
        EnrollmentStatus.offered: 0,
        EnrollmentStatus.completed: 0,
        EnrollmentStatus.waiting: 1,
    }
    rows.sort(key=lambda e: (rank.get(EnrollmentStatus(e.status), 2), e.id))
    views = []
    position = 0
    for enrollment in rows:
        place = None
        if enrollment.status == EnrollmentStatus.waiting:
            position += 1
            place = position
        views.append(
            EnrollmentView(
                id=enrollment.id,
                pseudonym=enrollment.client.pseudonym if enrollment.client else None,
                roll_name=roll_name(uow, enrollment),
                due_info=due_info(uow, enrollment),
                status=enrollment.status,
                position=place,
                note=enrollment.note,
                created_at=enrollment.created_at,
                offer_expires_at=enrollment.offer_expires_at,
            )
        )
    return views


async def my_enrollments(uow: UnitOfWork, client_id: int) -> list[Enrollment]:
    """Her live enrolments (with their groups), the earliest first."""
    return list(
        await uow.session.scalars(
            select(Enrollment)
            .options(selectinload(Enrollment.group))
            .where(Enrollment.client_id == client_id, Enrollment.status.in_(LIVE))
            .order_by(Enrollment.id)
        )
    )


async def waiting_position(uow: UnitOfWork, enrollment: Enrollment) -> int:
    count = await uow.session.scalar(
        select(func.count(Enrollment.id)).where(
            Enrollment.group_id == enrollment.group_id,
            Enrollment.status == EnrollmentStatus.waiting,
            Enrollment.id <= enrollment.id,
        )
    )
    return int(count or 0)


async def skipped_sessions(uow: UnitOfWork, enrollment_id: int) -> set[int]:
    """The sessions she said she would miss."""
    return set(
        await uow.session.scalars(
            select(SessionAttendance.session_id).where(
                SessionAttendance.enrollment_id == enrollment_id,
                SessionAttendance.answer == "no",
            )
        )
    )


# --- calendar file ----------------------------------------------------------------------------


def ics_token(uow: UnitOfWork, enrollment_id: int) -> str:
    """The address of her calendar file: the id and a keyed hash of it (no login needed,
    nothing to guess)."""
    return f"{enrollment_id}-{uow.vault.lookup_hash('course-ics', str(enrollment_id))[:32]}"


def ics_url(uow: UnitOfWork, enrollment_id: int) -> str | None:
    base = uow.settings.public_url.rstrip("/")
    if not base:
        return None
    return f"{base}/courses/ics/{ics_token(uow, enrollment_id)}.ics"


def _ics_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics_fold(line: str) -> list[str]:
    """RFC 5545: lines longer than 75 octets are folded (continuation lines start with a
    space), without splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode()) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def _ics_time(value: datetime) -> str:
    return as_utc(value).strftime("%Y%m%dT%H%M%SZ")


async def calendar_ics(uow: UnitOfWork, token: str) -> str:
    """Her group's sessions as an iCalendar file (no name, no personal data in it)."""
    head, _, _ = token.partition("-")
    if not head.isdigit() or len(head) > 18:
        raise NotFound("course-calendar-not-found")
    enrollment_id = int(head)
    if not hmac.compare_digest(token, ics_token(uow, enrollment_id)):
        raise NotFound("course-calendar-not-found")
    enrollment = await uow.session.get(Enrollment, enrollment_id)
    if enrollment is None or enrollment.status not in (*LIVE, EnrollmentStatus.completed):
        raise NotFound("course-calendar-not-found")
    group = await get_group(uow, enrollment.group_id)
    locale = uow.settings.default_locale
    stamp = _ics_time(uow.clock.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Aist//Course//RU",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ics_escape(group.title)}",
    ]
    host = uow.settings.public_url.split("//")[-1].split("/")[0] or "aist.local"
    for session in await sessions_of(uow, group.id):
        if session.cancelled_at is not None:
            continue
        summary = uow.i18n(locale, "course-ics-summary", group=group.title, topic=session.topic)
        lines += [
            "BEGIN:VEVENT",
            f"UID:course-session-{session.id}-{enrollment.id}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_ics_time(session.starts_at)}",
            f"DTEND:{_ics_time(session.ends_at)}",
            f"SUMMARY:{_ics_escape(summary)}",
            f"LOCATION:{_ics_escape(session.place or group.place)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _ics_fold(line)]
    return "\r\n".join(folded) + "\r\n"


# --- the seats held, for reminders and messages ----------------------------------------------


async def _seat_holders(
    uow: UnitOfWork, group_id: int, *, active_only: bool = False
) -> list[Enrollment]:
    statuses = (EnrollmentStatus.active,) if active_only else SEAT_HOLDING
    return list(
        await uow.session.scalars(
            select(Enrollment)
            .where(Enrollment.group_id == group_id, Enrollment.status.in_(statuses))
            .order_by(Enrollment.id)
        )
    )
