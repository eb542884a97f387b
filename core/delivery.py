"""The delivery worker: sends what the outbox holds, through each channel's Messenger.

Messages to one person go out in order; different people are served concurrently. A network
error or a 5xx is retried with exponential backoff, a channel's "retry after" is honoured,
and a person who blocked the bot is marked unreachable instead of being retried forever.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict, deque
from contextlib import suppress

from core.bootstrap import Core
from core.ports import DeliveryError, Messenger
from core.ratelimit import ChannelThrottle, Limits
from core.services import outbox

log = logging.getLogger(__name__)

WINDOW_S = 1.0  # the window Telegram counts its ~30 messages a second in


class DeliveryWorker:
    def __init__(
        self,
        core: Core,
        messengers: dict[str, Messenger],
        *,
        idle_poll_s: float = 1.0,
        batch: int = 30,
    ):
        self.core = core
        self.messengers = messengers
        self.idle_poll_s = idle_poll_s
        # Small batches keep a bulk broadcast from holding live replies back for long.
        self.batch = batch
        self.throttles = {name: ChannelThrottle(channel_limits(core, name)) for name in messengers}
        self.pacers = {name: Pacer(channel_limits(core, name).per_second) for name in messengers}
        self._wake = asyncio.Event()
        self._stopping = False

    def wake(self) -> None:
        self._wake.set()

    async def run(self) -> None:
        listener = asyncio.create_task(self._listen())
        try:
            while not self._stopping:
                # Cleared before draining: a message queued during the drain wakes us again.
                self._wake.clear()
                sent = await self.drain_once()
                if sent == 0:
                    with suppress(TimeoutError):
                        await asyncio.wait_for(self._wake.wait(), self.idle_poll_s)
        finally:
            listener.cancel()
            with suppress(asyncio.CancelledError):
                await listener

    async def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    async def _listen(self) -> None:
        async with self.core.bus.subscribe() as queue:
            while True:
                event = await queue.get()
                if event.kind == "outbox.wake":
                    self._wake.set()

    async def drain_once(self) -> int:
        """Sends one batch of due messages; returns how many were attempted."""
        channels = list(self.messengers)
        if not channels:
            return 0
        async with self.core.uow() as uow:
            batch = await outbox.claim_due(uow, channels, self.batch)
            await uow.commit()
        if not batch:
            return 0
        per_person: dict[tuple[str, str], list[outbox.Delivery]] = defaultdict(list)
        for delivery in batch:
            per_person[(delivery.channel, delivery.address)].append(delivery)
        await asyncio.gather(*(self._send_in_order(items) for items in per_person.values()))
        return len(batch)

    async def _send_in_order(self, items: list[outbox.Delivery]) -> None:
        for index, delivery in enumerate(items):
            ok = await self._send(delivery)
            if not ok:
                # Keep the order: the rest wait for the failed one to go first.
                async with self.core.uow() as uow:
                    for later in items[index + 1 :]:
                        await outbox.mark_retry(uow, later.outbox_id, "waiting for earlier", 0.5)
                    await uow.commit()
                return

    async def _send(self, delivery: outbox.Delivery) -> bool:
        messenger = self.messengers[delivery.channel]
        settings = self.core.settings
        await self.throttles[delivery.channel].wait(delivery.address)
        await self.pacers[delivery.channel].wait()
        try:
            await messenger.send(delivery.address, delivery.message)
        except DeliveryError as exc:
            async with self.core.uow() as uow:
                if exc.permanent:
                    log.warning("outbox %s: person unreachable: %s", delivery.outbox_id, exc.reason)
                    await outbox.mark_undeliverable(uow, delivery.outbox_id, exc.reason)
                else:
                    delay = outbox.backoff_delay(
                        delivery.attempts,
                        settings.delivery_base_delay_s,
                        settings.delivery_max_delay_s,
                        exc.retry_after,
                    )
                    log.info("outbox %s: retry in %.1fs: %s", delivery.outbox_id, delay, exc.reason)
                    await outbox.mark_retry(uow, delivery.outbox_id, exc.reason, delay)
                await uow.commit()
            return False
        async with self.core.uow() as uow:
            await outbox.mark_sent(uow, delivery.outbox_id)
            await uow.commit()
        return True


class Pacer:
    """Spaces a channel's sends evenly at its overall rate, and never lets more than the rate
    out within any one second.

    The throttle's leaky bucket lets a whole second's worth go at once after a quiet spell, and
    then the steady rate on top: up to twice the rate within the first second, which Telegram
    answers with 429s (33 of them at the start of a 1,000-person broadcast, bench/broadcast.py).
    Even spacing alone is not enough either: when the process stalls (a loaded machine, a long
    garbage collection) every sleeper whose slot has passed wakes at once, and the next batch
    is spaced from "now" on top of them (52 in one second seen in CI). So the moments of the
    last second's sends are kept, and a send that would make one too many waits for the oldest
    to fall out of the window.
    """

    def __init__(self, per_second: float) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self.per_window = max(1, int(per_second))
        self._next = 0.0
        self._sent: deque[float] = deque()

    async def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        at = max(now, self._next)
        self._next = at + self.interval  # the slot is taken before sleeping: no await between
        if at > now:
            await asyncio.sleep(at - now)
        while True:
            now = time.monotonic()
            while self._sent and self._sent[0] <= now - WINDOW_S:
                self._sent.popleft()
            if len(self._sent) < self.per_window:
                self._sent.append(now)
                return
            await asyncio.sleep(self._sent[0] + WINDOW_S - now)


def channel_limits(core: Core, channel: str) -> Limits:
    settings = core.settings
    if channel == "telegram":
        return Limits(settings.telegram_rate_per_s, settings.telegram_chat_interval_s)
    if channel == "vk":
        return Limits(settings.vk_rate_per_s, settings.vk_chat_interval_s)
    return Limits(0.0)
