"""The course in the bot: she finds a group, consents, enrols, gets reminders, answers them,
cancels, and the waiting list moves; stale buttons get a kind answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from core.bootstrap import Core
from core.models import Consent, CourseGroup, Enrollment
from core.scheduler import Scheduler
from core.services import courses
from core.services.courses import SessionSpec
from tests.factories import make_staff
from tests.fakes import RecordingMessenger
from tests.flows.harness import Person

# The FakeClock starts on Tuesday 24.11.2026, 11:00 Moscow time. The sessions are on
# Thursday 26.11 and Thursday 03.12 at 18:00 Moscow time (15:00 UTC).
FIRST = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
SECOND = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)


async def make_group(
    core: Core,
    *,
    capacity: int = 10,
    drop_ins: bool = False,
    title: str = "Весенняя группа",
    starts: tuple[datetime, ...] = (FIRST, SECOND),
) -> CourseGroup:
    coordinator = await make_staff(core, role="coordinator", name="Марина")
    async with core.uow() as uow:
        group = await courses.create_group(
            uow,
            staff_id=coordinator.id,
            title=title,
            capacity=capacity,
            place="ул. Садовая, 5, зал 2",
            audience="срок родов: январь–март",
            drop_ins=drop_ins,
            sessions=[
                SessionSpec(starts_at=at, topic=f"Тема {n}") for n, at in enumerate(starts, 1)
            ],
        )
        await uow.commit()
    return group


async def enrol_in_bot(person: Person, name: str = "Аня", *, group: str = "Весенняя группа"):
    await person.says("/start")
    await person.presses("Курс для будущих мам")
    await person.presses(group)
    if any("Записаться" in label for label in person.labels()):
        await person.presses("Записаться")
    else:
        await person.presses("лист ожидания")
    if any("Даю согласие" in label for label in person.labels()):
        await person.presses("Даю согласие")
    await person.says(name)
    return await person.presses("Пропустить")


@pytest.fixture
def messenger() -> RecordingMessenger:
    return RecordingMessenger()


@pytest.fixture
def her(core, messenger) -> Person:
    return Person(core, messenger, user_id="1001")


@pytest.fixture
def second(core, messenger) -> Person:
    return Person(core, messenger, user_id="1002")


async def enrollments(core: Core) -> list[Enrollment]:
    async with core.uow() as uow:
        return list(await uow.session.scalars(select(Enrollment).order_by(Enrollment.id)))


async def test_she_finds_a_group_consents_and_enrols_with_all_dates(core, her):
    await make_group(core)
    await her.says("/start")
    replies = await her.presses("Курс для будущих мам")
    text = her.texts(replies)
    assert "Подготовка к родам и материнству" in text
    assert "«Весенняя группа»" in text and "чт, 26.11, 18:00" in text
    assert "Свободно 10 мест" in text and "срок родов: январь–март" in text
    replies = await her.presses("Весенняя группа")
    text = her.texts(replies)
    assert "• чт, 26.11, 18:00 — Тема 1" in text and "• чт, 03.12, 18:00 — Тема 2" in text
    await her.presses("Записаться")
    consent = her.last_text
    assert "152-ФЗ" in consent and "Тестовый центр" in consent
    assert "30 дней" in consent and "Отозвать согласие" in consent
    assert her.labels() == ["✅ Даю согласие", "Не сейчас"]
    await her.presses("Даю согласие")
    assert "имя или никнейм" in her.last_text
    await her.says("Анна" * 30)
    assert "до 40 символов" in her.last_text
    await her.says("Аня")
    assert "срок родов или возраст малыша" in her.last_text
    replies = await her.says("март")
    text = her.texts(replies)
    assert "Готово, Аня!" in text and "«Весенняя группа»" in text
    assert "чт, 26.11, 18:00 — Тема 1" in text and "чт, 03.12, 18:00 — Тема 2" in text
    [enrollment] = await enrollments(core)
    assert enrollment.status == "active"
    assert "Аня" not in (enrollment.roll_name_enc or "")
    assert core.vault.decrypt(enrollment.roll_name_enc) == "Аня"
    assert core.vault.decrypt(enrollment.due_info_enc) == "март"
    async with core.uow() as uow:
        [consent_row] = list(await uow.session.scalars(select(Consent)))
    assert consent_row.purpose == "course" and consent_row.text_version


async def test_a_full_group_offers_the_waiting_list_and_a_freed_seat_goes_to_her(core, her, second):
    await make_group(core, capacity=1)
    await enrol_in_bot(her, "Аня")
    replies = await second.says("/start")
    await second.presses("Курс для будущих мам")
    assert "Мест нет" in second.last_text
    await second.presses("Весенняя группа")
    assert "⏳ Встать в лист ожидания" in second.labels()
    await second.presses("лист ожидания")
    await second.presses("Даю согласие")
    await second.says("Оля")
    replies = await second.presses("Пропустить")
    assert "ваш номер — 1" in second.texts(replies)

    # Anya cancels from "My course"; Olya is offered the seat at once.
    await her.presses("Мой курс")
    assert "Следующее занятие: чт, 26.11, 18:00 — Тема 1" in her.texts(her.seen[-3:])
    await her.presses("Отменить запись")
    replies = await her.presses("Да, отменить")
    assert "ваше имя удалено" in her.texts(replies)
    [offer] = await second.inbox()
    assert "освободилось место" in offer.text and "ср, 25.11, 11:00" in offer.text
    replies = await second.presses("Беру место")
    assert "Готово, Оля!" in second.texts(replies)
    anya, olya = await enrollments(core)
    assert anya.status == "cancelled" and anya.roll_name_enc is None
    assert olya.status == "active"
    async with core.uow() as uow:
        group = await courses.get_group(uow, olya.group_id)
    assert group.seats_taken == 1


async def test_an_unanswered_offer_expires_and_goes_to_the_next(core, clock, messenger):
    group = await make_group(core, capacity=1)
    people = [Person(core, messenger, user_id=str(2000 + n)) for n in range(3)]
    for n, person in enumerate(people):
        await enrol_in_bot(person, f"Имя{n}")
    first, waiting1, waiting2 = people
    await first.presses("Мой курс")
    await first.presses("Отменить запись")
    await first.presses("Да, отменить")
    [offer] = await waiting1.inbox()
    assert "Беру место" in " ".join(waiting1.labels())
    assert await waiting2.inbox() == []

    clock.advance(hours=23)
    await Scheduler(core).run_once()
    assert await waiting2.inbox() == []
    clock.advance(hours=2)
    await Scheduler(core).run_once()
    [expired] = await waiting1.inbox()
    assert "вышло" in expired.text
    [offer2] = await waiting2.inbox()
    assert "освободилось место" in offer2.text
    # The stale offer button of the first one gets a kind answer.
    replies = await waiting1.presses_payload(offer.buttons[0][0].payload)
    assert "Время подтвердить место вышло" in waiting1.texts(replies)
    await waiting2.presses("Беру место")
    statuses = [e.status for e in await enrollments(core)]
    assert statuses == ["cancelled", "expired", "active"]
    async with core.uow() as uow:
        assert (await courses.get_group(uow, group.id)).seats_taken == 1


async def test_reminders_come_the_evening_before_and_two_hours_before_with_answers(
    core, clock, her, second
):
    await make_group(core, capacity=1, drop_ins=True)
    await enrol_in_bot(her, "Аня")
    await enrol_in_bot(second, "Оля")  # on the waiting list
    scheduler = Scheduler(core)

    # Wednesday 25.11, 17:59 Moscow: nothing yet; 18:00: the evening reminder.
    clock.current = datetime(2026, 11, 25, 14, 59, tzinfo=UTC)
    await scheduler.run_once()
    assert await her.inbox() == []
    clock.advance(minutes=1)
    await scheduler.run_once()
    await scheduler.run_once()
    [eve] = await her.inbox()
    assert "Завтра занятие курса" in eve.text and "чт, 26.11, 18:00" in eve.text
    assert "ул. Садовая, 5, зал 2" in eve.text
    assert her.labels(eve) == ["✅ Приду", "❌ Не смогу"]

    # She can't come: her seat for that session goes to the waiting list (drop-ins allowed).
    replies = await her.presses("Не смогу")
    assert "предложим тем, кто в листе ожидания" in her.texts(replies)
    [drop] = await second.inbox()
    assert "освободилось одно место" in drop.text
    replies = await second.presses("Приду на это занятие")
    assert "Место ваше!" in second.texts(replies)
    # She changes her mind: the seat is gone for this session.
    replies = await her.presses_payload(eve.buttons[0][0].payload)
    assert "уже заняли" in her.texts(replies)

    # 16:00 on Thursday: the two-hours reminder goes to the drop-in, not to Anya.
    clock.current = FIRST - timedelta(hours=2)
    await scheduler.run_once()
    assert await her.inbox() == []
    [soon] = await second.inbox()
    assert "Через два часа, в 18:00" in soon.text
    await second.presses("Приду")
    assert "ждём вас" in second.last_text

    # The next week: Anya is reminded again (only she holds a seat).
    clock.current = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
    await scheduler.run_once()
    clock.current = SECOND - timedelta(hours=2)
    await scheduler.run_once()
    await scheduler.run_once()
    texts = [m.text for m in await her.inbox()]
    assert len(texts) == 2 and "03.12" in texts[0] and "Через два часа" in texts[1]
    assert await second.inbox() == []


async def test_stale_and_foreign_buttons_get_a_kind_answer(core, her, second):
    group = await make_group(core)
    await enrol_in_bot(her, "Аня")
    [anya] = await enrollments(core)
    async with core.uow() as uow:
        [first, _] = await courses.sessions_of(uow, group.id)
    # Someone else's enrolment, nonsense ids, a session that does not exist.
    for payload in (
        f"c:yes:{anya.id}:{first.id}",
        "c:no:999:999",
        f"c:cxy:{anya.id}",
        "c:take:123",
    ):
        replies = await second.presses_payload(payload)
        assert "Такой записи нет" in second.texts(replies), payload
        assert "📅 Мой курс" in second.labels()
    replies = await second.presses_payload("c:yes:abc")
    assert "из прошлого разговора" in second.texts(replies)
    assert [e.status for e in await enrollments(core)] == ["active"]

    # A cancelled session says so.
    coordinator = await make_staff(core, role="coordinator")
    async with core.uow() as uow:
        await courses.cancel_session(
            uow, staff_id=coordinator.id, session_id=first.id, reason="Зал на ремонте."
        )
        await uow.commit()
    [note] = await her.inbox()
    assert "отменено" in note.text and "Зал на ремонте." in note.text
    replies = await her.presses_payload(f"c:no:{anya.id}:{first.id}")
    assert "Это занятие отменено" in her.texts(replies)


async def test_a_group_that_filled_while_she_typed_offers_the_waiting_list_in_one_tap(
    core, her, second
):
    await make_group(core, capacity=1)
    await her.says("/start")
    await her.presses("Курс для будущих мам")
    await her.presses("Весенняя группа")
    await her.presses("Записаться")
    await her.presses("Даю согласие")
    await her.says("Аня")
    await enrol_in_bot(second, "Оля")  # takes the last seat meanwhile
    replies = await her.presses("Пропустить")
    assert "последнее место в группе заняли" in her.texts(replies)
    replies = await her.presses("лист ожидания")
    assert "ваш номер — 1" in her.texts(replies)
    statuses = [(e.status, core.vault.decrypt(e.roll_name_enc)) for e in await enrollments(core)]
    assert statuses == [("active", "Оля"), ("waiting", "Аня")]


async def test_she_skips_one_session_and_withdraws_her_consent(core, her):
    await make_group(core)
    await enrol_in_bot(her, "Аня")
    await her.presses("Мой курс")
    await her.presses("Пропущу занятие")
    replies = await her.presses("чт, 03.12")
    assert "на занятие чт, 03.12, 18:00 вас не ждём" in her.texts(replies)
    replies = await her.presses("Мой курс")
    assert "чт, 03.12, 18:00 — Тема 2 (вы сказали, что не сможете)" in her.texts(replies)
    await her.presses("Отозвать согласие")
    replies = await her.presses("Да, отозвать")
    assert "Согласие отозвано" in her.texts(replies)
    [anya] = await enrollments(core)
    assert anya.status == "cancelled" and anya.roll_name_enc is None
    async with core.uow() as uow:
        [consent_row] = list(await uow.session.scalars(select(Consent)))
    assert consent_row.withdrawn_at is not None


async def test_english_and_a_calendar_link_when_the_panel_is_public(core, messenger):
    core.settings.public_url = "https://aist.example.org"
    await make_group(core)
    person = Person(core, messenger, user_id="3003", language="en")
    await person.says("/start")
    await person.presses("Course")
    await person.presses("Весенняя группа")
    await person.presses("Enrol")
    assert "152-FZ" in person.last_text
    await person.presses("I agree")
    await person.says("Ann")
    replies = await person.presses("Skip")
    text = person.texts(replies)
    assert "Done, Ann!" in text and "Thu 26.11, 18:00" in text
    assert "https://aist.example.org/courses/ics/" in text


async def test_odd_inputs_at_every_step_get_a_next_step(core, her):
    group = await make_group(core)
    # Buttons out of their step or for a group that is gone.
    replies = await her.presses_payload("c:skip")
    assert "Группы, в которые идёт запись" in her.texts(replies)
    replies = await her.presses_payload("c:g:999")
    assert "Этой группы уже нет" in her.texts(replies)
    replies = await her.presses_payload("c:ok:999:e")
    assert "Этой группы уже нет" in her.texts(replies)
    # Free text on the consent screen: the question again, with its buttons.
    await her.presses_payload(f"c:e:{group.id}")
    replies = await her.says("а зачем вам имя?")
    assert "выберите ответ кнопкой" in her.texts(replies)
    assert her.labels() == ["✅ Даю согласие", "Не сейчас"]
    await her.presses("Даю согласие")
    await her.says("Аня")
    replies = await her.says("x" * 200)
    assert "до 60 символов" in her.texts(replies)
    await her.presses("Пропустить")
    # Enrolling twice: she is told she is in, and where to look.
    replies = await her.presses_payload(f"c:e:{group.id}")
    assert "Вы уже записаны" in her.texts(replies)
    assert len(await enrollments(core)) == 1


async def test_a_session_added_later_is_reminded_too(core, clock, her):
    group = await make_group(core, starts=(FIRST,))
    await enrol_in_bot(her, "Аня")
    coordinator = await make_staff(core, role="coordinator")
    later = SECOND
    async with core.uow() as uow:
        await courses.add_session(
            uow,
            staff_id=coordinator.id,
            group_id=group.id,
            spec=SessionSpec(starts_at=later, topic="Новая тема"),
        )
        await uow.commit()
    clock.current = later - timedelta(hours=2)
    await Scheduler(core).run_once()
    [soon] = await her.inbox()
    assert "«Новая тема»" in soon.text


async def test_my_data_names_the_course_consent_and_leads_to_withdrawing_it(core, clock):
    from core.services.clients import identify_client
    from core.services.consent import give_consent
    from tests.fakes import RecordingMessenger
    from tests.flows.harness import Person

    person = Person(core, RecordingMessenger())
    await person.says("/start")
    async with core.uow() as uow:
        client, _ = await identify_client(
            uow, channel="fake", user_id="1001", address="chat-1001", locale="ru"
        )
        await give_consent(uow, client_id=client.id, purpose="course")
        await uow.commit()
    await person.presses("Мои данные")
    assert "имя для списка группы" in person.last_text
    await person.presses("Отозвать согласие (курс)")
    assert "Отозвать" in " ".join(person.labels()) or "удалить" in " ".join(person.labels())
