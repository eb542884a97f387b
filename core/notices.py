"""What core has to say, without the words.

A service that must tell a person something (an offer of a freed seat, a booking confirmed, a
specialist's answer) or write a line on a case records a ``Notice``: a kind and the data its
words are made of. The bot's dialogs put it into words in her language, with its buttons, in
the same transaction (``bot/dialogs/notices.py``, given to the core at bootstrap), so the outbox
stays durable and core writes no chat UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.models import ChannelIdentity
from core.services import outbox
from core.uow import UnitOfWork


@dataclass(frozen=True)
class Notice:
    """``kind`` names what happened (``course.seat-offered``); ``data`` holds plain values:
    text, numbers, days and moments (aware datetimes), None for "not known"."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)


def notice(kind: str, **data: Any) -> Notice:
    return Notice(kind, data)


def tell(
    uow: UnitOfWork,
    identity: ChannelIdentity,
    locale: str,
    said: Notice,
    *,
    priority: int | None = None,
    message_id: int | None = None,
) -> None:
    """Queues ``said`` to her channel, in her language."""
    outbox.enqueue(
        uow,
        identity,
        uow.dialogs.message(said, locale),
        priority=outbox.LIVE if priority is None else priority,
        message_id=message_id,
    )


def words(uow: UnitOfWork, said: Notice, locale: str | None = None) -> str:
    """``said`` as one line of text (the centre's language unless ``locale`` is given)."""
    return uow.dialogs.words(said, locale or uow.settings.default_locale)
