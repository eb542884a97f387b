"""A long text in parts that each fit a channel's limit, cut where a reader expects a pause."""

from __future__ import annotations

import re
from collections.abc import Callable

# Where a part may end, the best first: a paragraph, a line, a sentence, a word.
_PAUSES = (re.compile(r"\n\n"), re.compile(r"\n"), re.compile(r"[.!?…](?=\s)"), re.compile(r" "))


def _fitting(text: str, limit: int, measure: Callable[[str], int]) -> int:
    """How many characters of ``text`` fit into ``limit`` units of ``measure``."""
    if measure(text) <= limit:
        return len(text)
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle]) <= limit:
            low = middle
        else:
            high = middle - 1
    return low


def _cut(window: str) -> int:
    for pause in _PAUSES:
        ends = [m.end() for m in pause.finditer(window)]
        if ends and ends[-1] >= len(window) // 2:
            return ends[-1]
    return len(window)  # one word longer than half a message: only then is a word cut


def split_text(
    text: str, limit: int, measure: Callable[[str], int] = len, *, whole: bool = False
) -> list[str]:
    """Parts of at most ``limit`` units (``measure``: characters, or Telegram's UTF-16
    units), cut at a paragraph, else a line, else a sentence's end, else a space. ``whole``:
    the parts joined give back the text to the last space (for storing it), instead of
    parts without the spaces at their edges (for showing them)."""
    parts: list[str] = []
    rest = text
    while measure(rest) > limit:
        window = rest[: _fitting(rest, limit, measure)]
        cut = _cut(window)
        parts.append(rest[:cut] if whole else rest[:cut].rstrip())
        rest = rest[cut:] if whole else rest[cut:].lstrip()
    parts.append(rest)
    return [part for part in parts if part.strip()] or [text]
