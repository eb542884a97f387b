"""No item is ever held by two bookings: many people pressing "Book" on the last crib in the
same instant, two staff pressing "Issue" together, and a direct insert that skips the
service all end with one booking — on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from core.errors import Conflict
from core.models import Booking, BookingStatus, ItemStatus, RentalItem
from core.services import rental
from core.services.clients import identify_client
from core.services.consent import give_consent
from tests.factories import make_item, make_staff, next_pickup_day


async def consenting_person(core, n: int):
    async with core.uow() as uow:
        client, _ = await identify_client(
            uow, channel="telegram", user_id=f"9{n:03d}", address=f"9{n:03d}", locale="ru"
        )
        await give_consent(uow, client_id=client.id, purpose="rental")
        await uow.commit()
    return client


async def try_booking(core, client, item_id: int) -> str:
    try:
        async with core.uow() as uow:
            await rental.book_item(
                uow,
                client=client,
                item_id=item_id,
                pickup_date=await next_pickup_day(uow),
                name="Имя",
                phone="+79000000000",
            )
            await uow.commit()
    except Conflict as error:
        return error.code
    return "booked"


async def test_twelve_people_book_the_last_crib_at_once(core):
    item = await make_item(core, "Кроватки", "Последняя кроватка")
    people = [await consenting_person(core, n) for n in range(12)]
    results = await asyncio.gather(*(try_booking(core, p, item.id) for p in people))
    assert results.count("booked") == 1, results
    assert set(results) - {"booked"} <= {"rental-item-taken", "rental-item-taken-race"}
    async with core.uow() as uow:
        active = await uow.session.scalar(select(func.count()).where(Booking.item_id == item.id))
        assert active == 1
        assert (await uow.session.get(RentalItem, item.id)).status == ItemStatus.booked


async def test_three_cribs_go_to_exactly_three_of_twelve(core):
    coordinator = await make_staff(core, role="coordinator")
    items = [await make_item(core, "Кроватки", by=coordinator) for _ in range(3)]
    people = [await consenting_person(core, n) for n in range(12)]
    results = await asyncio.gather(
        *(try_booking(core, p, items[n % 3].id) for n, p in enumerate(people))
    )
    assert results.count("booked") == 3, results
    async with core.uow() as uow:
        per_item = (
            await uow.session.execute(
                select(Booking.item_id, func.count()).group_by(Booking.item_id)
            )
        ).all()
        assert sorted(count for _, count in per_item) == [1, 1, 1]


async def test_two_staff_press_issue_together_and_one_wins(core):
    coordinator = await make_staff(core, role="coordinator")
    other = await make_staff(core, role="specialist")
    item = await make_item(core, "Кроватки", by=coordinator)
    person = await consenting_person(core, 1)
    assert await try_booking(core, person, item.id) == "booked"
    async with core.uow() as uow:
        [booking] = await rental.list_bookings(uow)

    async def issue(staff_id: int) -> str:
        try:
            async with core.uow() as uow:
                await rental.issue_item(uow, staff_id=staff_id, booking_id=booking.id)
                await uow.commit()
        except Conflict as error:
            return error.code
        return "issued"

    results = await asyncio.gather(issue(coordinator.id), issue(other.id))
    assert sorted(results) == ["issued", "rental-cannot-issue"]
    async with core.uow() as uow:
        assert (await uow.session.get(RentalItem, item.id)).status == ItemStatus.issued


async def test_the_database_itself_refuses_a_second_active_booking(core, clock):
    """The partial unique index holds even for code that skips the service."""
    item = await make_item(core, "Кроватки")
    person = await consenting_person(core, 1)
    now = clock.now()
    with pytest.raises(IntegrityError):
        async with core.uow() as uow:
            for status in (BookingStatus.confirmed, BookingStatus.requested):
                uow.session.add(
                    Booking(
                        item_id=item.id,
                        client_id=person.id,
                        status=status,
                        created_at=now,
                        updated_at=now,
                        extensions=0,
                    )
                )
            await uow.session.flush()
    # Ended bookings do not count: history of the item may hold many.
    async with core.uow() as uow:
        for status in (BookingStatus.returned, BookingStatus.cancelled, BookingStatus.issued):
            uow.session.add(
                Booking(
                    item_id=item.id,
                    client_id=person.id,
                    status=status,
                    created_at=now,
                    updated_at=now,
                    extensions=0,
                )
            )
        await uow.commit()


async def test_a_return_of_an_item_never_issued_is_refused(core):
    coordinator = await make_staff(core, role="coordinator")
    item = await make_item(core, "Кроватки", by=coordinator)
    person = await consenting_person(core, 1)
    await try_booking(core, person, item.id)
    async with core.uow() as uow:
        [booking] = await rental.list_bookings(uow)
        with pytest.raises(Conflict) as refused:
            await rental.return_item(uow, staff_id=coordinator.id, booking_id=booking.id)
        assert refused.value.code == "rental-not-issued"
