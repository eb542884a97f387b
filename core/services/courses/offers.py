"""Seats offered from the waiting list: confirm, decline, expire; finished rolls erased."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from core.clock import as_utc
from core.db import rows_changed
from core.errors import Conflict
from core.models import (
    CourseGroup,
    CourseSession,
    Enrollment,
    EnrollmentStatus,
    GroupStatus,
    SessionAttendance,
)
from core.notices import notice
from core.services.courses.common import get_enrollment, get_group, tell_her
from core.services.courses.reminders import schedule_all
from core.services.courses.seats import end_enrollment, seat_freed
from core.services.held_offers import lapsed_offers
from core.uow import UnitOfWork


async def confirm_seat(uow: UnitOfWork, *, client_id: int, enrollment_id: int) -> Enrollment:
    """She takes the seat offered to her from the waiting list."""
    enrollment = await get_enrollment(uow, enrollment_id, client_id)
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
        await end_enrollment(uow, enrollment, EnrollmentStatus.expired)
        await seat_freed(uow, group)
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
    await schedule_all(uow, enrollment)
    return enrollment


async def decline_offer(uow: UnitOfWork, *, client_id: int, enrollment_id: int) -> Enrollment:
    """She does not need the offered seat: it goes to the next in line."""
    enrollment = await get_enrollment(uow, enrollment_id, client_id)
    if enrollment.status != EnrollmentStatus.offered:
        raise Conflict("course-offer-gone")
    group = await get_group(uow, enrollment.group_id)
    await end_enrollment(uow, enrollment, EnrollmentStatus.cancelled)
    await seat_freed(uow, group)
    return enrollment


async def expire_offers(uow: UnitOfWork) -> int:
    """Scheduler job: waiting-list offers not answered in time go to the next in line.
    Also erases the roll names of groups that completed more than ``settings.course_roll_retention_days`` ago."""
    expired = await lapsed_offers(
        uow,
        Enrollment,
        status=Enrollment.status,
        offered=EnrollmentStatus.offered,
        expires_at=Enrollment.offer_expires_at,
        id_column=Enrollment.id,
    )
    for enrollment in expired:
        group = await get_group(uow, enrollment.group_id)
        client_id = enrollment.client_id
        await end_enrollment(uow, enrollment, EnrollmentStatus.expired)
        said = notice("course.offer-expired", group_id=group.id, group=group.title)
        await tell_her(uow, client_id, said)
        await seat_freed(uow, group)
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
    return rows_changed(result)
