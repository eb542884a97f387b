"""Seats held in a group: taking, releasing, and passing a freed seat to the waiting list."""

from __future__ import annotations

from sqlalchemy import select, update

from core.db import rows_changed
from core.models import CourseGroup, Enrollment, EnrollmentStatus, GroupStatus
from core.notices import notice
from core.services import outbox
from core.services.courses.common import erase_roll, tell_her
from core.services.held_offers import held_until
from core.services.reminders import cancel_reminders
from core.uow import UnitOfWork


async def take_seat(uow: UnitOfWork, group_id: int) -> bool:
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
    return rows_changed(result) == 1


async def _release_seat(uow: UnitOfWork, group_id: int) -> None:
    await uow.session.execute(
        update(CourseGroup)
        .where(CourseGroup.id == group_id, CourseGroup.seats_taken > 0)
        .values(seats_taken=CourseGroup.seats_taken - 1)
        .execution_options(synchronize_session=False)
    )


async def end_enrollment(uow: UnitOfWork, enrollment: Enrollment, status: EnrollmentStatus) -> None:
    now = uow.clock.now()
    enrollment.status = status
    enrollment.cancelled_at = now
    enrollment.updated_at = now
    enrollment.offer_expires_at = None
    erase_roll(enrollment)
    await cancel_reminders(uow, prefix=f"enrollment:{enrollment.id}:")


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


async def seat_freed(uow: UnitOfWork, group: CourseGroup) -> None:
    """A held seat is free: it passes to the first in the waiting list (the count stays), or
    back to the group."""
    waiting = await _first_waiting(uow, group.id) if group.status != "completed" else None
    if waiting is None:
        await _release_seat(uow, group.id)
        return
    await _offer(uow, group, waiting)


async def offer_free_seat(uow: UnitOfWork, group: CourseGroup) -> bool:
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
    if rows_changed(result) != 1:
        return False
    await _offer(uow, group, waiting)
    return True


async def _offer(uow: UnitOfWork, group: CourseGroup, enrollment: Enrollment) -> None:
    now = uow.clock.now()
    enrollment.status = EnrollmentStatus.offered
    enrollment.offer_expires_at = held_until(uow, uow.settings.course_offer_hold_hours)
    enrollment.updated_at = now
    said = notice(
        "course.seat-offered",
        enrollment_id=enrollment.id,
        group=group.title,
        until=enrollment.offer_expires_at,
    )
    await tell_her(uow, enrollment.client_id, said, priority=outbox.LIVE)
