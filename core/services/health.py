"""Is the database there: the API's health probe, and the errors that mean it is not."""

from __future__ import annotations

import asyncio

from sqlalchemy import text
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

# Raised anywhere a unit of work meets a database that is down or out of reach: the edges
# answer them as "unavailable" (503), not as a crash.
UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (
    OperationalError,
    InterfaceError,
    ConnectionError,
    TimeoutError,
)


async def database_answers(engine: AsyncEngine, *, timeout_s: float) -> bool:
    """Whether the database answers ``SELECT 1`` within ``timeout_s``; any failure is no."""

    async def probe() -> None:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    try:
        await asyncio.wait_for(probe(), timeout_s)
    except Exception:  # any database failure means "not healthy", never a crash
        return False
    return True
