"""Conversations through the real Telegram adapter (aiogram, long polling) against a Bot API
emulator on 127.0.0.1, with the real database and delivery worker. Every check is on what
the emulator received or what the database holds."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import Awaitable, Callable

import pytest
from aiogram.client.session.aiohttp import AiohttpSession
from sqlalchemy import func, select, text
from sqlalchemy.orm import InstrumentedAttribute

from bot.telegram import TelegramAdapter
from core.bootstrap import Core
from core.errors import NotFound
from core.messages import Button, Outgoing
from core.models import Base, Client, InboundUpdate, OutboxMessage, OutboxStatus
from core.ports import DeliveryError
from core.services import cases
from tests.e2e.botapi_emulator import BotApiEmulator, SentMessage, utf16_length
from tests.e2e.conftest import TelegramRig, start_adapter
from tests.factories import make_staff

HER = 987654321
MENU = [
    "💬 Поговорить со специалистом",
    "🆘 Мне нужна помощь сейчас",
    "🧸 Пункт проката",
    "🤰 Курс для будущих мам",
    "ℹ️ О центре",
    "🔒 Мои данные",
]


def ru(core: Core, key: str, **args: object) -> str:
    return core.i18n("ru", key, **args)


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.05)


async def only_case(core: Core) -> cases.CaseDetail:
    async with core.uow() as uow:
        [summary] = await cases.list_cases(uow, status=None)
        return await cases.get_case(uow, case_id=summary.id, staff_id=None)


async def has_incoming(core: Core, n: int) -> bool:
    detail = await only_case(core)
    return len([m for m in detail.messages if m.direction == "in"]) >= n


async def count(core: Core, column: InstrumentedAttribute[int]) -> int:
    async with core.uow() as uow:
        return int(await uow.session.scalar(select(func.count(column))) or 0)


async def stored_updates(core: Core, n: int) -> bool:
    return await count(core, InboundUpdate.id) >= n


async def reach_specialist(rig: TelegramRig, topic: str = "Другое") -> list[SentMessage]:
    """/start, then "talk to a specialist", then a topic: two taps."""
    emu = rig.emulator
    await emu.user_sends_text(HER, "/start")
    menu = (await emu.wait_for_messages(HER, 2))[-1]
    await emu.user_presses(HER, menu.payload_of("Поговорить со специалистом"))
    topics = (await emu.wait_for_messages(HER, 3))[-1]
    await emu.user_presses(HER, topics.payload_of(topic))
    return await emu.wait_for_messages(HER, 5)


async def reply(core: Core, staff_id: int, text: str) -> None:
    detail = await only_case(core)
    async with core.uow() as uow:
        await cases.reply_to_case(uow, staff_id=staff_id, case_id=detail.summary.id, text=text)
        await uow.commit()


def relayed(name: str, text: str) -> str:
    return f"{name}, специалист центра:\n{text}"


async def test_start_greets_and_shows_the_whole_menu_as_an_inline_keyboard(
    core: Core, telegram: TelegramRig
) -> None:
    emu = telegram.emulator
    await emu.user_sends_text(HER, "/start")
    greeting, menu = await emu.wait_for_messages(HER, 2)
    assert "Имя называть не нужно" in greeting.text
    assert "Гость-" in greeting.text
    assert greeting.buttons == []
    assert menu.text == ru(core, "menu-prompt")
    assert menu.labels == MENU
    assert [len(row) for row in menu.buttons] == [1, 1, 2, 2]
    assert all(m.parse_mode is None for m in emu.sent)
    await asyncio.sleep(0.2)
    assert len(emu.to(HER)) == 2


async def test_the_command_list_is_set_in_russian_and_english(
    core: Core, telegram: TelegramRig
) -> None:
    emu = telegram.emulator
    await emu.user_sends_text(HER, "/help")
    [help_text] = await emu.wait_for_messages(HER, 1)
    assert help_text.text == ru(core, "help-text")
    assert emu.webhook_deleted == 1
    assert set(emu.commands) == {None, "ru", "en"}
    assert [c["command"] for c in emu.commands["ru"]] == ["start", "menu", "help", "cancel"]
    assert emu.commands["ru"] == emu.commands[None]
    assert emu.commands["ru"][1]["description"] == "главное меню"
    assert emu.commands["en"][1]["description"] == "main menu"


async def test_two_taps_open_a_case_and_text_photo_document_voice_reach_it(
    core: Core, telegram: TelegramRig
) -> None:
    staff = await make_staff(core, name="Анна")
    emu = telegram.emulator
    await reach_specialist(telegram, topic="Новорождённый")
    assert len(emu.answered_queries) == 2
    detail = await only_case(core)
    assert (detail.summary.channel, detail.summary.topic) == ("telegram", "newborn")

    await emu.user_sends_text(HER, "Малыш не спит третью ночь")
    await emu.user_sends_photo(HER, caption="сыпь на щеке", data=b"\x89PNG the big one")
    await emu.user_sends_document(HER, name="vypiska.pdf", data=b"%PDF-1.4 discharge")
    await emu.user_sends_voice(HER, data=b"OggS my voice")
    await eventually(lambda: has_incoming(core, 4))

    messages = [m for m in (await only_case(core)).messages if m.direction == "in"]
    assert [(m.kind, m.text) for m in messages] == [
        ("text", "Малыш не спит третью ночь"),
        ("photo", "сыпь на щеке"),
        ("document", ""),
        ("voice", ""),
    ]
    fetched = []
    for message in messages[1:]:
        async with core.uow() as uow:
            channel, kind, reference = await cases.attachment_of(
                uow, message_id=message.id, staff_id=staff.id
            )
            await uow.commit()
        assert (channel, kind) == ("telegram", message.kind)
        fetched.append(await telegram.adapter.fetch_attachment(reference))
    assert [f.content for f in fetched] == [
        b"\x89PNG the big one",
        b"%PDF-1.4 discharge",
        b"OggS my voice",
    ]
    assert [f.content_type for f in fetched] == [
        "image/jpeg",
        "application/pdf",
        "audio/ogg",
    ]
    with pytest.raises(NotFound):
        await telegram.adapter.fetch_attachment("file-that-expired")
    assert [c.description for c in emu.rejected] == ["Bad Request: invalid file_id"]
    emu.rejected.clear()


async def test_a_specialist_reply_reaches_her_exactly_once(
    core: Core, telegram: TelegramRig
) -> None:
    staff = await make_staff(core, name="Анна")
    emu = telegram.emulator
    before = len(await reach_specialist(telegram))
    await reply(core, staff.id, "Я здесь. Расскажите, что случилось.")
    answer = (await emu.wait_for_messages(HER, before + 1))[-1]
    assert answer.text == relayed("Анна", "Я здесь. Расскажите, что случилось.")
    await asyncio.sleep(0.3)
    attempts = [c for c in emu.attempts_to(HER) if "Расскажите" in c.params["text"]]
    assert [c.status for c in attempts] == [200]
    assert len(emu.to(HER)) == before + 1
    out = [m for m in (await only_case(core)).messages if m.direction == "out"]
    assert out[-1].delivery == "sent"


async def test_sticker_unknown_command_old_button_and_a_huge_text_get_kind_replies(
    core: Core, telegram: TelegramRig
) -> None:
    emu = telegram.emulator
    await emu.user_sends_sticker(HER)
    [sticker] = await emu.wait_for_messages(HER, 1)
    assert sticker.text == ru(core, "sticker-reply")

    await emu.user_sends_text(HER, "/frobnicate")
    unknown = (await emu.wait_for_messages(HER, 2))[-1]
    assert unknown.text == ru(core, "unknown-command")
    assert unknown.labels == MENU

    await emu.user_presses(HER, "rental:item:999")
    stale = (await emu.wait_for_messages(HER, 3))[-1]
    assert stale.text == ru(core, "stale-button")
    assert stale.labels == MENU
    assert len(emu.answered_queries) == 1

    # Long, not distressed: distress would get the safety question first (tests/flows/test_not_sure.py).
    huge = ("Расскажу всё по порядку, как было с документами. " * 300)[:10_000]
    assert len(huge) == 10_000
    await emu.user_sends_text(HER, huge)
    kept = (await emu.wait_for_messages(HER, 4))[-1]
    assert kept.text == ru(core, "offer-specialist")
    assert "Другое" in " ".join(kept.labels)
    await asyncio.sleep(0.2)
    assert len(emu.to(HER)) == 4


async def test_a_huge_text_in_a_conversation_reaches_the_case_whole(
    core: Core, telegram: TelegramRig
) -> None:
    emu = telegram.emulator
    before = len(await reach_specialist(telegram))
    huge = "".join(f"{n:05d} " for n in range(1700))[:10_000]
    await emu.user_sends_text(HER, huge)
    kept = (await emu.wait_for_messages(HER, before + 1))[-1]
    assert kept.text == ru(core, "chat-long-message-kept", parts=3)
    parts = [m.text for m in (await only_case(core)).messages if m.direction == "in"]
    assert "".join(parts) == huge


async def test_a_long_message_is_split_under_the_limit_with_buttons_on_the_last_part(
    telegram: TelegramRig,
) -> None:
    emu = telegram.emulator
    await emu.user_sends_text(HER, "/menu")
    await emu.wait_for_messages(HER, 1)
    paragraphs = [(f"Абзац {n}. " + "слово 👶 " * 250).rstrip() for n in range(6)]
    text = "\n\n".join(paragraphs)
    assert utf16_length(text) > 3 * 4096
    await telegram.adapter.messenger.send(str(HER), Outgoing(text, [[Button("Меню", "menu")]]))
    parts = emu.to(HER)[1:]
    assert len(parts) >= 4
    assert all(utf16_length(p.text) <= 4096 for p in parts)
    assert [bool(p.buttons) for p in parts] == [False] * (len(parts) - 1) + [True]
    assert "\n\n".join(p.text for p in parts) == text
    assert all(p.text.endswith("👶") for p in parts)


async def test_a_button_payload_over_64_bytes_is_cut_at_a_character_boundary(
    telegram: TelegramRig,
) -> None:
    emu = telegram.emulator
    await emu.user_sends_text(HER, "/menu")
    await emu.wait_for_messages(HER, 1)
    payload = "t:" + "ж" * 40
    await telegram.adapter.messenger.send(str(HER), Outgoing("Тема?", [[Button("Ж", payload)]]))
    [data] = emu.to(HER)[-1].payloads
    assert len(data.encode()) <= 64
    assert payload.startswith(data)
    assert data.encode().decode() == data


async def test_a_long_message_interrupted_midway_is_not_repeated_on_retry(
    telegram: TelegramRig,
) -> None:
    emu = telegram.emulator
    await emu.user_sends_text(HER, "/menu")
    await emu.wait_for_messages(HER, 1)
    text = "\n\n".join(f"Часть {n}. " + "а " * 1900 for n in range(3))
    emu.fail_next_sends(500, after=1)
    with pytest.raises(DeliveryError) as failure:
        await telegram.adapter.messenger.send(str(HER), Outgoing(text))
    assert not failure.value.permanent
    await telegram.adapter.messenger.send(str(HER), Outgoing(text))
    parts = [m.text for m in emu.to(HER)[1:]]
    assert [p.split(".")[0] for p in parts] == ["Часть 0", "Часть 1", "Часть 2"]


async def test_retry_after_is_honoured_and_the_message_arrives_once(
    core: Core, telegram: TelegramRig
) -> None:
    staff = await make_staff(core, name="Анна")
    emu = telegram.emulator
    before = len(await reach_specialist(telegram))
    emu.fail_next_sends(429, retry_after=1)
    await reply(core, staff.id, "Ответ после паузы")
    await emu.wait_for_messages(HER, before + 1, timeout=5)
    await asyncio.sleep(0.2)
    attempts = [c for c in emu.attempts_to(HER) if "после паузы" in c.params["text"]]
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 0.95
    assert sum("после паузы" in m.text for m in emu.to(HER)) == 1


async def test_server_errors_are_retried_and_the_message_arrives_once(
    core: Core, telegram: TelegramRig
) -> None:
    staff = await make_staff(core, name="Анна")
    emu = telegram.emulator
    before = len(await reach_specialist(telegram))
    emu.fail_next_sends(500, times=2)
    emu.fail_next_sends(502)
    await reply(core, staff.id, "Ответ после сбоев")
    await emu.wait_for_messages(HER, before + 1, timeout=5)
    await asyncio.sleep(0.3)
    attempts = [c for c in emu.attempts_to(HER) if "после сбоев" in c.params["text"]]
    assert [c.status for c in attempts] == [500, 500, 502, 200]
    assert sum("после сбоев" in m.text for m in emu.to(HER)) == 1
    out = [m for m in (await only_case(core)).messages if m.direction == "out"]
    assert out[-1].delivery == "sent"
    assert (await only_case(core)).summary.unreachable is None


@pytest.mark.parametrize("fault", ["blocked", "chat not found"])
async def test_a_person_who_cannot_be_reached_is_marked_and_not_retried(
    core: Core, telegram: TelegramRig, fault: str
) -> None:
    staff = await make_staff(core, name="Анна")
    emu = telegram.emulator
    await reach_specialist(telegram)
    if fault == "blocked":
        emu.user_blocks_bot(HER)
    else:
        emu.fail_next_sends(400, times=20, description="Bad Request: chat not found")
    await reply(core, staff.id, "Вы здесь?")

    async def marked() -> bool:
        return (await only_case(core)).summary.unreachable is not None

    await eventually(marked)
    detail = await only_case(core)
    expected = "bot was blocked by the user" if fault == "blocked" else "chat not found"
    assert expected in (detail.summary.unreachable or "")
    await asyncio.sleep(0.5)
    attempts = [c for c in emu.attempts_to(HER) if "Вы здесь?" in c.params["text"]]
    assert len(attempts) == 1
    assert [m for m in detail.messages if m.direction == "out"][-1].delivery == "failed"
    async with core.uow() as uow:
        pending = await uow.session.scalar(
            select(func.count(OutboxMessage.id)).where(OutboxMessage.status == OutboxStatus.pending)
        )
    assert pending == 0


async def test_group_chats_are_not_served(core: Core, telegram: TelegramRig) -> None:
    emu = telegram.emulator
    group = -1001234567
    await emu.user_sends_text(HER, "/start", chat_id=group, chat_type="supergroup")
    update = await emu.user_presses(HER, "m:talk", chat_id=group, chat_type="supergroup")
    await emu.wait_until_confirmed(update)
    await asyncio.sleep(0.2)
    assert len(emu.answered_queries) == 1
    assert emu.attempts_to(group) == []
    assert await count(core, Client.id) == 0
    assert await count(core, InboundUpdate.id) == 0
    await emu.user_sends_text(HER, "/start")
    await emu.wait_for_messages(HER, 2)


async def test_no_name_username_phone_or_telegram_id_is_kept_or_logged(
    core: Core, telegram: TelegramRig, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    emu = telegram.emulator
    await reach_specialist(telegram)
    await emu.user_sends_contact(HER, "+79161234567")
    await emu.user_sends_text(HER, "Мне страшно")
    await emu.wait_for_messages(HER, 7)
    unsupported = emu.to(HER)[5]
    assert unsupported.text == ru(core, "unsupported-reply")
    await eventually(lambda: has_incoming(core, 1))

    dump = []
    async with core.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            dump.append(repr((await conn.execute(table.select())).all()))
    stored = "\n".join(dump)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for secret in ("secret_margo", "Маргарита", "Секретова", "9161234567", str(HER)):
        assert secret not in stored, secret
        assert secret not in logged, secret
    assert "Мне страшно" not in stored


async def test_after_a_restart_a_redelivered_update_is_answered_once_and_old_buttons_work(
    core: Core, telegram: TelegramRig
) -> None:
    emu = telegram.emulator
    start = await emu.user_sends_text(HER, "/start")
    await emu.wait_for_messages(HER, 2)
    await emu.wait_until_confirmed(start)

    await telegram.stop_adapter()
    await emu.redeliver(start)
    telegram.start_new_adapter()
    await emu.wait_until_confirmed(start)
    await emu.user_presses(HER, "rental:item:999")
    stale = (await emu.wait_for_messages(HER, 3))[-1]
    assert stale.text == ru(core, "stale-button")
    await asyncio.sleep(0.2)
    assert len(emu.to(HER)) == 3
    assert await count(core, InboundUpdate.id) == 2


async def test_an_update_waits_while_the_database_is_down_and_is_answered_once_it_is_back(
    core: Core, telegram: TelegramRig
) -> None:
    emu = telegram.emulator
    async with core.engine.begin() as conn:
        await conn.execute(text("ALTER TABLE inbound_updates RENAME TO inbound_updates_away"))
    try:
        update = await emu.user_sends_text(HER, "/start")
        await asyncio.sleep(0.5)
        assert emu.to(HER) == []
        assert update in emu.unconfirmed
    finally:
        async with core.engine.begin() as conn:
            await conn.execute(text("ALTER TABLE inbound_updates_away RENAME TO inbound_updates"))
    _greeting, menu = await emu.wait_for_messages(HER, 2, timeout=10)
    assert menu.labels == MENU
    await emu.wait_until_confirmed(update)
    await asyncio.sleep(0.2)
    assert len(emu.to(HER)) == 2
    assert await count(core, InboundUpdate.id) == 1


async def test_stop_is_prompt_even_while_the_bot_api_is_unreachable(core: Core) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    adapter = TelegramAdapter(core, "123456:TEST-token", f"http://127.0.0.1:{port}")
    running = asyncio.create_task(adapter.run())
    await asyncio.sleep(0.3)
    assert not running.done()
    started = time.monotonic()
    await adapter.stop()
    await asyncio.wait_for(running, 2)
    assert time.monotonic() - started < 2

    never_run = TelegramAdapter(core, "123456:TEST-token", f"http://127.0.0.1:{port}")
    await never_run.stop()
    await asyncio.wait_for(never_run.run(), 1)


async def test_after_stop_queued_messages_still_go_out_and_the_connection_is_closed(
    core: Core, emulator: BotApiEmulator
) -> None:
    adapter = start_adapter(core, emulator)
    running = asyncio.create_task(adapter.run())
    await emulator.user_sends_text(HER, "/menu")
    await eventually(lambda: stored_updates(core, 1))
    await adapter.stop()
    await asyncio.wait_for(running, 5)
    await adapter.messenger.send(str(HER), Outgoing("Последнее сообщение перед остановкой"))
    assert emulator.to(HER)[-1].text == "Последнее сообщение перед остановкой"
    session = adapter.bot.session
    assert isinstance(session, AiohttpSession)
    assert session._session is None or session._session.closed
    emulator.assert_protocol_kept()
