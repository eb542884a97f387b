from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.services.duty import add_shift, list_shifts
from tests.factories import make_staff

MSK = ZoneInfo("Europe/Moscow")


async def test_a_time_in_the_centres_zone_comes_back_as_the_same_instant(core):
    staff = await make_staff(core)
    start = datetime(2026, 11, 25, 9, 0, tzinfo=MSK)
    end = datetime(2026, 11, 25, 18, 0, tzinfo=MSK)
    async with core.uow() as uow:
        await add_shift(uow, staff_id=staff.id, starts_at=start, ends_at=end, by_staff_id=staff.id)
        await uow.commit()
    async with core.uow() as uow:
        [shift] = await list_shifts(uow, since=datetime(2026, 11, 24, tzinfo=MSK))
    assert shift.starts_at == start and shift.ends_at == end
    assert shift.starts_at.utcoffset().total_seconds() == 0


async def test_a_naive_time_is_refused(core):
    staff = await make_staff(core)
    async with core.uow() as uow:
        from core.models import DutyShift

        uow.session.add(
            DutyShift(
                staff_id=staff.id, starts_at=datetime(2026, 1, 1), ends_at=datetime(2026, 1, 2)
            )
        )
        with pytest.raises(Exception, match="naive datetime"):
            await uow.session.flush()
