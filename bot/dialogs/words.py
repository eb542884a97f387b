"""Days and moments in words, in the centre's time zone, for screens and notices alike."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from core.helplines import Helpline, Shelter, lines_for, load_helplines, load_shelters
from core.i18n import Translator
from core.local_time import local_moment
from core.settings import Settings


def course_when(i18n: Translator, settings: Settings, locale: str, at: datetime) -> str:
    """ "чт, 26.11, 18:00" in the centre's zone."""
    moment = local_moment(settings, at)
    return i18n(
        locale,
        "course-when",
        weekday=i18n(locale, f"course-wd-{moment.weekday()}"),
        date=moment.strftime("%d.%m"),
        time=moment.strftime("%H:%M"),
    )


def when_text(i18n: Translator, settings: Settings, locale: str, at: datetime) -> str:
    """ "в среду, 25.11, с 09:00": when the centre opens again, in the centre's zone."""
    moment = local_moment(settings, at)
    return i18n(
        locale,
        "when-datetime",
        weekday=i18n(locale, f"weekday-{moment.weekday()}"),
        date=moment.strftime("%d.%m"),
        time=moment.strftime("%H:%M"),
    )


@lru_cache(maxsize=4)
def _helplines(path: Path | None) -> tuple[Helpline, ...]:
    return tuple(load_helplines(path))


def helplines(settings: Settings, groups: Iterable[str] = ()) -> list[Helpline]:
    """The lines that fit the danger's groups (every line when no group is known)."""
    every = list(_helplines(settings.helplines_file))
    chosen = set(groups)
    return lines_for(every, chosen) if chosen else every


@lru_cache(maxsize=4)
def _shelters(path: Path | None) -> tuple[Shelter, ...]:
    return tuple(load_shelters(path))


def shelters_text(settings: Settings) -> str:
    """ "• name, address, hours — phone", one a line; empty when the centre listed none."""
    return "\n".join(
        "• " + ", ".join(p for p in (s.name, s.address, s.hours) if p) + f" — {s.phone}"
        for s in _shelters(settings.helplines_file)
    )


def without_empty_lines(text: str) -> str:
    """A message without the lines an empty placeable left (Fluent wraps even an empty value
    in its bidi isolation marks)."""
    return "\n".join(line for line in text.splitlines() if line.strip("\u2068\u2069 "))


def round_the_clock(settings: Settings, groups: Iterable[str] = ()) -> list[Helpline]:
    """The fitting lines that answer at any hour (for a word at night or while she waits)."""
    return [line for line in helplines(settings, groups) if line.always_open]


def numbers_text(lines: Iterable[Helpline], locale: str) -> str:
    return "\n".join(f"• {line.number} — {line.describe(locale)}" for line in lines)


def clock_time(settings: Settings, at: datetime) -> str:
    return local_moment(settings, at).strftime("%H:%M")


def day_text(day: date | None) -> str:
    """ "26.11.2026", or a dash when there is no day."""
    return day.strftime("%d.%m.%Y") if day else "—"


def moment_text(settings: Settings, at: datetime | None) -> str:
    """ "26.11 18:00" in the centre's zone, or a dash."""
    return local_moment(settings, at).strftime("%d.%m %H:%M") if at else "—"


def documents_text(i18n: Translator, settings: Settings, locale: str) -> str:
    """The documents to bring to the rental point: the centre's own list, or the usual ones."""
    if settings.rental_documents:
        return "\n".join(f"• {line}" for line in settings.rental_documents)
    return i18n(locale, "rental-documents-default")


def or_dash(value: object) -> str:
    return "—" if value is None or value == "" else str(value)
