"""Her group's sessions as an iCalendar file, at an address keyed to her enrolment."""

from __future__ import annotations

import hmac
from datetime import datetime

from core.clock import as_utc
from core.errors import NotFound
from core.models import Enrollment, EnrollmentStatus
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


def _ics_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics_fold(line: str) -> list[str]:
    """RFC 5545: lines longer than 75 octets are folded (continuation lines start with a
    space), without splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode()) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def _ics_time(value: datetime) -> str:
    return as_utc(value).strftime("%Y%m%dT%H%M%SZ")


async def calendar_ics(uow: UnitOfWork, token: str) -> str:
    """Her group's sessions as an iCalendar file (no name, no personal data in it)."""
    head, _, _ = token.partition("-")
    if not head.isdigit() or len(head) > 18:
        raise NotFound("course-calendar-not-found")
    enrollment_id = int(head)
    if not hmac.compare_digest(token, ics_token(uow, enrollment_id)):
        raise NotFound("course-calendar-not-found")
    enrollment = await uow.session.get(Enrollment, enrollment_id)
    if enrollment is None or enrollment.status not in (*LIVE, EnrollmentStatus.completed):
        raise NotFound("course-calendar-not-found")
    group = await get_group(uow, enrollment.group_id)
    locale = uow.settings.default_locale
    stamp = _ics_time(uow.clock.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Aist//Course//RU",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ics_escape(group.title)}",
    ]
    host = uow.settings.public_url.split("//")[-1].split("/")[0] or "aist.local"
    # A session that moved or was cancelled must replace what her calendar holds: the same
    # UID with a higher SEQUENCE (minutes since the epoch: every download is newer than the
    # last), and a cancelled session stays in the file as CANCELLED so it is taken out.
    sequence = int(as_utc(uow.clock.now()).timestamp()) // 60
    for session in await sessions_of(uow, group.id):
        summary = uow.i18n(locale, "course-ics-summary", group=group.title, topic=session.topic)
        lines += [
            "BEGIN:VEVENT",
            f"UID:course-session-{session.id}-{enrollment.id}@{host}",
            f"DTSTAMP:{stamp}",
            f"SEQUENCE:{sequence}",
            f"DTSTART:{_ics_time(session.starts_at)}",
            f"DTEND:{_ics_time(session.ends_at)}",
            f"SUMMARY:{_ics_escape(summary)}",
            f"LOCATION:{_ics_escape(session.place or group.place)}",
            "STATUS:CANCELLED" if session.cancelled_at is not None else "STATUS:CONFIRMED",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _ics_fold(line)]
    return "\r\n".join(folded) + "\r\n"
