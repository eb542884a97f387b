"""Events for the panel's live stream, and the in-process bus that carries them.

One ``aist run`` process serves a centre, so the bus lives in its memory; a bus over Redis
(``AIST_REDIS_URL``) for several workers would implement the same protocol.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class Event:
    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    # Staff ids who should be alerted; empty means everyone on the panel.
    audience: tuple[int, ...] = ()


class EventBus(Protocol):
    async def publish(self, event: Event) -> None: ...

    def subscribe(self) -> AbstractAsyncContextManager[asyncio.Queue[Event]]: ...


class InProcessBus:
    def __init__(self, queue_size: int = 1000) -> None:
        self._subscribers: set[asyncio.Queue[Event]] = set()
        self._queue_size = queue_size

    async def publish(self, event: Event) -> None:
        for queue in list(self._subscribers):
            if queue.full():  # a stalled subscriber must not block the others
                queue.get_nowait()
            queue.put_nowait(event)

    @asynccontextmanager
    async def _subscription(self) -> AsyncIterator[asyncio.Queue[Event]]:
        queue: asyncio.Queue[Event] = asyncio.Queue(self._queue_size)
        self._subscribers.add(queue)
        try:
            yield queue
        finally:
            self._subscribers.discard(queue)

    def subscribe(self) -> AbstractAsyncContextManager[asyncio.Queue[Event]]:
        return self._subscription()
