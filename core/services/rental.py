"""The rental point: catalogue, bookings, issue and return, the waiting list."""

from __future__ import annotations

from core.services.reminders import Handler

REMINDER_HANDLERS: dict[str, Handler] = {}
