"""The days a person may name (a shift, a course session, a loan's end, a day of the
calendar): far from the ends of Python's calendar, so that time zones and date arithmetic
never overflow. The services refuse outside it, and the panel and the API refuse the same
window at the edge (admin/bounds.py)."""

from __future__ import annotations

from datetime import date, datetime

from core.errors import InvalidInput

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)
OUT_OF_WINDOW = "date-out-of-range"


def check_day(day: date) -> date:
    """``day`` itself, or ``InvalidInput("date-out-of-range")`` outside the window."""
    if isinstance(day, datetime):
        day = day.date()  # its wall-clock day, whatever its zone
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidInput(OUT_OF_WINDOW, first=str(FIRST_DAY.year), last=str(LAST_DAY.year))
    return day


def check_moment(at: datetime) -> datetime:
    """``at`` itself, or ``InvalidInput("date-out-of-range")`` when its day is outside."""
    check_day(at.date())
    return at
