"""Distress without a clear danger: one gentle question, with 112 in it; "No" is the emergency
path, "Yes" goes on to what she came for. And "I need help now" is at hand on every screen."""

from __future__ import annotations

import pytest

from core.services import cases
from tests.factories import make_staff, put_on_duty
from tests.fakes import RecordingMessenger
from tests.flows.harness import Person

DISTRESS = "мне очень плохо и страшно, не знаю что делать"


@pytest.fixture
def person(core) -> Person:
    return Person(core, RecordingMessenger())


async def open_cases(core) -> list[cases.CaseSummary]:
    async with core.uow() as uow:
        return await cases.list_cases(uow)


async def test_she_is_asked_once_whether_she_is_safe_and_no_is_the_emergency_path(core, person):
    await person.says("/start")
    replies = await person.says(DISTRESS)
    [question] = replies
    assert "Вы сейчас в безопасности?" in question.text and "112" in question.text
    assert person.labels() == ["Нет, мне нужна помощь сейчас", "Да, я в безопасности"]
    assert await open_cases(core) == []  # a question, not yet an alarm

    replies = await person.presses("Нет, мне нужна помощь сейчас")
    assert "112" in replies[0].text and "8-800-2000-122" in replies[0].text
    [summary] = await open_cases(core)
    assert summary.level == "emergency"
    assert [s["group"] for s in summary.signals] == ["unsafe_answer"]
    # What she wrote before the question is on the case, for the specialist to read first.
    async with core.uow() as uow:
        detail = await cases.get_case(uow, case_id=summary.id, staff_id=None)
    assert DISTRESS in [m.text for m in detail.messages if m.direction == "in"]


async def test_yes_goes_on_to_the_topics_and_keeps_her_words(core, person):
    specialist = await make_staff(core)
    await put_on_duty(core, specialist, core.clock.now())
    await person.says("/start")
    await person.says(DISTRESS)
    replies = await person.presses("Да, я в безопасности")
    assert "Хорошо, что вы в безопасности" in replies[0].text
    assert "Беременность, сомнения" in person.labels()
    await person.presses("Беременность, сомнения")
    [summary] = await open_cases(core)
    assert summary.level == "basic" and summary.last_message == DISTRESS
    # Asked once: the next such message goes to the case without the question again.
    replies = await person.says("всё равно страшно")
    assert "в безопасности?" not in person.texts(replies)


async def test_a_clear_danger_skips_the_question_and_calm_words_do_not_get_it(person):
    await person.says("/start")
    replies = await person.says("хочу взять коляску на прокат")
    assert "в безопасности?" not in person.texts(replies)
    replies = await person.says("он с ножом ломится в дверь")
    assert "в безопасности?" not in person.texts(replies)
    assert "112" in replies[0].text


async def test_no_question_while_a_specialist_is_talking_with_her(core, person):
    specialist = await make_staff(core)
    await person.says("/start")
    await person.presses("Поговорить со специалистом")
    await person.presses("Другое")
    [summary] = await open_cases(core)
    async with core.uow() as uow:
        await cases.reply_to_case(uow, staff_id=specialist.id, case_id=summary.id, text="Я тут")
        await uow.commit()
    await person.inbox()
    replies = await person.says(DISTRESS)
    assert "в безопасности?" not in person.texts(replies)


async def test_help_now_is_at_hand_on_every_screen(person):
    for step in ("/start", "/help", "/menu"):
        replies = await person.says(step)
        assert replies and all(r.at_hand is not None for r in replies), step
        assert {r.at_hand.payload for r in replies} == {"m:now"}
        assert {r.at_hand.text for r in replies} == {"🆘 Мне нужна помощь сейчас"}
    replies = await person.presses("Пункт проката")
    assert all(r.at_hand is not None for r in replies)
    replies = await person.presses_payload("m:now")
    assert "112" in replies[0].text
