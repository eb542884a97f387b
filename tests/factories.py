"""Builders of test data through the real services (no hand-made rows, no patches)."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from core.bootstrap import Core
from core.models import Staff
from core.services.duty import add_shift
from core.services.staff import create_staff

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
