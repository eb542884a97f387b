"""Her group's sessions as an iCalendar file, at an address keyed to her enrolment."""

from __future__ import annotations

import hmac
from datetime import UTC, datetime

from icalendar import Calendar, Event, vText

from core.clock import as_utc
from core.errors import NotFound
from core.models import Enrollment, EnrollmentStatus
from core.notices import notice, words
from core.services.courses.common import LIVE, get_group, sessions_of
from core.uow import UnitOfWork


def ics_token(uow: UnitOfWork, enrollment_id: int) -> str:
    """The address of her calendar file: the id and a keyed hash of it (no login needed,
    nothing to guess)."""
    return f"{enrollment_id}-{uow.vault.lookup_hash('course-ics', str(enrollment_id))[:32]}"


def ics_url(uow: UnitOfWork, enrollment_id: int) -> str | None:
    base = uow.settings.public_url.rstrip("/")
    if not base:
        return None
    return f"{base}/courses/ics/{ics_token(uow, enrollment_id)}.ics"


def _ics_time(value: datetime) -> datetime:
    """In UTC, so the file says ``...Z`` and needs no VTIMEZONE."""
    return as_utc(value).astimezone(UTC)


async def calendar_ics(uow: UnitOfWork, token: str) -> str:
    """Her group's sessions as an iCalendar file (no name, no personal data in it)."""
    head, _, _ = token.partition("-")
    if not head.isdigit() or len(head) > 18:
        raise NotFound("course-calendar-not-found")
    enrollment_id = int(head)
    # A link given out before the last key rotation still opens.
    known = [
        f"{enrollment_id}-{digest[:32]}"
        for digest in uow.vault.lookup_hashes("course-ics", str(enrollment_id))
    ]
    if not any(hmac.compare_digest(token, candidate) for candidate in known):
        raise NotFound("course-calendar-not-found")
    enrollment = await uow.session.get(Enrollment, enrollment_id)
    if enrollment is None or enrollment.status not in (*LIVE, EnrollmentStatus.completed):
        raise NotFound("course-calendar-not-found")
    group = await get_group(uow, enrollment.group_id)
    locale = uow.settings.default_locale
    stamp = _ics_time(uow.clock.now())
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//Aist//Course//RU")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # vText: an X- property would otherwise go out unescaped (a "," or ";" in the title).
    calendar.add("x-wr-calname", vText(group.title))
    host = uow.settings.public_url.split("//")[-1].split("/")[0] or "aist.local"
    # A session that moved or was cancelled must replace what her calendar holds: the same
    # UID with a higher SEQUENCE (minutes since the epoch: every download is newer than the
    # last), and a cancelled session stays in the file as CANCELLED so it is taken out.
    sequence = int(as_utc(uow.clock.now()).timestamp()) // 60
    for session in await sessions_of(uow, group.id):
        summary = words(
            uow, notice("course.ics-summary", group=group.title, topic=session.topic), locale
        )
        event = Event()
        event.add("uid", f"course-session-{session.id}-{enrollment.id}@{host}")
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", _ics_time(session.starts_at))
        event.add("dtend", _ics_time(session.ends_at))
        event.add("summary", summary)
        event.add("location", session.place or group.place)
        event.add("status", "CANCELLED" if session.cancelled_at is not None else "CONFIRMED")
        calendar.add_component(event)
    # In the order written above, not icalendar's alphabetical one.
    ical: bytes = calendar.to_ical(sorted=False)
    return ical.decode()
