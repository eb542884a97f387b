"""Her group's calendar file read back by an iCalendar parser (the `icalendar` library): the
right events, times in UTC, summaries and places with their commas and semicolons intact, and
every line folded to at most 75 octets."""

from __future__ import annotations

from datetime import UTC, timedelta

from icalendar import Calendar, vText

from core.services import courses
from core.services.courses import SessionSpec
from tests.factories import make_staff
from tests.integration.test_course import THURSDAY_18_MSK, enrol, person

TITLE = "Школа мам; для тех, кто ждёт малыша — и для пап, бабушек и всех, кто рядом"


async def test_the_calendar_file_parses_back_with_the_sessions(core, clock):
    coordinator = await make_staff(core, role="coordinator")
    async with core.uow() as uow:
        group = await courses.create_group(
            uow,
            staff_id=coordinator.id,
            title=TITLE,
            capacity=5,
            place="зал 1, второй этаж; вход со двора",
            sessions=[
                SessionSpec(starts_at=THURSDAY_18_MSK, topic="Сон, еда; слёзы"),
                SessionSpec(
                    starts_at=THURSDAY_18_MSK + timedelta(days=7),
                    ends_at=THURSDAY_18_MSK + timedelta(days=7, hours=2),
                    topic="Купание",
                ),
            ],
        )
        await uow.commit()
    enrollment = await enrol(core, await person(core, "ics-parse"), group.id)
    async with core.uow() as uow:
        first, second = await courses.sessions_of(uow, group.id)
        await courses.cancel_session(uow, staff_id=coordinator.id, session_id=second.id)
        await uow.commit()
    async with core.uow() as uow:
        body = await courses.calendar_ics(uow, courses.ics_token(uow, enrollment.id))
        locale = uow.settings.default_locale
        summaries = [
            uow.i18n(locale, "course-ics-summary", group=TITLE, topic=topic)
            for topic in ("Сон, еда; слёзы", "Купание")
        ]

    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    calendar = Calendar.from_ical(body)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["METHOD"]) == "PUBLISH"
    # The parser keeps an X- property as written; it is written escaped as TEXT, which is how
    # calendar programs read the calendar's name.
    assert str(calendar["X-WR-CALNAME"]) == vText(TITLE).to_ical().decode()
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    starts = [event.decoded("DTSTART") for event in events]
    ends = [event.decoded("DTEND") for event in events]
    assert starts == [THURSDAY_18_MSK, THURSDAY_18_MSK + timedelta(days=7)]
    assert ends == [
        THURSDAY_18_MSK + timedelta(hours=1, minutes=30),
        THURSDAY_18_MSK + timedelta(days=7, hours=2),
    ]
    assert all(moment.utcoffset() == timedelta(0) for moment in (*starts, *ends))
    assert events[0].decoded("DTSTAMP") == clock.now().astimezone(UTC)
    assert [str(event["SUMMARY"]) for event in events] == summaries
    assert "Сон, еда; слёзы" in summaries[0]
    assert {str(event["LOCATION"]) for event in events} == {"зал 1, второй этаж; вход со двора"}
    assert [str(event["STATUS"]) for event in events] == ["CONFIRMED", "CANCELLED"]
    assert [str(event["UID"]) for event in events] == [
        f"course-session-{first.id}-{enrollment.id}@aist.local",
        f"course-session-{second.id}-{enrollment.id}@aist.local",
    ]
    assert len({int(event["SEQUENCE"]) for event in events}) == 1
    assert "Аня" not in body  # her name on the roll is not in the file
