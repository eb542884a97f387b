"""The crisis path through the real Telegram adapter: numbers in the very next reply."""

from __future__ import annotations

from core.services import cases

HER = 626262


async def test_a_message_about_violence_gets_the_numbers_at_once(core, telegram):
    emu = telegram.emulator
    await emu.user_sends_text(HER, "мне страшно, муж бьёт меня прямо сейчас")
    [reply] = await emu.wait_for_messages(HER, 1)  # one message: steps, numbers, who reads
    assert "112" in reply.text and "8-800-7000-600" in reply.text
    assert "небезопасно" in reply.text  # she may not be able to call: write here
    assert any("Завершить" in label for label in reply.labels)
    async with core.uow() as uow:
        [summary] = await cases.list_cases(uow)
    assert summary.level == "emergency"
    assert summary.signals[0]["phrase"] == "муж бьёт"


async def test_help_now_stays_under_the_input_field_and_one_tap_takes_the_crisis_path(
    core, telegram
):
    emu = telegram.emulator
    await emu.user_sends_text(HER, "/start")
    greeting, menu = await emu.wait_for_messages(HER, 2)
    # The greeting has no buttons of its own: it brings the persistent keyboard.
    assert greeting.keyboard == ["🆘 Мне нужна помощь сейчас"] and greeting.keyboard_persistent
    assert "Мне нужна помощь сейчас" in " ".join(menu.labels)
    await emu.user_sends_text(HER, "🆘 Мне нужна помощь сейчас")
    sent = await emu.wait_for_messages(HER, 3)
    assert "112" in sent[2].text and "8-800-2000-122" in sent[2].text
    async with core.uow() as uow:
        [summary] = await cases.list_cases(uow)
    assert summary.level == "crisis"
    assert summary.signals[0]["group"] == "help_button"
