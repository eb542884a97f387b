"""Every button's payload, defined once: its head, its typed arguments, how it is written and
read. Screens and notices build payloads with these; the sections route them with ``route``.

The strings are a protocol with buttons already on people's screens, so a payload's shape never
changes: a button sent before a restart still answers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from core.errors import DomainError

MAX_ID_DIGITS = 18


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) <= MAX_ID_DIGITS else None


def _day(text: str) -> date | None:
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None


def _write(value: Any) -> str:
    return value.strftime("%Y%m%d") if isinstance(value, date) else str(value)


READERS: dict[type, Callable[[str], Any]] = {int: _int, date: _day}
# An argument is a number, a day, or one of a few fixed words (a tuple of them).
Arg = type | tuple[str, ...]


def _read(kind: Arg, text: str) -> Any:
    if isinstance(kind, tuple):
        return text if text in kind else None
    return READERS[kind](text)


@dataclass(frozen=True)
class Callback:
    """``Callback("r:d", int, date)`` writes ``r:d:12:20261130`` and reads it back."""

    head: str
    args: tuple[Arg, ...] = ()

    def __init__(self, head: str, *args: Arg) -> None:
        object.__setattr__(self, "head", head)
        object.__setattr__(self, "args", args)

    def __call__(self, *values: Any) -> str:
        if len(values) != len(self.args):
            raise TypeError(f"{self.head} takes {len(self.args)} arguments")
        return ":".join([self.head, *(_write(v) for v in values)])

    def read(self, parts: list[str]) -> tuple[Any, ...] | None:
        """The arguments from the parts after the head; None when they do not fit."""
        if len(parts) != len(self.args):
            return None
        values = tuple(_read(kind, part) for kind, part in zip(self.args, parts, strict=True))
        return None if any(v is None for v in values) else values


# --- the main menu and the conversation --------------------------------------------------------
MENU = Callback("menu")
TALK = Callback("m:talk")
HELP_NOW = Callback("m:now")
SAFE = Callback("s:safe")
UNSAFE = Callback("s:unsafe")
RENTAL = Callback("m:rental")
COURSE = Callback("m:course")
ABOUT = Callback("m:about")
MY_DATA = Callback("m:data")
WITHDRAW_RENTAL = Callback("pd:wd:rental")
FORGET = Callback("pd:forget")
FORGET_YES = Callback("pd:forget:yes")
END = Callback("end")
END_YES = Callback("end:yes")
END_NO = Callback("end:no")
TOPIC_PREFIX = "t:"

# --- the rental point ---------------------------------------------------------------------------
R_CATALOGUE = Callback("r:cats")
R_MINE = Callback("r:my")
R_CONSENT_YES = Callback("r:ok")
R_CONSENT_NO = Callback("r:no")
R_STOP = Callback("r:stop")
R_CATEGORY = Callback("r:c", int)
R_ITEM = Callback("r:i", int)
R_BOOK = Callback("r:b", int)
R_DAY = Callback("r:d", int, date)
R_CANCEL = Callback("r:x", int)
R_CANCEL_YES = Callback("r:xy", int)
R_WAIT = Callback("r:w", int)
R_LEAVE_WAIT = Callback("r:lw", int)
R_OFFER_YES = Callback("r:oy", int)
R_OFFER_NO = Callback("r:on", int)

# --- the course ---------------------------------------------------------------------------------
C_LIST = Callback("c:list")
C_MINE = Callback("c:my")
# From a notice: the same screen, the enrolment named (older buttons carry it).
C_MINE_OF = Callback("c:my", int)
# Consent given before enrolling ("e") or joining the waiting list ("w") of a group.
C_CONSENT = Callback("c:ok", int, ("e", "w"))
C_SKIP = Callback("c:skip")
C_WITHDRAW = Callback("c:wd")
C_WITHDRAW_YES = Callback("c:wdy")
C_GROUP = Callback("c:g", int)
C_ENROL = Callback("c:e", int)
C_WAIT = Callback("c:w", int)
C_WAITLIST = Callback("c:wl", int)
C_SKIP_SESSION = Callback("c:sk", int)
C_CANCEL = Callback("c:cx", int)
C_CANCEL_YES = Callback("c:cxy", int)
C_TAKE = Callback("c:take", int)
C_PASS = Callback("c:pass", int)
C_YES = Callback("c:yes", int, int)
C_NO = Callback("c:no", int, int)
C_DROP_IN = Callback("c:drop", int, int)

Handler = Callable[..., Awaitable[None]]


class Routes:
    """A section's button table: a callback and the screen that answers it, with its
    arguments as read."""

    def __init__(self, table: Mapping[Callback, Handler]) -> None:
        self._by_head: dict[tuple[str, int], tuple[Callback, Handler]] = {
            (c.head, len(c.args)): (c, h) for c, h in table.items()
        }

    def find(self, payload: str) -> tuple[Handler, tuple[Any, ...]] | None:
        parts = payload.split(":")
        for cut in range(len(parts), 0, -1):
            found = self._by_head.get((":".join(parts[:cut]), len(parts) - cut))
            if found is not None:
                values = found[0].read(parts[cut:])
                return None if values is None else (found[1], values)
        return None


async def answer(
    ctx: Any,
    routes: Routes,
    payload: str,
    refused: Callable[[Any, DomainError], Awaitable[None]],
) -> bool:
    """Answers a button of a section from its table; a refusal of the core becomes the
    section's kind reply. False when the payload is not the section's (a stale button)."""
    found = routes.find(payload)
    if found is None:
        return False
    screen, values = found
    try:
        await screen(ctx, *values)
    except DomainError as error:
        await refused(ctx, error)
    return True
