"""One lookup by primary key for every service: the row, or the core's ``NotFound``."""

from __future__ import annotations

from typing import Any, TypeVar

from core.errors import NotFound
from core.uow import UnitOfWork

Row = TypeVar("Row")


async def get_or_404(uow: UnitOfWork, model: type[Row], key: Any, code: str = NotFound.code) -> Row:
    """The ``model`` row with primary key ``key``; ``NotFound(code)`` when there is none (the
    edges answer it with a 404 and the words of ``code``)."""
    found = await uow.session.get(model, key)
    if found is None:
        raise NotFound(code)
    return found
