"""The escalation ladder of an urgent case nobody accepts, on a controllable clock."""

from __future__ import annotations

from sqlalchemy import select

from core.models import AuditEntry, OutboxMessage, SupportLevel
from core.scheduler import Scheduler
from core.services import cases
from core.services.clients import identify_client
from core.services.urgency import create_link_code, link_staff_channel, raise_case
from tests.factories import make_staff, put_on_duty

VIOLENCE = [{"group": "violence", "phrase": "муж бьёт", "level": "emergency"}]


async def open_urgent(core, level=SupportLevel.emergency):
    async with core.uow() as uow:
        client, _ = await identify_client(
            uow, channel="telegram", user_id="77", address="77", locale="ru"
        )
        routing = await raise_case(
            uow, client, channel="telegram", level=level, signals=VIOLENCE, topic="family"
        )
        await uow.commit()
    return routing.case.id


async def events_of(core, action):
    async with core.uow() as uow:
        return list(
            await uow.session.scalars(select(AuditEntry).where(AuditEntry.action == action))
        )


async def test_unaccepted_urgent_case_climbs_the_ladder_once_per_step(core, clock):
    coordinator = await make_staff(core, role="coordinator", name="Марина")
    specialist = await make_staff(core)
    await put_on_duty(core, specialist, clock.now())
    async with core.uow() as uow:
        code = await create_link_code(uow, staff_id=coordinator.id)
        await uow.commit()
    async with core.uow() as uow:
        await link_staff_channel(uow, code=code, channel="telegram", address="555")
        await uow.commit()
    case_id = await open_urgent(core)
    scheduler = Scheduler(core)

    clock.advance(minutes=4)
    await scheduler.run_once()
    assert await events_of(core, "case.escalate") == []

    clock.advance(minutes=2)
    await scheduler.run_once()
    await scheduler.run_once()
    [first] = await events_of(core, "case.escalate")
    assert first.details["step"] == 1 and first.case_id == case_id

    clock.advance(minutes=10)
    await scheduler.run_once()
    steps = [e.details["step"] for e in await events_of(core, "case.escalate")]
    assert steps == [1, 2]
    async with core.uow() as uow:
        to_staff = list(
            await uow.session.scalars(
                select(OutboxMessage).where(OutboxMessage.staff_id.is_not(None))
            )
        )
        detail = await cases.get_case(uow, case_id=case_id, staff_id=None)
    assert [row.staff_id for row in to_staff] == [coordinator.id]
    system = [m.text for m in detail.messages if m.direction == "system"]
    assert any("Марина" in text for text in system)


async def test_an_accepted_case_does_not_escalate(core, clock):
    specialist = await make_staff(core)
    case_id = await open_urgent(core, SupportLevel.crisis)
    async with core.uow() as uow:
        await cases.accept_case(uow, staff_id=specialist.id, case_id=case_id)
        await uow.commit()
    clock.advance(minutes=30)
    await Scheduler(core).run_once()
    assert await events_of(core, "case.escalate") == []


async def test_a_wrong_or_expired_link_code_is_refused(core, clock):
    coordinator = await make_staff(core, role="coordinator")
    async with core.uow() as uow:
        code = await create_link_code(uow, staff_id=coordinator.id)
        await uow.commit()
    clock.advance(minutes=16)
    from core.errors import InvalidInput

    for attempt in (code, "000000"):
        async with core.uow() as uow:
            try:
                await link_staff_channel(uow, code=attempt, channel="telegram", address="1")
            except InvalidInput as error:
                assert error.code == "link-code-invalid"
            else:
                raise AssertionError("a stale code was accepted")
