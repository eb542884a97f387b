"""Days and moments in words, in the centre's time zone, for screens and notices alike."""

from __future__ import annotations

from datetime import date, datetime

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
