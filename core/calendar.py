"""Working days by the Russian production calendar, with the coordinator's corrections.

The calendar of holidays and transferred working days comes from a maintained package; a
day the package does not know yet (a late government decree) is set by the coordinator and
stored in ``calendar_days``, which always wins.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import lru_cache

from sqlalchemy import select

from core.local_time import centre_zone
from core.models import CalendarDay
from core.settings import Settings
from core.uow import UnitOfWork

HolidayRule = Callable[[date], bool | None]


@lru_cache(maxsize=8)
def _package_rule(year: int) -> dict[date, bool]:
    """{day: is_working} for the days the production calendar moves off the weekday rule."""
    from core.production_calendar import special_days

    return special_days(year)


class WorkCalendar:
    def __init__(self, settings: Settings, overrides: dict[date, bool] | None = None) -> None:
        self.settings = settings
        self.zone = centre_zone(settings)
        self.overrides = overrides or {}

    def is_working_day(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        special = _package_rule(day.year)
        if day in special:
            return special[day]
        return day.weekday() in self.settings.work_days

    def is_working_time(self, at: datetime) -> bool:
        local = at.astimezone(self.zone)
        return (
            self.is_working_day(local.date())
            and self.settings.work_start <= local.time() < self.settings.work_end
        )

    def next_working_time(self, at: datetime) -> datetime:
        """``at`` when the centre is working, else the start of the next working period."""
        if self.is_working_time(at):
            return at
        local = at.astimezone(self.zone)
        for days in range(0, 40):
            day = local.date() + timedelta(days=days)
            start = datetime.combine(day, self.settings.work_start, tzinfo=self.zone)
            if self.is_working_day(day) and start > local:
                return start
        raise ValueError("no working day within 40 days: check the calendar")

    def add_working_days(self, at: datetime, days: int) -> datetime:
        """The end of the working day that is ``days`` working days after ``at``.

        A signal at night or on a holiday counts from the next working day: one working day
        after Friday 23:00 is the end of Monday; after Tuesday 10:00, the end of Wednesday.
        """
        local = at.astimezone(self.zone)
        day = local.date()
        if not (self.is_working_day(day) and local.time() < self.settings.work_end):
            day = self._next_working_day(day)
            days -= 1
        for _ in range(max(days, 0)):
            day = self._next_working_day(day)
        return datetime.combine(day, self.settings.work_end, tzinfo=self.zone)

    def _next_working_day(self, day: date) -> date:
        for step in range(1, 40):
            candidate = day + timedelta(days=step)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError("no working day within 40 days: check the calendar")


async def load_calendar(uow: UnitOfWork) -> WorkCalendar:
    rows = await uow.session.scalars(select(CalendarDay))
    return WorkCalendar(uow.settings, {row.day: row.is_working for row in rows})


async def set_calendar_day(
    uow: UnitOfWork, *, day: date, is_working: bool, note: str, by_staff_id: int
) -> None:
    from core.services.audit import record_audit

    row = await uow.session.get(CalendarDay, day)
    if row is None:
        uow.session.add(
            CalendarDay(day=day, is_working=is_working, note=note, set_by_id=by_staff_id)
        )
    else:
        row.is_working, row.note, row.set_by_id = is_working, note, by_staff_id
    record_audit(
        uow, "calendar.set", staff_id=by_staff_id, day=day.isoformat(), is_working=is_working
    )
