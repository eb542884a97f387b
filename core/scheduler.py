"""Timed work that lives in the database: the escalation ladder of urgent cases, waiting-list
offers that ran out of time, reminders.

Every run is one transaction over rows that carry their own progress (``escalation_step``),
so a restart or a second worker neither loses nor repeats a step.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import suppress

from core.bootstrap import Core
from core.services import courses, rental
from core.services.inbound import prune_handled
from core.services.privacy import prune_closed_conversations
from core.services.reminders import send_due_reminders
from core.services.sessions import prune_sessions
from core.services.urgency import escalate_overdue
from core.uow import UnitOfWork

log = logging.getLogger(__name__)
Job = Callable[[UnitOfWork], Awaitable[object]]
# Offers expire before reminders go out, so a freed seat or item is offered in the same run.
DEFAULT_JOBS: tuple[Job, ...] = (
    escalate_overdue,
    rental.expire_offers,
    courses.expire_offers,
    send_due_reminders,
    prune_handled,
    prune_closed_conversations,
    prune_sessions,
)


class Scheduler:
    def __init__(self, core: Core, *, interval_s: float = 15.0, jobs: list[Job] | None = None):
        self.core = core
        self.interval_s = interval_s
        self.jobs: list[Job] = jobs if jobs is not None else list(DEFAULT_JOBS)
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
