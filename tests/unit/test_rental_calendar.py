"""Which booking holds an item on which day (the rental item's calendar in the panel)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from core.services.rental import BookingView
from core.services.rental_calendar import holds, item_weeks

TODAY = date(2026, 11, 25)  # a Wednesday


def booking(status: str, **fields: object) -> BookingView:
    base = BookingView(
        id=1,
        item_id=1,
        item_name="Кроватка",
        inventory_no="1",
        category_id=1,
        category="Кроватки",
        client_id=None,
        pseudonym="Гость-1",
        status=status,
        pickup_date=None,
        due_date=None,
        created_at=datetime(2026, 11, 1, tzinfo=UTC),
        issued_at=None,
        returned_at=None,
        reason=None,
        return_condition=None,
        offer_expires_at=None,
        extensions=0,
        overdue=False,
        case_id=None,
    )
    return replace(base, **fields)


def test_a_booking_holds_its_item_from_pickup_to_due_date_and_an_overdue_loan_to_today():
    confirmed = booking("confirmed", pickup_date=date(2026, 11, 26), due_date=date(2026, 12, 1))
    assert not holds(confirmed, date(2026, 11, 25), TODAY)
    assert holds(confirmed, date(2026, 11, 26), TODAY) and holds(
        confirmed, date(2026, 12, 1), TODAY
    )
    late = booking(
        "issued", issued_at=datetime(2026, 11, 10, 9, tzinfo=UTC), due_date=date(2026, 11, 20)
    )
    assert holds(late, TODAY, TODAY) and not holds(late, date(2026, 11, 26), TODAY)
    cancelled = replace(confirmed, status="cancelled")
    assert not holds(cancelled, date(2026, 11, 27), TODAY)


def test_eight_weeks_from_this_monday():
    confirmed = booking("confirmed", pickup_date=date(2026, 11, 26), due_date=date(2026, 11, 27))
    weeks = item_weeks([confirmed], TODAY)
    assert len(weeks) == 8 and all(len(week) == 7 for week in weeks)
    assert weeks[0][0].day == date(2026, 11, 23) and weeks[0][2].today
    assert [d.booking for d in weeks[0]] == [None, None, None, confirmed, confirmed, None, None]
