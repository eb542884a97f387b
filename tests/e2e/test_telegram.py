"""Conversations through the real Telegram adapter against a Bot API emulator on 127.0.0.1."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from core.messages import Button, Outgoing
from core.models import ChannelIdentity, OutboxMessage
from core.services import cases
from tests.e2e.conftest import TelegramRig
from tests.factories import make_staff

HER = 424242


async def only_case(core):
    async with core.uow() as uow:
        [summary] = await cases.list_cases(uow)
        return await cases.get_case(uow, case_id=summary.id, staff_id=None)


async def reach_specialist(rig: TelegramRig, topic: str = "Другое") -> None:
    emu = rig.emulator
    await emu.user_sends_text(HER, "/start")
    [_greeting, menu] = await emu.wait_for_messages(HER, 2)
    await emu.user_presses(HER, menu.payload_of("Поговорить со специалистом"))
    topics = (await emu.wait_for_messages(HER, 3))[-1]
    await emu.user_presses(HER, topics.payload_of(topic))
    await emu.wait_for_messages(HER, 5)


async def test_start_shows_greeting_and_the_menu_as_an_inline_keyboard(core, telegram):
    emu = telegram.emulator
    await emu.user_sends_text(HER, "/start")
    greeting, menu = await emu.wait_for_messages(HER, 2)
    assert "Имя называть не нужно" in greeting.text
    assert menu.labels == [
        "💬 Поговорить со специалистом",
        "🆘 Мне нужна помощь сейчас",
        "🧸 Пункт проката",
        "🤰 Курс для будущих мам",
        "ℹ️ О центре",
        "🔒 Мои данные",
    ]
    assert any(c.get("commands") for c in emu.commands)


async def test_text_photo_document_voice_reach_the_case_and_the_reply_comes_back_once(
    core, telegram
):
    staff = await make_staff(core, name="Анна")
    emu = telegram.emulator
    await reach_specialist(telegram)
    await emu.user_sends_text(HER, "Мне нужна консультация")
    await emu.user_sends_photo(HER, caption="справка")
    await emu.user_sends_document(HER)
    await emu.user_sends_voice(HER)
    for _ in range(100):
        detail = await only_case(core)
        if len([m for m in detail.messages if m.direction == "in"]) == 4:
            break
        await asyncio.sleep(0.05)
    kinds = [m.kind for m in detail.messages if m.direction == "in"]
    assert kinds == ["text", "photo", "document", "voice"]
    photo = await telegram.adapter.fetch_attachment("photo-0")
    assert photo.content == b"\x89PNG fake"

    before = len(emu.to(HER))
    async with core.uow() as uow:
        await cases.reply_to_case(
            uow, staff_id=staff.id, case_id=detail.summary.id, text="Я здесь."
        )
        await uow.commit()
    await asyncio.sleep(0)
    sent = await emu.wait_for_messages(HER, before + 1)
    await asyncio.sleep(0.3)
    replies = [m for m in emu.to(HER) if m.text.endswith("Я здесь.")]
    assert len(replies) == 1
    assert sent[-1].text.endswith("Я здесь.")


async def test_no_telegram_id_or_username_is_stored_in_clear(core, telegram):
    await reach_specialist(telegram)
    async with core.uow() as uow:
        identity = await uow.session.scalar(select(ChannelIdentity))
    assert str(HER) not in identity.address_enc
    assert str(HER) not in identity.lookup_hash
    detail = await only_case(core)
    assert "secret_name" not in str(detail)


async def test_sticker_unknown_command_stale_button_and_a_long_text(core, telegram):
    emu = telegram.emulator
    await emu.user_sends_sticker(HER)
    [sticker] = await emu.wait_for_messages(HER, 1)
    assert "Стикеры" in sticker.text
    await emu.user_sends_text(HER, "/frobnicate")
    assert "Такой команды я не знаю" in (await emu.wait_for_messages(HER, 2))[-1].text
    await emu.user_presses(HER, "rental:item:999")
    assert "из прошлого разговора" in (await emu.wait_for_messages(HER, 3))[-1].text
    assert emu.callback_answers >= 1
    await emu.user_sends_text(HER, "слово " * 1700)
    reply = (await emu.wait_for_messages(HER, 4))[-1]
    assert "сохранил ваше сообщение" in reply.text


async def test_a_long_text_is_split_at_the_channel_limit_with_buttons_on_the_last_part(telegram):
    emu = telegram.emulator
    text = "\n\n".join(f"Абзац {n}. " + "слово " * 300 for n in range(6))
    message = Outgoing(text, [[Button("Меню", "menu")]])
    await telegram.adapter.messenger.send(str(HER), message)
    parts = emu.to(HER)
    assert len(parts) >= 3
    assert all(len(p.text) <= 4096 for p in parts)
    assert [bool(p.buttons) for p in parts] == [False] * (len(parts) - 1) + [True]
    assert "".join(p.text.replace("\n", "").replace(" ", "") for p in parts) == text.replace(
        "\n", ""
    ).replace(" ", "")


async def test_429_is_honoured_and_500_retried_and_nothing_is_sent_twice(core, telegram):
    staff = await make_staff(core, name="Анна")
    emu = telegram.emulator
    await reach_specialist(telegram)
    detail = await only_case(core)
    before = len(emu.to(HER))
    emu.fail_next_sends(429, retry_after=1)
    emu.fail_next_sends(500, times=2)
    async with core.uow() as uow:
        await cases.reply_to_case(
            uow, staff_id=staff.id, case_id=detail.summary.id, text="Ответ после сбоев"
        )
        await uow.commit()
    await emu.wait_for_messages(HER, before + 1, timeout=15)
    await asyncio.sleep(0.3)
    assert [m.text for m in emu.to(HER)].count(
        next(m.text for m in emu.to(HER) if "Ответ после сбоев" in m.text)
    ) == 1
    assert emu.send_attempts >= before + 4
    detail = await only_case(core)
    out = [m for m in detail.messages if m.direction == "out"]
    assert out[-1].delivery == "sent"


async def test_a_blocked_bot_marks_the_case_and_stops_retrying(core, telegram):
    staff = await make_staff(core, name="Анна")
    emu = telegram.emulator
    await reach_specialist(telegram)
    detail = await only_case(core)
    emu.fail_next_sends(403, times=50)
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
    assert "403" in (detail.summary.unreachable or "")
    attempts = emu.send_attempts
    await asyncio.sleep(0.5)
    assert emu.send_attempts == attempts
    assert [m for m in detail.messages if m.direction == "out"][-1].delivery == "failed"
    async with core.uow() as uow:
        pending = await uow.session.scalar(
            select(func.count(OutboxMessage.id)).where(OutboxMessage.status == "pending")
        )
    assert pending == 0
