"""Builders of test data through the real services (no hand-made rows, no patches)."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

from core.bootstrap import Core
from core.models import RentalItem, Staff
from core.services.duty import add_shift
from core.services.rental import add_item, pickup_days
from core.services.staff import create_staff
from core.uow import UnitOfWork

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery"


async def make_staff(core: Core, role: str = "specialist", name: str | None = None) -> Staff:
    n = next(_seq)
    async with core.uow() as uow:
        staff = await create_staff(
            uow,
            login=f"{role}{n}",
            password=PASSWORD,
            role=role,
            display_name=name or f"{role} {n}",
        )
        await uow.commit()
    return staff


async def put_on_duty(core: Core, staff: Staff, start: datetime, hours: float = 8) -> None:
    async with core.uow() as uow:
        await add_shift(
            uow,
            staff_id=staff.id,
            starts_at=start - timedelta(minutes=1),
            ends_at=start + timedelta(hours=hours),
            by_staff_id=staff.id,
        )
        await uow.commit()


async def make_item(
    core: Core,
    category: str = "Кроватки",
    name: str | None = None,
    *,
    by: Staff | None = None,
    **fields: object,
) -> RentalItem:
    """An item of the rental catalogue, added by a coordinator (made if not given)."""
    n = next(_seq)
    staff = by or await make_staff(core, role="coordinator")
    async with core.uow() as uow:
        item = await add_item(
            uow,
            staff_id=staff.id,
            category=category,
            name=name or f"{category} №{n}",
            inventory_no=f"INV-{n:05d}",
            **fields,  # type: ignore[arg-type]
        )
        await uow.commit()
    return item


async def next_pickup_day(uow: UnitOfWork) -> date:
    """The first day the rental point is open for a pickup by the core's own clock (the fake
    clock in the integration tier, the real one in the browser tier), never a calendar date."""
    return (await pickup_days(uow, count=1))[0]


async def enrol_two_factor(core: Core, staff: Staff) -> tuple[str, list[str]]:
    """Enrols her second factor as ``aist user 2fa`` does; returns the TOTP secret (for
    ``pyotp.TOTP(secret).at(core.clock.now())``) and the ten recovery codes."""
    from core.services.two_factor import enrol_now

    async with core.uow() as uow:
        secret, codes = await enrol_now(uow, staff_id=staff.id, by_staff_id=None)
        await uow.commit()
    return secret, codes
