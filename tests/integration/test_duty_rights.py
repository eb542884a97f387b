"""The roster's rights live in the duty service: every edge (panel, API, CLI) gets the same
refusal; and the lookups every service shares."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.errors import Forbidden, NotFound
from core.models import DutyShift
from core.services import duty
from core.services.lookup import get_or_404
from tests.factories import make_staff


async def test_only_a_coordinator_or_an_admin_changes_the_roster(core, clock):
    specialist = await make_staff(core)
    coordinator = await make_staff(core, role="coordinator")
    admin = await make_staff(core, role="admin")
    start = clock.now() + timedelta(hours=1)
    # A day of the roster's own calendar, taken from the fake clock.
    day = (clock.now() + timedelta(days=7)).date()
    shift = dict(staff_id=specialist.id, starts_at=start, ends_at=start + timedelta(hours=8))

    async with core.uow() as uow:
        with pytest.raises(Forbidden) as refused:
            await duty.schedule_shift(uow, **shift, by_staff_id=specialist.id)
        assert refused.value.code == "duty-manage-forbidden"
        with pytest.raises(Forbidden, match="duty-manage-forbidden"):
            await duty.set_working_day(
                uow, day=day, is_working=False, note="", by_staff_id=specialist.id
            )
        added = await duty.schedule_shift(uow, **shift, by_staff_id=coordinator.id)
        await uow.commit()

    async with core.uow() as uow:
        with pytest.raises(Forbidden, match="duty-manage-forbidden"):
            await duty.remove_shift(uow, shift_id=added.id, by_staff_id=specialist.id)
        await duty.set_working_day(
            uow, day=day, is_working=False, note="указ", by_staff_id=admin.id
        )
        await duty.remove_shift(uow, shift_id=added.id, by_staff_id=admin.id)
        await uow.commit()
    async with core.uow() as uow:
        assert await duty.list_shifts(uow, since=clock.now()) == []
        with pytest.raises(NotFound, match="shift-not-found"):
            await duty.remove_shift(uow, shift_id=added.id, by_staff_id=admin.id)


async def test_get_or_404_gives_the_row_or_the_code_asked_for(core):
    staff = await make_staff(core)
    async with core.uow() as uow:
        assert (await get_or_404(uow, type(staff), staff.id)).login == staff.login
        with pytest.raises(NotFound) as missing:
            await get_or_404(uow, DutyShift, 999_999, "shift-not-found")
        assert missing.value.code == "shift-not-found"
        with pytest.raises(NotFound) as plain:
            await get_or_404(uow, DutyShift, 999_999)
        assert plain.value.code == "not-found"
