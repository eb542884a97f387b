"""The course's rules on a real database (SQLite, and PostgreSQL when configured): capacity
is never exceeded under concurrent enrolments, drop-in seats likewise, reminders come once and
on time in the centre's zone, survive a restart, and skip what was cancelled."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from bot.bootstrap import create_core
from core.bootstrap import Core
from core.errors import Conflict
from core.messages import Outgoing
from core.models import CourseGroup, Enrollment, OutboxMessage, Reminder
from core.scheduler import Scheduler
from core.services import courses
from core.services.clients import identify_client
from core.services.consent import give_consent
from core.services.courses import SessionSpec
from core.services.reminders import send_due_reminders
from tests.conftest import make_settings, reset_schema
from tests.factories import make_staff

# The FakeClock starts Tuesday 24.11.2026 08:00 UTC (11:00 in Moscow).
THURSDAY_18_MSK = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)


async def group_with(core: Core, *, capacity: int, drop_ins: bool = False, starts=None) -> int:
    coordinator = await make_staff(core, role="coordinator")
    async with core.uow() as uow:
        group = await courses.create_group(
            uow,
            staff_id=coordinator.id,
            title="Группа",
            capacity=capacity,
            place="зал 1",
            drop_ins=drop_ins,
            sessions=[
                SessionSpec(starts_at=at, topic=f"Тема {n}")
                for n, at in enumerate(starts or [THURSDAY_18_MSK], 1)
            ],
        )
        await uow.commit()
    return group.id


async def person(core: Core, user: str, *, locale: str = "ru") -> int:
    async with core.uow() as uow:
        client, _ = await identify_client(
            uow, channel="telegram", user_id=user, address=user, locale=locale
        )
        await give_consent(uow, client_id=client.id, purpose="course")
        await uow.commit()
    return client.id


async def enrol(core: Core, client_id: int, group_id: int, *, waitlist: bool = False):
    async with core.uow() as uow:
        enrollment = await courses.enrol(
            uow, client_id=client_id, group_id=group_id, roll_name="Аня", waitlist=waitlist
        )
        await uow.commit()
    return enrollment


async def outbox_texts(core: Core) -> list[str]:
    async with core.uow() as uow:
        rows = list(await uow.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
        return [Outgoing.from_dict(json.loads(uow.vault.decrypt(r.payload_enc))).text for r in rows]


# --- capacity ---------------------------------------------------------------------------------


async def test_concurrent_enrolments_never_exceed_capacity(core):
    group_id = await group_with(core, capacity=5)
    clients = [await person(core, f"u{n}") for n in range(24)]

    async def attempt(client_id: int) -> str:
        try:
            await enrol(core, client_id, group_id)
        except Conflict as error:
            return error.code
        return "ok"

    outcomes = await asyncio.gather(*(attempt(c) for c in clients))
    assert outcomes.count("ok") == 5
    assert outcomes.count("course-group-full") == 19
    async with core.uow() as uow:
        group = await uow.session.get(CourseGroup, group_id)
        active = list(
            await uow.session.scalars(select(Enrollment).where(Enrollment.status == "active"))
        )
    assert group.seats_taken == 5 and len(active) == 5


async def test_concurrent_waitlisting_and_the_database_refuses_overfilling(core):
    group_id = await group_with(core, capacity=3)
    clients = [await person(core, f"w{n}") for n in range(12)]
    enrolled = await asyncio.gather(*(enrol(core, c, group_id, waitlist=True) for c in clients))
    statuses = sorted(e.status for e in enrolled)
    assert statuses.count("active") == 3 and statuses.count("waiting") == 9
    # Even a hand-written UPDATE cannot push the count past the capacity.
    async with core.uow() as uow:
        with pytest.raises(IntegrityError):
            await uow.session.execute(
                text("UPDATE course_groups SET seats_taken = capacity + 1 WHERE id = :id"),
                {"id": group_id},
            )
            await uow.session.flush()


async def test_concurrent_drop_ins_take_only_the_freed_seats(core):
    group_id = await group_with(core, capacity=2, drop_ins=True)
    holders = [await person(core, f"h{n}") for n in range(2)]
    seated = [await enrol(core, c, group_id) for c in holders]
    waiting_clients = [await person(core, f"q{n}") for n in range(10)]
    waiting = [await enrol(core, c, group_id, waitlist=True) for c in waiting_clients]
    async with core.uow() as uow:
        [session] = await courses.sessions_of(uow, group_id)
        # One of the two cannot come: one seat frees for that session.
        await courses.answer_reminder(
            uow,
            client_id=holders[0],
            enrollment_id=seated[0].id,
            session_id=session.id,
            coming=False,
        )
        await uow.commit()

    async def take(enrollment: Enrollment) -> str:
        try:
            async with core.uow() as uow:
                await courses.take_drop_in(
                    uow,
                    client_id=enrollment.client_id,
                    enrollment_id=enrollment.id,
                    session_id=session.id,
                )
                await uow.commit()
        except Conflict as error:
            return error.code
        return "ok"

    outcomes = await asyncio.gather(*(take(e) for e in waiting))
    assert outcomes.count("ok") == 1 and outcomes.count("course-drop-in-gone") == 9
    async with core.uow() as uow:
        rows = await courses.roll_call(uow, session.id)
    assert len(rows) == 3 and sum(r.drop_in for r in rows) == 1
    assert [r.answer for r in rows if not r.drop_in] == ["no", None]


async def test_capacity_grows_and_the_waiting_list_is_offered_the_new_seats(core):
    coordinator = await make_staff(core, role="coordinator")
    group_id = await group_with(core, capacity=1)
    clients = [await person(core, f"c{n}") for n in range(4)]
    for client_id in clients:
        await enrol(core, client_id, group_id, waitlist=True)
    async with core.uow() as uow:
        await courses.update_group(uow, staff_id=coordinator.id, group_id=group_id, capacity=3)
        await uow.commit()
    async with core.uow() as uow:
        statuses = [e.status for e in await courses.list_enrollments(uow, group_id)]
        group = await uow.session.get(CourseGroup, group_id)
    assert statuses == ["active", "offered", "offered", "waiting"]
    assert group.seats_taken == 3


# --- reminders --------------------------------------------------------------------------------


async def test_reminders_are_sent_once_on_time_and_survive_a_restart(core, clock, settings):
    group_id = await group_with(core, capacity=5)
    client_id = await person(core, "r1")
    await enrol(core, client_id, group_id)
    async with core.uow() as uow:
        keys = sorted(r.key for r in await uow.session.scalars(select(Reminder)))
        due = {r.kind: r.due_at for r in await uow.session.scalars(select(Reminder))}
    assert keys == [
        "enrollment:1:session:1:eve",
        "enrollment:1:session:1:soon",
    ]
    # The day before at 18:00 and two hours before, Moscow time.
    assert due["course.eve"] == datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
    assert due["course.soon"] == datetime(2026, 11, 26, 13, 0, tzinfo=UTC)

    clock.current = datetime(2026, 11, 25, 14, 59, 59, tzinfo=UTC)
    await Scheduler(core).run_once()
    assert await outbox_texts(core) == []

    # A restart: a new core on the same database, same clock, finds the reminder.
    await core.dispose()
    restarted = create_core(settings, clock=clock)
    clock.current = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
    for _ in range(3):
        await Scheduler(restarted).run_once()
    texts = await outbox_texts(restarted)
    assert len(texts) == 1 and "Завтра занятие курса" in texts[0] and "чт, 26.11, 18:00" in texts[0]
    clock.current = datetime(2026, 11, 26, 13, 0, tzinfo=UTC)
    await Scheduler(restarted).run_once()
    await Scheduler(restarted).run_once()
    texts = await outbox_texts(restarted)
    assert len(texts) == 2 and "Через два часа, в 18:00" in texts[1]
    await restarted.dispose()


async def test_no_reminders_for_a_cancelled_session_or_enrolment(core, clock):
    coordinator = await make_staff(core, role="coordinator")
    second = THURSDAY_18_MSK + timedelta(days=7)
    group_id = await group_with(core, capacity=5, starts=[THURSDAY_18_MSK, second])
    stays, leaves = await person(core, "a"), await person(core, "b")
    await enrol(core, stays, group_id)
    leaving = await enrol(core, leaves, group_id)
    async with core.uow() as uow:
        first, _ = await courses.sessions_of(uow, group_id)
        await courses.cancel_session(uow, staff_id=coordinator.id, session_id=first.id)
        await courses.cancel_enrollment(uow, enrollment_id=leaving.id, client_id=leaves)
        await uow.commit()
    before = len(await outbox_texts(core))  # the cancellation notice
    assert before == 2
    clock.current = THURSDAY_18_MSK - timedelta(hours=2)
    await Scheduler(core).run_once()
    assert len(await outbox_texts(core)) == before
    clock.current = second - timedelta(hours=2)
    await Scheduler(core).run_once()
    texts = (await outbox_texts(core))[before:]
    assert len(texts) == 1 and "03.12" not in texts[0] and "Через два часа" in texts[0]
    async with core.uow() as uow:
        client_of = {r.client_id for r in await uow.session.scalars(select(OutboxMessage))}
    assert leaves in client_of  # told of the cancelled session before she left


async def test_a_reminder_whose_session_was_cancelled_after_scheduling_is_skipped(core, clock):
    """Even a reminder row left uncancelled (say, by an older version) checks the session."""
    group_id = await group_with(core, capacity=5)
    client_id = await person(core, "z")
    await enrol(core, client_id, group_id)
    async with core.uow() as uow:
        [session] = await courses.sessions_of(uow, group_id)
        session.cancelled_at = clock.now()
        await uow.commit()
    clock.current = THURSDAY_18_MSK - timedelta(hours=2)
    async with core.uow() as uow:
        assert await send_due_reminders(uow) == 0
        await uow.commit()
    async with core.uow() as uow:
        rows = list(await uow.session.scalars(select(Reminder)))
    assert all(r.cancelled_at is not None for r in rows)


@pytest.mark.parametrize("zone", ["Asia/Vladivostok", "Europe/Kaliningrad"])
async def test_reminder_times_follow_the_centre_zone(database_url, tmp_path, clock, zone):
    settings = make_settings(database_url, tmp_path, timezone=zone)
    await reset_schema(database_url)
    core = create_core(settings, clock=clock)
    try:
        from zoneinfo import ZoneInfo

        local_start = datetime(2026, 11, 27, 11, 0, tzinfo=ZoneInfo(zone))
        group_id = await group_with(core, capacity=5, starts=[local_start])
        client_id = await person(core, "tz")
        await enrol(core, client_id, group_id)
        async with core.uow() as uow:
            due = {r.kind: r.due_at for r in await uow.session.scalars(select(Reminder))}
        assert due["course.eve"] == datetime(2026, 11, 26, 18, 0, tzinfo=ZoneInfo(zone))
        assert due["course.soon"] == datetime(2026, 11, 27, 9, 0, tzinfo=ZoneInfo(zone))
        clock.current = due["course.soon"].astimezone(UTC)
        async with core.uow() as uow:
            await send_due_reminders(uow)
            await uow.commit()
        texts = await outbox_texts(core)
        assert any("в 11:00" in t for t in texts)
    finally:
        await core.dispose()


# --- the calendar file ------------------------------------------------------------------------


async def test_the_calendar_file_lists_the_sessions_in_utc_and_needs_the_right_token(core):
    group_id = await group_with(
        core, capacity=5, starts=[THURSDAY_18_MSK, THURSDAY_18_MSK + timedelta(days=7)]
    )
    client_id = await person(core, "ics")
    enrollment = await enrol(core, client_id, group_id)
    async with core.uow() as uow:
        token = courses.ics_token(uow, enrollment.id)
        body = await courses.calendar_ics(uow, token)
        with pytest.raises(Exception) as refused:
            await courses.calendar_ics(uow, f"{enrollment.id}-{'0' * 32}")
    assert refused.value.code == "course-calendar-not-found"
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 2
    assert "DTSTART:20261126T150000Z" in body and "DTEND:20261126T163000Z" in body
    assert "Аня" not in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert body.count("STATUS:CONFIRMED") == 2


async def test_a_moved_or_cancelled_session_replaces_what_her_calendar_holds(core, clock):
    coordinator = await make_staff(core, role="coordinator")
    group_id = await group_with(
        core, capacity=5, starts=[THURSDAY_18_MSK, THURSDAY_18_MSK + timedelta(days=7)]
    )
    enrollment = await enrol(core, await person(core, "ics2"), group_id)
    async with core.uow() as uow:
        token = courses.ics_token(uow, enrollment.id)
        before = await courses.calendar_ics(uow, token)
        first, second = await courses.sessions_of(uow, group_id)
        await courses.change_session(
            uow,
            staff_id=coordinator.id,
            session_id=first.id,
            starts_at=THURSDAY_18_MSK + timedelta(hours=1),
        )
        await courses.cancel_session(uow, staff_id=coordinator.id, session_id=second.id)
        await uow.commit()
    clock.advance(minutes=5)
    async with core.uow() as uow:
        after = await courses.calendar_ics(uow, token)

    def field(body: str, name: str) -> list[str]:
        return [line.split(":", 1)[1] for line in body.split("\r\n") if line.startswith(name)]

    assert field(after, "UID:") == field(before, "UID:")  # the same events, updated
    assert all(
        int(a) > int(b)
        for a, b in zip(field(after, "SEQUENCE:"), field(before, "SEQUENCE:"), strict=True)
    )
    assert "DTSTART:20261126T160000Z" in after  # moved an hour later
    assert field(after, "STATUS:") == ["CONFIRMED", "CANCELLED"]


async def test_the_demo_groups_seed_once(core):
    from aist.demo_courses import seed_courses

    await make_staff(core, role="coordinator")
    await make_staff(core)
    await seed_courses(core)
    await seed_courses(core)
    async with core.uow() as uow:
        views = await courses.list_groups(uow)
    assert sorted((v.group.seats_taken, v.waiting, len(v.sessions)) for v in views) == [
        (2, 1, 6),
        (3, 0, 6),
    ]


async def test_a_drop_in_who_then_gets_a_seat_gives_the_drop_in_seat_back(core):
    group_id = await group_with(core, capacity=1, drop_ins=True)
    holder, waiting = await person(core, "h"), await person(core, "w")
    seated = await enrol(core, holder, group_id)
    queued = await enrol(core, waiting, group_id, waitlist=True)
    async with core.uow() as uow:
        [session] = await courses.sessions_of(uow, group_id)
        await courses.answer_reminder(
            uow, client_id=holder, enrollment_id=seated.id, session_id=session.id, coming=False
        )
        await courses.take_drop_in(
            uow, client_id=waiting, enrollment_id=queued.id, session_id=session.id
        )
        await courses.cancel_enrollment(uow, enrollment_id=seated.id, client_id=holder)
        await courses.confirm_seat(uow, client_id=waiting, enrollment_id=queued.id)
        await uow.commit()
    async with core.uow() as uow:
        session = await courses.get_session(uow, session.id)
        rows = await courses.roll_call(uow, session.id)
        group = await uow.session.get(CourseGroup, group_id)
    assert session.drop_ins == 0 and group.seats_taken == 1
    assert [(r.enrollment_id, r.drop_in) for r in rows] == [(queued.id, False)]


async def test_a_group_message_goes_in_bulk_behind_live_replies(core):
    from core.services import outbox

    coordinator = await make_staff(core, role="coordinator")
    group_id = await group_with(core, capacity=40)
    clients = [await person(core, f"g{n}") for n in range(40)]
    for client_id in clients:
        await enrol(core, client_id, group_id)
    async with core.uow() as uow:
        queued = await courses.message_group(
            uow, staff_id=coordinator.id, group_id=group_id, text="Зал 4"
        )
        identity = await identify_client(
            uow, channel="telegram", user_id="live", address="live", locale="ru"
        )
        outbox.enqueue(uow, identity[1], Outgoing("живой ответ"))
        await uow.commit()
    assert queued == 40
    async with core.uow() as uow:
        first = await outbox.claim_due(uow, ["telegram"], limit=5)
        await uow.rollback()
    assert first[0].message.text == "живой ответ"
    assert all("Зал 4" in d.message.text for d in first[1:])
    assert len({d.address for d in first}) == 5  # one message per person
