"""The duty roster and the centre's working hours."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from core.errors import InvalidInput, NotFound
from core.models import Case, CaseStatus, DutyShift, Role, Staff
from core.services.audit import record_audit
from core.uow import UnitOfWork


async def add_shift(
    uow: UnitOfWork, *, staff_id: int, starts_at: datetime, ends_at: datetime, by_staff_id: int
) -> DutyShift:
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise InvalidInput("shift-needs-zone")
    if ends_at <= starts_at:
        raise InvalidInput("shift-ends-before-start")
    if ends_at - starts_at > timedelta(days=7):
        raise InvalidInput("shift-too-long")
    staff = await uow.session.get(Staff, staff_id)
    if staff is None or not staff.is_active:
        raise NotFound("staff-not-found")
    shift = DutyShift(staff_id=staff_id, starts_at=starts_at, ends_at=ends_at)
    uow.session.add(shift)
    await uow.session.flush()
    record_audit(
        uow,
        "duty.add",
        staff_id=by_staff_id,
        shift_id=shift.id,
        on_duty=staff_id,
        starts_at=starts_at.isoformat(),
        ends_at=ends_at.isoformat(),
    )
    return shift


async def remove_shift(uow: UnitOfWork, *, shift_id: int, by_staff_id: int) -> None:
    shift = await uow.session.get(DutyShift, shift_id)
    if shift is None:
        raise NotFound("shift-not-found")
    await uow.session.delete(shift)
    record_audit(uow, "duty.remove", staff_id=by_staff_id, shift_id=shift_id)


async def list_shifts(uow: UnitOfWork, *, since: datetime) -> list[DutyShift]:
    return list(
        await uow.session.scalars(
            select(DutyShift)
            .options(selectinload(DutyShift.staff))
            .where(DutyShift.ends_at >= since)
            .order_by(DutyShift.starts_at)
        )
    )


async def on_duty(uow: UnitOfWork, at: datetime) -> list[Staff]:
    """Specialists and coordinators on shift at ``at``, the least busy first."""
    open_load = (
        select(func.count(Case.id))
        .where(Case.assignee_id == Staff.id, Case.status == CaseStatus.open)
        .scalar_subquery()
    )
    rows = await uow.session.scalars(
        select(Staff)
        .join(DutyShift, DutyShift.staff_id == Staff.id)
        .where(DutyShift.starts_at <= at, DutyShift.ends_at > at, Staff.is_active.is_(True))
        .order_by(open_load, Staff.id)
    )
    return list(dict.fromkeys(rows))


async def responders(uow: UnitOfWork) -> list[Staff]:
    """Everyone who should hear of a new case when nobody is on duty."""
    return list(
        await uow.session.scalars(
            select(Staff).where(
                Staff.is_active.is_(True), Staff.role.in_([Role.specialist, Role.coordinator])
            )
        )
    )
