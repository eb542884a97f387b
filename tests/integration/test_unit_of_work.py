from __future__ import annotations

from sqlalchemy import func, select

from core.events import Event
from core.models import Staff
from core.services.staff import create_staff


async def count_staff(core) -> int:
    async with core.uow() as uow:
        return int(await uow.session.scalar(select(func.count(Staff.id))) or 0)


async def test_nothing_is_kept_or_announced_without_a_commit(core):
    async with core.bus.subscribe() as queue:
        async with core.uow() as uow:
            await create_staff(uow, login="anna", password="long-enough-pw", role="specialist")
            uow.emit(Event("staff.created"))
        assert await count_staff(core) == 0
        assert queue.empty()

        async with core.uow() as uow:
            await create_staff(uow, login="anna", password="long-enough-pw", role="specialist")
            uow.emit(Event("staff.created"))
            await uow.commit()
        assert await count_staff(core) == 1
        assert (await queue.get()).kind == "staff.created"


async def test_an_error_inside_rolls_back(core):
    try:
        async with core.uow() as uow:
            await create_staff(uow, login="olga", password="long-enough-pw", role="specialist")
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert await count_staff(core) == 0
