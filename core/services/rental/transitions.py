"""The conditional status changes of a booking and the release of its item."""

from __future__ import annotations

from sqlalchemy import update

from core.db import rows_changed
from core.errors import Conflict
from core.events import Event
from core.models import Booking, BookingStatus, ItemStatus, RentalItem
from core.services.reminders import cancel_reminders
from core.services.rental.views import get_item
from core.uow import UnitOfWork


async def move_booking(
    uow: UnitOfWork,
    booking: Booking,
    sources: tuple[str, ...],
    target: str,
    *,
    code: str,
) -> None:
    """A conditional status change: of two concurrent attempts, exactly one wins."""
    result = await uow.session.execute(
        update(Booking)
        .where(Booking.id == booking.id, Booking.status.in_(sources))
        .values(status=target, updated_at=uow.clock.now())
        .execution_options(synchronize_session=False)
    )
    if rows_changed(result) != 1:
        await uow.session.refresh(booking)
        raise Conflict(code, status=booking.status)
    await uow.session.refresh(booking)
    uow.emit(Event("rental.changed", {"booking_id": booking.id, "status": target}))


async def release_item(uow: UnitOfWork, booking: Booking, status: str | None) -> RentalItem:
    """The item is free again (or goes to repair) once its booking ended."""
    item = await get_item(uow, booking.item_id)
    item.status = status or ItemStatus.available
    if booking.status != BookingStatus.returned:
        booking.contact_name_enc = None
        booking.phone_enc = None
        await cancel_reminders(uow, prefix=f"booking:{booking.id}:")
    return item
