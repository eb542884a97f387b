"""The delivery worker against a recording channel, on a real database and a moved clock."""

from __future__ import annotations

from core.delivery import DeliveryWorker
from core.ports import DeliveryError
from core.services import cases
from core.services.clients import identify_client
from tests.factories import make_staff
from tests.fakes import RecordingMessenger


async def case_with_reply(core, staff_id: int) -> int:
    async with core.uow() as uow:
        client, _ = await identify_client(
            uow, channel="fake", user_id="9", address="9", locale="ru"
        )
        routing = await cases.open_case(uow, client, channel="fake", topic="other")
        await cases.reply_to_case(uow, staff_id=staff_id, case_id=routing.case.id, text="Ответ")
        await uow.commit()
    return routing.case.id


async def delivery_of_reply(core, case_id: int) -> str | None:
    async with core.uow() as uow:
        detail = await cases.get_case(uow, case_id=case_id, staff_id=None)
    return [m for m in detail.messages if m.direction == "out"][-1].delivery


async def test_network_trouble_is_retried_for_a_long_time_not_dropped(core, clock):
    staff = await make_staff(core)
    case_id = await case_with_reply(core, staff.id)
    channel = RecordingMessenger(failures=[DeliveryError("timeout")] * 30)
    worker = DeliveryWorker(core, {"fake": channel})
    for _ in range(30):  # an outage of many hours
        await worker.drain_once()
        clock.advance(minutes=30)
    await worker.drain_once()
    assert len(channel.sent) == 1 and channel.sent[0][1].text.endswith("\nОтвет")
    assert await delivery_of_reply(core, case_id) == "sent"
    async with core.uow() as uow:
        [summary] = await cases.list_cases(uow)
    assert summary.unreachable is None


async def test_after_two_days_the_message_is_marked_failed_but_she_is_not_unreachable(core, clock):
    staff = await make_staff(core)
    case_id = await case_with_reply(core, staff.id)
    channel = RecordingMessenger(failures=[DeliveryError("HTTP 500")] * 1000)
    worker = DeliveryWorker(core, {"fake": channel})
    for _ in range(60):
        await worker.drain_once()
        clock.advance(hours=1)
    assert channel.sent == []
    assert await delivery_of_reply(core, case_id) == "failed"
    async with core.uow() as uow:
        [summary] = await cases.list_cases(uow)
    assert summary.unreachable is None


async def test_a_blocked_bot_is_permanent_at_once(core, clock):
    staff = await make_staff(core)
    case_id = await case_with_reply(core, staff.id)
    channel = RecordingMessenger(failures=[DeliveryError("403 blocked", permanent=True)])
    await DeliveryWorker(core, {"fake": channel}).drain_once()
    assert await delivery_of_reply(core, case_id) == "failed"
    async with core.uow() as uow:
        [summary] = await cases.list_cases(uow)
    assert summary.unreachable == "403 blocked"
