"""Days the Russian production calendar moves off the usual weekday rule.

From the ``holidays`` package (python-holidays, maintained, updated for each year's
government decree on transferred days): its ``RU`` calendar lists public holidays, the
bridge days off ("Day off (substituted from ...)") and the transferred working Saturdays
(``weekend_workdays``). A decree the installed version does not know yet is entered by the
coordinator as a calendar override, which wins.
"""

from __future__ import annotations

from datetime import date

import holidays


def special_days(year: int) -> dict[date, bool]:
    """{day: is_working} for the year: days off that would be weekdays, working weekend days."""
    calendar = holidays.country_holidays("RU", years=year)
    days: dict[date, bool] = {day: False for day in calendar if day.year == year}
    for day in getattr(calendar, "weekend_workdays", ()):
        if day.year == year:
            days[day] = True
    return days
