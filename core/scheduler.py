"""Timed work that lives in the database: today, the escalation ladder of urgent cases.

Every run is one transaction over rows that carry their own progress (``escalation_step``),
so a restart or a second worker neither loses nor repeats a step.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import suppress

from core.bootstrap import Core
from core.services.urgency import escalate_overdue
from core.uow import UnitOfWork

log = logging.getLogger(__name__)
Job = Callable[[UnitOfWork], Awaitable[object]]


class Scheduler:
    def __init__(self, core: Core, *, interval_s: float = 15.0, jobs: list[Job] | None = None):
        self.core = core
        self.interval_s = interval_s
        self.jobs: list[Job] = jobs if jobs is not None else [escalate_overdue]
        self._stop = asyncio.Event()

    async def run_once(self) -> None:
        for job in self.jobs:
            async with self.core.uow() as uow:
                await job(uow)
                await uow.commit()

    async def run(self) -> None:
        while not self._stop.is_set():
            try:
                await self.run_once()
            except Exception:  # a failing job must not stop the others next time
                log.exception("scheduled job failed")
            with suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), self.interval_s)

    async def stop(self) -> None:
        self._stop.set()
