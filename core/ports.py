"""The outside world as seen from core."""

from __future__ import annotations

from typing import Protocol

from core.messages import Outgoing


class DeliveryError(Exception):
    """A send that did not go through.

    ``permanent``: the person cannot be reached (blocked the bot, deleted the chat);
    ``retry_after``: the channel asked to wait this many seconds.
    """

    def __init__(self, reason: str, *, permanent: bool = False, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.retry_after = retry_after


class Messenger(Protocol):
    """Sends a message to a person through one channel."""

    channel: str

    async def send(self, address: str, message: Outgoing) -> None: ...
