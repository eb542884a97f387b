"""Enrolment (the person): enrolling, cancelling, withdrawing consent."""

from __future__ import annotations

from sqlalchemy import select

from core.errors import Conflict, Forbidden
from core.models import SEAT_HOLDING, Enrollment, EnrollmentStatus, GroupStatus
from core.services.audit import record_audit
from core.services.consent import has_consent, withdraw_consent
from core.services.courses.common import (
    LIVE,
    clean_due_info,
    clean_roll_name,
    get_enrollment,
    get_group,
    require_runner,
)
from core.services.courses.reminders import schedule_all
from core.services.courses.seats import end_enrollment, seat_freed, take_seat
from core.uow import UnitOfWork


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
    if await take_seat(uow, group.id):
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
        await schedule_all(uow, enrollment)
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
    enrollment = await get_enrollment(uow, enrollment_id, client_id)
    group = await get_group(uow, enrollment.group_id)
    if staff_id is not None:
        await require_runner(uow, staff_id, group)
    if enrollment.status not in LIVE:
        raise Conflict("course-enrollment-not-active")
    held = enrollment.status in SEAT_HOLDING
    await end_enrollment(uow, enrollment, EnrollmentStatus.cancelled)
    if held:
        await seat_freed(uow, group)
    if staff_id is not None:
        record_audit(
            uow, "course.cancel_enrollment", staff_id=staff_id, enrollment_id=enrollment.id
        )
    return enrollment


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
