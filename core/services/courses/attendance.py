"""Sessions: her answers to reminders, drop-in seats, the roll call and attendance."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from core.clock import as_utc
from core.db import rows_changed
from core.errors import Conflict, InvalidInput, NotFound
from core.models import CourseGroup, CourseSession, Enrollment, EnrollmentStatus, SessionAttendance
from core.notices import notice
from core.services import outbox
from core.services.audit import record_audit
from core.services.courses.common import (
    DROP_IN_NOTIFY,
    LIVE,
    acting_staff,
    attendance_of,
    get_enrollment,
    get_group,
    get_session,
    roll_name,
    tell_her,
)
from core.services.courses.reminders import schedule_session
from core.services.courses.shapes import RollRow
from core.services.reminders import cancel_reminders
from core.uow import UnitOfWork


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
    enrollment = await get_enrollment(uow, enrollment_id, client_id)
    session = await _open_session(uow, session_id, enrollment.group_id)
    group = await get_group(uow, enrollment.group_id)
    attendance = await attendance_of(uow, session.id, enrollment.id)
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
            if rows_changed(result) != 1:
                return "seat-given"
            await schedule_session(uow, enrollment, session)
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
        said = notice(
            "course.drop-in-offered",
            enrollment_id=enrollment.id,
            session_id=session.id,
            group=group.title,
            topic=session.topic,
            starts_at=session.starts_at,
            place=session.place or group.place,
        )
        told += await tell_her(uow, enrollment.client_id, said, priority=outbox.LIVE)
    return told


async def take_drop_in(
    uow: UnitOfWork, *, client_id: int, enrollment_id: int, session_id: int
) -> CourseSession:
    """Someone from the waiting list takes a seat freed for one session."""
    enrollment = await get_enrollment(uow, enrollment_id, client_id)
    if enrollment.status == EnrollmentStatus.active:
        raise Conflict("course-already-enrolled")
    if enrollment.status != EnrollmentStatus.waiting:
        raise Conflict("course-enrollment-not-active")
    session = await _open_session(uow, session_id, enrollment.group_id)
    attendance = await attendance_of(uow, session.id, enrollment.id)
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
    if rows_changed(result) != 1:
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
    await schedule_session(uow, enrollment, session)
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
    await acting_staff(uow, staff_id)
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
