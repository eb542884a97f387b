"""Channel-neutral shapes of what comes in from a person and what goes out to her."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Button:
    text: str
    payload: str

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Button:
        return cls(text=data["text"], payload=data["payload"])


@dataclass(frozen=True)
class Outgoing:
    """One message to a person: text already in her language, buttons as rows, and
    optionally a photo shown with it (``media:<folder>/<file>`` under the settings' var_dir,
    or an https address). A channel that cannot show the photo still sends the text."""

    text: str
    buttons: list[list[Button]] = field(default_factory=list)
    photo: str | None = None
    # A button the channel keeps in reach on every screen, where it has such a place (a
    # persistent keyboard under the input field): the help-now entry.
    at_hand: Button | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Outgoing:
        rows = [[Button.from_dict(b) for b in row] for row in data.get("buttons", [])]
        at_hand = data.get("at_hand")
        return cls(
            text=data["text"],
            buttons=rows,
            photo=data.get("photo") or None,
            at_hand=Button.from_dict(at_hand) if at_hand else None,
        )


# What a person can send; anything else a channel offers arrives as ``unsupported``.
INCOMING_KINDS = (
    "text",
    "command",
    "button",
    "photo",
    "document",
    "voice",
    "sticker",
    "unsupported",
)


@dataclass(frozen=True)
class Incoming:
    """An update from any channel, reduced to what the dialogs need.

    ``user_id`` is the channel's id of the person and ``address`` where to answer her; both are
    encrypted before they are stored. ``update_key`` de-duplicates redelivered updates.
    """

    channel: str
    update_key: str
    user_id: str
    address: str
    kind: str
    text: str = ""
    payload: str = ""
    attachment: str = ""
    language: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Incoming:
        return cls(**data)
