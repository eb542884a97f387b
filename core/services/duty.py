"""The duty roster and the centre's working hours.

Only coordinators and administrators run the roster: ``schedule_shift``, ``remove_shift`` and
``set_working_day`` take the staff id of whoever asks and refuse anyone else with
``Forbidden("duty-manage-forbidden")``, whichever edge calls them (the panel, the API, the
CLI). ``add_shift`` is the roster's own write, unchecked: for the system's seeding (the demo,
the tests' builders); a person's request goes through ``schedule_shift``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from core.calendar import set_calendar_day
from core.date_window import check_day, check_moment
from core.errors import InvalidInput, NotFound
from core.models import Case, CaseStatus, DutyShift, Role, Staff
from core.services.audit import record_audit
from core.services.lookup import get_or_404
from core.services.staff import require_manager
from core.uow import UnitOfWork

MANAGE_REFUSAL = "duty-manage-forbidden"


async def require_roster_manager(uow: UnitOfWork, staff_id: int) -> Staff:
    """The coordinator or administrator behind a change of the roster, or ``Forbidden``."""
    return await require_manager(uow, staff_id, MANAGE_REFUSAL)


async def schedule_shift(
    uow: UnitOfWork, *, staff_id: int, starts_at: datetime, ends_at: datetime, by_staff_id: int
) -> DutyShift:
    """A shift put on the roster at the request of ``by_staff_id`` (coordinator, admin)."""
    await require_roster_manager(uow, by_staff_id)
    return await add_shift(
        uow, staff_id=staff_id, starts_at=starts_at, ends_at=ends_at, by_staff_id=by_staff_id
    )


async def add_shift(
    uow: UnitOfWork, *, staff_id: int, starts_at: datetime, ends_at: datetime, by_staff_id: int
) -> DutyShift:
    """A shift on the roster, unchecked: see ``schedule_shift`` for a person's request."""
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise InvalidInput("shift-needs-zone")
    check_moment(starts_at)
    check_moment(ends_at)
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
    """Takes a shift off the roster at the request of ``by_staff_id`` (coordinator, admin)."""
    await require_roster_manager(uow, by_staff_id)
    shift = await get_or_404(uow, DutyShift, shift_id, "shift-not-found")
    await uow.session.delete(shift)
    record_audit(uow, "duty.remove", staff_id=by_staff_id, shift_id=shift_id)


async def set_working_day(
    uow: UnitOfWork, *, day: date, is_working: bool, note: str, by_staff_id: int
) -> None:
    """Marks a day of the centre's calendar working or not (coordinator, admin), over the
    production calendar."""
    await require_roster_manager(uow, by_staff_id)
    check_day(day)
    await set_calendar_day(uow, day=day, is_working=is_working, note=note, by_staff_id=by_staff_id)


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
