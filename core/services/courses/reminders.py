"""Session reminders: scheduling them for an enrolment, planning them again when a session
moves, and the handler that writes them."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from core.clock import as_utc
from core.models import Client, CourseSession, Enrollment, EnrollmentStatus, Reminder
from core.notices import Notice, notice
from core.services.courses.common import (
    KIND_EVE,
    KIND_SOON,
    LIVE,
    SOON_BEFORE,
    attendance_of,
    get_group,
    local,
    upcoming_sessions,
    zone,
)
from core.services.reminders import Handler, cancel_reminders, schedule_reminder
from core.uow import UnitOfWork


def _eve_at(uow: UnitOfWork, session: CourseSession) -> datetime:
    day_before = local(uow, session.starts_at).date() - timedelta(days=1)
    return datetime.combine(day_before, uow.settings.course_reminder_eve_at, tzinfo=zone(uow))


def _plan(uow: UnitOfWork, session: CourseSession) -> list[tuple[str, str, datetime]]:
    """The session's reminders: (key suffix, kind, due time)."""
    eve = _eve_at(uow, session)
    soon = as_utc(session.starts_at) - SOON_BEFORE
    plan = [("soon", KIND_SOON, soon)]
    if eve < soon:  # an evening reminder after the "two hours before" one makes no sense
        plan.insert(0, ("eve", KIND_EVE, eve))
    return plan


def _prefix(enrollment: Enrollment, session: CourseSession) -> str:
    return f"enrollment:{enrollment.id}:session:{session.id}"


async def schedule_session(uow: UnitOfWork, enrollment: Enrollment, session: CourseSession) -> None:
    if session.cancelled_at is not None or enrollment.client_id is None:
        return
    for suffix, kind, due in _plan(uow, session):
        await schedule_reminder(
            uow,
            key=f"{_prefix(enrollment, session)}:{suffix}",
            kind=kind,
            client_id=enrollment.client_id,
            ref_id=session.id,
            due_at=due,
        )


async def replan_session(uow: UnitOfWork, enrollment: Enrollment, session: CourseSession) -> None:
    """The session moved: her reminders of the old time are cancelled and planned again for
    the new one. A reminder already sent for the old time whose new time is still ahead is
    reopened (its key is the same), so it goes out once more, at the new time."""
    prefix = _prefix(enrollment, session)
    await cancel_reminders(uow, prefix=f"{prefix}:")
    attendance = await attendance_of(uow, session.id, enrollment.id)
    if attendance is not None and attendance.answer == "no":
        return
    now = uow.clock.now()
    for suffix, _, due in _plan(uow, session):
        sent = await uow.session.scalar(
            select(Reminder).where(
                Reminder.key == f"{prefix}:{suffix}", Reminder.sent_at.is_not(None)
            )
        )
        if sent is not None and due > now:
            sent.sent_at = None
            sent.cancelled_at = now
    await schedule_session(uow, enrollment, session)


async def schedule_all(uow: UnitOfWork, enrollment: Enrollment) -> None:
    for session in await upcoming_sessions(uow, enrollment.group_id):
        attendance = await attendance_of(uow, session.id, enrollment.id)
        if attendance is None or attendance.answer != "no":
            await schedule_session(uow, enrollment, session)


def _enrollment_of_key(key: str) -> int | None:
    parts = key.split(":")
    if len(parts) >= 2 and parts[0] == "enrollment" and parts[1].isdigit():
        return int(parts[1])
    return None


async def _reminder(uow: UnitOfWork, reminder: Reminder, client: Client) -> Notice | None:
    enrollment_id = _enrollment_of_key(reminder.key)
    enrollment = await uow.session.get(Enrollment, enrollment_id) if enrollment_id else None
    session = await uow.session.get(CourseSession, reminder.ref_id)
    if enrollment is None or session is None or enrollment.client_id != client.id:
        return None
    if session.cancelled_at is not None or as_utc(session.starts_at) <= uow.clock.now():
        return None
    attendance = await attendance_of(uow, session.id, enrollment.id)
    drop_in = attendance is not None and attendance.drop_in
    if enrollment.status != EnrollmentStatus.active and not (drop_in and enrollment.status in LIVE):
        return None
    if attendance is not None and attendance.answer == "no":
        return None
    group = await get_group(uow, enrollment.group_id)
    return notice(
        "course.reminder-eve" if reminder.kind == KIND_EVE else "course.reminder-soon",
        enrollment_id=enrollment.id,
        session_id=session.id,
        group=group.title,
        topic=session.topic,
        starts_at=session.starts_at,
        place=session.place or group.place,
    )


REMINDER_HANDLERS: dict[str, Handler] = {KIND_EVE: _reminder, KIND_SOON: _reminder}
