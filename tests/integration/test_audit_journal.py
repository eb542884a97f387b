"""The audit journal (/audit and GET /api/v1/audit) on a real database: only coordinators and
admins read it, newest first with names, filtered by who, what, case and local day, a page at
a time without repeats; no phone, name or text ever shows; and each look is itself audited,
once per person every ten minutes."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from admin.audit_pages import action_key
from core.bootstrap import Core
from core.models import AuditEntry
from core.services import cases
from core.services.audit import record_audit
from core.services.audit_journal import ACTIONS, GROUPS, SAFE_KEYS, actions_of
from tests.factories import make_staff
from tests.integration.conftest import token_for
from tests.integration.test_api import open_case
from tests.integration.test_panel import log_in

ROOT = Path(__file__).resolve().parents[2]
PHONE = "+7 900 123-45-67"
SECRET_TEXT = "Меня зовут Ольга Смирнова, муж бьёт"


async def audit(core: Core, action: str, staff_id: int | None, **details: Any) -> None:
    async with core.uow() as uow:
        record_audit(uow, action, staff_id=staff_id, **details)
        await uow.commit()


async def views(core: Core, staff_id: int) -> int:
    async with core.uow() as uow:
        return int(
            await uow.session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == "audit.view", AuditEntry.staff_id == staff_id)
            )
        )


def table(html: str) -> str:
    """The rows of the page, without the form (whose select names every staff member)."""
    return html[html.index('<table class="cases audit">') :]


def entry_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'data-entry="(\d+)"', html)]


async def test_a_specialist_reads_no_journal_neither_page_nor_api(core, client):
    specialist = await make_staff(core, name="Анна")
    await log_in(client, specialist.login)
    inbox = (await client.get("/")).text
    assert 'href="/audit"' not in inbox
    page = await client.get("/audit")
    assert page.status_code == 403
    assert "только координатор и администратор" in page.text
    api = await client.get("/api/v1/audit")
    assert api.status_code == 403
    assert api.json()["detail"] == "Журнал действий видят только координатор и администратор."
    headers = await token_for(client, specialist.login)
    assert (await client.get("/api/v1/audit", headers=headers)).status_code == 403
    assert await views(core, specialist.id) == 0


async def test_a_coordinator_sees_who_did_what_newest_first(core, client, clock):
    coordinator = await make_staff(core, role="coordinator", name="Марина Козлова")
    specialist = await make_staff(core, name="Анна Петрова")
    case_id = await open_case(core)
    clock.advance(minutes=1)
    async with core.uow() as uow:
        await cases.accept_case(uow, staff_id=specialist.id, case_id=case_id)
        await uow.commit()
    clock.advance(minutes=1)
    await audit(core, "retention.prune", None, messages=12)
    clock.advance(minutes=1)

    await log_in(client, coordinator.login)
    inbox = (await client.get("/")).text
    assert 'href="/audit"' in inbox and "Журнал" in inbox
    page = await client.get("/audit")
    assert page.status_code == 200
    html = page.text
    ids = entry_ids(html)
    assert ids == sorted(ids, reverse=True) and len(ids) >= 4
    for words in (
        "Марина Козлова",
        "Вход в панель",
        "система",
        "Удаление текстов старых закрытых разговоров",
        "сообщений удалено: 12",
        "Анна Петрова",
        "Принятие обращения",
        "сам человек",
        "Открытие обращения",
        f'href="/cases/{case_id}"',
        "24.11.2026 11:0",  # local time of the centre (Moscow), not UTC
    ):
        assert words in html, words
    # The newest row is her own login, the oldest the case the person opened.
    assert html.index("Вход в панель") < html.index("Принятие обращения")
    assert html.index("Принятие обращения") < html.index("Открытие обращения")

    body = (await client.get("/api/v1/audit")).json()
    items = body["items"]
    assert [i["id"] for i in items] == sorted((i["id"] for i in items), reverse=True)
    accept = next(i for i in items if i["action"] == "case.accept")
    assert accept["actor"] == "Анна Петрова" and accept["case_id"] == case_id
    prune = next(i for i in items if i["action"] == "retention.prune")
    assert prune["actor"] is None and prune["actor_kind"] == "system"
    assert prune["details"] == {"messages": 12}
    opened = next(i for i in items if i["action"] == "case.open")
    assert opened["actor_kind"] == "person"
    assert body["next_before_id"] is None


async def test_filters_by_who_what_case_and_local_day(core, client, clock):
    coordinator = await make_staff(core, role="coordinator", name="Марина")
    anna = await make_staff(core, name="Анна")
    olga = await make_staff(core, name="Ольга")
    case_a = await open_case(core, user_id="5001")
    case_b = await open_case(core, user_id="5002")
    await audit(core, "case.view", anna.id, case_id=case_a)  # Tuesday 24.11, 11:00 MSK
    await audit(core, "rental.contacts.view", olga.id, booking_id=7)
    clock.advance(hours=13)  # 00:00 MSK on Wednesday 25.11 (21:00 UTC on the 24th)
    await audit(core, "case.view", olga.id, case_id=case_b)
    await audit(core, "auth.login-failed", None, login="anna", via="panel")
    clock.advance(days=1)  # Thursday
    await audit(core, "client.forget", coordinator.id, cases=1, reason="попросила по телефону")

    await log_in(client, coordinator.login)

    async def actions(**params: Any) -> list[tuple[str, int | None]]:
        response = await client.get("/api/v1/audit", params=params)
        assert response.status_code == 200, response.text
        return [(i["action"], i["case_id"]) for i in response.json()["items"]]

    assert await actions(actor_id=anna.id) == [("case.view", case_a)]
    assert await actions(actor_id=olga.id) == [
        ("case.view", case_b),
        ("rental.contacts.view", None),
    ]
    assert await actions(case_id=case_b) == [("case.view", case_b), ("case.open", case_b)]
    assert [a for a, _ in await actions(group="privacy")] == [
        "audit.view",
        "client.forget",
        "rental.contacts.view",
    ]
    assert [a for a, _ in await actions(group="logins")] == ["auth.login", "auth.login-failed"]
    assert await actions(action="rental.") == [("rental.contacts.view", None)]
    # Local days of the centre: midnight in Moscow is still the 24th in UTC.
    wednesday = await actions(date_from="2026-11-25", date_to="2026-11-25")
    assert wednesday == [("auth.login-failed", None), ("case.view", case_b)]
    assert ("case.view", case_a) in await actions(date_to="2026-11-24")
    assert ("case.view", case_b) not in await actions(date_to="2026-11-24")
    assert await actions(actor_id=olga.id, date_from="2026-11-25") == [("case.view", case_b)]
    bad = await client.get("/api/v1/audit", params={"group": "everything"})
    assert bad.status_code == 422

    # The page: the same filters from its form, the choices kept in the form.
    page = (await client.get("/audit", params={"who": str(olga.id), "what": "privacy"})).text
    assert "Просмотр телефона человека в брони" in page and "бронь №: 7" in page
    assert "Просмотр обращения" not in page
    assert f'<option value="{olga.id}" selected>' in page
    assert '<option value="privacy" selected>' in page
    page = table((await client.get("/audit", params={"case": str(case_a)})).text)
    assert "Просмотр обращения" in page and "Анна" in page and "Ольга" not in page
    page = (await client.get("/audit", params={"from": "2026-11-25", "to": "2026-11-25"})).text
    assert "Неудачная попытка входа" in page and "неизвестно" in page and "логин: anna" in page
    assert "попросила по телефону" not in page and "Просмотр обращения" in page
    page = (await client.get("/audit", params={"what": "privacy", "from": "2026-11-26"})).text
    assert "причина: попросила по телефону" in page
    refused = await client.get("/audit", params={"from": "26.11.2026"})
    assert refused.status_code == 422 and "ГГГГ-ММ-ДД" in refused.text
    assert (await client.get("/audit", params={"what": "everything"})).status_code == 422


async def test_pages_go_back_in_time_without_repeats(core, client, clock):
    coordinator = await make_staff(core, role="coordinator")
    anna = await make_staff(core, name="Анна")
    for n in range(230):
        await audit(core, "rental.contacts.view", anna.id, booking_id=n)
    await log_in(client, coordinator.login)

    seen: list[int] = []
    before: int | None = None
    pages = 0
    while True:
        params: dict[str, Any] = {"actor_id": anna.id}
        if before is not None:
            params["before_id"] = before
        body = (await client.get("/api/v1/audit", params=params)).json()
        seen += [i["id"] for i in body["items"]]
        pages += 1
        before = body["next_before_id"]
        if before is None:
            break
    assert pages == 3 and len(seen) == 230 and len(set(seen)) == 230
    assert seen == sorted(seen, reverse=True)

    first = (await client.get("/audit", params={"who": str(anna.id)})).text
    first_ids = entry_ids(first)
    assert len(first_ids) == 100 and "Более ранние" in first
    older = re.search(r'href="(/audit\?[^"]+)" rel="next"', first)
    assert older is not None
    second = (await client.get(older.group(1).replace("&amp;", "&"))).text
    second_ids = entry_ids(second)
    assert len(second_ids) == 100 and not set(first_ids) & set(second_ids)
    assert max(second_ids) < min(first_ids) and "К самым новым" in second
    assert f'<option value="{anna.id}" selected>' in second  # the filter stays on the next page


async def test_no_phone_name_or_text_ever_shows(core, client):
    coordinator = await make_staff(core, role="coordinator")
    anna = await make_staff(core, name="Анна")
    case_id = await open_case(core, user_id="4242")
    secrets = {
        "phone": PHONE,
        "text": SECRET_TEXT,
        "user_id": "4242",
        "contact_name": "Ольга Смирнова",
    }
    await audit(core, "case.reply", anna.id, case_id=case_id, **secrets)
    await audit(core, "rental.contacts.view", anna.id, booking_id=3, **secrets)
    # Allowed keys with what should never be in them: masked or dropped.
    await audit(
        core,
        "client.forget",
        anna.id,
        cases=1,
        reason=f"позвонила с {PHONE} и с 89001234567, почта olga@example.ru",
    )
    await audit(core, "rental.item.status", anna.id, item_id=1, status=SECRET_TEXT * 3)
    await audit(core, "case.level", None, case_id=case_id, level="crisis", groups=[SECRET_TEXT])
    await log_in(client, coordinator.login)

    html = (await client.get("/audit")).text
    raw = (await client.get("/api/v1/audit")).text
    for shown in (html, raw):
        for secret in (PHONE, "89001234567", "123-45-67", "olga@example.ru", "Смирнова", "бьёт"):
            assert secret not in shown, secret
        assert "4242" not in shown
    assert "причина: позвонила с … и с …, почта …" in html
    items = (await client.get("/api/v1/audit")).json()["items"]
    reply = next(i for i in items if i["action"] == "case.reply")
    assert reply["details"] == {}
    status = next(i for i in items if i["action"] == "rental.item.status")
    assert status["details"] == {"item_id": 1}


async def test_reading_is_audited_once_per_ten_minutes(core, client, clock):
    coordinator = await make_staff(core, role="coordinator")
    await log_in(client, coordinator.login)
    assert await views(core, coordinator.id) == 0
    await client.get("/audit")
    await client.get("/audit", params={"what": "logins"})
    await client.get("/api/v1/audit")
    assert await views(core, coordinator.id) == 1
    clock.advance(minutes=9)
    await client.get("/api/v1/audit")
    assert await views(core, coordinator.id) == 1
    clock.advance(minutes=2)
    await client.get("/audit")
    assert await views(core, coordinator.id) == 2
    admin = await make_staff(core, role="admin")
    client.cookies.clear()
    await log_in(client, admin.login)
    await client.get("/audit")
    assert await views(core, admin.id) == 1 and await views(core, coordinator.id) == 2


def test_every_action_of_the_code_is_known_and_has_its_words(core: Core):
    recorded: set[str] = set()
    pattern = re.compile(r'record_audit\(\s*uow,\s*f?"([^"]+)"')
    for path in [
        *ROOT.glob("core/**/*.py"),
        *ROOT.glob("admin/**/*.py"),
        *ROOT.glob("bot/**/*.py"),
    ]:
        recorded |= set(pattern.findall(path.read_text(encoding="utf-8")))
    statuses = ("open", "closed", "completed")
    expanded = {
        a.replace("{status}", s) if "{status}" in a else a for a in recorded for s in statuses
    }
    assert sorted(expanded - set(ACTIONS)) == []
    for action in ACTIONS:
        assert core.i18n.has(action_key(action)), action
    for keys in SAFE_KEYS.values():
        for key in keys:
            assert core.i18n.has(f"panel-audit-detail-{key}"), key
    for group in GROUPS:
        assert core.i18n.has(f"panel-audit-group-{group}") and actions_of(group), group
    assert set().union(*(actions_of(g) for g in GROUPS)) == set(ACTIONS)


def test_local_day_bounds_follow_the_centre_time_zone():
    from datetime import date

    from core.services.audit_journal import day_bounds

    since, until = day_bounds("Europe/Moscow", date(2026, 11, 25), date(2026, 11, 25))
    assert since is not None and until is not None
    assert until - since == timedelta(days=1)
    assert since.utcoffset() == timedelta(hours=3)
