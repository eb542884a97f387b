"""The bounds of what the panel and the API accept, in one place: ids, offsets and limits as
bounded integers, dates and moments inside a window (``core.date_window.FIRST_DAY`` ..
``LAST_DAY``, the window the services themselves refuse outside of).

A number or a date out of range is a 422 before it reaches the database (an overflowing
BIGINT) or date arithmetic (``date.max + 1 day``), never a 500:

- ``Id`` (a path), ``OptionalId`` (a query), ``Offset``, ``Limit``: FastAPI's own validation,
  so the bounds show in the OpenAPI document (``minimum``, ``maximum``);
- ``Day``, ``Moment``: for query parameters and fields of JSON bodies; a value outside the
  window is ``InvalidInput("date-out-of-range")``, answered as any domain error
  (``{"detail", "code"}``, 422);
- ``form_day``, ``form_moment``: a page's form fields, read by hand, refused the same way.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import Path, Query
from pydantic import AfterValidator

from core.date_window import FIRST_DAY, LAST_DAY, check_day, check_moment
from core.errors import InvalidInput, NotFound

# Ids fit a JSON number exactly (2**53, JavaScript's safe integers) and a database BIGINT.
MAX_ID = 2**53
MAX_OFFSET = 1_000_000
MAX_LIMIT = 500

Id = Annotated[int, Path(ge=1, le=MAX_ID)]
OptionalId = Annotated[int | None, Query(ge=1, le=MAX_ID)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]

WINDOW = f"between {FIRST_DAY.isoformat()} and {LAST_DAY.isoformat()}"
Day = Annotated[date, AfterValidator(check_day)]
Moment = Annotated[datetime, AfterValidator(check_moment)]


def form_id(value: str, code: str) -> int:
    """An id from a form field; anything else (or a number no row can have) is ``NotFound``."""
    value = value.strip()
    if not value.isdigit() or len(value) > 16 or not 1 <= int(value) <= MAX_ID:
        raise NotFound(code)
    return int(value)


def form_day(value: str, code: str) -> date | None:
    """A form's ``date`` field: None when blank, ``InvalidInput(code)`` when unreadable,
    ``InvalidInput("date-out-of-range")`` outside the window."""
    value = value.strip()
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(code) from None
    return check_day(day)


def form_moment(value: str, zone: ZoneInfo, code: str) -> datetime:
    """A ``datetime-local`` field, read in the centre's time zone: ``InvalidInput(code)`` when
    unreadable, ``InvalidInput("date-out-of-range")`` outside the window."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(code) from None
    check_moment(parsed)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
