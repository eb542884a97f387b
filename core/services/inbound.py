"""Incoming updates are stored, de-duplicated, before anything answers them."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from core.db import rows_changed
from core.messages import Incoming
from core.models import InboundUpdate
from core.uow import UnitOfWork


async def store_update(uow: UnitOfWork, incoming: Incoming) -> int | None:
    """Saves the update and returns its id; None when this update was seen before (the unique
    key on channel and update key decides, so two workers cannot both store it)."""
    row = InboundUpdate(
        channel=incoming.channel,
        update_key=incoming.update_key,
        payload_enc=uow.vault.encrypt(json.dumps(incoming.to_dict(), ensure_ascii=False)),
        received_at=uow.clock.now(),
    )
    uow.session.add(row)
    try:
        await uow.session.flush()
    except IntegrityError:  # seen before, or stored by another worker a moment ago
        await uow.rollback()
        return None
    return row.id


async def mark_handled(uow: UnitOfWork, update_id: int) -> bool:
    """Marks the update handled; False if another handler got there first (one conditional
    UPDATE decides: the second waits for the first's row lock and then matches nothing)."""
    # Handled: only the key is needed now (to drop a redelivery); what she wrote lives on,
    # if anywhere, in her case, where "forget me" can reach it.
    result = await uow.session.execute(
        update(InboundUpdate)
        .where(InboundUpdate.id == update_id, InboundUpdate.handled_at.is_(None))
        .values(handled_at=uow.clock.now(), payload_enc="")
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


async def prune_handled(uow: UnitOfWork) -> int:
    """Scheduler job: handled updates older than the retention are deleted (a channel
    redelivers for a day at most; the keys are kept a week to be safe)."""
    cutoff = uow.clock.now() - timedelta(days=uow.settings.inbound_retention_days)
    result = await uow.session.execute(
        delete(InboundUpdate).where(
            InboundUpdate.handled_at.is_not(None), InboundUpdate.handled_at < cutoff
        )
    )
    return rows_changed(result)


async def unhandled_updates(uow: UnitOfWork, limit: int = 500) -> list[tuple[int, Incoming]]:
    rows = await uow.session.scalars(
        select(InboundUpdate)
        .where(InboundUpdate.handled_at.is_(None))
        .order_by(InboundUpdate.id)
        .limit(limit)
    )
    return [
        (row.id, Incoming.from_dict(json.loads(uow.vault.decrypt(row.payload_enc)))) for row in rows
    ]
