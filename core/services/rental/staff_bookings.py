"""Staff on a booking: confirm, decline, issue, take back and extend."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import update

from core.date_window import check_day
from core.db import rows_changed
from core.errors import Conflict, InvalidInput
from core.models import Booking, BookingStatus, ItemStatus, RentalItem
from core.notices import notice
from core.services.audit import record_audit
from core.services.reminders import cancel_reminders
from core.services.rental.common import MAX_TEXT, booking_by_id, clean_text, tell_about_booking
from core.services.rental.reminders import schedule_return
from core.services.rental.transitions import move_booking, release_item
from core.services.rental.views import get_category, get_item, loan_days, local_today
from core.services.rental.waiting import offer_next
from core.uow import UnitOfWork


async def confirm_booking(uow: UnitOfWork, *, staff_id: int, booking_id: int) -> Booking:
    booking = await booking_by_id(uow, booking_id)
    await move_booking(
        uow,
        booking,
        (BookingStatus.requested,),
        BookingStatus.confirmed,
        code="rental-cannot-confirm",
    )
    record_audit(uow, "rental.booking.confirm", staff_id=staff_id, booking_id=booking.id)
    item = await get_item(uow, booking.item_id)
    said = notice("rental.confirmed", item=item.name, day=booking.pickup_date)
    await tell_about_booking(uow, booking, said)
    return booking


async def decline_booking(
    uow: UnitOfWork, *, staff_id: int, booking_id: int, reason: str
) -> Booking:
    """A refusal always says why: she sees the reason."""
    reason = clean_text(reason, MAX_TEXT, "rental-reason-needed")
    booking = await booking_by_id(uow, booking_id)
    await move_booking(
        uow,
        booking,
        (BookingStatus.requested, BookingStatus.confirmed),
        BookingStatus.declined,
        code="rental-cannot-decline",
    )
    booking.reason = reason
    await release_item(uow, booking, ItemStatus.available)
    record_audit(uow, "rental.booking.decline", staff_id=staff_id, booking_id=booking.id)
    item = await get_item(uow, booking.item_id)
    await tell_about_booking(uow, booking, notice("rental.declined", item=item.name, reason=reason))
    await offer_next(uow, item.category_id)
    return booking


async def issue_item(
    uow: UnitOfWork, *, staff_id: int, booking_id: int, due_date: date | None = None
) -> Booking:
    """She took the item: the date is recorded and the return date fixed."""
    if due_date is not None:
        check_day(due_date)  # before the reminders' date arithmetic
    booking = await booking_by_id(uow, booking_id)
    item = await get_item(uow, booking.item_id)
    category = await get_category(uow, item.category_id)
    today = local_today(uow)
    due = due_date or today + timedelta(days=loan_days(item, category))
    if due <= today:
        raise InvalidInput("rental-due-past")
    await move_booking(
        uow,
        booking,
        (BookingStatus.requested, BookingStatus.confirmed),
        BookingStatus.issued,
        code="rental-cannot-issue",
    )
    moved = await uow.session.execute(
        update(RentalItem)
        .where(RentalItem.id == item.id, RentalItem.status == ItemStatus.booked)
        .values(status=ItemStatus.issued)
    )
    if rows_changed(moved) != 1:
        raise Conflict("rental-cannot-issue")
    booking.issued_at = uow.clock.now()
    booking.due_date = due
    await cancel_reminders(uow, prefix=f"booking:{booking.id}:")
    await schedule_return(uow, booking)
    record_audit(
        uow,
        "rental.booking.issue",
        staff_id=staff_id,
        booking_id=booking.id,
        due_date=due.isoformat(),
    )
    await tell_about_booking(uow, booking, notice("rental.issued", item=item.name, due=due))
    return booking


async def return_item(
    uow: UnitOfWork,
    *,
    staff_id: int,
    booking_id: int,
    condition: str = "",
    needs_repair: bool = False,
) -> Booking:
    """The item is back: its condition is recorded, her contacts are erased, the next in
    line is offered it (unless it goes to repair)."""
    booking = await booking_by_id(uow, booking_id)
    condition = clean_text(condition, 200, "rental-bad-text", required=False)
    await move_booking(
        uow, booking, (BookingStatus.issued,), BookingStatus.returned, code="rental-not-issued"
    )
    booking.returned_at = uow.clock.now()
    booking.return_condition = condition or None
    item = await release_item(uow, booking, ItemStatus.in_repair if needs_repair else None)
    if condition:
        item.condition = condition
    booking.contact_name_enc = None
    booking.phone_enc = None
    await cancel_reminders(uow, prefix=f"booking:{booking.id}:")
    record_audit(
        uow,
        "rental.booking.return",
        staff_id=staff_id,
        booking_id=booking.id,
        needs_repair=needs_repair,
    )
    await tell_about_booking(uow, booking, notice("rental.returned", item=item.name))
    if not needs_repair:
        await offer_next(uow, item.category_id)
    return booking


async def extend_booking(
    uow: UnitOfWork, *, staff_id: int, booking_id: int, due_date: date
) -> Booking:
    check_day(due_date)  # before the reminders' date arithmetic
    booking = await booking_by_id(uow, booking_id)
    if booking.status != BookingStatus.issued:
        raise Conflict("rental-not-issued")
    if booking.due_date is not None and due_date <= booking.due_date:
        raise InvalidInput("rental-extend-earlier")
    if due_date <= local_today(uow):
        raise InvalidInput("rental-due-past")
    previous = booking.due_date
    booking.due_date = due_date
    booking.extensions += 1
    booking.updated_at = uow.clock.now()
    await cancel_reminders(uow, prefix=f"booking:{booking.id}:")
    await schedule_return(uow, booking)
    record_audit(
        uow,
        "rental.booking.extend",
        staff_id=staff_id,
        booking_id=booking.id,
        previous=previous.isoformat() if previous else None,
        due_date=due_date.isoformat(),
    )
    item = await get_item(uow, booking.item_id)
    said = notice("rental.extended", item=item.name, due=due_date)
    await tell_about_booking(uow, booking, said)
    return booking
