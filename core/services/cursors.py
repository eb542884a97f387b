"""Read positions of channel update streams, kept in the database."""

from __future__ import annotations

from core.models import ChannelCursor
from core.uow import UnitOfWork


async def read_cursor(uow: UnitOfWork, channel: str) -> str | None:
    row = await uow.session.get(ChannelCursor, channel)
    return row.value if row else None


async def save_cursor(uow: UnitOfWork, channel: str, value: str) -> None:
    row = await uow.session.get(ChannelCursor, channel)
    if row is None:
        uow.session.add(ChannelCursor(channel=channel, value=value, updated_at=uow.clock.now()))
    else:
        row.value, row.updated_at = value, uow.clock.now()
