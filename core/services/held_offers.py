"""One policy for both waiting lists (the rental point's items, the course's seats): what
frees up is offered to the first in line and held for her for some hours; an offer not
answered in time lapses, she is told, and it passes to the next. The two stocks stay their
own (``rental/waiting.py``, ``courses/seats.py``); the holding and the sweep are here."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute

from core.uow import UnitOfWork

# A sweep takes at most this many lapsed offers; the next run takes the rest.
BATCH = 200
Row = TypeVar("Row")


def held_until(uow: UnitOfWork, hours: float) -> datetime:
    """When an offer made now lapses."""
    return uow.clock.now() + timedelta(hours=hours)


async def lapsed_offers(
    uow: UnitOfWork,
    model: type[Row],
    *,
    status: InstrumentedAttribute[Any],
    offered: object,
    expires_at: InstrumentedAttribute[Any],
    id_column: InstrumentedAttribute[Any],
) -> list[Row]:
    """Offers whose hold ran out, oldest first. On PostgreSQL the rows are locked and those
    another worker's sweep holds are skipped, so two workers never pass one offer on twice."""
    query = (
        select(model)
        .where(status == offered, expires_at <= uow.clock.now())
        .order_by(expires_at, id_column)
        .limit(BATCH)
    )
    if not uow.settings.is_sqlite:
        query = query.with_for_update(skip_locked=True)
    return list(await uow.session.scalars(query))
