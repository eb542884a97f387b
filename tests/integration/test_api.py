"""The JSON API contract of DESIGN.md, over HTTP, on a real database."""

from __future__ import annotations

import json

from sqlalchemy import select

from core.models import AuditEntry, SupportLevel
from core.services import cases
from core.services.clients import identify_client
from core.services.urgency import raise_case
from tests.factories import make_staff

TELEGRAM_ID = "987654321"


async def open_case(
    core, user_id=TELEGRAM_ID, text="Здравствуйте, мне нужна помощь", level=None, clock=None
):
    async with core.uow() as uow:
        client, _ = await identify_client(
            uow, channel="telegram", user_id=user_id, address=user_id, locale="ru"
        )
        if level is None:
            routing = await cases.open_case(uow, client, channel="telegram", topic="other")
        else:
            routing = await raise_case(
                uow,
                client,
                channel="telegram",
                level=level,
                signals=[{"group": "violence", "phrase": "бьёт", "level": level}],
                topic="family",
            )
        await cases.add_client_message(uow, routing.case, text=text)
        await uow.commit()
    return routing.case.id


async def test_health_needs_no_login(client):
    response = await client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_token_flow_and_refusals(client, specialist):
    bad = await client.post(
        "/api/v1/auth/token", data={"username": specialist.login, "password": "nope"}
    )
    assert bad.status_code == 401
    assert "detail" in bad.json()
    assert (await client.get("/api/v1/cases")).status_code == 401
    forged = await client.get(
        "/api/v1/cases", headers={"Authorization": "Bearer forged.token.value"}
    )
    assert forged.status_code == 401


async def test_case_routes_end_to_end(core, client, auth, specialist):
    case_id = await open_case(core)
    listed = (await client.get("/api/v1/cases?status=open", headers=auth)).json()
    assert [c["id"] for c in listed] == [case_id]
    row = listed[0]
    for field in (
        "id",
        "pseudonym",
        "channel",
        "topic",
        "level",
        "status",
        "assignee",
        "waiting_since",
        "last_message",
    ):
        assert field in row
    assert row["channel"] == "telegram" and row["pseudonym"].startswith("Гость-")
    assert row["last_message"] == "Здравствуйте, мне нужна помощь"

    accepted = await client.post(f"/api/v1/cases/{case_id}/accept", headers=auth)
    assert accepted.status_code == 200 and accepted.json()["assignee"] == "Анна"
    sent = await client.post(
        f"/api/v1/cases/{case_id}/messages", json={"text": "Я вас слышу."}, headers=auth
    )
    assert sent.status_code == 201 and sent.json()["direction"] == "out"
    noted = await client.post(
        f"/api/v1/cases/{case_id}/notes", json={"text": "Позвонить завтра"}, headers=auth
    )
    assert noted.status_code == 201

    detail = (await client.get(f"/api/v1/cases/{case_id}", headers=auth)).json()
    assert [
        (m["direction"], m["text"]) for m in detail["messages"] if m["direction"] != "system"
    ] == [
        ("in", "Здравствуйте, мне нужна помощь"),
        ("out", "Я вас слышу."),
        ("note", "Позвонить завтра"),
    ]
    assert all({"direction", "text", "at"} <= set(m) for m in detail["messages"])

    closed = await client.post(
        f"/api/v1/cases/{case_id}/close", json={"outcome": "Консультация дана"}, headers=auth
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert (await client.get("/api/v1/cases?status=open", headers=auth)).json() == []
    again = await client.post(
        f"/api/v1/cases/{case_id}/messages", json={"text": "ещё"}, headers=auth
    )
    assert again.status_code == 409 and "detail" in again.json()

    async with core.uow() as uow:
        actions = set(
            await uow.session.scalars(
                select(AuditEntry.action).where(AuditEntry.case_id == case_id)
            )
        )
    assert {"case.accept", "case.reply", "case.note", "case.close", "case.view"} <= actions


async def test_most_urgent_then_longest_waiting_first(core, client, auth, clock):
    first_basic = await open_case(core, user_id="1")
    clock.advance(minutes=5)
    second_basic = await open_case(core, user_id="2")
    clock.advance(minutes=5)
    emergency = await open_case(core, user_id="3", level=SupportLevel.emergency)
    ids = [c["id"] for c in (await client.get("/api/v1/cases", headers=auth)).json()]
    assert ids == [emergency, first_basic, second_basic]


async def test_bad_input_gets_4xx_json_never_500(core, client, auth):
    case_id = await open_case(core)
    attempts = [
        client.post(f"/api/v1/cases/{case_id}/messages", json={"text": ""}, headers=auth),
        client.post(f"/api/v1/cases/{case_id}/messages", json={"text": "x" * 5000}, headers=auth),
        client.post(
            f"/api/v1/cases/{case_id}/messages",
            content=b"not json",
            headers={**auth, "Content-Type": "application/json"},
        ),
        client.post(f"/api/v1/cases/{case_id}/notes", json={}, headers=auth),
        client.post(f"/api/v1/cases/{case_id}/close", json={"outcome": "   "}, headers=auth),
        client.post("/api/v1/cases/999999/accept", headers=auth),
        client.get("/api/v1/cases/not-a-number", headers=auth),
        client.get("/api/v1/cases?status=weird", headers=auth),
    ]
    for pending in attempts:
        response = await pending
        assert 400 <= response.status_code < 500, (response.status_code, response.text)
        assert "detail" in response.json()


async def test_a_second_specialist_cannot_take_a_taken_case(core, client, auth):
    case_id = await open_case(core)
    other = await make_staff(core, name="Ольга")
    from tests.integration.conftest import token_for

    other_auth = await token_for(client, other.login)
    assert (await client.post(f"/api/v1/cases/{case_id}/accept", headers=auth)).status_code == 200
    taken = await client.post(f"/api/v1/cases/{case_id}/accept", headers=other_auth)
    assert taken.status_code == 409


async def test_no_channel_id_in_any_response(core, client, auth):
    case_id = await open_case(core)
    await client.post(f"/api/v1/cases/{case_id}/messages", json={"text": "ответ"}, headers=auth)
    bodies = [
        (await client.get("/api/v1/cases", headers=auth)).text,
        (await client.get(f"/api/v1/cases/{case_id}", headers=auth)).text,
        (await client.get("/api/openapi.json")).text,
    ]
    for body in bodies:
        assert TELEGRAM_ID not in body
    assert "channel" in json.loads(bodies[0])[0]


async def test_openapi_and_docs_are_served(client):
    spec = (await client.get("/api/openapi.json")).json()
    for path in (
        "/api/v1/health",
        "/api/v1/cases",
        "/api/v1/cases/{case_id}/messages",
        "/api/v1/auth/token",
    ):
        assert path in spec["paths"]
    docs = await client.get("/api/docs")
    assert docs.status_code == 200 and "/api/v1/cases" in docs.text
