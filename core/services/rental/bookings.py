"""Her bookings: the request (or the answer to an offer), the cancellation and the
withdrawal of her consent."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from core.db import rows_changed
from core.errors import Conflict, NotFound
from core.events import Event
from core.models import (
    ACTIVE_BOOKING,
    Booking,
    BookingStatus,
    Client,
    ItemStatus,
    RentalItem,
    RentalWaiter,
    WaitStatus,
)
from core.notices import notice
from core.services.audit import record_audit
from core.services.consent import has_consent, withdraw_consent
from core.services.rental.common import (
    MAX_TEXT,
    booking_by_id,
    note_on_her_case,
    tell_about_booking,
)
from core.services.rental.dates import check_contact_name, check_pickup_date, normalize_phone
from core.services.rental.reminders import schedule_pickup
from core.services.rental.transitions import move_booking, release_item
from core.services.rental.views import get_category, get_item, loan_days
from core.services.rental.waiting import offer_next
from core.uow import UnitOfWork


async def book_item(
    uow: UnitOfWork,
    *,
    client: Client,
    item_id: int,
    pickup_date: date,
    name: str,
    phone: str,
    offer_id: int | None = None,
) -> Booking:
    """Her booking request for an item (or the confirmation of a waiting-list offer)."""
    if not await has_consent(uow, client_id=client.id, purpose="rental"):
        raise Conflict("rental-consent-needed")
    name = check_contact_name(name)
    phone = normalize_phone(phone)
    await check_pickup_date(uow, pickup_date)
    item = await get_item(uow, item_id)
    category = await get_category(uow, item.category_id)
    now = uow.clock.now()
    if offer_id is not None:
        booking = await _claim_offer(uow, client=client, offer_id=offer_id, item_id=item_id)
    else:
        active = await uow.session.scalar(
            select(func.count()).where(
                Booking.client_id == client.id, Booking.status.in_(ACTIVE_BOOKING)
            )
        )
        if (active or 0) >= uow.settings.rental_max_active:
            raise Conflict("rental-too-many", limit=uow.settings.rental_max_active)
        taken = await uow.session.execute(
            update(RentalItem)
            .where(RentalItem.id == item_id, RentalItem.status == ItemStatus.available)
            .values(status=ItemStatus.booked)
        )
        if rows_changed(taken) != 1:
            raise Conflict("rental-item-taken")
        booking = Booking(
            item_id=item_id,
            client_id=client.id,
            status=BookingStatus.requested,
            created_at=now,
            updated_at=now,
            extensions=0,
        )
        uow.session.add(booking)
        try:
            await uow.session.flush()
        except IntegrityError:  # the partial unique index: the item is held by another
            raise Conflict("rental-item-taken-race") from None
    booking.pickup_date = pickup_date
    booking.due_date = pickup_date + timedelta(days=loan_days(item, category))
    booking.contact_name_enc = uow.vault.encrypt(name)
    booking.phone_enc = uow.vault.encrypt(phone)
    booking.updated_at = now
    await uow.session.flush()
    await schedule_pickup(uow, booking)
    await note_on_her_case(
        uow, client.id, notice("rental.requested", item=item.name, day=pickup_date)
    )
    uow.emit(Event("rental.changed", {"booking_id": booking.id}))
    return booking


async def _claim_offer(uow: UnitOfWork, *, client: Client, offer_id: int, item_id: int) -> Booking:
    booking = await uow.session.get(Booking, offer_id)
    if booking is None or booking.client_id != client.id or booking.item_id != item_id:
        raise NotFound("rental-offer-gone")
    result = await uow.session.execute(
        update(Booking)
        .where(
            Booking.id == offer_id,
            Booking.status == BookingStatus.offered,
            Booking.offer_expires_at > uow.clock.now(),
        )
        .values(status=BookingStatus.requested, offer_expires_at=None)
        .execution_options(synchronize_session=False)
    )
    if rows_changed(result) != 1:
        raise Conflict("rental-offer-gone")
    await uow.session.execute(
        update(RentalWaiter)
        .where(RentalWaiter.booking_id == offer_id)
        .values(status=WaitStatus.done)
    )
    await uow.session.refresh(booking)
    return booking


async def cancel_booking(
    uow: UnitOfWork,
    *,
    booking_id: int,
    client_id: int | None = None,
    staff_id: int | None = None,
    reason: str = "",
) -> Booking:
    """She (or staff, for her) cancels before the pickup; the item goes to the next in line."""
    booking = await booking_by_id(uow, booking_id)
    if staff_id is None and booking.client_id != client_id:
        raise NotFound("rental-booking-not-found")
    await move_booking(
        uow,
        booking,
        (BookingStatus.offered, BookingStatus.requested, BookingStatus.confirmed),
        BookingStatus.cancelled,
        code="rental-cannot-cancel",
    )
    booking.reason = reason.strip()[:MAX_TEXT] or None
    await release_item(uow, booking, ItemStatus.available)
    if staff_id is not None:
        record_audit(uow, "rental.booking.cancel", staff_id=staff_id, booking_id=booking.id)
        said = notice("rental.cancelled-by-staff", reason=booking.reason)
        await tell_about_booking(uow, booking, said)
    if booking.client_id is not None:
        item = await get_item(uow, booking.item_id)
        await note_on_her_case(uow, booking.client_id, notice("rental.cancelled", item=item.name))
    await offer_next(uow, (await get_item(uow, booking.item_id)).category_id)
    return booking


async def withdraw_rental_consent(uow: UnitOfWork, *, client_id: int) -> int:
    """She withdraws her consent: the name and phone leave every booking of hers, and the
    bookings not yet handed over (they need them) are cancelled. Returns how many were."""
    await withdraw_consent(uow, client_id=client_id, purpose="rental")
    cancelled = 0
    bookings = list(
        await uow.session.scalars(
            select(Booking).where(
                Booking.client_id == client_id,
                (Booking.contact_name_enc.is_not(None)) | (Booking.phone_enc.is_not(None)),
            )
        )
    )
    for booking in bookings:
        booking.contact_name_enc = None
        booking.phone_enc = None
        if booking.status in (BookingStatus.requested, BookingStatus.confirmed):
            await cancel_booking(
                uow, booking_id=booking.id, client_id=client_id, reason="consent withdrawn"
            )
            cancelled += 1
    return cancelled
