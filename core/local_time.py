"""The centre's local time: its zone, a moment there, today there."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from core.clock import as_utc
from core.settings import Settings


@lru_cache(maxsize=8)
def zone_named(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def centre_zone(settings: Settings) -> ZoneInfo:
    return zone_named(settings.timezone)


def local_moment(settings: Settings, at: datetime) -> datetime:
    """``at`` (aware, or naive UTC as SQLite returns it) in the centre's zone."""
    return as_utc(at).astimezone(centre_zone(settings))


def local_day(settings: Settings, at: datetime) -> date:
    return local_moment(settings, at).date()
