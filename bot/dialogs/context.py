"""What a screen gets: the person, her channel identity, the update and a translator."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.dialogs.steps import Step
from core.errors import DomainError
from core.i18n import Translator
from core.messages import Button, Incoming, Outgoing
from core.models import ChannelIdentity, Client
from core.uow import UnitOfWork

# Kept from step to step: when she was last asked whether she is safe.
STICKY = frozenset({"asked_safe_at"})


@dataclass
class DialogContext:
    uow: UnitOfWork
    client: Client
    identity: ChannelIdentity
    incoming: Incoming
    replies: list[Outgoing] = field(default_factory=list)
    # Set when she asked to be forgotten: (channel, encrypted address) for the last replies,
    # since her identity no longer exists.
    farewell: tuple[str, str] | None = None

    def t(self, key: str, **args: Any) -> str:
        return self.uow.i18n(self.client.locale, key, **args)

    def button(self, key: str, payload: str, **args: Any) -> Button:
        return Button(self.t(key, **args), payload)

    def say(self, key: str, *rows: list[Button], **args: Any) -> None:
        self.replies.append(Outgoing(self.t(key, **args), list(rows)))

    def refusal(self, error: DomainError, *, fallback: str = "error-generic") -> str:
        """A refusal of the core in her words (``error-<code>``), or the section's general one."""
        return refusal_text(self.uow.i18n, self.client.locale, error, fallback)

    def say_text(self, text: str, *rows: list[Button]) -> None:
        self.replies.append(Outgoing(text, list(rows)))

    def go(self, state: Step, **data: Any) -> None:
        kept = {k: v for k, v in self.client.dialog_data.items() if k in STICKY}
        self.client.dialog_state = state
        self.client.dialog_data = {**kept, **data}


def refusal_text(
    i18n: Translator, locale: str, error: DomainError, fallback: str = "error-generic"
) -> str:
    key = f"error-{error.code}"
    params = {name: str(value) for name, value in error.params.items()}
    return i18n(locale, key if i18n.has(key) else fallback, **params)
