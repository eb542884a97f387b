"""Conversations through the real VK adapter against a fake VK API on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import suppress
from dataclasses import dataclass

import pytest

from bot.vk import VkAdapter
from core.bootstrap import Core
from core.delivery import DeliveryWorker
from core.services import cases
from tests.e2e.vk_fake import GROUP_ID, FakeVk
from tests.factories import make_staff

HER = 31337


@pytest.fixture
async def fake() -> AsyncIterator[FakeVk]:
    server = FakeVk()
    await server.start()
    yield server
    await server.stop()


@dataclass
class VkRig:
    fake: FakeVk
    adapter: VkAdapter
    task: asyncio.Task[None]
    worker: DeliveryWorker
    core: Core

    async def restart(self) -> None:
        await self.adapter.stop()
        await asyncio.wait_for(self.task, 10)
        self.adapter = VkAdapter(self.core, self.fake.token, GROUP_ID, self.fake.api_url, wait=1)
        self.task = asyncio.create_task(self.adapter.run())
        await asyncio.wait_for(self.adapter.connected.wait(), 10)


@pytest.fixture
async def vk(core: Core, fake: FakeVk) -> AsyncIterator[VkRig]:
    adapter = VkAdapter(core, fake.token, GROUP_ID, fake.api_url, wait=1)
    task = asyncio.create_task(adapter.run())
    worker = DeliveryWorker(core, {"vk": adapter.messenger}, idle_poll_s=0.05)
    sending = asyncio.create_task(worker.run())
    rig = VkRig(fake, adapter, task, worker, core)
    await asyncio.wait_for(adapter.connected.wait(), 10)
    yield rig
    await rig.adapter.stop()
    await worker.stop()
    for t in (rig.task, sending):
        with suppress(asyncio.CancelledError, TimeoutError):
            await asyncio.wait_for(t, 10)


async def only_case(core: Core) -> cases.CaseDetail:
    async with core.uow() as uow:
        [summary] = await cases.list_cases(uow)
        return await cases.get_case(uow, case_id=summary.id, staff_id=None)


async def reach_specialist(rig: VkRig) -> None:
    fake = rig.fake
    await fake.user_starts(HER)
    menu = (await fake.wait_for_messages(HER, 2))[-1]
    await fake.user_presses(HER, menu.payload_of("Поговорить со специалистом"))
    topics = (await fake.wait_for_messages(HER, 3))[-1]
    await fake.user_presses(HER, topics.payload_of("Другое"))
    await fake.wait_for_messages(HER, 5)


async def test_start_shows_the_menu_as_an_inline_keyboard_within_vk_limits(vk):
    fake = vk.fake
    await fake.user_starts(HER)
    greeting, menu = await fake.wait_for_messages(HER, 2)
    assert "Имя называть не нужно" in greeting.text
    assert menu.keyboard["inline"] is True
    assert [b["action"]["type"] for b in menu.buttons] == ["callback"] * 6
    assert "Поговорить со специалистом" in menu.labels[0]


async def test_two_taps_open_a_case_and_text_photo_document_reach_it(core, vk):
    fake = vk.fake
    await reach_specialist(vk)
    assert fake.event_answers == 2
    topics = fake.to(HER)[2]
    assert len(topics.keyboard["buttons"]) <= 6  # seven topics folded into VK's six rows
    await fake.user_sends_text(HER, "Здравствуйте, мне нужна помощь")
    await fake.user_sends_photo(HER, caption="справка")
    await fake.user_sends_document(HER)
    for _ in range(100):
        detail = await only_case(core)
        if len([m for m in detail.messages if m.direction == "in"]) == 3:
            break
        await asyncio.sleep(0.05)
    assert [m.kind for m in detail.messages if m.direction == "in"] == ["text", "photo", "document"]
    assert detail.summary.channel == "vk"
    photo_ref = next(m for m in detail.messages if m.kind == "photo")
    assert photo_ref.has_attachment
    file = await vk.adapter.fetch_attachment(f"{fake.base_url}/files/photo0.jpg")
    assert file.content == b"\xff\xd8jpeg"


async def test_a_specialist_reply_arrives_once(core, vk):
    fake = vk.fake
    staff = await make_staff(core, name="Анна")
    await reach_specialist(vk)
    detail = await only_case(core)
    before = len(fake.to(HER))
    async with core.uow() as uow:
        await cases.reply_to_case(
            uow, staff_id=staff.id, case_id=detail.summary.id, text="Я здесь."
        )
        await uow.commit()
    reply = (await fake.wait_for_messages(HER, before + 1))[-1]
    assert reply.text == "Анна, специалист центра:\nЯ здесь."
    await asyncio.sleep(0.3)
    assert sum("Я здесь." in m.text for m in fake.to(HER)) == 1


async def test_stale_button_sticker_and_a_long_text(vk):
    fake = vk.fake
    await fake.user_presses(HER, {"p": "rental:item:999"})
    assert "из прошлого разговора" in (await fake.wait_for_messages(HER, 1))[-1].text
    await fake.user_sends_sticker(HER)
    assert "Стикеры" in (await fake.wait_for_messages(HER, 2))[-1].text
    await fake.user_sends_text(HER, "слово " * 1700)
    assert "сообщение сохранено" in (await fake.wait_for_messages(HER, 3))[-1].text


async def test_long_poll_failures_1_2_3_are_survived(vk):
    fake = vk.fake
    fake.poll_faults.extend([1, 2, 3])
    await asyncio.sleep(0.2)
    await fake.user_sends_text(HER, "/start")
    await fake.wait_for_messages(HER, 2, timeout=15)
    assert fake.server_requests >= 3  # new key for 2 and for 3


async def test_flood_control_backs_off_and_delivers_once(core, vk):
    fake = vk.fake
    fake.send_faults.append({"code": 6, "msg": "Too many requests per second"})
    fake.send_faults.append(500)
    await fake.user_sends_text(HER, "/help")
    [reply] = await fake.wait_for_messages(HER, 1, timeout=20)
    assert "Как здесь всё устроено" in reply.text
    assert fake.send_attempts >= 2


async def test_901_marks_the_case_unreachable_without_endless_retries(core, vk):
    fake = vk.fake
    staff = await make_staff(core)
    await reach_specialist(vk)
    detail = await only_case(core)
    fake.send_faults.extend(
        [{"code": 901, "msg": "Can't send messages for users without permission"}] * 20
    )
    async with core.uow() as uow:
        await cases.reply_to_case(
            uow, staff_id=staff.id, case_id=detail.summary.id, text="Вы здесь?"
        )
        await uow.commit()
    for _ in range(100):
        detail = await only_case(core)
        if detail.summary.unreachable:
            break
        await asyncio.sleep(0.05)
    assert "901" in (detail.summary.unreachable or "")
    attempts = fake.send_attempts
    await asyncio.sleep(0.5)
    assert fake.send_attempts == attempts


async def test_what_she_sent_while_the_adapter_was_down_is_not_lost(core, vk):
    fake = vk.fake
    await fake.user_starts(HER)
    await fake.wait_for_messages(HER, 2)
    await vk.adapter.stop()
    await asyncio.wait_for(vk.task, 10)
    await fake.user_sends_text(HER, "/help")  # arrives while nobody listens
    await vk.restart()
    reply = (await fake.wait_for_messages(HER, 3, timeout=15))[-1]
    assert "Как здесь всё устроено" in reply.text


def test_vk_errors_map_to_delivery_decisions():
    from vk_api.exceptions import ApiError

    from bot.vk import delivery_error

    def api_error(code: int) -> ApiError:
        return ApiError(None, "messages.send", {}, False, {"error_code": code, "error_msg": "x"})

    assert delivery_error(api_error(9)).retry_after == 60.0
    assert delivery_error(api_error(6)).retry_after == 1.0
    assert delivery_error(api_error(901)).permanent
    assert not delivery_error(api_error(10)).permanent


async def test_help_now_stays_under_the_input_field_and_one_tap_takes_the_crisis_path(core, vk):
    fake = vk.fake
    await fake.user_starts(HER)
    greeting, _menu = await fake.wait_for_messages(HER, 2)
    # The greeting has no buttons of its own: it brings the keyboard that stays.
    assert greeting.keyboard is not None and greeting.keyboard["one_time"] is False
    [button] = greeting.buttons
    assert button["action"]["type"] == "text" and "помощь сейчас" in button["action"]["label"]
    await fake.user_taps_keyboard(HER, button)
    sent = await fake.wait_for_messages(HER, 3)
    assert "112" in sent[2].text
    detail = await only_case(core)
    assert detail.summary.level == "crisis"
