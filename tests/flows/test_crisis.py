"""A woman in danger gets the numbers in the very next reply, then a person."""

from __future__ import annotations

import pytest

from core.services import cases
from tests.factories import make_staff, put_on_duty
from tests.fakes import RecordingMessenger
from tests.flows.harness import Person


@pytest.fixture
def person(core) -> Person:
    return Person(core, RecordingMessenger())


async def only_case(core) -> cases.CaseSummary:
    async with core.uow() as uow:
        [summary] = await cases.list_cases(uow)
    return summary


async def test_violence_at_night_gets_numbers_first_and_an_emergency_case(core, person, clock):
    clock.advance(hours=14)  # 01:00 Moscow time, nobody on duty
    replies = await person.says("муж бьёт меня прямо сейчас, я заперлась в ванной")
    [reply] = replies  # one message: what to do, the numbers, who reads her and when
    assert "112" in reply.text
    assert "8-800-7000-600" in reply.text
    assert "8-800-200-04-92" not in reply.text
    assert "в среду, 25.11, с 09:00" in reply.text
    assert "круглосуточно" in reply.text
    assert "Соединяю" not in reply.text
    summary = await only_case(core)
    assert summary.level == "emergency"
    assert {s["group"] for s in summary.signals} >= {"violence"}
    assert summary.deadline_at is not None
    assert summary.last_message == "муж бьёт меня прямо сейчас, я заперлась в ванной"


async def test_an_alarm_in_the_middle_of_another_step_takes_over(core, person, clock):
    specialist = await make_staff(core)
    await put_on_duty(core, specialist, clock.now())
    await person.says("/start")
    await person.presses("Поговорить со специалистом")  # she is choosing a topic
    replies = await person.says("не хочу больше жить")
    assert "112" in replies[0].text
    assert "8-800-2000-122" in replies[0].text
    assert "прочитает его первым" in person.texts(replies)
    summary = await only_case(core)
    assert summary.level in ("emergency", "crisis")
    assert summary.routed_to_id == specialist.id


async def test_an_open_basic_case_is_raised_not_duplicated(core, person):
    await person.says("/start")
    await person.presses("Поговорить со специалистом")
    await person.presses("Деньги или жильё")
    await person.says("нужна помощь с документами на пособие")
    assert (await only_case(core)).level == "basic"
    await person.says("он сказал что убьёт меня если я рожу")
    summary = await only_case(core)
    assert summary.level in ("emergency", "crisis")
    assert summary.topic == "money"


async def test_the_help_now_button_takes_the_same_path_without_typing(core, person):
    await person.says("/start")
    replies = await person.presses("Мне нужна помощь сейчас")
    assert "112" in replies[0].text and "8-800-2000-122" in replies[0].text
    summary = await only_case(core)
    assert summary.level == "crisis"


async def test_everyday_words_raise_no_alarm(core, person):
    replies = await person.says("умираю от любопытства, какая коляска у вас есть?")
    assert "112" not in person.texts(replies)
    async with core.uow() as uow:
        assert await cases.list_cases(uow) == []
