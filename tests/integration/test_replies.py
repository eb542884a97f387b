"""Canned replies on a real database: the API for each role (a specialist reads, only a
coordinator or an admin adds, edits and deletes), the bounds at the edge, the pick on the
case page that carries the text (escaped) for the composer, the /replies page for managers,
the audit journal naming each change, and the demo's three replies."""

from __future__ import annotations

import html
import re

import httpx
from sqlalchemy import select

from aist.demo import demo_replies
from core.bootstrap import Core
from core.models import AuditEntry, CannedReply
from tests.factories import make_staff
from tests.integration.conftest import token_for
from tests.integration.test_api import open_case
from tests.integration.test_panel import csrf_of, log_in

ADDRESS = 'Мы на ул. Садовой, 5 <b>второй этаж</b> & "вход со двора".\nРаботаем с 9 до 18.'


async def coordinator_token(core: Core, client: httpx.AsyncClient) -> dict[str, str]:
    coordinator = await make_staff(core, role="coordinator", name="Марина")
    return await token_for(client, coordinator.login)


async def add_reply(
    client: httpx.AsyncClient, headers: dict[str, str], title: str, text: str
) -> dict[str, object]:
    response = await client.post(
        "/api/v1/replies", json={"title": title, "text": text}, headers=headers
    )
    assert response.status_code == 201, response.text
    body: dict[str, object] = response.json()
    return body


async def test_a_specialist_reads_the_replies_but_may_not_change_them(core, client, auth):
    manager = await coordinator_token(core, client)
    made = await add_reply(client, manager, "Адрес и часы", ADDRESS)

    listed = await client.get("/api/v1/replies", headers=auth)
    assert listed.status_code == 200
    assert [(r["id"], r["title"], r["text"]) for r in listed.json()] == [
        (made["id"], "Адрес и часы", ADDRESS)
    ]
    refusals = [
        await client.post("/api/v1/replies", json={"title": "x", "text": "y"}, headers=auth),
        await client.patch(f"/api/v1/replies/{made['id']}", json={"title": "z"}, headers=auth),
        await client.delete(f"/api/v1/replies/{made['id']}", headers=auth),
    ]
    for response in refusals:
        assert response.status_code == 403, response.text
        assert response.json()["code"] == "replies-manage-forbidden"
    async with core.uow() as uow:
        rows = list(await uow.session.scalars(select(CannedReply)))
    assert [(r.title, r.text) for r in rows] == [("Адрес и часы", ADDRESS)]
    assert (await client.get("/api/v1/replies")).status_code == 401


