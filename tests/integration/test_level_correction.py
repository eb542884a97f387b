"""The specialist corrects triage: the level goes up or down with a reason, the deadline
follows, the change is audited (without the reason's words) and counted for the coordinator."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from core.models import AuditEntry, Case, SupportLevel
from core.services import cases
from core.services.urgency import escalate_overdue, triage_corrections
from tests.factories import make_staff
from tests.integration.conftest import token_for
from tests.integration.test_api import open_case
from tests.integration.test_panel import log_in


async def case_row(core, case_id: int) -> Case:
    async with core.uow() as uow:
        return await uow.session.get_one(Case, case_id)


async def test_lowering_a_false_alarm_clears_the_deadline_and_stops_the_ladder(
    core, client, auth, clock
):
    case_id = await open_case(core, level=SupportLevel.emergency)
    assert (await case_row(core, case_id)).deadline_at is not None
    response = await client.post(
        f"/api/v1/cases/{case_id}/level",
        json={"level": "basic", "reason": "Речь о прошлом, сейчас угрозы нет"},
        headers=auth,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["level"] == "basic" and body["deadline_at"] is None
    # Nobody accepted it, but a basic case climbs no ladder.
    clock.advance(minutes=30)
    async with core.uow() as uow:
        assert await escalate_overdue(uow) == []
        await uow.commit()
    detail = (await client.get(f"/api/v1/cases/{case_id}", headers=auth)).json()
    system = [m["text"] for m in detail["messages"] if m["direction"] == "system"]
    assert any("экстренный → базовый" in t and "Речь о прошлом" in t for t in system)


async def test_raising_a_miss_sets_the_deadline_of_the_new_level(core, client, auth, clock):
    case_id = await open_case(core)
    assert (await case_row(core, case_id)).deadline_at is None
    response = await client.post(
        f"/api/v1/cases/{case_id}/level",
        json={"level": "emergency", "reason": "Пишет о верёвке, триаж не заметил"},
        headers=auth,
    )
    assert response.status_code == 200
    row = await case_row(core, case_id)
    assert row.level == "emergency" and row.urgent_since == clock.now()
    # Tuesday 11:00 Moscow: one working day later, by the end of Wednesday.
    assert row.deadline_at is not None and row.deadline_at - clock.now() <= timedelta(days=2)
    crisis = await client.post(
        f"/api/v1/cases/{case_id}/level",
        json={"level": "crisis", "reason": "Опасность не сейчас"},
        headers=auth,
    )
    assert crisis.status_code == 200
    # Counted from the first alarm, three days for a crisis.
    assert (await case_row(core, case_id)).deadline_at == clock.now() + timedelta(days=3)


async def test_the_change_is_audited_without_the_reason_and_counted(core, client, auth):
    coordinator = await make_staff(core, role="coordinator")
    raised = await open_case(core, user_id="1")
    lowered = await open_case(core, user_id="2", level=SupportLevel.crisis)
    await client.post(
        f"/api/v1/cases/{raised}/level",
        json={"level": "crisis", "reason": "Бывший караулит у подъезда"},
        headers=auth,
    )
    await client.post(
        f"/api/v1/cases/{lowered}/level",
        json={"level": "basic", "reason": "Шутка про очередь"},
        headers=auth,
    )
    async with core.uow() as uow:
        rows = list(
            await uow.session.scalars(
                select(AuditEntry).where(AuditEntry.action == "case.level.correct")
            )
        )
        counted = await triage_corrections(
            uow,
            staff_id=coordinator.id,
            since=uow.clock.now() - timedelta(days=1),
            until=uow.clock.now() + timedelta(days=1),
        )
    assert {(r.case_id, r.details["direction"]) for r in rows} == {
        (raised, "up"),
        (lowered, "down"),
    }
    assert all("reason" not in r.details and "подъезд" not in str(r.details) for r in rows)
    assert (counted.raised, counted.lowered) == (1, 1)
    assert counted.by_levels == {("basic", "crisis"): 1, ("crisis", "basic"): 1}
    assert counted.urgent_cases == 1  # the one triage itself raised


async def test_bad_corrections_get_a_clear_4xx(core, client, auth):
    case_id = await open_case(core, level=SupportLevel.crisis)
    for body, status, code in [
        ({"level": "urgent", "reason": "x"}, 422, "case-level-unknown"),
        ({"level": "basic", "reason": "   "}, 422, "case-level-reason-empty"),
        ({"level": "basic", "reason": "я" * 501}, 422, "case-level-reason-too-long"),
        ({"level": "crisis", "reason": "то же"}, 409, "case-level-same"),
    ]:
        response = await client.post(f"/api/v1/cases/{case_id}/level", json=body, headers=auth)
        assert response.status_code == status, (body, response.text)
        assert response.json()["code"] == code
    missing = await client.post(
        "/api/v1/cases/999999/level", json={"level": "basic", "reason": "x"}, headers=auth
    )
    assert missing.status_code == 404
    async with core.uow() as uow:
        await cases.close_case(
            uow, staff_id=1, case_id=case_id, outcome="done", reason="она в безопасности"
        )
        await uow.commit()
    closed = await client.post(
        f"/api/v1/cases/{case_id}/level", json={"level": "basic", "reason": "x"}, headers=auth
    )
    assert closed.status_code == 409


async def test_the_case_page_corrects_the_level(core, client, specialist):
    case_id = await open_case(core, level=SupportLevel.emergency)
    token = await log_in(client, specialist.login)
    page = await client.get(f"/cases/{case_id}")
    assert "Изменить уровень" in page.text
    response = await client.post(
        f"/cases/{case_id}/level",
        data={"csrf": token, "level": "crisis", "reason": "Не прямо сейчас"},
    )
    assert response.status_code == 303
    page = await client.get(response.headers["location"])
    assert "Уровень изменён" in page.text
    assert (await case_row(core, case_id)).level == "crisis"
    refused = await client.post(
        f"/cases/{case_id}/level", data={"csrf": token, "level": "basic", "reason": ""}
    )
    page = await client.get(refused.headers.get("location", f"/cases/{case_id}"))
    assert "почему уровень меняется" in page.text


async def test_a_token_of_another_staff_member_works_alike(core, client):
    coordinator = await make_staff(core, role="coordinator")
    headers = await token_for(client, coordinator.login)
    case_id = await open_case(core, level=SupportLevel.crisis)
    response = await client.post(
        f"/api/v1/cases/{case_id}/level",
        json={"level": "emergency", "reason": "Нож в руках"},
        headers=headers,
    )
    assert response.status_code == 200 and response.json()["level"] == "emergency"


async def test_the_coordinator_reads_the_corrections_in_the_api_and_the_journal(core, client, auth):
    case_id = await open_case(core, level=SupportLevel.emergency)
    await client.post(
        f"/api/v1/cases/{case_id}/level",
        json={"level": "basic", "reason": "ложная тревога"},
        headers=auth,
    )
    assert (await client.get("/api/v1/triage/corrections", headers=auth)).status_code == 403
    coordinator = await make_staff(core, role="coordinator")
    headers = await token_for(client, coordinator.login)
    body = (await client.get("/api/v1/triage/corrections", headers=headers)).json()
    assert body == {
        "raised": 0,
        "lowered": 1,
        "alarms": 1,
        "changes": [{"previous": "emergency", "level": "basic", "count": 1}],
    }
    await log_in(client, coordinator.login)
    page = (await client.get("/audit")).text
    assert "понизили 1" in page and "Исправление уровня" in page and "ниже" in page
