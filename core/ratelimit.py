"""Per-channel sending limits: a shared rate for the channel and a rate per chat.

``aiolimiter`` (a maintained leaky bucket) does the counting. The per-chat bucket allows a
short burst (a greeting and its menu arrive together) and then one message per interval on
average, which is how Telegram describes its own limit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from aiolimiter import AsyncLimiter

CHAT_BURST = 3


@dataclass(frozen=True)
class Limits:
    per_second: float
    chat_interval_s: float = 0.0


class ChannelThrottle:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._bucket = AsyncLimiter(limits.per_second, 1.0) if limits.per_second > 0 else None
        self._chats: dict[str, tuple[AsyncLimiter, float]] = {}

    async def wait(self, chat: str) -> None:
        if self.limits.chat_interval_s > 0:
            await self._chat_bucket(chat).acquire()
        if self._bucket is not None:
            await self._bucket.acquire()

    def _chat_bucket(self, chat: str) -> AsyncLimiter:
        now = time.monotonic()
        entry = self._chats.get(chat)
        if entry is None:
            if len(self._chats) > 10_000:
                self._forget_idle(now)
            limiter = AsyncLimiter(CHAT_BURST, CHAT_BURST * self.limits.chat_interval_s)
        else:
            limiter = entry[0]
        self._chats[chat] = (limiter, now)
        return limiter

    def _forget_idle(self, now: float) -> None:
        horizon = now - CHAT_BURST * self.limits.chat_interval_s
        self._chats = {k: v for k, v in self._chats.items() if v[1] > horizon}
