"""Booking reminders: scheduling them and the texts they send (pickup, return, overdue)."""

from __future__ import annotations

from datetime import timedelta

from core.models import Booking, BookingStatus, Client, Reminder
from core.notices import Notice, notice
from core.services.reminders import Handler, local_at, schedule_reminder
from core.services.rental.views import get_item
from core.uow import UnitOfWork


async def schedule_pickup(uow: UnitOfWork, booking: Booking) -> None:
    if booking.pickup_date is None or booking.client_id is None:
        return
    at = local_at(uow, booking.pickup_date - timedelta(days=1), uow.settings.reminder_time)
    await schedule_reminder(
        uow,
        key=f"booking:{booking.id}:pickup:{booking.pickup_date:%Y%m%d}",
        kind="rental.pickup",
        client_id=booking.client_id,
        ref_id=booking.id,
        due_at=at,
    )


RETURN_STEPS = {"due-3": -3, "due-0": 0, "late-1": 1, "late-7": 7}


async def schedule_return(uow: UnitOfWork, booking: Booking) -> None:
    if booking.due_date is None or booking.client_id is None:
        return
    for step, offset in RETURN_STEPS.items():
        await schedule_reminder(
            uow,
            key=f"booking:{booking.id}:{step}:{booking.due_date:%Y%m%d}",
            kind=f"rental.{step}",
            client_id=booking.client_id,
            ref_id=booking.id,
            due_at=local_at(
                uow, booking.due_date + timedelta(days=offset), uow.settings.reminder_time
            ),
        )


async def _remind_pickup(uow: UnitOfWork, reminder: Reminder, client: Client) -> Notice | None:
    booking = await uow.session.get(Booking, reminder.ref_id)
    if booking is None or booking.status not in (BookingStatus.requested, BookingStatus.confirmed):
        return None
    item = await get_item(uow, booking.item_id)
    return notice("rental.remind-pickup", item=item.name, day=booking.pickup_date)


def _return_reminder(step: str) -> Handler:
    async def remind(uow: UnitOfWork, reminder: Reminder, client: Client) -> Notice | None:
        booking = await uow.session.get(Booking, reminder.ref_id)
        if booking is None or booking.status != BookingStatus.issued:
            return None
        if booking.due_date is None or not reminder.key.endswith(f"{booking.due_date:%Y%m%d}"):
            return None
        item = await get_item(uow, booking.item_id)
        return notice(f"rental.remind-{step}", item=item.name, due=booking.due_date)

    return remind


REMINDER_HANDLERS: dict[str, Handler] = {
    "rental.pickup": _remind_pickup,
    **{f"rental.{step}": _return_reminder(step) for step in RETURN_STEPS},
}
