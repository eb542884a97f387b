"""The course in the panel and the API, over HTTP: groups, sessions, the roll call, a message
to the group through each person's channel, who may do what, the calendar file."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from core.messages import Outgoing
from core.models import AuditEntry, OutboxMessage
from core.services import courses
from tests.factories import make_staff
from tests.integration.conftest import token_for
from tests.integration.test_course import THURSDAY_18_MSK, enrol, group_with, person
from tests.integration.test_panel import csrf_of, log_in

NEW_GROUP = {
    "title": "Зимняя группа",
    "capacity": 2,
    "place": "ул. Садовая, 5",
    "sessions": [
        {"starts_at": "2026-12-03T18:00:00+03:00", "topic": "Как проходят роды"},
        {"starts_at": "2026-12-10T18:00:00+03:00", "topic": "Первые дни", "place": "зал 3"},
    ],
}


async def test_api_groups_and_enrolments_in_order(core, client, specialist):
    coordinator = await make_staff(core, role="coordinator")
    as_coordinator = await token_for(client, coordinator.login)
    as_specialist = await token_for(client, specialist.login)
    refused = await client.post("/api/v1/courses/groups", json=NEW_GROUP, headers=as_specialist)
    assert refused.status_code == 403 and refused.json()["code"] == "course-manage-forbidden"
    created = await client.post("/api/v1/courses/groups", json=NEW_GROUP, headers=as_coordinator)
    assert created.status_code == 201, created.text
    group = created.json()
    assert group["capacity"] == 2 and group["free_seats"] == 2 and group["status"] == "open"
    assert [s["starts_at"] for s in group["sessions"]] == [
        "2026-12-03T15:00:00Z",
        "2026-12-10T15:00:00Z",
    ]
    assert (
        group["sessions"][1]["place"] == "зал 3"
        and group["sessions"][0]["place"] == "ул. Садовая, 5"
    )

    clients = [await person(core, f"{n}12345678") for n in range(4)]
    for client_id in clients:
        await enrol(core, client_id, group["id"], waitlist=True)
    listed = (await client.get("/api/v1/courses/groups", headers=as_specialist)).json()
    assert [(g["id"], g["seats_taken"], g["waiting"]) for g in listed] == [(group["id"], 2, 2)]
    found = await client.get(
        f"/api/v1/courses/groups/{group['id']}/enrollments", headers=as_specialist
    )
    rows = found.json()
    assert [(r["status"], r["position"]) for r in rows] == [
        ("active", None),
        ("active", None),
        ("waiting", 1),
        ("waiting", 2),
    ]
    assert rows[0]["roll_name"] == "Аня" and rows[0]["pseudonym"].startswith("Гость-")
    assert "12345678" not in found.text  # no channel ids
    assert "telegram" not in found.text


async def test_api_bad_input_is_4xx_never_500(core, client):
    coordinator = await make_staff(core, role="coordinator")
    auth = await token_for(client, coordinator.login)
    naive = {**NEW_GROUP, "sessions": [{"starts_at": "2026-12-03T18:00:00", "topic": "x"}]}
    for body, status, code in (
        (naive, 422, "course-session-needs-zone"),
        ({**NEW_GROUP, "capacity": 0}, 422, "invalid-input"),
        ({**NEW_GROUP, "title": "   "}, 422, "course-title-empty"),
        ({**NEW_GROUP, "leader_id": 999999}, 404, "staff-not-found"),
    ):
        response = await client.post("/api/v1/courses/groups", json=body, headers=auth)
        assert response.status_code == status and response.json()["code"] == code, body
    for path in ("/api/v1/courses/groups/999999/enrollments", "/api/v1/courses/groups/999999"):
        response = await client.get(path, headers=auth)
        assert response.status_code == 404 and response.json()["code"] == "course-group-not-found"
    assert (await client.get("/api/v1/courses/groups")).status_code == 401


async def test_panel_runs_a_group_sessions_roll_call_and_a_message(core, client):
    coordinator = await make_staff(core, role="coordinator", name="Марина")
    csrf = await log_in(client, coordinator.login)
    page = await client.get("/courses")
    assert page.status_code == 200 and "Новая группа" in page.text
    response = await client.post(
        "/courses/groups",
        data={"title": "Весна", "capacity": "3", "place": "зал 1", "drop_ins": "1", "csrf": csrf},
    )
    assert response.status_code == 303
    location = response.headers["location"]
    group_id = int(location.rsplit("/", 1)[1])
    response = await client.post(
        f"{location}/sessions",
        data={"starts_at": "2026-11-26T18:00", "minutes": "90", "topic": "Роды", "csrf": csrf},
    )
    assert response.status_code == 303
    page = await client.get(location)
    assert "Занятие добавлено" in page.text and "26.11.2026 18:00–19:30" in page.text
    clients = [await person(core, f"p{n}") for n in range(2)]
    enrolled = [await enrol(core, c, group_id) for c in clients]

    # A message to the whole group goes to each person's channel, at bulk priority.
    response = await client.post(
        f"{location}/message", data={"text": "Занятие переносится в зал 4", "csrf": csrf}
    )
    page = await client.get(location)
    assert "Сообщение поставлено в очередь: 2" in page.text
    async with core.uow() as uow:
        rows = list(await uow.session.scalars(select(OutboxMessage)))
        texts = [
            Outgoing.from_dict(json.loads(uow.vault.decrypt(r.payload_enc))).text for r in rows
        ]
    assert len(rows) == 2 and {r.priority for r in rows} == {10}
    assert all("Занятие переносится в зал 4" in t and "«Весна»" in t for t in texts)

    # The roll call: a page of big checkboxes; saved as present / absent.
    async with core.uow() as uow:
        [session] = await courses.sessions_of(uow, group_id)
    roll = await client.get(f"/courses/sessions/{session.id}/roll")
    assert roll.status_code == 200
    assert len(re.findall(r'type="checkbox" name="present"', roll.text)) == 2
    assert "Аня" in roll.text
    response = await client.post(
        f"/courses/sessions/{session.id}/roll",
        data={"present": [str(enrolled[0].id)], "csrf": csrf_of(roll.text)},
    )
    assert response.status_code == 303
    roll = await client.get(f"/courses/sessions/{session.id}/roll")
    assert "Отметки сохранены: присутствовали 1" in roll.text
    async with core.uow() as uow:
        rows = await courses.roll_call(uow, session.id)
        actions = list(await uow.session.scalars(select(AuditEntry.action)))
    assert [r.present for r in rows] == [True, False]
    assert {"course.create_group", "course.add_session", "course.message_group"} <= set(actions)
    assert "course.mark_attendance" in actions

    # Staff cancel an enrolment and the session; the group is told.
    response = await client.post(
        f"/courses/enrollments/{enrolled[1].id}/cancel", data={"csrf": csrf}
    )
    response = await client.post(
        f"/courses/sessions/{session.id}/cancel", data={"reason": "Болезнь ведущей", "csrf": csrf}
    )
    page = await client.get(location)
    assert "Занятие отменено, группе отправлено сообщение" in page.text
    assert "отменено" in page.text


async def test_a_specialist_sees_but_cannot_run_someone_elses_group(core, client, specialist):
    group_id = await group_with(core, capacity=3)
    csrf = await log_in(client, specialist.login)
    page = await client.get(f"/courses/groups/{group_id}")
    assert page.status_code == 200 and "Сообщение всей группе" not in page.text
    assert "Новая группа" not in (await client.get("/courses")).text
    response = await client.post(
        f"/courses/groups/{group_id}/message",
        data={"text": "привет", "csrf": csrf},
        headers={"referer": f"http://panel.test/courses/groups/{group_id}"},
    )
    assert response.status_code == 303
    page = await client.get(f"/courses/groups/{group_id}")
    assert "координатор, администратор или тот, кто ведёт группу" in page.text
    response = await client.post(
        "/courses/groups", data={"title": "x", "capacity": "3", "csrf": csrf}
    )
    page = await client.get("/courses")
    assert "координатор, администратор или тот, кто ведёт группу" in page.text


async def test_forms_without_csrf_and_bad_addresses(core, client, specialist):
    group_id = await group_with(core, capacity=3)
    await log_in(client, specialist.login)
    response = await client.post(f"/courses/groups/{group_id}/message", data={"text": "x"})
    assert response.status_code == 303
    async with core.uow() as uow:
        assert list(await uow.session.scalars(select(OutboxMessage))) == []
    for path in ("/courses/groups/999999", "/courses/sessions/999999/roll", "/courses/groups/abc"):
        response = await client.get(path)
        assert response.status_code == 404, path
    client.cookies.clear()
    response = await client.get(f"/courses/groups/{group_id}")
    assert response.status_code == 303 and response.headers["location"] == "/login"


async def test_the_calendar_file_is_served_without_login_only_for_the_right_token(core, client):
    group_id = await group_with(core, capacity=3, starts=[THURSDAY_18_MSK])
    enrollment = await enrol(core, await person(core, "ics"), group_id)
    async with core.uow() as uow:
        token = courses.ics_token(uow, enrollment.id)
    response = await client.get(f"/courses/ics/{token}.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert "DTSTART:20261126T150000Z" in response.text
    for bad in (f"{enrollment.id}-deadbeef", "abc", f"{enrollment.id + 1}-{token.split('-')[1]}"):
        assert (await client.get(f"/courses/ics/{bad}.ics")).status_code == 404, bad
