"""Courses and groups (staff): creating, changing, sessions, messages, notes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from core.date_window import check_moment
from core.errors import Conflict, InvalidInput, NotFound
from core.models import (
    SEAT_HOLDING,
    Course,
    CourseGroup,
    CourseSession,
    Enrollment,
    EnrollmentStatus,
    GroupStatus,
    SessionAttendance,
)
from core.notices import notice, words
from core.services.audit import record_audit
from core.services.courses.common import (
    DEFAULT_SESSION_LENGTH,
    LIVE,
    MAX_CAPACITY,
    MAX_GROUP_MESSAGE,
    MAX_NOTE,
    MAX_PLACE,
    MAX_SESSIONS,
    MAX_TITLE,
    MAX_TOPIC,
    acting_staff,
    clean_text,
    get_enrollment,
    get_group,
    get_session,
    require_course_manager,
    require_runner,
    seat_holders,
    tell_her,
)
from core.services.courses.reminders import schedule_session
from core.services.courses.seats import offer_free_seat
from core.services.courses.shapes import SessionSpec
from core.services.reminders import cancel_reminders
from core.services.staff import get_staff
from core.uow import UnitOfWork


async def default_course(uow: UnitOfWork) -> Course:
    """The centre's course, created on first use."""
    course = await uow.session.scalar(select(Course).order_by(Course.id).limit(1))
    if course is None:
        locale = uow.settings.default_locale
        course = Course(
            title=words(uow, notice("course.default-title"), locale),
            description=words(uow, notice("course.default-description"), locale),
            created_at=uow.clock.now(),
        )
        uow.session.add(course)
        await uow.session.flush()
    return course


def check_times(starts_at: datetime, ends_at: datetime) -> None:
    check_moment(starts_at)
    check_moment(ends_at)
    if starts_at.tzinfo is None:
        raise InvalidInput("course-session-needs-zone")
    if ends_at.tzinfo is None or ends_at <= starts_at:
        raise InvalidInput("course-session-ends-before-start")
    if ends_at - starts_at > timedelta(hours=12):
        raise InvalidInput("course-session-too-long")