async def test_a_coordinator_creates_edits_and_deletes_a_reply(core, client):
    manager = await coordinator_token(core, client)
    made = await add_reply(client, manager, "  Телефоны  ", "112 — экстренные службы")
    assert made["title"] == "Телефоны"

    edited = await client.patch(
        f"/api/v1/replies/{made['id']}",
        json={"text": "112 — экстренные службы\n8-800-2000-122 — телефон доверия"},
        headers=manager,
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["title"] == "Телефоны"
    assert edited.json()["text"].endswith("телефон доверия")
    renamed = await client.patch(
        f"/api/v1/replies/{made['id']}", json={"title": "Круглосуточные линии"}, headers=manager
    )
    assert renamed.json()["title"] == "Круглосуточные линии"
    assert renamed.json()["text"].endswith("телефон доверия")
    listed = (await client.get("/api/v1/replies", headers=manager)).json()
    assert [r["title"] for r in listed] == ["Круглосуточные линии"]

    deleted = await client.delete(f"/api/v1/replies/{made['id']}", headers=manager)
    assert deleted.status_code == 204
    assert (await client.get("/api/v1/replies", headers=manager)).json() == []
    gone = await client.patch(f"/api/v1/replies/{made['id']}", json={"title": "a"}, headers=manager)
    assert gone.status_code == 404 and gone.json()["code"] == "reply-not-found"
    again = await client.delete(f"/api/v1/replies/{made['id']}", headers=manager)
    assert again.status_code == 404


async def test_an_admin_manages_replies_too(core, client):
    admin = await make_staff(core, role="admin")
    headers = await token_for(client, admin.login)
    made = await add_reply(client, headers, "Документы", "Паспорт, свидетельство о рождении")
    response = await client.delete(f"/api/v1/replies/{made['id']}", headers=headers)
    assert response.status_code == 204


async def test_the_bounds_of_a_reply_are_checked_at_the_edge(core, client):
    manager = await coordinator_token(core, client)
    bad_bodies = [
        {"title": "", "text": "текст"},
        {"title": "   ", "text": "текст"},
        {"title": "т" * 121, "text": "текст"},
        {"title": "Название", "text": ""},
        {"title": "Название", "text": "я" * 5000},
        {"title": "Название"},
        {"title": "Название", "text": "текст", "extra": 1},
    ]
    for body in bad_bodies:
        response = await client.post("/api/v1/replies", json=body, headers=manager)
        assert response.status_code == 422, (body, response.text)
    made = await add_reply(client, manager, "т" * 120, "я" * 4000)
    for patch in ({"title": ""}, {"text": "я" * 5000}, {"text": "  "}):
        response = await client.patch(f"/api/v1/replies/{made['id']}", json=patch, headers=manager)
        assert response.status_code == 422, (patch, response.text)
    for path in ("/api/v1/replies/0", f"/api/v1/replies/{2**60}", "/api/v1/replies/abc"):
        response = await client.patch(path, json={"title": "a"}, headers=manager)
        assert response.status_code == 422, path
    async with core.uow() as uow:
        [row] = list(await uow.session.scalars(select(CannedReply)))
    assert (len(row.title), len(row.text)) == (120, 4000)


async def test_the_case_page_offers_the_titles_and_carries_the_texts(core, client, specialist):
    manager = await coordinator_token(core, client)
    await add_reply(client, manager, "Адрес и часы", ADDRESS)
    await add_reply(client, manager, "Документы на пособие", "Паспорт и свидетельство")
    case_id = await open_case(core)
    await log_in(client, specialist.login)

    page = (await client.get(f"/cases/{case_id}")).text
    assert 'id="canned-reply"' in page and 'data-fills="reply-text"' in page
    options = re.findall(r'<option value="(\d+)" data-text="([^"]*)">([^<]*)</option>', page)
    assert [(html.unescape(text), title) for _, text, title in options] == [
        (ADDRESS, "Адрес и часы"),
        ("Паспорт и свидетельство", "Документы на пособие"),
    ]
    assert "<b>второй этаж</b>" not in page  # escaped, never markup in the page
    assert "Готовый ответ" in page


async def test_no_pick_on_the_case_page_without_replies(core, client, specialist):
    case_id = await open_case(core)
    await log_in(client, specialist.login)
    assert 'id="canned-reply"' not in (await client.get(f"/cases/{case_id}")).text


async def test_the_replies_page_is_for_managers_and_its_forms_work(core, client, specialist):
    await log_in(client, specialist.login)
    assert 'href="/replies"' not in (await client.get("/")).text
    assert (await client.get("/replies")).status_code == 403
    token = csrf_of((await client.get("/")).text)
    refused = await client.post("/replies", data={"csrf": token, "title": "a", "text": "b"})
    assert refused.status_code == 303
    async with core.uow() as uow:
        assert list(await uow.session.scalars(select(CannedReply))) == []

    coordinator = await make_staff(core, role="coordinator")
    await client.post("/logout", data={"csrf": token})
    token = await log_in(client, coordinator.login)
    assert 'href="/replies"' in (await client.get("/")).text
    page = await client.get("/replies")
    assert page.status_code == 200 and "Новый готовый ответ" in page.text
    created = await client.post(
        "/replies", data={"csrf": token, "title": "Адрес", "text": "ул. Садовая, 5"}
    )
    assert created.status_code == 303 and created.headers["location"] == "/replies"
    async with core.uow() as uow:
        [row] = list(await uow.session.scalars(select(CannedReply)))
    page = (await client.get("/replies")).text
    assert "Готовый ответ добавлен." in page and 'value="Адрес"' in page
    await client.post(
        f"/replies/{row.id}",
        data={"csrf": token, "title": "Адрес центра", "text": "ул. Садовая, 5"},
    )
    too_long = await client.post(
        f"/replies/{row.id}", data={"csrf": token, "title": "Адрес", "text": "я" * 4001}
    )
    assert too_long.status_code == 303
    assert "Текст — не длиннее" in (await client.get("/replies")).text
    async with core.uow() as uow:
        again = await uow.session.get_one(CannedReply, row.id)
        assert (again.title, again.text) == ("Адрес центра", "ул. Садовая, 5")
    no_csrf = await client.post(f"/replies/{row.id}/delete", data={})
    assert no_csrf.status_code in (303, 403)
    await client.post(f"/replies/{row.id}/delete", data={"csrf": token})
    async with core.uow() as uow:
        assert list(await uow.session.scalars(select(CannedReply))) == []


async def test_the_audit_journal_names_each_change(core, client):
    coordinator = await make_staff(core, role="coordinator", name="Марина")
    headers = await token_for(client, coordinator.login)
    made = await add_reply(client, headers, "Адрес", ADDRESS)
    await client.patch(f"/api/v1/replies/{made['id']}", json={"title": "Адрес"}, headers=headers)
    await client.delete(f"/api/v1/replies/{made['id']}", headers=headers)
    async with core.uow() as uow:
        entries = list(
            await uow.session.scalars(
                select(AuditEntry)
                .where(AuditEntry.action.like("replies.%"))
                .order_by(AuditEntry.id)
            )
        )
    assert [(e.action, e.staff_id, e.details) for e in entries] == [
        ("replies.create", coordinator.id, {"reply_id": made["id"]}),
        ("replies.update", coordinator.id, {"reply_id": made["id"]}),
        ("replies.delete", coordinator.id, {"reply_id": made["id"]}),
    ]
    await log_in(client, coordinator.login)
    journal = (await client.get("/audit?what=replies")).text
    for words in ("Добавлен готовый ответ", "Изменён готовый ответ", "Удалён готовый ответ"):
        assert words in journal
    assert ADDRESS not in journal and "Садовой" not in journal
    api = await client.get("/api/v1/audit", params={"action": "replies."}, headers=headers)
    assert api.status_code == 200, api.text
    assert [e["action"] for e in api.json()["items"]] == [
        "replies.delete",
        "replies.update",
        "replies.create",
    ]


def test_the_demo_seeds_three_kind_replies_from_the_settings(core: Core):
    settings = core.settings.model_copy(
        update={"centre_address": "ул. Садовая, 5", "centre_phone": "+7 000 000-00-00"}
    )
    replies = demo_replies(settings)
    assert len(replies) == 3
    titles = [title for title, _ in replies]
    assert titles[0].startswith("Документы") and "пособие" in titles[0]
    address = replies[1][1]
    assert "ул. Садовая, 5" in address and "+7 000 000-00-00" in address
    assert f"{settings.work_start:%H:%M}" in address
    assert "112" in replies[2][1] and "8-800-2000-122" in replies[2][1]
    for title, text in replies:
        assert 0 < len(title) <= 120 and 0 < len(text) <= 4000
        assert "(а)" not in text


async def test_the_demo_seed_makes_its_replies_through_the_service(core: Core):
    from aist.demo import seed

    await seed(core)
    async with core.uow() as uow:
        rows = list(await uow.session.scalars(select(CannedReply)))
        actions = list(
            await uow.session.scalars(
                select(AuditEntry.action).where(AuditEntry.action == "replies.create")
            )
        )
    assert sorted(r.title for r in rows) == sorted(t for t, _ in demo_replies(core.settings))
    assert len(actions) == 3
