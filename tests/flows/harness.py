"""A person talking to the dialogs through a fake channel: "she sends X, sees Y and buttons Z"."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from bot.dialogs.engine import receive
from core.bootstrap import Core
from core.delivery import DeliveryWorker
from core.messages import Incoming, Outgoing
from tests.fakes import RecordingMessenger

_updates = itertools.count(1)


@dataclass
class Person:
    core: Core
    messenger: RecordingMessenger
    user_id: str = "1001"
    language: str = "ru"
    seen: list[Outgoing] = field(default_factory=list)

    async def _send(
        self, kind: str, text: str = "", payload: str = "", attachment: str = ""
    ) -> list[Outgoing]:
        incoming = Incoming(
            channel=self.messenger.channel,
            update_key=str(next(_updates)),
            user_id=self.user_id,
            address=f"chat-{self.user_id}",
            kind=kind,
            text=text,
            payload=payload,
            attachment=attachment,
            language=self.language,
        )
        await receive(self.core, incoming)
        return await self.inbox()

    async def inbox(self) -> list[Outgoing]:
        """Delivers what is queued and returns what arrived since the last look."""
        worker = DeliveryWorker(self.core, {self.messenger.channel: self.messenger})
        while await worker.drain_once():
            pass
        mine = self.messenger.to(f"chat-{self.user_id}")
        new = mine[len(self.seen) :]
        self.seen.extend(new)
        return new

    async def says(self, text: str) -> list[Outgoing]:
        if text.startswith("/"):
            return await self._send("command", text)
        return await self._send("text", text)

    async def sends(
        self, kind: str, attachment: str = "file-1", caption: str = ""
    ) -> list[Outgoing]:
        return await self._send(kind, caption, attachment=attachment)

    async def presses(self, label: str) -> list[Outgoing]:
        """Presses a button by its visible label on the latest message that has it."""
        for message in reversed(self.seen):
            for row in message.buttons:
                for button in row:
                    if button.text == label or label in button.text:
                        return await self._send("button", payload=button.payload)
        raise AssertionError(f"no button {label!r} in {self.labels()}")

    async def presses_payload(self, payload: str) -> list[Outgoing]:
        return await self._send("button", payload=payload)

    def labels(self, message: Outgoing | None = None) -> list[str]:
        target = message or (self.seen[-1] if self.seen else None)
        if target is None:
            return []
        return [b.text for row in target.buttons for b in row]

    @property
    def last_text(self) -> str:
        return self.seen[-1].text if self.seen else ""

    def texts(self, messages: list[Outgoing]) -> str:
        return "\n".join(m.text for m in messages)