def _session_row(uow: UnitOfWork, group: CourseGroup, spec: SessionSpec) -> CourseSession:
    if spec.starts_at.tzinfo is None:
        raise InvalidInput("course-session-needs-zone")
    check_moment(spec.starts_at)  # before the arithmetic below
    ends_at = spec.ends_at or spec.starts_at + DEFAULT_SESSION_LENGTH
    check_times(spec.starts_at, ends_at)
    return CourseSession(
        group_id=group.id,
        starts_at=spec.starts_at,
        ends_at=ends_at,
        place=clean_text(spec.place, MAX_PLACE, "course-place") or group.place,
        topic=clean_text(spec.topic, MAX_TOPIC, "course-topic"),
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
    await require_course_manager(uow, staff_id)
    title = clean_text(title, MAX_TITLE, "course-title", required=True)
    if not 1 <= capacity <= MAX_CAPACITY:
        raise InvalidInput("course-capacity-invalid", limit=MAX_CAPACITY)
    if len(sessions) > MAX_SESSIONS:
        raise InvalidInput("course-too-many-sessions", limit=MAX_SESSIONS)
    if any(spec.starts_at.tzinfo is None for spec in sessions):
        raise InvalidInput("course-session-needs-zone")
    for spec in sessions:
        check_moment(spec.starts_at)
    if leader_id is not None:
        await get_staff(uow, leader_id)
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
        audience=clean_text(audience, MAX_TITLE, "course-audience"),
        place=clean_text(place, MAX_PLACE, "course-place"),
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


async def set_capacity(uow: UnitOfWork, group: CourseGroup, capacity: int) -> bool:
    """Never below the seats taken; new seats go to the waiting list first. True if changed."""
    if capacity == group.capacity:
        return False
    if not 1 <= capacity <= MAX_CAPACITY:
        raise InvalidInput("course-capacity-invalid", limit=MAX_CAPACITY)
    if capacity < group.seats_taken:
        raise Conflict("course-capacity-below-taken", taken=group.seats_taken)
    grew = capacity > group.capacity
    group.capacity = capacity
    await uow.session.flush()
    if grew:
        while await offer_free_seat(uow, group):
            pass
    return True


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
    await require_course_manager(uow, staff_id)
    changes: dict[str, Any] = {}
    if capacity is not None and await set_capacity(uow, group, capacity):
        changes["capacity"] = capacity
    if place is not None:
        group.place = clean_text(place, MAX_PLACE, "course-place")
        changes["place"] = True
    if drop_ins is not None:
        group.drop_ins = drop_ins
        changes["drop_ins"] = drop_ins
    if leader_id is not None and leader_id != group.leader_id:
        await get_staff(uow, leader_id)
        group.leader_id = leader_id
        changes["leader_id"] = leader_id
    record_audit(uow, "course.update_group", staff_id=staff_id, group_id=group_id, **changes)
    return group


async def set_group_status(
    uow: UnitOfWork, *, staff_id: int, group_id: int, status: str
) -> CourseGroup:
    """Open or close enrolment, or complete the group (the course is over)."""
    group = await get_group(uow, group_id)
    await require_runner(uow, staff_id, group)
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
    await require_runner(uow, staff_id, group)
    if group.status == GroupStatus.completed:
        raise Conflict("course-group-completed")
    row = _session_row(uow, group, spec)
    uow.session.add(row)
    await uow.session.flush()
    for enrollment in await seat_holders(uow, group.id, active_only=True):
        await schedule_session(uow, enrollment, row)
    record_audit(uow, "course.add_session", staff_id=staff_id, group_id=group_id, session_id=row.id)
    return row


async def session_people(
    uow: UnitOfWork, group: CourseGroup, session: CourseSession
) -> list[Enrollment]:
    """Who expects a session: the group's active seat holders and its drop-ins."""
    holders = await seat_holders(uow, group.id, active_only=True)
    dropped_in = await uow.session.scalars(
        select(Enrollment)
        .join(SessionAttendance, SessionAttendance.enrollment_id == Enrollment.id)
        .where(SessionAttendance.session_id == session.id, SessionAttendance.drop_in.is_(True))
    )
    return list(dict.fromkeys([*holders, *dropped_in]))


async def cancel_session(
    uow: UnitOfWork, *, staff_id: int, session_id: int, reason: str = ""
) -> CourseSession:
    """Cancels a session: no reminders for it; everyone enrolled is told (bulk, her channel)."""
    session = await get_session(uow, session_id)
    group = await get_group(uow, session.group_id)
    await require_runner(uow, staff_id, group)
    if session.cancelled_at is not None:
        raise Conflict("course-session-cancelled")
    reason = clean_text(reason, MAX_NOTE, "course-reason")
    session.cancelled_at = uow.clock.now()
    told = 0
    for enrollment in await session_people(uow, group, session):
        await cancel_reminders(uow, prefix=f"enrollment:{enrollment.id}:session:{session.id}:")
        said = notice(
            "course.session-cancelled",
            enrollment_id=enrollment.id,
            group=group.title,
            topic=session.topic,
            starts_at=session.starts_at,
            reason=reason,
        )
        told += await tell_her(uow, enrollment.client_id, said)
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
    await require_runner(uow, staff_id, group)
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
        said = notice("course.group-message", group=group.title, text=body)
        queued += await tell_her(uow, enrollment.client_id, said)
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
    enrollment = await get_enrollment(uow, enrollment_id, None)
    await acting_staff(uow, staff_id)
    enrollment.note = (note or "").strip()[:MAX_NOTE]
    record_audit(uow, "course.note", staff_id=staff_id, enrollment_id=enrollment_id)
