"""The rental point: catalogue, bookings, issue and return, the waiting list."""

from __future__ import annotations

from core.services.reminders import Handler
from core.uow import UnitOfWork

REMINDER_HANDLERS: dict[str, Handler] = {}


async def expire_offers(uow: UnitOfWork) -> int:
    """Scheduler job: waiting-list offers not answered in time go to the next in line."""
    return 0
