"""The waiting list: joining and leaving a line, offers of a freed item, their expiry, and
urgent cases put first."""

from __future__ import annotations

from sqlalchemy import select, update

from core.db import rows_changed
from core.errors import NotFound
from core.events import Event
from core.models import (
    Booking,
    BookingStatus,
    Client,
    ItemStatus,
    RentalItem,
    RentalWaiter,
    WaitStatus,
)
from core.notices import notice
from core.services import outbox
from core.services.audit import record_audit
from core.services.held_offers import held_until, lapsed_offers
from core.services.rental.common import require_rental_manager, tell_about_booking
from core.services.rental.transitions import move_booking, release_item
from core.services.rental.views import free_items, get_category, get_item, waiting_list
from core.uow import UnitOfWork


async def join_waiting_list(
    uow: UnitOfWork, *, client: Client, category_id: int
) -> tuple[RentalWaiter, int]:
    """Her place in the line of a category; joining twice keeps the first place."""
    await get_category(uow, category_id)
    existing = await uow.session.scalar(
        select(RentalWaiter).where(
            RentalWaiter.client_id == client.id,
            RentalWaiter.category_id == category_id,
            RentalWaiter.status.in_([WaitStatus.waiting, WaitStatus.offered]),
        )
    )
    waiter = existing
    if waiter is None:
        waiter = RentalWaiter(
            category_id=category_id,
            client_id=client.id,
            status=WaitStatus.waiting,
            urgent=False,
            created_at=uow.clock.now(),
        )
        uow.session.add(waiter)
        await uow.session.flush()
        uow.emit(Event("rental.changed", {"category_id": category_id}))
    line = await waiting_list(uow, category_id)
    position = next((w.position for w in line if w.id == waiter.id), len(line))
    # Something may be free already (returned a minute ago): offer it at once.
    await offer_next(uow, category_id)
    return waiter, position


async def leave_waiting_list(uow: UnitOfWork, *, client_id: int, category_id: int) -> bool:
    result = await uow.session.execute(
        update(RentalWaiter)
        .where(
            RentalWaiter.client_id == client_id,
            RentalWaiter.category_id == category_id,
            RentalWaiter.status == WaitStatus.waiting,
        )
        .values(status=WaitStatus.cancelled)
    )
    return rows_changed(result) > 0


async def decline_offer(uow: UnitOfWork, *, client: Client, offer_id: int) -> None:
    booking = await uow.session.get(Booking, offer_id)
    if booking is None or booking.client_id != client.id:
        raise NotFound("rental-offer-gone")
    await move_booking(
        uow, booking, (BookingStatus.offered,), BookingStatus.cancelled, code="rental-offer-gone"
    )
    await uow.session.execute(
        update(RentalWaiter)
        .where(RentalWaiter.booking_id == offer_id)
        .values(status=WaitStatus.cancelled)
    )
    await release_item(uow, booking, ItemStatus.available)
    await offer_next(uow, (await get_item(uow, booking.item_id)).category_id)


async def offer_next(uow: UnitOfWork, category_id: int) -> int:
    """Offers free items of the category to the people waiting, in line order; returns how
    many offers went out. The item is held for her until the offer runs out."""
    offered = 0
    while True:
        waiter = await uow.session.scalar(
            select(RentalWaiter)
            .where(
                RentalWaiter.category_id == category_id,
                RentalWaiter.status == WaitStatus.waiting,
            )
            .order_by(RentalWaiter.urgent.desc(), RentalWaiter.id)
            .limit(1)
        )
        if waiter is None:
            return offered
        item = await _hold_free_item(uow, category_id)
        if item is None:
            return offered
        now = uow.clock.now()
        booking = Booking(
            item_id=item.id,
            client_id=waiter.client_id,
            status=BookingStatus.offered,
            offer_expires_at=held_until(uow, uow.settings.rental_offer_hold_hours),
            created_at=now,
            updated_at=now,
            extensions=0,
        )
        uow.session.add(booking)
        await uow.session.flush()
        waiter.status = WaitStatus.offered
        waiter.booking_id = booking.id
        said = notice(
            "rental.offer",
            booking_id=booking.id,
            item=item.name,
            until=booking.offer_expires_at,
        )
        await tell_about_booking(uow, booking, said)
        uow.emit(Event("rental.changed", {"booking_id": booking.id}))
        offered += 1


async def _hold_free_item(uow: UnitOfWork, category_id: int) -> RentalItem | None:
    for item in await free_items(uow, category_id):
        taken = await uow.session.execute(
            update(RentalItem)
            .where(RentalItem.id == item.id, RentalItem.status == ItemStatus.available)
            .values(status=ItemStatus.booked)
        )
        if rows_changed(taken) == 1:
            return item
    return None


async def expire_offers(uow: UnitOfWork) -> int:
    """Scheduler job: offers not answered in time end; the item goes to the next in line."""
    now = uow.clock.now()
    stale = await lapsed_offers(
        uow,
        Booking,
        status=Booking.status,
        offered=BookingStatus.offered,
        expires_at=Booking.offer_expires_at,
        id_column=Booking.id,
    )
    categories: set[int] = set()
    for booking in stale:
        booking.status = BookingStatus.expired
        booking.updated_at = now
        await uow.session.execute(
            update(RentalWaiter)
            .where(RentalWaiter.booking_id == booking.id)
            .values(status=WaitStatus.cancelled)
        )
        await release_item(uow, booking, ItemStatus.available)
        item = await get_item(uow, booking.item_id)
        said = notice("rental.offer-expired", category_id=item.category_id, item=item.name)
        await tell_about_booking(uow, booking, said, priority=outbox.BULK)
        categories.add(item.category_id)
    await uow.session.flush()
    for category_id in categories:
        await offer_next(uow, category_id)
    return len(stale)


async def put_first(uow: UnitOfWork, *, staff_id: int, waiter_id: int, urgent: bool = True) -> None:
    """The coordinator moves an urgent case to the head of a waiting list."""
    await require_rental_manager(uow, staff_id)
    waiter = await uow.session.get(RentalWaiter, waiter_id)
    if waiter is None or waiter.status != WaitStatus.waiting:
        raise NotFound("rental-waiter-not-found")
    waiter.urgent = urgent
    record_audit(uow, "rental.wait.urgent", staff_id=staff_id, waiter_id=waiter_id, urgent=urgent)
    uow.emit(Event("rental.changed", {"category_id": waiter.category_id}))
