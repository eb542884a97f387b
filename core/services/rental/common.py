"""Small helpers every part of the rental point shares: limits, lookups, dates in words,
messages to her and notes on her case."""

from __future__ import annotations

from core.errors import InvalidInput
from core.models import Booking, Client, Staff
from core.notices import Notice, tell
from core.services import outbox
from core.services.cases import current_case, note_on_case
from core.services.clients import latest_identity
from core.services.lookup import get_or_404
from core.services.staff import require_manager
from core.uow import UnitOfWork

MAX_NAME = 80
MAX_TEXT = 500


async def booking_by_id(uow: UnitOfWork, booking_id: int) -> Booking:
    return await get_or_404(uow, Booking, booking_id, "rental-booking-not-found")


async def tell_about_booking(
    uow: UnitOfWork, booking: Booking, said: Notice, *, priority: int = outbox.LIVE
) -> None:
    """A message to her about her booking, through the channel she last used."""
    if booking.client_id is None:
        return
    client = await uow.session.get(Client, booking.client_id)
    identity = await latest_identity(uow, booking.client_id)
    if client is None or identity is None:
        return
    tell(uow, identity, client.locale, said, priority=priority)


async def note_on_her_case(uow: UnitOfWork, client_id: int, said: Notice) -> None:
    """A booking event of a person with an open case is written on her case."""
    case = await current_case(uow, client_id)
    if case is not None:
        await note_on_case(uow, case, said)


async def require_rental_manager(uow: UnitOfWork, staff_id: int) -> Staff:
    return await require_manager(uow, staff_id, "rental-manage-forbidden")


def clean_text(value: str, limit: int, code: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if (required and not value) or len(value) > limit:
        raise InvalidInput(code, limit=limit)
    return value
