"""A person in danger is never left without a word: the reply fits the danger, she hears at
every step while nobody has taken her case, she is told when a person joins, and ending the
conversation does not cut the specialist off."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from core.errors import Conflict, InvalidInput
from core.models import AuditEntry
from core.scheduler import Scheduler
from core.services import cases
from tests.conftest import create_core, make_settings, reset_schema
from tests.factories import make_staff, put_on_duty
from tests.fakes import RecordingMessenger
from tests.flows.harness import Person

HELPLINES = Path(__file__).resolve().parents[2] / "config" / "helplines.toml"
NIGHT = 14  # hours from the fake clock's start: 01:00 Moscow time, nobody on duty


@pytest.fixture
def person(core) -> Person:
    return Person(core, RecordingMessenger())


async def only_case(core) -> cases.CaseSummary:
    async with core.uow() as uow:
        [summary] = await cases.list_cases(uow)
    return summary


async def thread(core, case_id: int) -> list[cases.ThreadMessage]:
    async with core.uow() as uow:
        return (await cases.get_case(uow, case_id=case_id, staff_id=None)).messages


# --- one reply that fits the danger -------------------------------------------------------

DANGERS = [
    # (what she writes, words of her reply, numbers in it, numbers not in it)
    (
        "муж бьёт меня, я закрылась с ребёнком в ванной",
        ["небезопасно", "пишите сюда", "ближе к выходу"],
        ["112", "8-800-7000-600"],
        ["103"],
    ),
    (
        "я больше не могу так жить, хочу просто уснуть и не проснуться",
        ["вы не одни", "уберите это подальше"],
        ["+7 (495) 989-50-50", "8-800-2000-122", "112"],
        ["8-800-7000-600"],
    ),
    (
        "сын проглотил батарейку от часов",
        ["103 или 112", "не вызывайте рвоту", "на бок"],
        ["103", "112"],
        ["8-800-7000-600"],
    ),
    (
        "у меня 34 неделя беременности и сильное кровотечение",
        ["103 или 112", "обменную карту", "левый бок"],
        ["103", "112"],
        ["8-800-7000-600"],
    ),
    (
        "думаю оставить ребёнка в бэби-боксе, не справлюсь",
        ["никто не будет вас осуждать", "не нужно"],
        ["8-800-200-04-92"],
        ["103"],
    ),
    (
        "нас выгнали из дома, с малышом сегодня ночевать негде",
        ["срочную помощь", "ночлега"],
        ["112"],
        ["8-800-7000-600"],
    ),
    (
        "мне 15 лет и я беременна, родители убьют если узнают",
        ["ни в чём не виноваты", "детей и подростков"],
        ["8-800-2000-122"],
        [],
    ),
]


@pytest.mark.parametrize(("text", "words", "numbers", "not_numbers"), DANGERS)
async def test_each_danger_gets_one_reply_that_fits_it(
    core, person, text, words, numbers, not_numbers
):
    replies = await person.says(text)
    [reply] = replies  # one message: what to do now, the numbers, who reads her next
    lowered = reply.text.lower()
    for word in words:
        assert word.lower() in lowered, word
    for number in numbers:
        assert number in reply.text, number
    for number in not_numbers:
        assert number not in reply.text, number
    # Nobody on duty in working hours: she is told a specialist has it, not "the centre is
    # closed" as well.
    assert "никого нет на смене" not in reply.text
    assert person.labels(reply) == ["Завершить разговор"]
    assert reply.at_hand is not None and "помощь сейчас" in reply.at_hand.text


async def test_the_help_button_gets_every_line_and_no_praise_for_a_tap(core, person):
    await person.says("/start")
    [reply] = await person.presses("Мне нужна помощь сейчас")
    assert "напишите сюда, что происходит" in reply.text.lower()
    for number in ("112", "103", "8-800-2000-122", "8-800-7000-600"):
        assert number in reply.text
    assert "важный шаг" not in reply.text


async def test_out_of_hours_the_one_reply_says_when_and_which_line_answers_now(core, person, clock):
    clock.advance(hours=NIGHT)
    [reply] = await person.says("он сказал что убьёт меня, я боюсь, он за дверью")
    assert "никого нет на смене" in reply.text
    assert "в среду, 25.11, с 09:00" in reply.text
    assert "круглосуточно" in reply.text
    assert "Соединяю" not in reply.text


@asynccontextmanager
async def core_with(database_url: str, tmp_path: Path, clock, **overrides: object):
    """A core like the ``core`` fixture's, with settings of the test's own."""
    settings = make_settings(database_url, tmp_path, **overrides)
    await reset_schema(settings.database_url)
    built = create_core(settings, clock=clock)
    try:
        yield built
    finally:
        await built.dispose()


async def test_shelters_from_the_config_file_are_named_for_a_night_without_a_roof(
    database_url, tmp_path, clock
):
    helplines = tmp_path / "helplines.toml"
    helplines.write_text(
        HELPLINES.read_text(encoding="utf-8")
        + '\n[[shelter]]\nname = "Кризисное отделение КЦСОН"\nphone = "8 (000) 111-22-33"\n'
        'hours = "круглосуточно"\nsource = "проверено для теста"\n',
        encoding="utf-8",
    )
    async with core_with(database_url, tmp_path, clock, helplines_file=helplines) as core:
        her = Person(core, RecordingMessenger())
        [reply] = await her.says("нас выгнали из дома с ребёнком, ночевать сегодня негде")
        assert "Кризисное отделение КЦСОН, круглосуточно — 8 (000) 111-22-33" in reply.text


async def test_the_bots_crisis_words_are_in_the_thread_marked_as_the_bots(core, person):
    [reply] = await person.says("муж бьёт меня прямо сейчас")
    summary = await only_case(core)
    bot_lines = [m for m in await thread(core, summary.id) if m.by == "bot"]
    assert [m.text for m in bot_lines] == [reply.text]
    assert all(m.direction == "system" and m.kind == "bot" for m in bot_lines)


# --- a word at every step while she waits ------------------------------------------------


async def test_nobody_accepting_in_working_hours_she_hears_at_each_step(core, person, clock):
    specialist = await make_staff(core)
    await put_on_duty(core, specialist, clock.now())
    await person.says("не хочу больше жить")
    scheduler = Scheduler(core)

    clock.advance(minutes=4)
    await scheduler.run_once()
    assert await person.inbox() == []  # before the first step: nothing more yet

    clock.advance(minutes=2)
    await scheduler.run_once()
    [first] = await person.inbox()
    assert "Специалист ещё не подключился" in first.text
    assert "+7 (495) 989-50-50" in first.text  # her danger's round-the-clock lines
    assert person.labels(first) == ["Завершить разговор"]

    clock.advance(minutes=10)
    await scheduler.run_once()
    [second] = await person.inbox()
    assert "координатора" in second.text and "8-800-2000-122" in second.text

    clock.advance(minutes=30)
    await scheduler.run_once()
    assert await person.inbox() == []  # the ladder has two steps; no flood after it
    summary = await only_case(core)
    said = [m.text for m in await thread(core, summary.id) if m.by == "bot"]
    assert said[-2:] == [first.text, second.text]


async def test_nobody_on_duty_at_night_she_hears_who_reads_her_and_when(core, person, clock):
    clock.advance(hours=NIGHT)
    await person.says("муж бьёт, я закрылась с ребёнком")
    clock.advance(minutes=6)
    await Scheduler(core).run_once()
    [word] = await person.inbox()
    assert "никого нет на смене" in word.text
    assert "в среду, 25.11, с 09:00" in word.text
    assert "8-800-7000-600" in word.text and "112" in word.text


async def test_are_you_there_gets_an_answer_but_not_a_flood(core, person, clock):
    await person.says("мне страшно, он грозится меня убить")
    clock.advance(minutes=1)
    assert await person.says("вы тут?") == []  # the danger's reply was a minute ago
    clock.advance(minutes=3)
    [ack] = await person.says("вы тут?")
    assert "Получили" in ack.text and "112" in ack.text
    assert await person.says("ответьте пожалуйста") == []
    clock.advance(minutes=3, seconds=1)
    [again] = await person.says("пожалуйста")
    assert "Получили" in again.text


async def test_she_is_told_when_a_person_takes_her_case(core, person):
    anna = await make_staff(core, name="Анна Петрова")
    await person.says("меня избил муж, я у соседки")
    summary = await only_case(core)
    async with core.uow() as uow:
        await cases.accept_case(uow, staff_id=anna.id, case_id=summary.id)
        await uow.commit()
    [joined] = await person.inbox()
    assert joined.text.startswith("Анна, специалист центра, теперь с вами в этом чате")
    assert "Петрова" not in joined.text
    clock_free = await person.says("спасибо")
    assert clock_free == []  # a person is with her: no bot acknowledgement in between


async def test_the_shown_name_is_a_setting(database_url, tmp_path, clock):
    async with core_with(database_url, tmp_path, clock, specialist_shown_as="none") as core:
        her = Person(core, RecordingMessenger())
        anna = await make_staff(core, name="Анна")
        await her.says("меня избил муж")
        async with core.uow() as uow:
            [summary] = await cases.list_cases(uow)
            await cases.accept_case(uow, staff_id=anna.id, case_id=summary.id)
            await cases.reply_to_case(uow, staff_id=anna.id, case_id=summary.id, text="Я здесь")
            await uow.commit()
        joined, reply = await her.inbox()
        assert joined.text.startswith("С вами теперь человек из центра")
        assert reply.text == "Центр:\nЯ здесь"
        assert "Анна" not in joined.text + reply.text


# --- ending safely ------------------------------------------------------------------------


async def test_ended_by_her_the_specialist_writes_one_last_message_and_records_the_outcome(
    core, person
):
    anna = await make_staff(core, name="Анна")
    await person.says("/start")
    await person.presses("Поговорить со специалистом")
    await person.presses("Другое")
    await person.says("хотела спросить про пособие")
    await person.says("/cancel")
    await person.presses("Да, завершить")
    summary = await only_case(core)
    assert summary.status == "ended"

    async with core.uow() as uow:
        await cases.reply_to_case(
            uow, staff_id=anna.id, case_id=summary.id, text="Если что — приходите во вторник."
        )
        await uow.commit()
    [last] = await person.inbox()
    assert last.text.endswith("Если что — приходите во вторник.")
    async with core.uow() as uow:
        with pytest.raises(Conflict) as refused:
            await cases.reply_to_case(uow, staff_id=anna.id, case_id=summary.id, text="И ещё")
        assert refused.value.code == "case-ended-last-message-sent"
    async with core.uow() as uow:
        await cases.close_case(
            uow, staff_id=anna.id, case_id=summary.id, outcome="Консультация дана"
        )
        await uow.commit()
    assert await person.inbox() == []  # she left: no "the specialist closed it" after that
    async with core.uow() as uow:
        [closed] = await cases.list_cases(uow, status="closed")
    assert closed.id == summary.id


async def test_her_next_message_after_ending_starts_afresh(core, person):
    await person.says("/start")
    await person.presses("Поговорить со специалистом")
    await person.presses("Другое")
    await person.says("/cancel")
    await person.presses("Да, завершить")
    replies = await person.says("а можно ещё вопрос")
    assert "выберите, о чём оно" in person.texts(replies)


async def test_an_urgent_case_closed_before_its_deadline_asks_for_a_reason(core, person):
    anna = await make_staff(core, name="Анна")
    await person.says("муж бьёт меня")
    summary = await only_case(core)
    assert summary.deadline_at is not None
    async with core.uow() as uow:
        with pytest.raises(InvalidInput) as refused:
            await cases.close_case(uow, staff_id=anna.id, case_id=summary.id, outcome="Всё")
        assert refused.value.code == "case-close-reason-required"
    async with core.uow() as uow:
        await cases.close_case(
            uow,
            staff_id=anna.id,
            case_id=summary.id,
            outcome="Консультация дана",
            reason="уехала к маме в другой город",
        )
        await uow.commit()
    lines = [m.text for m in await thread(core, summary.id) if m.direction == "system"]
    assert "Закрыто до срока. Причина: уехала к маме в другой город" in lines
    async with core.uow() as uow:
        [audit] = await uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "case.close")
        )
    assert audit.details["early"] is True
    assert "уехала" not in str(audit.details)  # her story stays on the case, encrypted


async def test_after_the_deadline_no_reason_is_needed(core, person, clock):
    anna = await make_staff(core, name="Анна")
    await person.says("нас выгнали из дома с ребёнком, ночевать сегодня негде")
    summary = await only_case(core)
    clock.advance(days=8)
    async with core.uow() as uow:
        await cases.close_case(uow, staff_id=anna.id, case_id=summary.id, outcome="Помогли")
        await uow.commit()


# --- leaving no trace ---------------------------------------------------------------------


@pytest.mark.parametrize(("channel", "how"), [("telegram", "Удалить"), ("vk", "Очистить историю")])
async def test_the_goodbye_says_how_to_clear_the_messengers_own_copy(core, channel, how):
    her = Person(core, RecordingMessenger(channel=channel))
    await her.says("/start")
    await her.presses("Мои данные")
    await her.presses("Удалить мои данные")
    goodbye, clear = await her.presses("Да, удалить")
    assert "удалены" in goodbye.text and "112" in goodbye.text
    assert "нажмите «Мне нужна помощь сейчас»" not in goodbye.text
    assert how in clear.text
