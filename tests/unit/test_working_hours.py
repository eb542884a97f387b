from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from core.calendar import WorkCalendar
from core.services.outbox import backoff_delay
from core.settings import Settings

MSK = ZoneInfo("Europe/Moscow")
SETTINGS = Settings(secret_key="k" * 40, var_dir="var-test-unused")


def is_working_time(settings: Settings, at_: datetime) -> bool:
    return WorkCalendar(settings).is_working_time(at_)


def next_working_time(settings: Settings, at_: datetime) -> datetime:
    return WorkCalendar(settings).next_working_time(at_)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=MSK)


def test_weekday_daytime_is_working_time() -> None:
    assert is_working_time(SETTINGS, at(2026, 11, 24, 11, 0))
    assert next_working_time(SETTINGS, at(2026, 11, 24, 11, 0)) == at(2026, 11, 24, 11, 0)


def test_night_waits_for_the_morning_and_friday_evening_for_monday() -> None:
    assert next_working_time(SETTINGS, at(2026, 11, 24, 23, 30)) == at(2026, 11, 25, 9, 0)
    assert next_working_time(SETTINGS, at(2026, 11, 25, 6, 0)) == at(2026, 11, 25, 9, 0)
    assert next_working_time(SETTINGS, at(2026, 11, 27, 18, 0)) == at(2026, 11, 30, 9, 0)


def test_the_centre_time_zone_is_used_not_utc() -> None:
    vladivostok = SETTINGS.model_copy(update={"timezone": "Asia/Vladivostok"})
    # 23:30 UTC on Tuesday is 09:30 on Wednesday in Vladivostok.
    assert is_working_time(vladivostok, datetime(2026, 11, 24, 23, 30, tzinfo=UTC))
    assert not is_working_time(SETTINGS, datetime(2026, 11, 24, 23, 30, tzinfo=UTC))


def test_backoff_grows_caps_and_honours_retry_after() -> None:
    delays = [backoff_delay(n, 1.0, 60.0, None) for n in range(1, 9)]
    assert delays[:4] == [1.0, 2.0, 4.0, 8.0]
    assert max(delays) == 60.0
    assert backoff_delay(3, 1.0, 60.0, 17) == 17.0


def test_a_day_off_set_by_the_coordinator_wins() -> None:
    calendar = WorkCalendar(SETTINGS, {at(2026, 11, 25, 0, 0).date(): False})
    assert calendar.next_working_time(at(2026, 11, 24, 23, 0)) == at(2026, 11, 26, 9, 0)
    saturday = WorkCalendar(SETTINGS, {at(2026, 11, 28, 0, 0).date(): True})
    assert saturday.next_working_time(at(2026, 11, 27, 19, 0)) == at(2026, 11, 28, 9, 0)


def test_one_working_day_deadline() -> None:
    calendar = WorkCalendar(SETTINGS)
    assert calendar.add_working_days(at(2026, 11, 24, 10, 0), 1) == at(2026, 11, 25, 18, 0)
    assert calendar.add_working_days(at(2026, 11, 27, 23, 0), 1) == at(2026, 11, 30, 18, 0)


def test_the_production_calendar_knows_holidays_and_transfers() -> None:
    calendar = WorkCalendar(SETTINGS)
    assert not calendar.is_working_day(at(2026, 1, 9, 12, 0).date())  # bridge day off, a Friday
    assert not calendar.is_working_day(at(2026, 11, 4, 12, 0).date())  # Unity Day, a Wednesday
    assert calendar.is_working_day(at(2025, 11, 1, 12, 0).date())  # a working Saturday
    # A woman writing on the evening of 3 November 2026 is read on 5 November, not on the 4th.
    assert calendar.next_working_time(at(2026, 11, 3, 20, 0)) == at(2026, 11, 5, 9, 0)
