"""Session reminders: scheduling them for an enrolment, and the handler that writes them."""

from __future__ import annotations

from datetime import datetime, timedelta

from core.clock import as_utc
from core.messages import Button, Outgoing
from core.models import Client, CourseSession, Enrollment, EnrollmentStatus, Reminder
from core.services.courses.common import (
    KIND_EVE,
    KIND_SOON,
    LIVE,
    SOON_BEFORE,
    _attendance,
    _zone,
    get_group,
    local,
    upcoming_sessions,
    when_text,
)
from core.services.reminders import Handler, schedule_reminder
from core.uow import UnitOfWork


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
