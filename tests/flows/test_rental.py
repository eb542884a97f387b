"""She finds a crib, books it for a day the point is open, gives consent only then, picks it
up (staff issue it), gets reminded and returns it; or she waits in line for one."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.models import Booking, BookingStatus, Consent, ItemStatus, RentalItem
from core.scheduler import Scheduler
from core.services import rental
from tests.factories import make_item, make_staff
from tests.fakes import RecordingMessenger
from tests.flows.harness import Person


@pytest.fixture
def person(core) -> Person:
    return Person(core, RecordingMessenger())


async def book_first_free(person: Person, day: str = "ср, 25.11") -> None:
    await person.says("/start")
    await person.presses("Пункт проката")
    await person.presses("Кроватки")
    await person.presses("Кроватка")
    await person.presses("Забронировать")
    await person.presses(day)
    await person.presses("Даю согласие")
    await person.says("Маша")
    await person.says("8 (900) 123-45-67")


async def test_catalogue_shows_what_is_free_now(core, person):
    coordinator = await make_staff(core, role="coordinator")
    await make_item(core, "Кроватки", "Кроватка белая", by=coordinator)
    await make_item(core, "Кроватки", "Кроватка с маятником", by=coordinator)
    await make_item(core, "Коляски", "Коляска зимняя", by=coordinator)
    await person.says("/start")
    await person.presses("Пункт проката")
    assert "Кроватки — свободно 2" in person.labels()
    assert "Коляски — свободно 1" in person.labels()
    await person.presses("Кроватки")
    assert person.labels()[:2] == ["Кроватка белая", "Кроватка с маятником"]


async def test_she_books_and_consent_comes_only_before_the_name(core, person, clock):
    await make_item(core, "Кроватки", "Кроватка белая", condition="как новая")
    await person.says("/start")
    await person.presses("Пункт проката")
    await person.presses("Кроватки")
    replies = await person.presses("Кроватка белая")
    assert "как новая" in person.texts(replies)
    await person.presses("Забронировать")
    # 11:00 Tuesday in Moscow: today still counts, the weekend does not.
    assert person.labels()[:6] == [
        "вт, 24.11",
        "ср, 25.11",
        "чт, 26.11",
        "пт, 27.11",
        "пн, 30.11",
        "вт, 01.12",
    ]
    async with core.uow() as uow:
        assert await uow.session.scalar(select(Consent)) is None
    replies = await person.presses("ср, 25.11")
    assert "152-ФЗ" in person.texts(replies)
    await person.presses("Даю согласие")
    assert "Достаточно имени" in person.last_text
    await person.says("Маша")
    replies = await person.says("8 (900) 123-45-67")
    text = person.texts(replies)
    assert "Заявка принята" in text and "25.11.2026" in text and "паспорт" in text

    async with core.uow() as uow:
        [booking] = await uow.session.scalars(select(Booking))
        assert booking.status == BookingStatus.requested
        assert uow.vault.decrypt(booking.phone_enc) == "+79001234567"
        assert "9001234567" not in booking.phone_enc  # stored encrypted
        consent = await uow.session.scalar(select(Consent))
        assert consent.text_version == "rental-2026-11"
        item = await uow.session.get(RentalItem, booking.item_id)
        assert item.status == ItemStatus.booked

    await person.presses("Мои брони")
    assert "ждёт подтверждения" in person.last_text


async def test_a_typed_past_or_closed_day_gets_a_kind_answer(core, person):
    await make_item(core, "Кроватки", "Кроватка белая")
    await person.says("/start")
    await person.presses("Пункт проката")
    await person.presses("Кроватки")
    await person.presses("Кроватка белая")
    await person.presses("Забронировать")
    replies = await person.says("20.11.2026")
    assert "уже прошёл" in person.texts(replies)
    replies = await person.says("29.11")  # Sunday
    assert "закрыт" in person.texts(replies)
    replies = await person.says("послезавтра?")
    assert "Напишите её так: 28.11" in person.texts(replies)
    replies = await person.says("26.11")
    assert "152-ФЗ" in person.texts(replies)


async def test_a_stale_day_button_from_last_week_asks_for_a_new_day(core, person):
    item = await make_item(core, "Кроватки", "Кроватка белая")
    await person.says("/start")
    replies = await person.presses_payload(f"r:d:{item.id}:20261117")
    assert "уже прошёл" in person.texts(replies)
    assert "ср, 25.11" in person.labels()


async def test_the_last_crib_taken_meanwhile_gets_a_next_step(core, person):
    item = await make_item(core, "Кроватки", "Кроватка белая")
    other = Person(core, person.messenger, user_id="2002")
    await person.says("/start")
    await person.presses("Пункт проката")
    await person.presses("Кроватки")
    await person.presses("Кроватка белая")
    await person.presses("Забронировать")
    await person.presses("ср, 25.11")
    await person.presses("Даю согласие")
    await person.says("Маша")
    # Another mother books the same crib while Masha types her number.
    await book_first_free(other)
    replies = await person.says("+7 900 123 45 67")
    assert "только что забронировала другая семья" in person.texts(replies)
    assert "🕒 Встать в очередь" in person.labels()
    async with core.uow() as uow:
        bookings = list(await uow.session.scalars(select(Booking)))
        assert [b.status for b in bookings] == [BookingStatus.requested]
        assert (await uow.session.get(RentalItem, item.id)).status == ItemStatus.booked


async def test_pickup_issue_reminders_and_return(core, person, clock):
    coordinator = await make_staff(core, role="coordinator")
    await make_item(core, "Кроватки", "Кроватка белая", by=coordinator)
    await book_first_free(person, "чт, 26.11")
    async with core.uow() as uow:
        [booking] = await rental.list_bookings(uow)
        await rental.confirm_booking(uow, staff_id=coordinator.id, booking_id=booking.id)
        await uow.commit()
    [confirmed] = await person.inbox()
    assert "Бронь подтверждена" in confirmed.text

    scheduler = Scheduler(core)
    clock.advance(hours=22)  # Tuesday 09:00 Moscow: not yet
    await scheduler.run_once()
    assert await person.inbox() == []
    clock.advance(hours=1, minutes=1)  # 10:01 the day before the pickup
    await scheduler.run_once()
    [reminder] = await person.inbox()
    assert "завтра, 26.11.2026" in reminder.text
    await scheduler.run_once()
    assert await person.inbox() == []  # once

    clock.advance(days=1)
    async with core.uow() as uow:
        issued = await rental.issue_item(uow, staff_id=coordinator.id, booking_id=booking.id)
        await uow.commit()
    [issued_msg] = await person.inbox()
    assert "Вернуть нужно до 26.12.2026" in issued_msg.text
    assert issued.due_date.isoformat() == "2026-12-26"

    clock.advance(days=27)  # 23.12, 10:01: three days before
    await scheduler.run_once()
    [soon] = await person.inbox()
    assert "Через три дня" in soon.text
    clock.advance(days=4)  # 27.12: a day late, gently
    await scheduler.run_once()
    late = person.texts(await person.inbox())
    assert "пора вернуть" in late and "штраф" not in late

    async with core.uow() as uow:
        await rental.return_item(
            uow, staff_id=coordinator.id, booking_id=booking.id, condition="хорошее"
        )
        await uow.commit()
    [thanks] = await person.inbox()
    assert "Спасибо, что вернули" in thanks.text
    async with core.uow() as uow:
        row = await uow.session.get(Booking, booking.id)
        assert row.status == BookingStatus.returned
        assert row.phone_enc is None and row.contact_name_enc is None  # erased after return
    clock.advance(days=7)
    await scheduler.run_once()
    assert await person.inbox() == []  # no overdue reminder after the return


async def test_waiting_list_offer_then_booking(core, person, clock):
    coordinator = await make_staff(core, role="coordinator")
    await make_item(core, "Кроватки", "Кроватка белая", by=coordinator)
    first = Person(core, person.messenger, user_id="3003")
    await book_first_free(first)

    await person.says("/start")
    await person.presses("Пункт проката")
    await person.presses("Кроватки — всё выдано")
    replies = await person.presses("Встать в очередь")
    assert "ваш номер — 1" in person.texts(replies)

    async with core.uow() as uow:
        [booking] = await rental.list_bookings(uow)
        await rental.cancel_booking(uow, booking_id=booking.id, client_id=booking.client_id)
        await uow.commit()
    [offer] = await person.inbox()
    assert "Освободилось" in offer.text
    await person.presses("Да, забронировать")
    await person.presses("чт, 26.11")
    await person.presses("Даю согласие")
    await person.says("Оля")
    replies = await person.says("+79990001122")
    assert "Заявка принята" in person.texts(replies)
    async with core.uow() as uow:
        statuses = sorted(b.status for b in await rental.list_bookings(uow))
        assert statuses == ["cancelled", "requested"]


async def test_an_unanswered_offer_goes_to_the_next_in_line(core, person, clock):
    coordinator = await make_staff(core, role="coordinator")
    item = await make_item(core, "Кроватки", "Кроватка белая", by=coordinator)
    async with core.uow() as uow:
        await rental.set_item_status(
            uow, staff_id=coordinator.id, item_id=item.id, status="in_repair"
        )
        await uow.commit()
    second = Person(core, person.messenger, user_id="4004")
    for someone in (person, second):
        await someone.says("/start")
        await someone.presses("Пункт проката")
        await someone.presses("Кроватки")
        await someone.presses("Встать в очередь")
    async with core.uow() as uow:
        await rental.set_item_status(
            uow, staff_id=coordinator.id, item_id=item.id, status="available"
        )
        await uow.commit()
    assert "Освободилось" in person.texts(await person.inbox())
    assert await second.inbox() == []
    clock.advance(hours=25)
    await Scheduler(core).run_once()
    assert "истекло" in person.texts(await person.inbox())
    assert "Освободилось" in second.texts(await second.inbox())
    # Her old "yes" button no longer books anything.
    replies = await person.presses("Да, забронировать")
    assert "уже неактуально" in person.texts(replies)


async def test_refusing_consent_stores_nothing_and_offers_a_person(core, person):
    await make_item(core, "Кроватки", "Кроватка белая")
    await person.says("/start")
    await person.presses("Пункт проката")
    await person.presses("Кроватки")
    await person.presses("Кроватка белая")
    await person.presses("Забронировать")
    await person.presses("ср, 25.11")
    replies = await person.presses("Нет, не сейчас")
    assert "анонимно" in person.texts(replies)
    async with core.uow() as uow:
        assert await uow.session.scalar(select(Consent)) is None
        assert await uow.session.scalar(select(Booking)) is None


async def test_she_cancels_her_booking(core, person):
    await make_item(core, "Кроватки", "Кроватка белая")
    await book_first_free(person)
    await person.presses("Мои брони")
    await person.presses("Отменить бронь")
    replies = await person.presses("Да, отменить")
    assert "Бронь отменена" in person.texts(replies)
    # The stale "yes" pressed again: a kind word, no error.
    replies = await person.presses("Да, отменить")
    assert "уже нельзя отменить" in person.texts(replies)


async def test_my_data_tells_what_she_gave_and_withdrawing_erases_it(core, person):
    await make_item(core, "Кроватки", "Кроватка белая")
    await person.says("/start")
    await person.presses("Мои данные")
    assert "Имени, номера телефона и ника у нас нет" in person.last_text
    await book_first_free(person)
    await person.presses_payload("m:data")
    assert "вы дали имя и телефон" in person.last_text
    replies = await person.presses("Отозвать согласие")
    assert "Согласие отозвано" in person.texts(replies)
    async with core.uow() as uow:
        [booking] = await uow.session.scalars(select(Booking))
        assert booking.status == BookingStatus.cancelled
        assert booking.phone_enc is None and booking.contact_name_enc is None
        consent = await uow.session.scalar(select(Consent))
        assert consent.withdrawn_at is not None
    await person.presses_payload("m:data")
    assert "Имени, номера телефона и ника у нас нет" in person.last_text


async def test_the_item_card_carries_its_photo_not_a_link_in_the_text(core, person):
    coordinator = await make_staff(core, role="coordinator")
    url = "https://example.org/crib.jpg"
    await make_item(core, "Кроватки", "Кроватка белая", by=coordinator, photo_url=url)
    await make_item(core, "Коляски", "Коляска зимняя", by=coordinator)
    await person.says("/start")
    await person.presses("Пункт проката")
    await person.presses("Кроватки")
    [card] = await person.presses("Кроватка белая")
    # Through the outbox and back: the photo survives the JSON of a queued message.
    assert card.photo == url and url not in card.text
    assert "Кроватка белая" in card.text and "✅ Забронировать" in person.labels()
    await person.presses("Каталог")
    await person.presses("Коляски")
    [card] = await person.presses("Коляска зимняя")
    assert card.photo is None and "Коляска зимняя" in card.text
