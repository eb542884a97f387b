"""Days the Russian production calendar moves off the usual weekday rule, from a package."""

from __future__ import annotations

from datetime import date


def special_days(year: int) -> dict[date, bool]:
    """{day: is_working}: public holidays and bridge days off, and transferred working days."""
    return {}
