"""Changing a session (staff): its date and time, place, topic, and the group's capacity.

Those who expect the session are told what changed when its time or place moves (bulk, in
her channel and language), and their reminders are planned again for the new time.
"""

from __future__ import annotations

from datetime import UTC, datetime

from core.clock import as_utc
from core.date_window import check_moment
from core.errors import Conflict, InvalidInput
from core.models import CourseGroup, CourseSession, Enrollment, GroupStatus
from core.notices import notice
from core.services.audit import record_audit
from core.services.courses.common import (
    MAX_PLACE,
    MAX_TOPIC,
    clean_text,
    get_group,
    get_session,
    require_course_manager,
    require_runner,
    tell_her,
)
from core.services.courses.groups import check_times, session_people, set_capacity
from core.services.courses.reminders import replan_session
from core.services.courses.shapes import SessionChange
from core.uow import UnitOfWork


async def change_session(
    uow: UnitOfWork,
    *,
    staff_id: int,
    session_id: int,
    starts_at: datetime | None = None,
    place: str | None = None,
    topic: str | None = None,
    capacity: int | None = None,
) -> SessionChange:
    """Changes a session that is still ahead; ``None`` leaves a field as it is.

    A new start keeps the session's length and must be in the future. An empty place means
    the group's place. ``capacity`` is the group's (never below the seats taken; only
    coordinators and administrators change it). When the time or the place changed, everyone
    who expects the session is told what changed, with "I'll come" / "I can't come" buttons."""
    session = await get_session(uow, session_id)
    group = await get_group(uow, session.group_id)
    await require_runner(uow, staff_id, group)
    if group.status == GroupStatus.completed:
        raise Conflict("course-group-completed")
    if session.cancelled_at is not None:
        raise Conflict("course-session-cancelled")
    now = uow.clock.now()
    if as_utc(session.starts_at) <= now:
        raise Conflict("course-session-past")
    old_when, old_place = session.starts_at, session.place or group.place
    changed: list[str] = []
    if starts_at is not None:
        check_moment(starts_at)  # before comparing and adding across time zones
    if starts_at is not None and starts_at != as_utc(session.starts_at):
        ends_at = starts_at + (as_utc(session.ends_at) - as_utc(session.starts_at))
        check_times(starts_at, ends_at)
        if starts_at <= now:
            raise InvalidInput("course-session-in-past")
        session.starts_at, session.ends_at = starts_at.astimezone(UTC), ends_at.astimezone(UTC)
        changed.append("starts_at")
    if place is not None:
        new_place = clean_text(place, MAX_PLACE, "course-place") or group.place
        if new_place != session.place:
            session.place = new_place
            changed.append("place")
    if topic is not None:
        new_topic = clean_text(topic, MAX_TOPIC, "course-topic")
        if new_topic != session.topic:
            session.topic = new_topic
            changed.append("topic")
    if capacity is not None and capacity != group.capacity:
        await require_course_manager(uow, staff_id)
        await set_capacity(uow, group, capacity)
        changed.append("capacity")
    if not changed:
        return SessionChange(session, (), 0)
    await uow.session.flush()
    moved = "starts_at" in changed
    told = 0
    if moved or (session.place or group.place) != old_place:
        for enrollment in await session_people(uow, group, session):
            if moved:
                await replan_session(uow, enrollment, session)
            told += await _tell(uow, group, session, enrollment, old_when, old_place)
    record_audit(
        uow,
        "course.change_session",
        staff_id=staff_id,
        group_id=group.id,
        session_id=session.id,
        changed=",".join(changed),
        told=told,
    )
    return SessionChange(session, tuple(changed), told)


async def _tell(
    uow: UnitOfWork,
    group: CourseGroup,
    session: CourseSession,
    enrollment: Enrollment,
    old_when: datetime,
    old_place: str,
) -> bool:
    """Queues the notice of a moved session to her channel, in her language."""
    new_place = session.place or group.place
    moved = as_utc(old_when) != as_utc(session.starts_at)
    said = notice(
        "course.session-changed",
        enrollment_id=enrollment.id,
        session_id=session.id,
        group=group.title,
        topic=session.topic,
        old_when=old_when if moved else None,
        new_when=session.starts_at if moved else None,
        old_place=old_place if new_place != old_place else None,
        new_place=new_place if new_place != old_place else None,
        place_changed=new_place != old_place,
    )
    return await tell_her(uow, enrollment.client_id, said)
