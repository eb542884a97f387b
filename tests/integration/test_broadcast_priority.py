"""A broadcast of 1,000 reminders never holds a live conversation back: a specialist's answer
queued while the broadcast is going out is sent before the rest of the broadcast.

The delivery worker runs for real (its loop, its wake-ups, its channel throttle) against a
recording channel that takes a little time per message, on a real database."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from core.bootstrap import Core
from core.delivery import DeliveryWorker
from core.messages import Outgoing
from core.services import cases, outbox
from core.services.clients import identify_client
from tests.factories import make_staff

PEOPLE = 1000
CHANNEL = "telegram"  # the channel with a real throttle (made fast below)


@dataclass
class SlowChannel:
    """Records what it sends, taking ``delay_s`` per message like a network round trip."""

    delay_s: float = 0.001
    channel: str = CHANNEL
    sent: list[tuple[str, str]] = field(default_factory=list)
    progress: asyncio.Event = field(default_factory=asyncio.Event)

    async def send(self, address: str, message: Outgoing) -> None:
        await asyncio.sleep(self.delay_s)
        self.sent.append((address, message.text))
        self.progress.set()


async def queue_broadcast(core: Core) -> None:
    async with core.uow() as uow:
        for n in range(PEOPLE):
            _, identity = await identify_client(
                uow, channel=CHANNEL, user_id=f"b{n}", address=f"b{n}", locale="ru"
            )
            outbox.enqueue(uow, identity, Outgoing(f"Напоминание {n}"), priority=outbox.BULK)
        await uow.commit()


async def open_case_for_her(core: Core) -> int:
    async with core.uow() as uow:
        client, _ = await identify_client(
            uow, channel=CHANNEL, user_id="her", address="her", locale="ru"
        )
        routing = await cases.open_case(uow, client, channel=CHANNEL, topic="other")
        await uow.commit()
    return routing.case.id


async def wait_until(channel: SlowChannel, check, timeout: float = 60.0) -> None:
    async with asyncio.timeout(timeout):
        while not check():
            channel.progress.clear()
            await channel.progress.wait()


async def test_a_live_answer_overtakes_a_broadcast_of_a_thousand_reminders(core: Core):
    # Telegram's real per-chat spacing; the overall rate raised so the test takes seconds.
    core.settings = core.settings.model_copy(update={"telegram_rate_per_s": 5000.0})
    staff = await make_staff(core)
    case_id = await open_case_for_her(core)
    await queue_broadcast(core)
    channel = SlowChannel()
    worker = DeliveryWorker(core, {CHANNEL: channel}, idle_poll_s=0.05)
    running = asyncio.create_task(worker.run())
    try:
        await wait_until(channel, lambda: len(channel.sent) >= 100)  # the broadcast is under way
        async with core.uow() as uow:
            await cases.reply_to_case(uow, staff_id=staff.id, case_id=case_id, text="Я здесь")
            await uow.commit()
        queued_after = len(channel.sent)
        await wait_until(channel, lambda: any(a == "her" for a, _ in channel.sent))
        await wait_until(channel, lambda: len(channel.sent) >= PEOPLE + 1)
        await asyncio.sleep(0.2)  # nothing more should come
    finally:
        await worker.stop()
        await asyncio.wait_for(running, 10)

    addresses = [a for a, _ in channel.sent]
    position = addresses.index("her")
    # At most what was already claimed when the answer was queued (one batch) goes first.
    overtaken_by = position - queued_after
    assert overtaken_by <= worker.batch, (
        f"the live answer waited for {overtaken_by} bulk messages queued after it"
    )
    assert PEOPLE - position > 800, "the answer did not overtake the bulk of the broadcast"
    # The broadcast itself is complete and nothing went twice.
    assert len(addresses) == PEOPLE + 1
    assert sorted(set(addresses)) == sorted(addresses)
    assert channel.sent[position][1].endswith("\nЯ здесь")
    async with core.uow() as uow:
        detail = await cases.get_case(uow, case_id=case_id, staff_id=None)
    assert [m.delivery for m in detail.messages if m.direction == "out"] == ["sent"]


async def test_live_messages_queued_together_with_bulk_are_claimed_first(core: Core):
    """Claiming, without the worker loop: live rows come before older bulk rows."""
    await queue_broadcast(core)
    async with core.uow() as uow:
        _, identity = await identify_client(
            uow, channel=CHANNEL, user_id="her", address="her", locale="ru"
        )
        outbox.enqueue(uow, identity, Outgoing("Ответ"), priority=outbox.LIVE)
        await uow.commit()
    async with core.uow() as uow:
        first = await outbox.claim_due(uow, [CHANNEL], limit=5)
        await uow.commit()
    assert [d.address for d in first] == ["her", "b0", "b1", "b2", "b3"]


async def test_a_broadcast_never_goes_over_telegrams_thirty_a_second_not_even_at_the_start(
    core: Core,
):
    """The worker's own limit is 28 a second; no one-second window may see more than 30
    (Telegram answers 429 beyond that), the first second after a quiet spell included."""
    core.settings = core.settings.model_copy(update={"telegram_rate_per_s": 28.0})
    async with core.uow() as uow:
        for n in range(70):
            _, identity = await identify_client(
                uow, channel=CHANNEL, user_id=f"b{n}", address=f"b{n}", locale="ru"
            )
            outbox.enqueue(uow, identity, Outgoing(f"Напоминание {n}"), priority=outbox.BULK)
        await uow.commit()
    moments: list[float] = []

    @dataclass
    class Timed(SlowChannel):
        async def send(self, address: str, message: Outgoing) -> None:
            moments.append(asyncio.get_running_loop().time())
            await super().send(address, message)

    channel = Timed()
    worker = DeliveryWorker(core, {CHANNEL: channel}, idle_poll_s=0.05)
    running = asyncio.create_task(worker.run())
    try:
        await wait_until(channel, lambda: len(channel.sent) >= 70, timeout=20)
    finally:
        await worker.stop()
        await asyncio.wait_for(running, 10)
    busiest = max(sum(1 for m in moments if start <= m < start + 1.0) for start in moments)
    assert busiest <= 29, f"{busiest} messages within one second"
    assert len(moments) == 70
