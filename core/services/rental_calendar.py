"""An item's calendar at the rental point: which booking holds it on which day.

The rules: an active booking (offered, requested, confirmed, issued) or a returned one holds
the item from the handover (or, before it, the pickup day) to the return (or, before it, the
due date); an issued loan past its due date is still with her, up to today. Weeks run Monday
to Sunday, from this week's Monday on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.models import ACTIVE_BOOKING, BookingStatus
from core.services.rental import BookingView

WEEKS = 8
HOLDING = frozenset({*ACTIVE_BOOKING, BookingStatus.returned})


@dataclass(frozen=True)
class CalendarDay:
    day: date
    booking: BookingView | None  # the booking that holds the item that day
    today: bool


def holds(booking: BookingView, day: date, today: date) -> bool:
    """Whether ``booking`` holds its item on ``day``."""
    if booking.status not in HOLDING:
        return False
    begin = booking.issued_at.date() if booking.issued_at else booking.pickup_date
    end = booking.returned_at.date() if booking.returned_at else booking.due_date
    if booking.status == BookingStatus.issued and end is not None and end < today:
        end = today  # overdue: still with her
    return begin is not None and end is not None and begin <= day <= end


def item_weeks(
    history: list[BookingView], today: date, weeks: int = WEEKS
) -> list[list[CalendarDay]]:
    """``weeks`` weeks from this Monday, each day with the booking (of ``history``) that holds
    the item, the first one listed when several do."""
    start = today - timedelta(days=today.weekday())
    days = (start + timedelta(days=n) for n in range(weeks * 7))
    cells = [
        CalendarDay(day, next((b for b in history if holds(b, day, today)), None), day == today)
        for day in days
    ]
    return [cells[n : n + 7] for n in range(0, len(cells), 7)]
