"""The course for expectant mothers: groups, sessions, enrolment, waiting list, reminders."""

from __future__ import annotations

from core.services.reminders import Handler

REMINDER_HANDLERS: dict[str, Handler] = {}
