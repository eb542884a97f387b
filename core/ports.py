"""The outside world as seen from core."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from core.messages import Outgoing

if TYPE_CHECKING:
    from core.models import Client
    from core.notices import Notice


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


class Dialogs(Protocol):
    """The bot's conversations as core needs them (``bot/dialogs/notices.py``): the words of
    a notice, and where a conversation goes when core ends what it was about."""

    def message(self, notice: Notice, locale: str) -> Outgoing:
        """The notice as a message to her, with its buttons."""
        ...

    def words(self, notice: Notice, locale: str) -> str:
        """The notice as one line (a note on a case, an outcome, a default title)."""
        ...

    def case_closed(self, client: Client) -> None:
        """Her case was closed: a conversation with the specialist goes back to the start."""
        ...

    def start_over(self, client: Client) -> None:
        """Her conversation begins again from the top (a new person, her data forgotten)."""
        ...
