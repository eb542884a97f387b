"""What every channel adapter offers the runtime: a Messenger, a loop to run, a clean stop."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from core.ports import Messenger


@dataclass(frozen=True)
class Attachment:
    content: bytes
    filename: str
    content_type: str


class ChannelAdapter(Protocol):
    name: str
    messenger: Messenger

    async def run(self) -> None:
        """Receives updates (long polling) until ``stop`` is called."""

    async def stop(self) -> None: ...

    async def fetch_attachment(self, reference: str) -> Attachment:
        """The file a person sent, for the panel to show; ``reference`` is what the adapter
        put into ``Incoming.attachment``."""
