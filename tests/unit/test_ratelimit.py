from __future__ import annotations

import time

from core.ratelimit import CHAT_BURST, ChannelThrottle, Limits


async def test_one_chat_gets_a_short_burst_then_waits() -> None:
    throttle = ChannelThrottle(Limits(per_second=1000, chat_interval_s=0.1))
    started = time.monotonic()
    for _ in range(CHAT_BURST):
        await throttle.wait("a")
    burst = time.monotonic() - started
    for _ in range(CHAT_BURST):
        await throttle.wait("a")
    assert burst < 0.05
    assert time.monotonic() - started >= 0.2


async def test_other_chats_are_not_held_back_by_a_busy_one() -> None:
    throttle = ChannelThrottle(Limits(per_second=1000, chat_interval_s=1.0))
    for _ in range(CHAT_BURST):
        await throttle.wait("busy")
    started = time.monotonic()
    await throttle.wait("quiet")
    assert time.monotonic() - started < 0.05
