"""The JSON API contract of docs/architecture.md, over HTTP (httpx on the ASGI app), on a real database."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, update

from admin.app import create_app
from bot.bootstrap import create_core
from core.bootstrap import Core
from core.models import AuditEntry, Staff, SupportLevel
from core.services import cases
from core.services.clients import identify_client
from core.services.urgency import raise_case
from tests.conftest import make_settings
from tests.factories import PASSWORD, make_staff
from tests.integration.conftest import token_for

TELEGRAM_ID = "987654321"
VK_ID = "55501234"


async def open_case(
    core: Core,
    user_id: str = TELEGRAM_ID,
    text: str = "Здравствуйте, мне нужна помощь",
    level: SupportLevel | None = None,
    channel: str = "telegram",
) -> int:
    """A person writes through a channel: her case is opened (or raised) and her text stored."""
    async with core.uow() as uow:
        client, _ = await identify_client(
            uow, channel=channel, user_id=user_id, address=user_id, locale="ru"
        )
        if level is None:
            routing = await cases.open_case(uow, client, channel=channel, topic="other")
        else:
            routing = await raise_case(
                uow,
                client,
                channel=channel,
                level=level,
                signals=[{"group": "violence", "phrase": "бьёт", "level": level}],
                topic="family",
            )
        await cases.add_client_message(uow, routing.case, text=text)
        await uow.commit()
    return routing.case.id


async def audit_actions(core: Core, **where: object) -> list[str]:
    async with core.uow() as uow:
        query = select(AuditEntry.action).order_by(AuditEntry.id)
        for column, value in where.items():
            query = query.where(getattr(AuditEntry, column) == value)
        return list(await uow.session.scalars(query))


# --- health and auth -----------------------------------------------------------------------


async def test_health_needs_no_login(client):
    response = await client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_health_is_503_and_routes_are_503_json_when_the_database_is_down(tmp_path: Path):
    with socket.socket() as sock:  # a port nobody listens on: the database is down
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = make_settings(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/aist", tmp_path)
    core = create_core(settings)
    app = create_app(settings, core)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://panel.test") as http:
        health = await http.get("/api/v1/health")
        assert health.status_code == 503 and health.json() == {"status": "unavailable"}
        token = await http.post("/api/v1/auth/token", data={"username": "a", "password": "b"})
        assert token.status_code == 503 and token.json()["code"] == "unavailable"
        cases_ = await http.get("/api/v1/cases", headers={"Authorization": "Bearer x.y"})
        assert cases_.status_code in (401, 503)
        page = await http.get("/login")
        assert page.status_code == 200  # the login page itself needs no database
    await core.dispose()


async def test_token_flow(client, specialist):
    response = await client.post(
        "/api/v1/auth/token", data={"username": specialist.login, "password": PASSWORD}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 12 * 3600
    assert set(body) == {"access_token", "token_type", "expires_in"}
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    assert (await client.get("/api/v1/cases", headers=headers)).status_code == 200
    # Any case of the login works; a bearer POST needs no CSRF token.
    upper = await client.post(
        "/api/v1/auth/token", data={"username": specialist.login.upper(), "password": PASSWORD}
    )
    assert upper.status_code == 200


async def test_refusals_are_401_json(client, specialist):
    bad = await client.post(
        "/api/v1/auth/token", data={"username": specialist.login, "password": "nope"}
    )
    assert bad.status_code == 401 and bad.json()["code"] == "login-failed"
    assert bad.json()["detail"] == "Неверный логин или пароль."
    unknown = await client.post(
        "/api/v1/auth/token", data={"username": "nobody", "password": "whatever-123"}
    )
    assert unknown.status_code == 401
    for headers in (
        {},
        {"Authorization": "Bearer forged.token.value"},
        {"Authorization": "Bearer "},
        {"Authorization": "Basic dXNlcjpwYXNz"},
    ):
        response = await client.get("/api/v1/cases", headers=headers)
        assert response.status_code == 401, headers
        assert response.json()["code"] == "not-authenticated"
        assert response.headers["www-authenticate"] == "Bearer"
    missing = await client.post("/api/v1/auth/token", data={"username": specialist.login})
    assert missing.status_code == 422 and isinstance(missing.json()["detail"], list)


async def test_an_expired_token_is_refused(client, auth, clock, core):
    assert (await client.get("/api/v1/cases", headers=auth)).status_code == 200
    clock.advance(hours=core.settings.api_token_hours, seconds=1)
    response = await client.get("/api/v1/cases", headers=auth)
    assert response.status_code == 401


async def test_a_token_dies_with_the_account_and_with_its_password(core, client, specialist, auth):
    assert (await client.get("/api/v1/cases", headers=auth)).status_code == 200
    async with core.uow() as uow:
        await uow.session.execute(
            update(Staff).where(Staff.id == specialist.id).values(password_hash="$argon2id$changed")
        )
        await uow.commit()
    assert (await client.get("/api/v1/cases", headers=auth)).status_code == 401

    other = await make_staff(core)
    other_auth = await token_for(client, other.login)
    async with core.uow() as uow:
        await uow.session.execute(update(Staff).where(Staff.id == other.id).values(is_active=False))
        await uow.commit()
    assert (await client.get("/api/v1/cases", headers=other_auth)).status_code == 401


async def test_failed_logins_are_throttled(client, specialist):
    for _ in range(8):
        response = await client.post(
            "/api/v1/auth/token", data={"username": specialist.login, "password": "wrong"}
        )
        assert response.status_code == 401
    blocked = await client.post(
        "/api/v1/auth/token", data={"username": specialist.login, "password": PASSWORD}
    )
    assert blocked.status_code == 429 and blocked.json()["code"] == "login-throttled"
    other = await client.post(
        "/api/v1/auth/token", data={"username": "someone-else", "password": "wrong"}
    )
    assert other.status_code == 401  # only that login from that address waits


async def test_logins_are_audited(core, client, specialist):
    await client.post("/api/v1/auth/token", data={"username": specialist.login, "password": "x"})
    await token_for(client, specialist.login)
    async with core.uow() as uow:
        rows = (
            await uow.session.execute(
                select(AuditEntry.action, AuditEntry.staff_id, AuditEntry.details).order_by(
                    AuditEntry.id
                )
            )
        ).all()
    logins = [(a, s, d) for a, s, d in rows if a.startswith("auth.")]
    assert logins == [
        ("auth.login-failed", None, {"login": specialist.login, "via": "api"}),
        ("auth.login", specialist.id, {"via": "api"}),
    ]
    assert all("password" not in json.dumps(d) for _, _, d in rows)


async def test_the_panel_session_works_on_the_api_with_the_csrf_header(core, client, specialist):
    page = await client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    await client.post(
        "/login", data={"username": specialist.login, "password": PASSWORD, "csrf": csrf}
    )
    csrf = re.search(r'data-csrf="([^"]+)"', (await client.get("/")).text).group(1)
    case_id = await open_case(core)
    assert (await client.get("/api/v1/cases")).status_code == 200
    refused = await client.post(f"/api/v1/cases/{case_id}/accept")
    assert refused.status_code == 403 and refused.json()["code"] == "csrf"
    wrong = await client.post(f"/api/v1/cases/{case_id}/accept", headers={"X-CSRF-Token": "x"})
    assert wrong.status_code == 403
    accepted = await client.post(f"/api/v1/cases/{case_id}/accept", headers={"X-CSRF-Token": csrf})
    assert accepted.status_code == 200 and accepted.json()["assignee"] == "Анна"


# --- cases ------------------------------------------------------------------------------------


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
    assert row["status"] == "open" and row["level"] == "basic" and row["assignee"] is None
    assert row["waiting_since"] is not None

    accepted = await client.post(f"/api/v1/cases/{case_id}/accept", headers=auth)
    assert accepted.status_code == 200 and accepted.json()["assignee"] == "Анна"
    again = await client.post(f"/api/v1/cases/{case_id}/accept", headers=auth)
    assert again.status_code == 200  # taking one's own case twice changes nothing
    sent = await client.post(
        f"/api/v1/cases/{case_id}/messages", json={"text": "  Я вас слышу.  "}, headers=auth
    )
    assert sent.status_code == 201
    assert sent.json()["direction"] == "out" and sent.json()["text"] == "Я вас слышу."
    assert sent.json()["delivery"] == "pending" and sent.json()["author"] == "Анна"
    noted = await client.post(
        f"/api/v1/cases/{case_id}/notes", json={"text": "Позвонить завтра"}, headers=auth
    )
    assert noted.status_code == 201 and noted.json()["direction"] == "note"

    detail = (await client.get(f"/api/v1/cases/{case_id}", headers=auth)).json()
    assert [
        (m["direction"], m["text"]) for m in detail["messages"] if m["direction"] != "system"
    ] == [
        ("in", "Здравствуйте, мне нужна помощь"),
        ("out", "Я вас слышу."),
        ("note", "Позвонить завтра"),
    ]
    assert {m["direction"] for m in detail["messages"]} == {"in", "out", "note", "system"}
    assert all({"direction", "text", "at"} <= set(m) for m in detail["messages"])
    assert detail["waiting_since"] is None and detail["last_message"] == "Я вас слышу."

    closed = await client.post(
        f"/api/v1/cases/{case_id}/close", json={"outcome": "Консультация дана"}, headers=auth
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert (await client.get("/api/v1/cases?status=open", headers=auth)).json() == []
    closed_list = (await client.get("/api/v1/cases?status=closed", headers=auth)).json()
    assert [c["id"] for c in closed_list] == [case_id]
    assert [c["id"] for c in (await client.get("/api/v1/cases?status=all", headers=auth)).json()]
    after = await client.post(
        f"/api/v1/cases/{case_id}/messages", json={"text": "ещё"}, headers=auth
    )
    assert after.status_code == 409 and after.json()["code"] == "case-closed"
    assert after.json()["detail"] == "Обращение уже закрыто."

    actions = set(await audit_actions(core, case_id=case_id))
    assert {"case.accept", "case.reply", "case.note", "case.close", "case.view"} <= actions
    async with core.uow() as uow:
        staff_ids = set(
            await uow.session.scalars(
                select(AuditEntry.staff_id).where(
                    AuditEntry.case_id == case_id, AuditEntry.action != "case.open"
                )
            )
        )
    assert staff_ids == {specialist.id}


async def test_most_urgent_then_longest_waiting_first(core, client, auth, clock):
    first_basic = await open_case(core, user_id="1")
    clock.advance(minutes=5)
    second_basic = await open_case(core, user_id="2")
    clock.advance(minutes=5)
    crisis = await open_case(core, user_id="3", level=SupportLevel.crisis)
    clock.advance(minutes=5)
    emergency = await open_case(core, user_id="4", level=SupportLevel.emergency)
    clock.advance(minutes=5)
    answered = await open_case(core, user_id="5", level=SupportLevel.emergency)
    await client.post(f"/api/v1/cases/{answered}/messages", json={"text": "Я тут"}, headers=auth)
    listed = (await client.get("/api/v1/cases", headers=auth)).json()
    # Emergency first (waiting before answered), then crisis, then basic by waiting time.
    assert [c["id"] for c in listed] == [emergency, answered, crisis, first_basic, second_basic]
    assert [c["level"] for c in listed][:2] == ["emergency", "emergency"]
    page = (await client.get("/api/v1/cases?limit=2&offset=1", headers=auth)).json()
    assert [c["id"] for c in page] == [answered, crisis]


async def test_a_specialist_cannot_take_a_taken_case_but_a_coordinator_can(core, client, auth):
    case_id = await open_case(core)
    other = await make_staff(core, name="Ольга")
    other_auth = await token_for(client, other.login)
    assert (await client.post(f"/api/v1/cases/{case_id}/accept", headers=auth)).status_code == 200
    taken = await client.post(f"/api/v1/cases/{case_id}/accept", headers=other_auth)
    assert taken.status_code == 409 and taken.json()["code"] == "case-taken"
    coordinator = await make_staff(core, role="coordinator", name="Марина")
    coordinator_auth = await token_for(client, coordinator.login)
    over = await client.post(f"/api/v1/cases/{case_id}/accept", headers=coordinator_auth)
    assert over.status_code == 200 and over.json()["assignee"] == "Марина"


async def test_bad_input_gets_4xx_json_never_500(core, client, auth):
    case_id = await open_case(core)
    huge = 2**70
    attempts = [
        client.post(f"/api/v1/cases/{case_id}/messages", json={"text": ""}, headers=auth),
        client.post(f"/api/v1/cases/{case_id}/messages", json={"text": "   "}, headers=auth),
        client.post(f"/api/v1/cases/{case_id}/messages", json={"text": "x" * 5000}, headers=auth),
        client.post(f"/api/v1/cases/{case_id}/messages", json={"text": "x" * 50000}, headers=auth),
        client.post(f"/api/v1/cases/{case_id}/messages", json={"text": 5}, headers=auth),
        client.post(f"/api/v1/cases/{case_id}/messages", json=["text"], headers=auth),
        client.post(f"/api/v1/cases/{case_id}/messages", headers=auth),
        client.post(
            f"/api/v1/cases/{case_id}/messages",
            content=b"not json",
            headers={**auth, "Content-Type": "application/json"},
        ),
        client.post(
            f"/api/v1/cases/{case_id}/messages",
            content="text=hello",
            headers={**auth, "Content-Type": "application/x-www-form-urlencoded"},
        ),
        client.post(f"/api/v1/cases/{case_id}/notes", json={}, headers=auth),
        client.post(f"/api/v1/cases/{case_id}/close", json={"outcome": "   "}, headers=auth),
        client.post(f"/api/v1/cases/{case_id}/close", json={"result": "ok"}, headers=auth),
        client.post("/api/v1/cases/999999/accept", headers=auth),
        client.post("/api/v1/cases/999999/messages", json={"text": "hi"}, headers=auth),
        client.post("/api/v1/cases/999999/notes", json={"text": "hi"}, headers=auth),
        client.post("/api/v1/cases/999999/close", json={"outcome": "hi"}, headers=auth),
        client.get("/api/v1/cases/999999", headers=auth),
        client.get(f"/api/v1/cases/{huge}", headers=auth),
        client.post(f"/api/v1/cases/{huge}/accept", headers=auth),
        client.get("/api/v1/cases/0", headers=auth),
        client.get("/api/v1/cases/-3", headers=auth),
        client.get("/api/v1/cases/not-a-number", headers=auth),
        client.get("/api/v1/cases?status=weird", headers=auth),
        client.get("/api/v1/cases?limit=0", headers=auth),
        client.get("/api/v1/cases?limit=abc", headers=auth),
        client.get("/api/v1/cases?offset=-1", headers=auth),
        client.get("/api/v1/no-such-route", headers=auth),
        client.delete(f"/api/v1/cases/{case_id}", headers=auth),
        client.post("/api/v1/auth/token", content=b"\xff\xfe", headers={"Content-Type": "x/y"}),
    ]
    for pending in attempts:
        response = await pending
        assert 400 <= response.status_code < 500, (response.status_code, response.text)
        assert response.headers["content-type"].startswith("application/json"), response.text
        assert "detail" in response.json()
    empty = await client.post(f"/api/v1/cases/{case_id}/messages", json={"text": " "}, headers=auth)
    assert empty.status_code == 422 and empty.json() == {
        "detail": "Ответ пустой.",
        "code": "reply-empty",
    }
    long = await client.post(
        f"/api/v1/cases/{case_id}/messages", json={"text": "x" * 4001}, headers=auth
    )
    assert long.status_code == 422 and "4" in long.json()["detail"]
    # Nothing of it reached the case.
    detail = (await client.get(f"/api/v1/cases/{case_id}", headers=auth)).json()
    assert [m["direction"] for m in detail["messages"]] == ["in"]


async def test_no_channel_id_username_or_phone_in_any_response(core, client, auth, specialist):
    case_id = await open_case(core)
    vk_case = await open_case(core, user_id=VK_ID, channel="vk", level=SupportLevel.crisis)
    bodies = [
        (await client.get("/api/v1/cases", headers=auth)).text,
        (await client.get(f"/api/v1/cases/{vk_case}", headers=auth)).text,
        (await client.post(f"/api/v1/cases/{case_id}/accept", headers=auth)).text,
        (
            await client.post(
                f"/api/v1/cases/{case_id}/messages", json={"text": "ответ"}, headers=auth
            )
        ).text,
        (
            await client.post(f"/api/v1/cases/{case_id}/notes", json={"text": "n"}, headers=auth)
        ).text,
        (await client.get(f"/api/v1/cases/{case_id}", headers=auth)).text,
        (
            await client.post(
                f"/api/v1/cases/{case_id}/close", json={"outcome": "ok"}, headers=auth
            )
        ).text,
        (await client.get("/api/v1/cases?status=all", headers=auth)).text,
    ]
    for body in bodies:
        assert TELEGRAM_ID not in body and VK_ID not in body
        for key in ('"user_id"', '"username"', '"phone"', '"address"', '"chat_id"'):
            assert key not in body
    assert json.loads(bodies[0])[0]["channel"] in ("telegram", "vk")
    schemas = (await client.get("/api/openapi.json", headers=auth)).json()["components"][
        "schemas"
    ]
    # The one exception the contract (docs/architecture.md) allows: the phone of one rental booking, to the staff.
    phone_schemas = {name for name, s in schemas.items() if "phone" in s.get("properties", {})}
    assert phone_schemas == {"BookingDetailOut"}
    fields = {
        f
        for name, s in schemas.items()
        if name.endswith("Out") and name != "BookingDetailOut"
        for f in s["properties"]
    }
    assert not fields & {"user_id", "username", "phone", "address", "chat_id"}
    # A login is a staff account's, shown to the admin who manages the accounts; nothing else.
    login_schemas = {name for name, s in schemas.items() if "login" in s.get("properties", {})}
    assert login_schemas <= {"StaffOut", "StaffCreateIn", "StaffIn"}, login_schemas


async def test_a_delivery_failure_reason_never_shows_an_id(core, client, auth):
    from core.models import Case

    case_id = await open_case(core)
    async with core.uow() as uow:
        await uow.session.execute(
            update(Case)
            .where(Case.id == case_id)
            .values(unreachable_reason=f"telegram 400: chat {TELEGRAM_ID} not found")
        )
        await uow.commit()
    [row] = (await client.get("/api/v1/cases", headers=auth)).json()
    assert row["unreachable"] and TELEGRAM_ID not in row["unreachable"]


async def test_openapi_and_docs_are_served_without_a_cdn(client, auth, specialist):
    assert (await client.get("/api/openapi.json")).status_code == 401  # staff only
    spec = (await client.get("/api/openapi.json", headers=auth)).json()
    for path in (
        "/api/v1/health",
        "/api/v1/auth/token",
        "/api/v1/cases",
        "/api/v1/cases/{case_id}",
        "/api/v1/cases/{case_id}/accept",
        "/api/v1/cases/{case_id}/messages",
        "/api/v1/cases/{case_id}/notes",
        "/api/v1/cases/{case_id}/close",
    ):
        assert path in spec["paths"]
    assert not [p for p in spec["paths"] if not p.startswith("/api/")]
    from tests.integration.test_panel import log_in  # test_panel imports this module

    await log_in(client, specialist.login)
    docs = await client.get("/api/docs")
    assert docs.status_code == 200 and "/api/v1/cases/{case_id}/messages" in docs.text
    assert "CaseDetailOut" in docs.text
    sources = re.findall(r'(?:src|href)="([^"]+)"', docs.text)
    assert sources and all(s.startswith(("/", "#")) for s in sources), sources


@pytest.mark.parametrize("path", ["/api/v1/cases", "/api/v1/cases/1"])
async def test_reading_needs_no_csrf_but_a_login(client, path):
    assert (await client.get(path)).status_code == 401
