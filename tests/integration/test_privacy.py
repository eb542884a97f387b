"""Privacy from the centre's side: a coordinator deletes a person's data at her request (panel
and API, audited, refused to a specialist), and closed conversations lose their texts after
the retention, while the anonymous case rows stay for the counts."""

from __future__ import annotations

from sqlalchemy import func, select

from core.bootstrap import Core
from core.messages import Outgoing
from core.models import AuditEntry, Case, ChannelIdentity, Message, OutboxMessage
from core.services import cases, outbox
from core.services.clients import identify_client
from core.services.privacy import prune_closed_conversations
from tests.factories import make_staff
from tests.integration.conftest import token_for
from tests.integration.test_api import open_case
from tests.integration.test_panel import log_in


async def _count(core: Core, model, *where) -> int:
    async with core.uow() as uow:
        return int(await uow.session.scalar(select(func.count()).select_from(model).where(*where)))


async def test_a_coordinator_deletes_her_data_from_the_case_page(core, client):
    coordinator = await make_staff(core, role="coordinator")
    case_id = await open_case(core, user_id="4242", text="Меня зовут Оля, телефон 89001234567")
    keep_id = await open_case(core, user_id="777", text="Другая женщина, другой разговор")
    csrf = await log_in(client, coordinator.login)
    page = await client.get(f"/cases/{case_id}")
    assert "/forget" in page.text

    refused = await client.post(f"/cases/{case_id}/forget", data={"reason": " ", "csrf": csrf})
    assert refused.status_code == 303
    assert "как и когда человек попросил" in (await client.get(f"/cases/{case_id}")).text.lower()
    assert await _count(core, Message, Message.case_id == case_id) == 1

    done = await client.post(
        f"/cases/{case_id}/forget",
        data={"reason": "Позвонила 25.11, назвала кодовое слово", "csrf": csrf},
    )
    assert done.status_code == 303 and done.headers["location"] == f"/cases/{case_id}"
    after = (await client.get(f"/cases/{case_id}")).text
    assert "Данные человека удалены" in after
    assert "89001234567" not in after
    closed = await client.get("/closed")  # the list shows the anonymous row without a text
    assert closed.status_code == 200 and f"/cases/{case_id}" in closed.text

    async with core.uow() as uow:
        case = await uow.session.get_one(Case, case_id)
        assert case.status == "closed"
        client_id = case.client_id
        entries = list(await uow.session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
    assert await _count(core, Message, Message.case_id == case_id) == 0
    assert await _count(core, ChannelIdentity, ChannelIdentity.client_id == client_id) == 0
    assert await _count(core, OutboxMessage, OutboxMessage.client_id == client_id) == 0
    # The other woman's conversation is untouched.
    assert await _count(core, Message, Message.case_id == keep_id) == 1
    forget = [e for e in entries if e.action == "client.forget"][-1]
    assert forget.staff_id == coordinator.id
    assert forget.details["reason"] == "Позвонила 25.11, назвала кодовое слово"
    assert any(e.action == "case.forget" and e.case_id == case_id for e in entries)

    # She writes again: a new person under a new pseudonym, with no history.
    new_case = await open_case(core, user_id="4242", text="Это снова я")
    async with core.uow() as uow:
        fresh = await uow.session.get_one(Case, new_case)
    assert new_case != case_id and fresh.client_id != client_id


async def test_a_specialist_cannot_delete_and_sees_no_button(core, client, specialist):
    case_id = await open_case(core)
    csrf = await log_in(client, specialist.login)
    assert "/forget" not in (await client.get(f"/cases/{case_id}")).text
    await client.post(f"/cases/{case_id}/forget", data={"reason": "просьба", "csrf": csrf})
    assert "могут координатор и администратор" in (await client.get(f"/cases/{case_id}")).text
    assert await _count(core, Message, Message.case_id == case_id) == 1


async def test_the_api_forget_route(core, client, specialist):
    coordinator = await make_staff(core, role="coordinator")
    case_id = await open_case(core)
    as_specialist = await token_for(client, specialist.login)
    as_coordinator = await token_for(client, coordinator.login)
    body = {"reason": "Письмо в центр 25.11"}
    refused = await client.post(f"/api/v1/cases/{case_id}/forget", json=body, headers=as_specialist)
    assert refused.status_code == 403 and "detail" in refused.json()
    empty = await client.post(
        f"/api/v1/cases/{case_id}/forget", json={"reason": ""}, headers=as_coordinator
    )
    assert empty.status_code == 422
    missing = await client.post("/api/v1/cases/999999/forget", json=body, headers=as_coordinator)
    assert missing.status_code == 404
    done = await client.post(f"/api/v1/cases/{case_id}/forget", json=body, headers=as_coordinator)
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "closed"
    shown = await client.get(f"/api/v1/cases/{case_id}", headers=as_coordinator)
    assert [m for m in shown.json()["messages"] if m["direction"] == "in"] == []


async def test_closed_conversations_lose_their_texts_after_the_retention(core, clock):
    core.settings = core.settings.model_copy(update={"closed_case_retention_days": 30})
    staff = await make_staff(core)
    old_id = await open_case(core, user_id="1", text="Старый разговор")
    recent_id = await open_case(core, user_id="2", text="Недавний разговор")
    open_id = await open_case(core, user_id="3", text="Ещё открыт")
    async with core.uow() as uow:
        await cases.accept_case(uow, staff_id=staff.id, case_id=old_id)
        await cases.reply_to_case(uow, staff_id=staff.id, case_id=old_id, text="Ответ")
        await cases.close_case(uow, staff_id=staff.id, case_id=old_id, outcome="Помогли")
        await uow.commit()
    clock.advance(days=20)
    async with core.uow() as uow:
        await cases.close_case(uow, staff_id=staff.id, case_id=recent_id, outcome="Помогли")
        await uow.commit()
    clock.advance(days=11)
    async with core.uow() as uow:
        deleted = await prune_closed_conversations(uow)
        await uow.commit()
    assert deleted >= 2  # her message and the answer of the case closed 31 days ago
    assert await _count(core, Message, Message.case_id == old_id) == 0
    assert await _count(core, Message, Message.case_id == recent_id) >= 1
    assert await _count(core, Message, Message.case_id == open_id) >= 1
    async with core.uow() as uow:
        old = await uow.session.get_one(Case, old_id)
        assert old.status == "closed" and old.outcome == "Помогли"  # the row stays for counts
        assert old.last_message_id is None
        again = await prune_closed_conversations(uow)
        await uow.commit()
    assert again == 0

    # 0 keeps them forever.
    core.settings = core.settings.model_copy(update={"closed_case_retention_days": 0})
    clock.advance(days=400)
    async with core.uow() as uow:
        assert await prune_closed_conversations(uow) == 0
        await uow.commit()
    assert await _count(core, Message, Message.case_id == recent_id) >= 1


async def test_sent_copies_leave_the_outbox_after_the_inbound_retention(core, clock):
    async with core.uow() as uow:
        _, identity = await identify_client(
            uow, channel="telegram", user_id="9", address="9", locale="ru"
        )
        outbox.enqueue(uow, identity, Outgoing("Напоминание"))
        outbox.enqueue(uow, identity, Outgoing("Ещё не отправлено"))
        await uow.commit()
    async with core.uow() as uow:
        first = await uow.session.scalar(select(func.min(OutboxMessage.id)))
        await outbox.mark_sent(uow, int(first))
        await uow.commit()
    clock.advance(days=core.settings.inbound_retention_days, hours=1)
    async with core.uow() as uow:
        await prune_closed_conversations(uow)
        await uow.commit()
        left = list(await uow.session.scalars(select(OutboxMessage.status)))
    assert left == ["pending"]  # what was not sent yet is never dropped


async def test_a_look_at_a_case_is_audited_once_per_ten_minutes_not_per_refresh(
    core, client, specialist, clock
):
    case_id = await open_case(core)
    await log_in(client, specialist.login)

    async def views() -> int:
        return await _count(
            core, AuditEntry, AuditEntry.action == "case.view", AuditEntry.case_id == case_id
        )

    await client.get(f"/cases/{case_id}")
    for _ in range(5):  # the open page refreshes its thread on every new message
        await client.get(f"/cases/{case_id}/thread")
    assert await views() == 1
    clock.advance(minutes=11)
    await client.get(f"/cases/{case_id}/thread")
    assert await views() == 2
    other = await make_staff(core, name="Ольга")
    client.cookies.clear()
    await log_in(client, other.login)
    await client.get(f"/cases/{case_id}")
    assert await views() == 3  # another person's look is her own row


async def test_a_backlog_of_expired_conversations_is_worked_off_in_batches(core, clock):
    core.settings = core.settings.model_copy(update={"closed_case_retention_days": 1})
    staff = await make_staff(core)
    ids = [await open_case(core, user_id=f"b{n}", text=f"Разговор {n}") for n in range(5)]
    async with core.uow() as uow:
        for case_id in ids:
            await cases.close_case(uow, staff_id=staff.id, case_id=case_id, outcome="Помогли")
        await uow.commit()
    clock.advance(days=2)
    runs = []
    for _ in range(4):
        async with core.uow() as uow:
            runs.append(await prune_closed_conversations(uow, batch=2))
            await uow.commit()
    assert [n > 0 for n in runs] == [True, True, True, False]  # 2 + 2 + 1 cases, then nothing
    for case_id in ids:
        assert await _count(core, Message, Message.case_id == case_id) == 0
