"""Small helpers every part of the rental point shares: limits, lookups, dates in words,
messages to her and notes on her case."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from core.errors import InvalidInput, NotFound
from core.messages import Button, Outgoing
from core.models import Booking, Client, Staff
from core.services import outbox
from core.services.cases import add_system_message, current_case
from core.services.clients import latest_identity
from core.services.staff import require_manager
from core.uow import UnitOfWork

MAX_NAME = 80
MAX_TEXT = 500


def _rows(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


async def _booking(uow: UnitOfWork, booking_id: int) -> Booking:
    booking = await uow.session.get(Booking, booking_id)
    if booking is None:
        raise NotFound("rental-booking-not-found")
    return booking


def _day(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else "—"


def _when(uow: UnitOfWork, at: datetime | None) -> str:
    if at is None:
        return "—"
    return at.astimezone(ZoneInfo(uow.settings.timezone)).strftime("%d.%m %H:%M")


async def _locale(uow: UnitOfWork, booking: Booking) -> str:
    if booking.client_id is None:
        return uow.settings.default_locale
    client = await uow.session.get(Client, booking.client_id)
    return client.locale if client else uow.settings.default_locale


def documents_text(uow: UnitOfWork, locale: str) -> str:
    if uow.settings.rental_documents:
        return "\n".join(f"• {line}" for line in uow.settings.rental_documents)
    return uow.i18n(locale, "rental-documents-default")


async def _tell(
    uow: UnitOfWork,
    booking: Booking,
    key: str,
    *,
    buttons: Any = None,
    priority: int = outbox.LIVE,
    **args: Any,
) -> None:
    """A message to her about her booking, through the channel she last used."""
    if booking.client_id is None:
        return
    client = await uow.session.get(Client, booking.client_id)
    identity = await latest_identity(uow, booking.client_id)
    if client is None or identity is None:
        return

    def t(k: str, **a: Any) -> str:
        return uow.i18n(client.locale, k, **a)

    rows = buttons(t) if buttons else [[Button(t("rental-btn-my"), "r:my")]]
    outbox.enqueue(uow, identity, Outgoing(t(key, **args), rows), priority=priority)


async def _note_on_case(uow: UnitOfWork, client_id: int, key: str, **args: Any) -> None:
    """A booking event of a person with an open case is written on her case."""
    case = await current_case(uow, client_id)
    if case is not None:
        await add_system_message(uow, case, uow.i18n(uow.settings.default_locale, key, **args))


async def _manager(uow: UnitOfWork, staff_id: int) -> Staff:
    return await require_manager(uow, staff_id, "rental-manage-forbidden")


def _clean(value: str, limit: int, code: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if (required and not value) or len(value) > limit:
        raise InvalidInput(code, limit=limit)
    return value
