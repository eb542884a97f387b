"""Ending safely through the API and the panel: a case she ended waits for the outcome, the
specialist may write one last message, an urgent case closed early needs a reason; the bot's
own words are in the thread, marked as the bot's."""

from __future__ import annotations

from sqlalchemy import text

from core.models import Client, SupportLevel
from core.services import cases
from tests.integration.test_api import open_case
from tests.integration.test_panel import log_in


async def end_by_her(core, case_id: int) -> None:
    async with core.uow() as uow:
        case = await cases.case_by_id(uow, case_id)
        client = await uow.session.get_one(Client, case.client_id)
        await cases.end_conversation(uow, client)
        await uow.commit()


async def test_an_urgent_case_closed_early_needs_a_reason_in_the_api(core, client, auth):
    case_id = await open_case(core, level=SupportLevel.emergency)
    refused = await client.post(
        f"/api/v1/cases/{case_id}/close", json={"outcome": "Консультация дана"}, headers=auth
    )
    assert refused.status_code == 422
    assert refused.json()["code"] == "case-close-reason-required"
    closed = await client.post(
        f"/api/v1/cases/{case_id}/close",
        json={"outcome": "Консультация дана", "reason": "Уехала к родителям, там помогают"},
        headers=auth,
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    detail = (await client.get(f"/api/v1/cases/{case_id}", headers=auth)).json()
    assert any(
        m["by"] == "system" and "Уехала к родителям" in m["text"] for m in detail["messages"]
    )


async def test_a_basic_case_closes_with_its_outcome_alone(core, client, auth):
    case_id = await open_case(core)
    closed = await client.post(
        f"/api/v1/cases/{case_id}/close", json={"outcome": "Ответили на вопрос"}, headers=auth
    )
    assert closed.status_code == 200


async def test_ended_by_her_it_stays_in_the_inbox_for_one_last_message(core, client, auth):
    case_id = await open_case(core)
    await end_by_her(core, case_id)
    listed = (await client.get("/api/v1/cases", params={"status": "open"}, headers=auth)).json()
    assert [(c["id"], c["status"]) for c in listed] == [(case_id, "ended")]
    last = await client.post(
        f"/api/v1/cases/{case_id}/messages", json={"text": "Мы рядом, пишите."}, headers=auth
    )
    assert last.status_code == 201 and last.json()["by"] == "staff"
    again = await client.post(
        f"/api/v1/cases/{case_id}/messages", json={"text": "И ещё…"}, headers=auth
    )
    assert again.status_code == 409
    assert again.json()["code"] == "case-ended-last-message-sent"
    accept = await client.post(f"/api/v1/cases/{case_id}/accept", headers=auth)
    assert accept.status_code == 409
    closed = await client.post(
        f"/api/v1/cases/{case_id}/close", json={"outcome": "Консультация дана"}, headers=auth
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"


async def test_the_case_page_asks_for_the_reason_and_shows_her_ending(core, client, specialist):
    urgent = await open_case(core, level=SupportLevel.crisis)
    token = await log_in(client, specialist.login)
    page = (await client.get(f"/cases/{urgent}")).text
    assert "Причина закрытия до срока" in page
    refused = await client.post(
        f"/cases/{urgent}/close", data={"csrf": token, "outcome": "Поговорили", "reason": ""}
    )
    page = (await client.get(refused.headers.get("location", f"/cases/{urgent}"))).text
    assert "только с причиной" in page
    done = await client.post(
        f"/cases/{urgent}/close",
        data={"csrf": token, "outcome": "Поговорили", "reason": "Опасности больше нет"},
    )
    assert done.status_code == 303
    assert (
        "Закрыто до срока. Причина: Опасности больше нет"
        in (await client.get(f"/cases/{urgent}")).text
    )

    basic = await open_case(core, user_id="4242")
    await end_by_her(core, basic)
    page = (await client.get(f"/cases/{basic}")).text
    assert "Человек сам завершил разговор" in page
    assert "одно последнее сообщение" in page
    assert "Причина закрытия до срока" not in page
    inbox = (await client.get("/")).text
    assert "завершён человеком" in inbox


# --- one case, one person answering ---------------------------------------------------------


async def test_a_colleagues_case_needs_an_explicit_take_over(core, client, auth, specialist):
    from tests.factories import make_staff
    from tests.integration.conftest import token_for

    colleague = await make_staff(core, name="Ольга")
    theirs = await token_for(client, colleague.login)
    case_id = await open_case(core)
    assert (await client.post(f"/api/v1/cases/{case_id}/accept", headers=theirs)).status_code == 200
    for route, body in (
        ("messages", {"text": "Я тоже тут"}),
        ("notes", {"text": "Заметка"}),
        ("close", {"outcome": "Готово"}),
    ):
        refused = await client.post(f"/api/v1/cases/{case_id}/{route}", json=body, headers=auth)
        assert refused.status_code == 409, route
        assert refused.json()["code"] == "case-taken-by-colleague"
    plain = await client.post(f"/api/v1/cases/{case_id}/accept", headers=auth)
    assert plain.status_code == 409 and plain.json()["code"] == "case-taken"
    taken = await client.post(
        f"/api/v1/cases/{case_id}/accept", params={"take_over": "true"}, headers=auth
    )
    assert taken.status_code == 200 and taken.json()["assignee"] == specialist.display_name
    sent = await client.post(
        f"/api/v1/cases/{case_id}/messages", json={"text": "Я с вами"}, headers=auth
    )
    assert sent.status_code == 201
    detail = (await client.get(f"/api/v1/cases/{case_id}", headers=auth)).json()
    assert any("взято у коллеги (Ольга)" in m["text"] for m in detail["messages"])
    audit = (await client.get("/api/v1/audit", headers=await coordinator_auth(core, client))).json()
    assert "case.take-over" in [item["action"] for item in audit["items"]]


async def coordinator_auth(core, client):
    from tests.factories import make_staff
    from tests.integration.conftest import token_for

    coordinator = await make_staff(core, role="coordinator")
    return await token_for(client, coordinator.login)


async def test_a_coordinator_may_answer_a_colleagues_case(core, client, auth):
    case_id = await open_case(core)
    assert (await client.post(f"/api/v1/cases/{case_id}/accept", headers=auth)).status_code == 200
    headers = await coordinator_auth(core, client)
    sent = await client.post(
        f"/api/v1/cases/{case_id}/notes", json={"text": "Проверила"}, headers=headers
    )
    assert sent.status_code == 201


async def test_the_signal_phrase_is_not_readable_in_the_database(core, client, auth):
    case_id = await open_case(core, level=SupportLevel.emergency, text="муж бьёт меня ножом")
    async with core.uow() as uow:
        raw = (await uow.session.execute(text("SELECT signals FROM cases"))).scalar_one()
    assert "бьёт" not in str(raw) and "violence" in str(raw)
    detail = (await client.get(f"/api/v1/cases/{case_id}", headers=auth)).json()
    assert detail["signals"][0]["phrase"] == "бьёт"


async def test_a_case_is_handed_to_a_named_colleague(core, client, auth, specialist):
    from tests.factories import make_staff
    from tests.integration.conftest import token_for

    olga = await make_staff(core, name="Ольга")
    theirs = await token_for(client, olga.login)
    case_id = await open_case(core)
    assert (await client.post(f"/api/v1/cases/{case_id}/accept", headers=auth)).status_code == 200
    unknown = await client.post(
        f"/api/v1/cases/{case_id}/transfer", json={"to": 999999}, headers=auth
    )
    assert (
        unknown.status_code == 422 and unknown.json()["code"] == "case-transfer-unknown-colleague"
    )
    handed = await client.post(
        f"/api/v1/cases/{case_id}/transfer",
        json={"to": olga.id, "note": "Просила перезвонить в 18:00"},
        headers=auth,
    )
    assert handed.status_code == 200 and handed.json()["assignee"] == "Ольга"
    # Now it is Ольга's: the one who handed it over is a colleague like any other.
    refused = await client.post(
        f"/api/v1/cases/{case_id}/messages", json={"text": "ещё я"}, headers=auth
    )
    assert refused.status_code == 409
    sent = await client.post(
        f"/api/v1/cases/{case_id}/messages", json={"text": "Здравствуйте"}, headers=theirs
    )
    assert sent.status_code == 201
    detail = (await client.get(f"/api/v1/cases/{case_id}", headers=theirs)).json()
    lines = [m["text"] for m in detail["messages"]]
    assert any("передано коллеге" in t and "перезвонить в 18:00" in t for t in lines)
    assert any(m["by"] == "bot" and "Ольга" in m["text"] for m in detail["messages"])
    back = await client.post(
        f"/api/v1/cases/{case_id}/transfer", json={"to": specialist.id}, headers=auth
    )
    assert back.status_code == 409  # not hers to hand on any more


async def test_the_case_page_hands_a_case_over(core, client, specialist):
    from tests.factories import make_staff

    olga = await make_staff(core, name="Ольга")
    case_id = await open_case(core)
    token = await log_in(client, specialist.login)
    page = (await client.get(f"/cases/{case_id}")).text
    assert "Передать коллеге" in page and f'<option value="{olga.id}">Ольга</option>' in page
    done = await client.post(
        f"/cases/{case_id}/transfer", data={"csrf": token, "to": str(olga.id), "note": ""}
    )
    assert done.status_code == 303
    page = (await client.get(f"/cases/{case_id}")).text
    assert "Обращение передано." in page and "Куратор: Ольга" in page
    bad = await client.post(f"/cases/{case_id}/transfer", data={"csrf": token, "to": "x"})
    assert bad.status_code == 303
