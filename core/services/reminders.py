"""Reminders kept in the database: scheduled with the change that causes them, sent once by
the scheduler when due, skipped when what they remind of was cancelled.

A service schedules with ``schedule_reminder(uow, key=..., kind=..., ...)``; the key is unique,
so scheduling twice (a retried handler, a second worker) leaves one row. When a reminder is
due, the handler registered for its kind (``core.bootstrap`` gathers them) says what to tell her
as a notice, or returns None to skip it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update

from core.db import rows_changed
from core.local_time import centre_zone
from core.models import Client, Reminder
from core.notices import Notice, tell
from core.services import outbox
from core.services.clients import latest_identity
from core.uow import UnitOfWork

Handler = Callable[[UnitOfWork, Reminder, Client], Awaitable[Notice | None]]
# A reminder more than this late (the service was down for long) is not sent at all: a
# "tomorrow you pick up the crib" that arrives after the pickup only confuses.
TOO_LATE = timedelta(hours=12)
BATCH = 200


def local_at(uow: UnitOfWork, day: date, at: time) -> datetime:
    """``at`` o'clock on ``day`` in the centre's time zone, as an aware datetime."""
    return datetime.combine(day, at, tzinfo=centre_zone(uow.settings))


async def schedule_reminder(
    uow: UnitOfWork, *, key: str, kind: str, client_id: int, ref_id: int, due_at: datetime
) -> Reminder | None:
    """Schedules once per key; a time already past is not scheduled. Returns the row."""
    if due_at <= uow.clock.now():
        return None
    existing = await uow.session.scalar(select(Reminder).where(Reminder.key == key))
    if existing is not None:
        if existing.sent_at is None:
            existing.due_at = due_at
            existing.cancelled_at = None
        return existing
    row = Reminder(key=key, kind=kind, client_id=client_id, ref_id=ref_id, due_at=due_at)
    uow.session.add(row)
    await uow.session.flush()
    return row


async def cancel_reminders(uow: UnitOfWork, *, prefix: str) -> int:
    """Cancels the unsent reminders whose key starts with ``prefix`` (``booking:12:``)."""
    result = await uow.session.execute(
        update(Reminder)
        .where(
            Reminder.key.startswith(prefix, autoescape=True),
            Reminder.sent_at.is_(None),
            Reminder.cancelled_at.is_(None),
        )
        .values(cancelled_at=uow.clock.now())
    )
    return rows_changed(result)


async def send_due_reminders(uow: UnitOfWork) -> int:
    """Scheduler job: queues the due reminders (bulk priority: live replies go first)."""
    now = uow.clock.now()
    query = (
        select(Reminder)
        .where(Reminder.sent_at.is_(None), Reminder.cancelled_at.is_(None), Reminder.due_at <= now)
        .order_by(Reminder.due_at, Reminder.id)
        .limit(BATCH)
    )
    if not uow.settings.is_sqlite:
        query = query.with_for_update(skip_locked=True)
    due = list(await uow.session.scalars(query))
    known = uow.reminders
    queued = 0
    for reminder in due:
        reminder.sent_at = now
        handler = known.get(reminder.kind)
        if handler is None or now - reminder.due_at > TOO_LATE:
            reminder.cancelled_at = now
            continue
        client = await uow.session.get(Client, reminder.client_id)
        identity = await latest_identity(uow, reminder.client_id) if client else None
        if client is None or identity is None:
            reminder.cancelled_at = now
            continue
        said = await handler(uow, reminder, client)
        if said is None:
            reminder.cancelled_at = now
            continue
        tell(uow, identity, client.locale, said, priority=outbox.BULK)
        queued += 1
    return queued
