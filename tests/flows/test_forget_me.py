""" "Forget me": she deletes what we hold about her from "My data"; the goodbye still reaches
her, her messages, contacts and identity are gone, the case stays only as an anonymous row."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.models import (
    Booking,
    Case,
    CaseStatus,
    ChannelIdentity,
    InboundUpdate,
    ItemStatus,
    Message,
    OutboxMessage,
    RentalItem,
)
from core.scheduler import Scheduler
from core.services import cases
from tests.factories import make_item, make_staff, put_on_duty
from tests.fakes import RecordingMessenger
from tests.flows.harness import Person
from tests.flows.test_rental import book_first_free


@pytest.fixture
def person(core) -> Person:
    return Person(core, RecordingMessenger())


async def count(core, model, *where) -> int:
    async with core.uow() as uow:
        return int(await uow.session.scalar(select(func.count()).select_from(model).where(*where)))


async def test_forget_me_deletes_her_data_and_says_goodbye(core, person, clock):
    specialist = await make_staff(core, name="Анна")
    await put_on_duty(core, specialist, clock.now())
    item = await make_item(core, "Кроватки", "Кроватка белая")
    await book_first_free(person)
    await person.presses_payload("menu")
    await person.presses("Поговорить со специалистом")
    await person.presses("Беременность, сомнения")
    await person.says("Мне страшно, я не знаю что делать")
    async with core.uow() as uow:
        [summary] = await cases.list_cases(uow)
        await cases.reply_to_case(uow, staff_id=specialist.id, case_id=summary.id, text="Я здесь")
        await uow.commit()
    await person.inbox()

    await person.presses_payload("m:data")
    await person.presses("Удалить мои данные")
    assert "Отменить это нельзя" in person.last_text
    replies = await person.presses("Да, удалить всё")
    assert "ваши данные и переписка удалены" in person.texts(replies)

    assert await count(core, ChannelIdentity) == 0
    assert await count(core, Message) == 0
    assert await count(core, OutboxMessage, OutboxMessage.client_id.is_not(None)) == 0
    async with core.uow() as uow:
        case = await uow.session.get(Case, summary.id)
        assert case.status == CaseStatus.closed and case.signals == []
        [booking] = await uow.session.scalars(select(Booking))
        assert booking.phone_enc is None and booking.status == "cancelled"
        assert (await uow.session.get(RentalItem, item.id)).status == ItemStatus.available
        # What she wrote is not kept in the inbound log either: handled rows keep only keys.
        payloads = list(await uow.session.scalars(select(InboundUpdate.payload_enc)))
        assert payloads and all(p == "" for p in payloads)
        # The case stays for the figures, with nothing of hers in it.
        detail = await cases.get_case(uow, case_id=summary.id, staff_id=specialist.id)
        assert [m.text for m in detail.messages] == []

    # She writes again: a new person, a new pseudonym.
    replies = await person.says("/start")
    async with core.uow() as uow:
        identity = await uow.session.scalar(select(ChannelIdentity))
        assert identity is not None
    assert summary.pseudonym not in person.texts(replies)


async def test_handled_updates_are_pruned_after_the_retention(core, person, clock):
    await person.says("/start")
    assert await count(core, InboundUpdate) == 1
    clock.advance(days=8)
    await Scheduler(core).run_once()
    assert await count(core, InboundUpdate) == 0
