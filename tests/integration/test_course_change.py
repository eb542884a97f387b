"""Changing a session on a real database (SQLite, and PostgreSQL when configured): the
reminders follow the new time (the old time sends nothing, the new one sends once), everyone
expecting the session is told in her own channel and language, and what cannot be is refused.
Then the same over HTTP: the group page's form and ``PATCH /api/v1/courses/sessions/{id}``."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from core.bootstrap import Core
from core.errors import Conflict, Forbidden, InvalidInput
from core.messages import Outgoing
from core.models import AuditEntry, CourseGroup, OutboxMessage, Reminder
from core.scheduler import Scheduler
from core.services import courses
from core.services.clients import identify_client
from core.services.consent import give_consent
from tests.factories import make_staff
from tests.integration.conftest import token_for
from tests.integration.test_course import THURSDAY_18_MSK, enrol, group_with, outbox_texts
from tests.integration.test_panel import log_in

# The FakeClock starts Tuesday 24.11.2026 08:00 UTC (11:00 in Moscow); the group's one
# session is on Thursday 26.11 at 18:00 Moscow time.
SATURDAY_12_MSK = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


async def person_on(core: Core, channel: str, user: str, *, locale: str = "ru") -> int:
    async with core.uow() as uow:
        client, _ = await identify_client(
            uow, channel=channel, user_id=user, address=user, locale=locale
        )
        await give_consent(uow, client_id=client.id, purpose="course")
        await uow.commit()
    return client.id


async def only_session(core: Core, group_id: int) -> int:
    async with core.uow() as uow:
        [session] = await courses.sessions_of(uow, group_id)
    return session.id


async def change(core: Core, staff_id: int, session_id: int, **fields) -> courses.SessionChange:
    async with core.uow() as uow:
        done = await courses.change_session(uow, staff_id=staff_id, session_id=session_id, **fields)
        await uow.commit()
    return done


async def outbox_rows(core: Core) -> list[tuple[int | None, str, Outgoing]]:
    async with core.uow() as uow:
        rows = list(await uow.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
        return [
            (
                r.client_id,
                r.channel,
                Outgoing.from_dict(json.loads(uow.vault.decrypt(r.payload_enc))),
            )
            for r in rows
        ]


async def run_scheduler_at(core: Core, clock, at: datetime, times: int = 2) -> None:
    clock.current = at
    for _ in range(times):  # a second run must not send the same reminder again
        await Scheduler(core).run_once()


# --- reminders --------------------------------------------------------------------------------


async def test_moving_a_session_moves_its_reminders(core, clock):
    coordinator = await make_staff(core, role="coordinator")
    group_id = await group_with(core, capacity=5)
    await enrol(core, await person_on(core, "telegram", "r1"), group_id)
    session_id = await only_session(core, group_id)

    done = await change(core, coordinator.id, session_id, starts_at=SATURDAY_12_MSK)
    assert done.changed == ("starts_at",) and done.told == 1
    async with core.uow() as uow:
        live = {
            r.kind: r.due_at
            for r in await uow.session.scalars(select(Reminder))
            if r.cancelled_at is None
        }
        session = await courses.get_session(uow, session_id)
    # The eve before at 18:00 and two hours before, Moscow time; the length is kept.
    assert live == {
        "course.eve": datetime(2026, 11, 27, 15, 0, tzinfo=UTC),
        "course.soon": datetime(2026, 11, 28, 7, 0, tzinfo=UTC),
    }
    assert session.ends_at.replace(tzinfo=UTC) == SATURDAY_12_MSK + timedelta(minutes=90)
    told = len(await outbox_texts(core))
    assert told == 1  # the notice of the change

    # The old times send nothing.
    await run_scheduler_at(core, clock, datetime(2026, 11, 25, 15, 0, tzinfo=UTC))
    await run_scheduler_at(core, clock, THURSDAY_18_MSK - timedelta(hours=2))
    assert len(await outbox_texts(core)) == told

    # The new ones send once each, with the new time.
    await run_scheduler_at(core, clock, datetime(2026, 11, 27, 15, 0, tzinfo=UTC))
    texts = (await outbox_texts(core))[told:]
    assert len(texts) == 1 and "Завтра занятие курса" in texts[0] and "сб, 28.11, 12:00" in texts[0]
    await run_scheduler_at(core, clock, datetime(2026, 11, 28, 7, 0, tzinfo=UTC))
    texts = (await outbox_texts(core))[told:]
    assert len(texts) == 2 and "Через два часа, в 12:00" in texts[1]


async def test_a_reminder_already_sent_for_the_old_time_goes_again_for_the_new_one(core, clock):
    coordinator = await make_staff(core, role="coordinator")
    group_id = await group_with(core, capacity=5)
    await enrol(core, await person_on(core, "telegram", "r2"), group_id)
    session_id = await only_session(core, group_id)
    await run_scheduler_at(core, clock, datetime(2026, 11, 25, 15, 0, tzinfo=UTC))
    assert len(await outbox_texts(core)) == 1  # the eve reminder of Thursday

    # That evening the session moves a week on.
    next_week = THURSDAY_18_MSK + timedelta(days=7)
    await change(core, coordinator.id, session_id, starts_at=next_week)
    before = len(await outbox_texts(core))
    assert before == 2  # and the notice of the change
    await run_scheduler_at(core, clock, THURSDAY_18_MSK - timedelta(hours=2))
    assert len(await outbox_texts(core)) == before
    await run_scheduler_at(core, clock, datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    texts = (await outbox_texts(core))[before:]
    assert len(texts) == 1 and "Завтра занятие курса" in texts[0] and "чт, 03.12, 18:00" in texts[0]
    await run_scheduler_at(core, clock, next_week - timedelta(hours=2))
    texts = (await outbox_texts(core))[before:]
    assert len(texts) == 2 and "Через два часа, в 18:00" in texts[1]


async def test_a_topic_alone_changes_quietly_and_keeps_the_reminders(core):
    coordinator = await make_staff(core, role="coordinator")
    group_id = await group_with(core, capacity=5)
    await enrol(core, await person_on(core, "telegram", "t1"), group_id)
    session_id = await only_session(core, group_id)
    done = await change(core, coordinator.id, session_id, topic="  Грудное  вскармливание ")
    assert done.changed == ("topic",) and done.told == 0
    assert await outbox_texts(core) == []
    async with core.uow() as uow:
        session = await courses.get_session(uow, session_id)
        reminders = list(await uow.session.scalars(select(Reminder)))
    assert session.topic == "Грудное вскармливание"
    assert len(reminders) == 2 and all(r.cancelled_at is None for r in reminders)


# --- who is told ------------------------------------------------------------------------------


async def test_everyone_expecting_the_session_is_told_in_her_channel_and_language(core):
    coordinator = await make_staff(core, role="coordinator")
    group_id = await group_with(core, capacity=2)
    other_group = await group_with(core, capacity=2)
    on_telegram = await person_on(core, "telegram", "tg1")
    on_vk = await person_on(core, "vk", "vk1", locale="en")
    waiting = await person_on(core, "telegram", "tg2")
    elsewhere = await person_on(core, "vk", "vk2")
    seated = await enrol(core, on_telegram, group_id)
    await enrol(core, on_vk, group_id)
    await enrol(core, waiting, group_id, waitlist=True)
    await enrol(core, elsewhere, other_group)
    session_id = await only_session(core, group_id)

    done = await change(
        core, coordinator.id, session_id, starts_at=SATURDAY_12_MSK, place="ул. Садовая, 5"
    )
    assert done.changed == ("starts_at", "place") and done.told == 2
    rows = await outbox_rows(core)
    assert sorted((client, channel) for client, channel, _ in rows) == sorted(
        [(on_telegram, "telegram"), (on_vk, "vk")]
    )
    ru = next(message for client, _, message in rows if client == on_telegram)
    en = next(message for client, _, message in rows if client == on_vk)
    assert "было чт, 26.11, 18:00, теперь сб, 28.11, 12:00" in ru.text
    assert "было «зал 1», теперь «ул. Садовая, 5»" in ru.text and "«Группа»" in ru.text
    assert "was Thu 26.11, 18:00, now Sat 28.11, 12:00" in en.text
    assert 'was "зал 1", now "ул. Садовая, 5"' in en.text
    assert [b.payload for b in ru.buttons[0]] == [
        f"c:yes:{seated.id}:{session_id}",
        f"c:no:{seated.id}:{session_id}",
    ]
    async with core.uow() as uow:
        priorities = set(await uow.session.scalars(select(OutboxMessage.priority)))
        audit = list(
            await uow.session.scalars(
                select(AuditEntry).where(AuditEntry.action == "course.change_session")
            )
        )
    assert priorities == {10}  # bulk: live replies go first
    assert len(audit) == 1 and audit[0].staff_id == coordinator.id

    # Only the place this time: told again, the time line left out.
    await change(core, coordinator.id, session_id, place="зал 2")
    ru_again = [m for c, _, m in await outbox_rows(core) if c == on_telegram][-1]
    assert "Место: было «ул. Садовая, 5», теперь «зал 2»" in ru_again.text
    assert "Время" not in ru_again.text


# --- refusals ---------------------------------------------------------------------------------


async def test_capacity_below_the_seats_taken_is_refused(core):
    coordinator = await make_staff(core, role="coordinator")
    group_id = await group_with(core, capacity=3)
    for n in range(2):
        await enrol(core, await person_on(core, "telegram", f"c{n}"), group_id)
    third = await person_on(core, "telegram", "c3")
    await enrol(core, third, group_id)
    waiting = await enrol(core, await person_on(core, "telegram", "c4"), group_id, waitlist=True)
    session_id = await only_session(core, group_id)
    with pytest.raises(Conflict) as refused:
        await change(core, coordinator.id, session_id, capacity=2, topic="Другая тема")
    assert refused.value.code == "course-capacity-below-taken"
    assert refused.value.params == {"taken": 3}
    async with core.uow() as uow:
        group = await uow.session.get(CourseGroup, group_id)
        session = await courses.get_session(uow, session_id)
    assert group.capacity == 3 and session.topic == "Тема 1"  # nothing of it was kept

    # More seats go to the waiting list.
    done = await change(core, coordinator.id, session_id, capacity=4)
    assert done.changed == ("capacity",)
    async with core.uow() as uow:
        statuses = {e.id: e.status for e in await courses.list_enrollments(uow, group_id)}
    assert statuses[waiting.id] == "offered"


async def test_a_past_date_and_a_session_held_or_cancelled_are_refused(core, clock):
    coordinator = await make_staff(core, role="coordinator")
    group_id = await group_with(core, capacity=3)
    session_id = await only_session(core, group_id)
    for past in (clock.now() - timedelta(minutes=1), clock.now()):
        with pytest.raises(InvalidInput) as refused:
            await change(core, coordinator.id, session_id, starts_at=past)
        assert refused.value.code == "course-session-in-past"
    with pytest.raises(InvalidInput) as refused:
        await change(core, coordinator.id, session_id, starts_at=datetime(2026, 12, 1, 18, 0))
    assert refused.value.code == "course-session-needs-zone"
    async with core.uow() as uow:
        session = await courses.get_session(uow, session_id)
    assert session.starts_at.replace(tzinfo=UTC) == THURSDAY_18_MSK

    # A specialist who does not lead the group may not; a leader may, but not the capacity.
    leader = await make_staff(core)
    stranger = await make_staff(core)
    async with core.uow() as uow:
        await courses.update_group(
            uow, staff_id=coordinator.id, group_id=group_id, leader_id=leader.id
        )
        await uow.commit()
    with pytest.raises(Forbidden):
        await change(core, stranger.id, session_id, topic="x")
    with pytest.raises(Forbidden):
        await change(core, leader.id, session_id, capacity=10)
    assert (await change(core, leader.id, session_id, topic="Роды")).changed == ("topic",)

    clock.current = THURSDAY_18_MSK
    with pytest.raises(Conflict) as refused:
        await change(core, coordinator.id, session_id, topic="поздно")
    assert refused.value.code == "course-session-past"

    second = await group_with(core, capacity=3, starts=[SATURDAY_12_MSK])
    second_session = await only_session(core, second)
    async with core.uow() as uow:
        await courses.cancel_session(uow, staff_id=coordinator.id, session_id=second_session)
        await uow.commit()
    with pytest.raises(Conflict) as refused:
        await change(core, coordinator.id, second_session, starts_at=SATURDAY_12_MSK + timedelta(1))
    assert refused.value.code == "course-session-cancelled"


# --- over HTTP --------------------------------------------------------------------------------


async def test_panel_edits_a_session_and_the_group_is_told(core, client):
    coordinator = await make_staff(core, role="coordinator")
    group_id = await group_with(core, capacity=2)
    for n in range(2):
        await enrol(core, await person_on(core, "telegram", f"p{n}"), group_id)
    session_id = await only_session(core, group_id)
    csrf = await log_in(client, coordinator.login)
    page = await client.get(f"/courses/groups/{group_id}")
    assert f'action="/courses/sessions/{session_id}/edit"' in page.text
    assert 'type="date" name="date" required value="2026-11-26"' in page.text
    assert 'type="time" name="time" required value="18:00"' in page.text

    back = {"referer": f"http://panel.test/courses/groups/{group_id}"}
    form = {"date": "2026-11-28", "time": "12:00", "topic": "Тема 1", "place": "зал 5"}
    response = await client.post(
        f"/courses/sessions/{session_id}/edit", data={**form, "csrf": csrf}, headers=back
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/courses/groups/{group_id}"
    page = await client.get(f"/courses/groups/{group_id}")
    assert "Занятие изменено; отправлено сообщений записавшимся: 2" in page.text
    assert "28.11.2026 12:00–13:30" in page.text and "зал 5" in page.text
    texts = await outbox_texts(core)
    assert len(texts) == 2 and all("теперь сб, 28.11, 12:00" in t for t in texts)

    for fields, words in (
        ({"capacity": "1"}, "Мест не может быть меньше, чем уже занято (2)"),
        ({"date": "2026-11-23"}, "Новые дата и время уже прошли"),
        ({"time": "25:00"}, "Укажите дату и время занятия"),
    ):
        response = await client.post(
            f"/courses/sessions/{session_id}/edit",
            data={**form, **fields, "csrf": csrf},
            headers=back,
        )
        assert response.status_code == 303
        page = await client.get(f"/courses/groups/{group_id}")
        assert words in page.text, fields
    assert len(await outbox_texts(core)) == 2

    # Without the CSRF token nothing changes.
    await client.post(
        f"/courses/sessions/{session_id}/edit", data={**form, "place": "зал 9"}, headers=back
    )
    async with core.uow() as uow:
        session = await courses.get_session(uow, session_id)
        actions = list(await uow.session.scalars(select(AuditEntry.action)))
    assert session.place == "зал 5" and actions.count("course.change_session") == 1


async def test_a_held_session_has_no_edit_form(core, client, clock, specialist):
    group_id = await group_with(core, capacity=2)
    session_id = await only_session(core, group_id)
    coordinator = await make_staff(core, role="coordinator")
    await log_in(client, specialist.login)
    page = await client.get(f"/courses/groups/{group_id}")
    assert f"/courses/sessions/{session_id}/edit" not in page.text  # not hers to run
    client.cookies.clear()
    await log_in(client, coordinator.login)
    assert (
        f"/courses/sessions/{session_id}/edit"
        in (await client.get(f"/courses/groups/{group_id}")).text
    )
    clock.current = THURSDAY_18_MSK + timedelta(hours=1)
    page = await client.get(f"/courses/groups/{group_id}")
    assert f"/courses/sessions/{session_id}/edit" not in page.text


async def test_api_patches_a_session(core, client, specialist):
    coordinator = await make_staff(core, role="coordinator")
    group_id = await group_with(core, capacity=2)
    await enrol(core, await person_on(core, "vk", "api1"), group_id)
    session_id = await only_session(core, group_id)
    auth = await token_for(client, coordinator.login)
    path = f"/api/v1/courses/sessions/{session_id}"

    response = await client.patch(
        path, json={"starts_at": "2026-11-28T12:00:00+03:00", "topic": "Роды"}, headers=auth
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["starts_at"] == "2026-11-28T09:00:00Z" and body["ends_at"] == "2026-11-28T10:30:00Z"
    assert body["changed"] == ["starts_at", "topic"] and body["told"] == 1
    assert body["topic"] == "Роды" and body["group_id"] == group_id
    rows = await outbox_rows(core)
    assert [(channel, "сб, 28.11, 12:00" in m.text) for _, channel, m in rows] == [("vk", True)]

    for json_body, status, code in (
        ({"capacity": 0}, 422, "invalid-input"),
        ({"starts_at": "2026-12-01T18:00:00"}, 422, "course-session-needs-zone"),
        ({"starts_at": "2026-11-20T18:00:00+03:00"}, 422, "course-session-in-past"),
    ):
        response = await client.patch(path, json=json_body, headers=auth)
        assert response.status_code == status and response.json()["code"] == code, json_body
    response = await client.patch(
        "/api/v1/courses/sessions/999999", json={"topic": "x"}, headers=auth
    )
    assert response.status_code == 404 and response.json()["code"] == "course-session-not-found"
    as_specialist = await token_for(client, specialist.login)
    response = await client.patch(path, json={"topic": "x"}, headers=as_specialist)
    assert response.status_code == 403 and response.json()["code"] == "course-manage-forbidden"
    assert (await client.patch(path, json={"topic": "x"})).status_code == 401
