"""She writes to the bot, reaches the on-duty specialist in two taps, and hears back."""

from __future__ import annotations

import pytest

from core.services import cases
from tests.factories import make_staff, put_on_duty
from tests.fakes import RecordingMessenger
from tests.flows.harness import Person


@pytest.fixture
def person(core) -> Person:
    return Person(core, RecordingMessenger())


async def test_start_greets_promises_confidentiality_and_shows_the_whole_menu(person: Person):
    replies = await person.says("/start")
    text = person.texts(replies)
    assert "Имя называть не нужно" in text
    assert "Гость-" in text
    assert person.labels() == [
        "💬 Поговорить со специалистом",
        "🆘 Мне нужна помощь сейчас",
        "🧸 Пункт проката",
        "🤰 Курс для будущих мам",
        "ℹ️ О центре",
        "🔒 Мои данные",
    ]


async def test_two_taps_reach_the_specialist_on_duty_and_her_reply_comes_back(core, person, clock):
    specialist = await make_staff(core, name="Анна")
    await put_on_duty(core, specialist, clock.now())
    await person.says("/start")
    await person.presses("Поговорить со специалистом")
    assert "О чём вы хотите поговорить" in person.last_text
    assert "Беременность, сомнения" in person.labels()
    replies = await person.presses("Беременность, сомнения")
    assert "Дежурный специалист уже знает о вас" in person.texts(replies)
    await person.says("Мне страшно, я не знаю что делать")

    async with core.uow() as uow:
        [summary] = await cases.list_cases(uow)
        assert summary.routed_to_id == specialist.id
        assert summary.last_message == "Мне страшно, я не знаю что делать"
        await cases.reply_to_case(
            uow, staff_id=specialist.id, case_id=summary.id, text="Я здесь. Расскажите."
        )
        await uow.commit()

    [reply] = await person.inbox()  # a reply that takes the case needs no "joined" line
    assert reply.text == "Анна, специалист центра:\nЯ здесь. Расскажите."


async def test_nobody_on_duty_at_night_says_when_a_person_will_read(core, person, clock):
    clock.advance(hours=14)  # 01:00 Moscow time on Wednesday
    await person.says("/start")
    await person.presses("Поговорить со специалистом")
    replies = await person.presses("Другое")
    text = person.texts(replies)
    assert "в среду, 25.11, с 09:00" in text
    assert "112" in text


async def test_free_text_before_choosing_is_kept_and_lands_on_the_case(core, person):
    await person.says("Здравствуйте, мне нужна коляска")
    assert "сообщение сохранено" in person.last_text
    await person.presses("Деньги или жильё")
    async with core.uow() as uow:
        [summary] = await cases.list_cases(uow)
    assert summary.last_message == "Здравствуйте, мне нужна коляска"


async def test_end_conversation_asks_first_then_closes(core, person):
    await person.says("/start")
    await person.presses("Поговорить со специалистом")
    await person.presses("Другое")
    await person.says("/cancel")
    assert person.labels() == ["Да, завершить", "Нет, продолжим"]
    replies = await person.presses("Да, завершить")
    assert "Разговор завершён" in person.texts(replies)
    async with core.uow() as uow:
        [summary] = await cases.list_cases(uow, status="open")
        # Ended by her, it waits in the inbox for the specialist's outcome.
        assert summary.status == "ended"


async def test_a_stale_button_and_an_unknown_command_get_a_kind_answer(person):
    replies = await person.presses_payload("rental:item:999")
    assert "из прошлого разговора" in person.texts(replies)
    assert "💬 Поговорить со специалистом" in person.labels()
    replies = await person.says("/frobnicate")
    assert "Такой команды я не знаю" in person.texts(replies)


async def test_a_very_long_message_is_kept_whole(core, person):
    await person.says("/start")
    await person.presses("Поговорить со специалистом")
    await person.presses("Другое")
    long_text = "а" * 10_000
    replies = await person.says(long_text)
    assert "сохранили его целиком (3 части)" in person.texts(replies)
    async with core.uow() as uow:
        [summary] = await cases.list_cases(uow)
        detail = await cases.get_case(uow, case_id=summary.id, staff_id=None)
    incoming = [m for m in detail.messages if m.direction == "in"]
    assert "".join(m.text for m in incoming) == long_text


async def test_media_and_stickers(core, person):
    await person.says("/start")
    await person.presses("Поговорить со специалистом")
    await person.presses("Другое")
    await person.sends("photo", attachment="photo-file-id", caption="вот справка")
    replies = await person.sends("sticker", attachment="")
    assert "Стикеры я, к сожалению, передать не могу" in person.texts(replies)
    async with core.uow() as uow:
        [summary] = await cases.list_cases(uow)
        detail = await cases.get_case(uow, case_id=summary.id, staff_id=None)
    photo = [m for m in detail.messages if m.kind == "photo"]
    assert photo and photo[0].has_attachment and photo[0].text == "вот справка"


async def test_english_speaker_gets_english(core):
    person = Person(core, RecordingMessenger(), user_id="2002", language="en")
    replies = await person.says("/start")
    assert "You don't need to give your name" in person.texts(replies)


async def test_a_coordinator_links_her_chat_with_a_one_time_code(core, person):
    from core.models import Staff
    from core.services.urgency import create_link_code
    from tests.factories import make_staff as make

    coordinator = await make(core, role="coordinator", name="Марина")
    async with core.uow() as uow:
        code = await create_link_code(uow, staff_id=coordinator.id)
        await uow.commit()
    replies = await person.says("/link 000000")
    assert "Код не подошёл" in person.texts(replies)
    replies = await person.says(f"/link {code}")
    assert "Готово: Марина" in person.texts(replies)
    async with core.uow() as uow:
        linked = await uow.session.get(Staff, coordinator.id)
    assert linked.notify_channel == "fake" and linked.notify_address_enc
    assert "chat-1001" not in linked.notify_address_enc
