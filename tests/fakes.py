"""Small hand-written fakes of core's ports."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.messages import Outgoing
from core.ports import DeliveryError


@dataclass
class RecordingMessenger:
    """A channel that records what it is asked to send; can be told to fail."""

    channel: str = "fake"
    sent: list[tuple[str, Outgoing]] = field(default_factory=list)
    failures: list[DeliveryError] = field(default_factory=list)

    async def send(self, address: str, message: Outgoing) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((address, message))

    def to(self, address: str) -> list[Outgoing]:
        return [m for a, m in self.sent if a == address]
