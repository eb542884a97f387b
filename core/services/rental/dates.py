"""Pickup dates and the contacts she gives for the pickup: reading and checking them."""

from __future__ import annotations

import re
from datetime import date, timedelta

import phonenumbers

from core.calendar import load_calendar
from core.errors import InvalidInput
from core.local_time import local_moment
from core.services.rental.common import MAX_NAME, clean_text
from core.services.rental.views import local_today
from core.uow import UnitOfWork

_PHONE = re.compile(r"^\+?\d+$")


async def pickup_days(uow: UnitOfWork, count: int = 6) -> list[date]:
    """The next days the point is open for a pickup (today only while it is still open)."""
    calendar = await load_calendar(uow)
    now = local_moment(uow.settings, uow.clock.now())
    today = now.date()
    days: list[date] = []
    for offset in range(uow.settings.rental_booking_days + 1):
        day = today + timedelta(days=offset)
        if day == today and now.time() >= uow.settings.work_end:
            continue
        if calendar.is_working_day(day):
            days.append(day)
        if len(days) == count:
            break
    return days


async def check_pickup_date(uow: UnitOfWork, day: date) -> date:
    today = local_today(uow)
    if day < today:
        raise InvalidInput("rental-date-past")
    if day > today + timedelta(days=uow.settings.rental_booking_days):
        raise InvalidInput("rental-date-too-far", days=uow.settings.rental_booking_days)
    calendar = await load_calendar(uow)
    if not calendar.is_working_day(day) or day not in await pickup_days(uow, count=100):
        raise InvalidInput("rental-date-closed")
    return day


def parse_day(text: str, today: date) -> date:
    """``25.12``, ``25.12.2026`` or ``2026-12-25``; a day-month without a year is the next
    such day from today."""
    text = text.strip().replace("/", ".").replace("-", ".")
    parts = [p for p in text.split(".") if p]
    try:
        if len(parts) == 3 and len(parts[0]) == 4:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 3:
            year = int(parts[2])
            return date(year + 2000 if year < 100 else year, int(parts[1]), int(parts[0]))
        if len(parts) == 2:
            day = date(today.year, int(parts[1]), int(parts[0]))
            return day if day >= today else date(today.year + 1, day.month, day.day)
    except ValueError:
        pass
    raise InvalidInput("rental-date-unreadable")


def normalize_phone(phone: str) -> str:
    """Her number in E.164 (``+79001234567``); one without a country code is read as Russian."""
    compact = re.sub(r"[\s()\-.]", "", phone or "")
    # Digits only: phonenumbers would also read letters ("8 900 CALLNOW") and an extension.
    if not _PHONE.match(compact):
        raise InvalidInput("rental-bad-phone")
    try:
        number = phonenumbers.parse(compact, "RU")
    except phonenumbers.NumberParseException:
        raise InvalidInput("rental-bad-phone") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidInput("rental-bad-phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_contact_name(name: str) -> str:
    return clean_text(name, MAX_NAME, "rental-bad-contact-name")
