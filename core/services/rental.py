"""The rental point "Умная аренда": catalogue, bookings, issue and return, the waiting list.

An item is held by at most one active booking at a time (offered, requested, confirmed or
issued). The database enforces it twice: the item's status changes only by a conditional
``UPDATE … WHERE status = 'available'`` whose row count decides who got it, and a partial
unique index allows one active booking per item. Two people pressing "Book" on the last crib
in the same second, or two staff pressing "Issue", end with one winner and one kind refusal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select, update
from sqlalchemy.exc import IntegrityError

from core.calendar import load_calendar
from core.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.events import Event
from core.messages import Button, Outgoing
from core.models import (
    ACTIVE_BOOKING,
    Booking,
    BookingStatus,
    Case,
    CaseStatus,
    Client,
    ItemStatus,
    Reminder,
    RentalCategory,
    RentalItem,
    RentalWaiter,
    Role,
    Staff,
    WaitStatus,
)
from core.services import outbox
from core.services.audit import record_audit
from core.services.cases import add_system_message, current_case
from core.services.clients import latest_identity
from core.services.consent import has_consent, withdraw_consent
from core.services.reminders import Handler, cancel_reminders, local_at, schedule_reminder
from core.uow import UnitOfWork

MAX_NAME = 80
MAX_TEXT = 500
_PHONE = re.compile(r"^\+?\d{10,15}$")
STAFF_STATUSES = (ItemStatus.available, ItemStatus.in_repair, ItemStatus.written_off)


# --- reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryView:
    id: int
    name: str
    description: str
    loan_days: int
    free: int
    total: int
    waiting: int


@dataclass(frozen=True)
class BookingView:
    id: int
    item_id: int
    item_name: str
    inventory_no: str
    category_id: int
    category: str
    client_id: int | None
    pseudonym: str
    status: str
    pickup_date: date | None
    due_date: date | None
    created_at: datetime
    issued_at: datetime | None
    returned_at: datetime | None
    reason: str | None
    return_condition: str | None
    offer_expires_at: datetime | None
    extensions: int
    overdue: bool
    case_id: int | None


def local_today(uow: UnitOfWork) -> date:
    return uow.clock.now().astimezone(ZoneInfo(uow.settings.timezone)).date()


async def list_categories(uow: UnitOfWork) -> list[CategoryView]:
    """Every category with how many items are free now, in all and waiting in line."""
    free = func.sum(case((RentalItem.status == ItemStatus.available, 1), else_=0))
    in_use = RentalItem.status != ItemStatus.written_off
    counts = {
        row.category_id: (int(row.free or 0), int(row.total or 0))
        for row in await uow.session.execute(
            select(RentalItem.category_id, free.label("free"), func.count().label("total"))
            .where(in_use)
            .group_by(RentalItem.category_id)
        )
    }
    waiting = dict(
        (
            await uow.session.execute(
                select(RentalWaiter.category_id, func.count())
                .where(RentalWaiter.status.in_([WaitStatus.waiting, WaitStatus.offered]))
                .group_by(RentalWaiter.category_id)
            )
        ).all()
    )
    categories = await uow.session.scalars(
        select(RentalCategory).order_by(RentalCategory.sort, RentalCategory.name)
    )
    return [
        CategoryView(
            id=c.id,
            name=c.name,
            description=c.description,
            loan_days=c.loan_days,
            free=counts.get(c.id, (0, 0))[0],
            total=counts.get(c.id, (0, 0))[1],
            waiting=int(waiting.get(c.id, 0)),
        )
        for c in categories
    ]


async def get_category(uow: UnitOfWork, category_id: int) -> RentalCategory:
    category = await uow.session.get(RentalCategory, category_id)
    if category is None:
        raise NotFound("rental-category-not-found")
    return category


async def get_item(uow: UnitOfWork, item_id: int) -> RentalItem:
    item = await uow.session.get(RentalItem, item_id)
    if item is None:
        raise NotFound("rental-item-not-found")
    return item


async def list_items(
    uow: UnitOfWork, *, category_id: int | None = None, status: str | None = None
) -> list[RentalItem]:
    query = select(RentalItem).order_by(RentalItem.category_id, RentalItem.name, RentalItem.id)
    if category_id is not None:
        query = query.where(RentalItem.category_id == category_id)
    if status is not None:
        query = query.where(RentalItem.status == status)
    return list(await uow.session.scalars(query))


async def free_items(uow: UnitOfWork, category_id: int) -> list[RentalItem]:
    return await list_items(uow, category_id=category_id, status=ItemStatus.available)


def loan_days(item: RentalItem, category: RentalCategory) -> int:
    return item.loan_days or category.loan_days


async def list_bookings(
    uow: UnitOfWork,
    *,
    statuses: tuple[str, ...] | None = None,
    client_id: int | None = None,
    item_id: int | None = None,
    booking_id: int | None = None,
    limit: int = 500,
) -> list[BookingView]:
    query = (
        select(Booking, RentalItem, RentalCategory, Client)
        .join(RentalItem, RentalItem.id == Booking.item_id)
        .join(RentalCategory, RentalCategory.id == RentalItem.category_id)
        .outerjoin(Client, Client.id == Booking.client_id)
        .order_by(Booking.id.desc())
        .limit(limit)
    )
    if statuses:
        query = query.where(Booking.status.in_(statuses))
    if client_id is not None:
        query = query.where(Booking.client_id == client_id)
    if item_id is not None:
        query = query.where(Booking.item_id == item_id)
    if booking_id is not None:
        query = query.where(Booking.id == booking_id)
    rows = (await uow.session.execute(query)).all()
    client_ids = {client.id for *_, client in rows if client is not None}
    open_cases: dict[int, int] = {}
    if client_ids:
        for case_id, owner in await uow.session.execute(
            select(Case.id, Case.client_id).where(
                Case.client_id.in_(client_ids), Case.status == CaseStatus.open
            )
        ):
            open_cases[owner] = case_id
    today = local_today(uow)
    return [
        BookingView(
            id=b.id,
            item_id=item.id,
            item_name=item.name,
            inventory_no=item.inventory_no,
            category_id=category.id,
            category=category.name,
            client_id=b.client_id,
            pseudonym=client.pseudonym if client else "—",
            status=b.status,
            pickup_date=b.pickup_date,
            due_date=b.due_date,
            created_at=b.created_at,
            issued_at=b.issued_at,
            returned_at=b.returned_at,
            reason=b.reason,
            return_condition=b.return_condition,
            offer_expires_at=b.offer_expires_at,
            extensions=b.extensions,
            overdue=b.status == BookingStatus.issued
            and b.due_date is not None
            and b.due_date < today,
            case_id=open_cases.get(b.client_id) if b.client_id else None,
        )
        for b, item, category, client in rows
    ]


async def get_booking(uow: UnitOfWork, booking_id: int) -> BookingView:
    found = await list_bookings(uow, booking_id=booking_id)
    if not found:
        raise NotFound("rental-booking-not-found")
    return found[0]


async def bookings_for_case(uow: UnitOfWork, case_id: int) -> list[BookingView]:
    """The bookings of the person behind a case (shown on the case, and vice versa)."""
    client_id = await uow.session.scalar(select(Case.client_id).where(Case.id == case_id))
    if client_id is None:
        return []
    return await list_bookings(uow, client_id=client_id, limit=20)


async def booking_contacts(uow: UnitOfWork, *, staff_id: int, booking_id: int) -> dict[str, str]:
    """The name and phone she gave for the pickup: shown to staff, and every look audited."""
    booking = await _booking(uow, booking_id)
    record_audit(uow, "rental.contacts.view", staff_id=staff_id, booking_id=booking_id)
    return {
        "name": uow.vault.decrypt(booking.contact_name_enc) if booking.contact_name_enc else "",
        "phone": uow.vault.decrypt(booking.phone_enc) if booking.phone_enc else "",
    }


@dataclass(frozen=True)
class WaiterView:
    id: int
    category_id: int
    client_id: int
    pseudonym: str
    status: str
    urgent: bool
    created_at: datetime
    position: int


async def waiting_list(uow: UnitOfWork, category_id: int) -> list[WaiterView]:
    """The line of a category, in the order offers go out: urgent first, then first come."""
    rows = (
        await uow.session.execute(
            select(RentalWaiter, Client.pseudonym)
            .join(Client, Client.id == RentalWaiter.client_id)
            .where(
                RentalWaiter.category_id == category_id,
                RentalWaiter.status.in_([WaitStatus.waiting, WaitStatus.offered]),
            )
            .order_by(RentalWaiter.urgent.desc(), RentalWaiter.id)
        )
    ).all()
    return [
        WaiterView(
            id=w.id,
            category_id=w.category_id,
            client_id=w.client_id,
            pseudonym=pseudonym,
            status=w.status,
            urgent=w.urgent,
            created_at=w.created_at,
            position=index + 1,
        )
        for index, (w, pseudonym) in enumerate(rows)
    ]


async def my_waits(uow: UnitOfWork, client_id: int) -> list[tuple[RentalCategory, int]]:
    """The lines she stands in, with her place in each."""
    waits = await uow.session.scalars(
        select(RentalWaiter).where(
            RentalWaiter.client_id == client_id, RentalWaiter.status == WaitStatus.waiting
        )
    )
    found = []
    for wait in waits:
        line = await waiting_list(uow, wait.category_id)
        position = next((w.position for w in line if w.id == wait.id), 0)
        found.append((await get_category(uow, wait.category_id), position))
    return found


# --- catalogue (staff) ---------------------------------------------------------------------


async def _manager(uow: UnitOfWork, staff_id: int) -> Staff:
    staff = await uow.session.get(Staff, staff_id)
    if staff is None or not staff.is_active:
        raise Forbidden("forbidden")
    if staff.role not in (Role.coordinator, Role.admin):
        raise Forbidden("rental-manage-forbidden")
    return staff


def _clean(value: str, limit: int, code: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if (required and not value) or len(value) > limit:
        raise InvalidInput(code, limit=limit)
    return value


async def add_category(
    uow: UnitOfWork, *, staff_id: int, name: str, description: str = "", loan_days: int = 30
) -> RentalCategory:
    await _manager(uow, staff_id)
    name = _clean(name, 80, "rental-bad-category")
    if not 1 <= loan_days <= 365:
        raise InvalidInput("rental-bad-loan-days")
    existing = await uow.session.scalar(select(RentalCategory).where(RentalCategory.name == name))
    if existing is not None:
        return existing
    category = RentalCategory(
        name=name,
        description=_clean(description, 2000, "rental-bad-text", required=False),
        loan_days=loan_days,
        sort=0,
    )
    uow.session.add(category)
    await uow.session.flush()
    record_audit(uow, "rental.category.add", staff_id=staff_id, category_id=category.id)
    return category


async def add_item(
    uow: UnitOfWork,
    *,
    staff_id: int,
    category: str,
    name: str,
    inventory_no: str,
    description: str = "",
    condition: str = "",
    branch: str = "",
    photo_url: str | None = None,
    loan_days: int | None = None,
) -> RentalItem:
    """Adds an item to the catalogue; a category named for the first time is created."""
    await _manager(uow, staff_id)
    inventory_no = _clean(inventory_no, 40, "rental-bad-inventory-no")
    taken = await uow.session.scalar(
        select(RentalItem.id).where(RentalItem.inventory_no == inventory_no)
    )
    if taken is not None:
        raise Conflict("rental-inventory-taken", number=inventory_no)
    if loan_days is not None and not 1 <= loan_days <= 365:
        raise InvalidInput("rental-bad-loan-days")
    if photo_url and not photo_url.startswith(("https://", "http://", "/")):
        raise InvalidInput("rental-bad-photo")
    the_category = await add_category(uow, staff_id=staff_id, name=category)
    item = RentalItem(
        category_id=the_category.id,
        name=_clean(name, 120, "rental-bad-name"),
        inventory_no=inventory_no,
        description=_clean(description, 2000, "rental-bad-text", required=False),
        condition=_clean(condition, 200, "rental-bad-text", required=False),
        branch=_clean(branch, 120, "rental-bad-text", required=False),
        photo_url=(photo_url or "").strip()[:500] or None,
        status=ItemStatus.available,
        loan_days=loan_days,
        created_at=uow.clock.now(),
    )
    uow.session.add(item)
    await uow.session.flush()
    record_audit(uow, "rental.item.add", staff_id=staff_id, item_id=item.id)
    uow.emit(Event("rental.changed", {"item_id": item.id}))
    return item


async def set_item_status(uow: UnitOfWork, *, staff_id: int, item_id: int, status: str) -> None:
    """Repair, write-off or back in service. An item held by a booking is not touched."""
    await _manager(uow, staff_id)
    if status not in STAFF_STATUSES:
        raise InvalidInput("rental-bad-status")
    item = await get_item(uow, item_id)
    previous = item.status
    if previous in (ItemStatus.booked, ItemStatus.issued):
        raise Conflict("rental-item-in-use")
    if previous == ItemStatus.written_off and status != ItemStatus.written_off:
        raise Conflict("rental-item-written-off")
    result = await uow.session.execute(
        update(RentalItem)
        .where(RentalItem.id == item_id, RentalItem.status == previous)
        .values(status=status)
    )
    if _rows(result) != 1:
        raise Conflict("rental-item-in-use")
    record_audit(
        uow,
        "rental.item.status",
        staff_id=staff_id,
        item_id=item_id,
        previous=previous,
        status=status,
    )
    uow.emit(Event("rental.changed", {"item_id": item_id}))
    if status == ItemStatus.available:
        await offer_next(uow, item.category_id)


# --- dates --------------------------------------------------------------------------------


async def pickup_days(uow: UnitOfWork, count: int = 6) -> list[date]:
    """The next days the point is open for a pickup (today only while it is still open)."""
    calendar = await load_calendar(uow)
    now = uow.clock.now().astimezone(ZoneInfo(uow.settings.timezone))
    today = now.date()
    days: list[date] = []
    for offset in range(uow.settings.rental_booking_days + 1):
        day = today + timedelta(days=offset)
        if day == today and now.time() >= uow.settings.work_end:
            continue
        if calendar.is_working_day(day):
            days.append(day)
        if len(days) == count:
            break
    return days


async def check_pickup_date(uow: UnitOfWork, day: date) -> date:
    today = local_today(uow)
    if day < today:
        raise InvalidInput("rental-date-past")
    if day > today + timedelta(days=uow.settings.rental_booking_days):
        raise InvalidInput("rental-date-too-far", days=uow.settings.rental_booking_days)
    calendar = await load_calendar(uow)
    if not calendar.is_working_day(day) or day not in await pickup_days(uow, count=100):
        raise InvalidInput("rental-date-closed")
    return day


def parse_day(text: str, today: date) -> date:
    """``25.12``, ``25.12.2026`` or ``2026-12-25``; a day-month without a year is the next
    such day from today."""
    text = text.strip().replace("/", ".").replace("-", ".")
    parts = [p for p in text.split(".") if p]
    try:
        if len(parts) == 3 and len(parts[0]) == 4:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 3:
            year = int(parts[2])
            return date(year + 2000 if year < 100 else year, int(parts[1]), int(parts[0]))
        if len(parts) == 2:
            day = date(today.year, int(parts[1]), int(parts[0]))
            return day if day >= today else date(today.year + 1, day.month, day.day)
    except ValueError:
        pass
    raise InvalidInput("rental-date-unreadable")


def normalize_phone(phone: str) -> str:
    digits = re.sub(r"[\s()\-.]", "", phone or "")
    if digits.startswith("8") and len(digits) == 11:
        digits = "+7" + digits[1:]
    if not _PHONE.match(digits):
        raise InvalidInput("rental-bad-phone")
    return digits if digits.startswith("+") else "+" + digits


def check_contact_name(name: str) -> str:
    return _clean(name, MAX_NAME, "rental-bad-contact-name")


# --- the person ---------------------------------------------------------------------------


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
        if _rows(taken) != 1:
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
    await _schedule_pickup(uow, booking)
    await _note_on_case(
        uow, client.id, "rental-case-requested", item=item.name, day=_day(pickup_date)
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
    if _rows(result) != 1:
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
    booking = await _booking(uow, booking_id)
    if staff_id is None and booking.client_id != client_id:
        raise NotFound("rental-booking-not-found")
    await _move(
        uow,
        booking,
        (BookingStatus.offered, BookingStatus.requested, BookingStatus.confirmed),
        BookingStatus.cancelled,
        code="rental-cannot-cancel",
    )
    booking.reason = reason.strip()[:MAX_TEXT] or None
    await _release(uow, booking, ItemStatus.available)
    if staff_id is not None:
        record_audit(uow, "rental.booking.cancel", staff_id=staff_id, booking_id=booking.id)
        await _tell(uow, booking, "rental-msg-cancelled-by-staff", reason=booking.reason or "—")
    if booking.client_id is not None:
        item = await get_item(uow, booking.item_id)
        await _note_on_case(uow, booking.client_id, "rental-case-cancelled", item=item.name)
    await offer_next(uow, (await get_item(uow, booking.item_id)).category_id)
    return booking


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
    return _rows(result) > 0


async def decline_offer(uow: UnitOfWork, *, client: Client, offer_id: int) -> None:
    booking = await uow.session.get(Booking, offer_id)
    if booking is None or booking.client_id != client.id:
        raise NotFound("rental-offer-gone")
    await _move(
        uow, booking, (BookingStatus.offered,), BookingStatus.cancelled, code="rental-offer-gone"
    )
    await uow.session.execute(
        update(RentalWaiter)
        .where(RentalWaiter.booking_id == offer_id)
        .values(status=WaitStatus.cancelled)
    )
    await _release(uow, booking, ItemStatus.available)
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
            offer_expires_at=now + timedelta(hours=uow.settings.rental_offer_hold_hours),
            created_at=now,
            updated_at=now,
            extensions=0,
        )
        uow.session.add(booking)
        await uow.session.flush()
        waiter.status = WaitStatus.offered
        waiter.booking_id = booking.id
        await _tell(
            uow,
            booking,
            "rental-msg-offer",
            buttons=lambda t, b=booking: [
                [Button(t("rental-btn-offer-yes"), f"r:oy:{b.id}")],
                [Button(t("rental-btn-offer-no"), f"r:on:{b.id}")],
            ],
            item=item.name,
            until=_when(uow, booking.offer_expires_at),
        )
        uow.emit(Event("rental.changed", {"booking_id": booking.id}))
        offered += 1


async def _hold_free_item(uow: UnitOfWork, category_id: int) -> RentalItem | None:
    for item in await free_items(uow, category_id):
        taken = await uow.session.execute(
            update(RentalItem)
            .where(RentalItem.id == item.id, RentalItem.status == ItemStatus.available)
            .values(status=ItemStatus.booked)
        )
        if _rows(taken) == 1:
            return item
    return None


async def expire_offers(uow: UnitOfWork) -> int:
    """Scheduler job: offers not answered in time end; the item goes to the next in line."""
    now = uow.clock.now()
    stale = list(
        await uow.session.scalars(
            select(Booking).where(
                Booking.status == BookingStatus.offered, Booking.offer_expires_at <= now
            )
        )
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
        await _release(uow, booking, ItemStatus.available)
        item = await get_item(uow, booking.item_id)
        await _tell(
            uow,
            booking,
            "rental-msg-offer-expired",
            buttons=lambda t, c=item.category_id: [
                [Button(t("rental-btn-wait-again"), f"r:w:{c}")],
                [Button(t("btn-menu"), "menu")],
            ],
            item=item.name,
            priority=outbox.BULK,
        )
        categories.add(item.category_id)
    await uow.session.flush()
    for category_id in categories:
        await offer_next(uow, category_id)
    return len(stale)


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


# --- staff --------------------------------------------------------------------------------


async def confirm_booking(uow: UnitOfWork, *, staff_id: int, booking_id: int) -> Booking:
    booking = await _booking(uow, booking_id)
    await _move(
        uow,
        booking,
        (BookingStatus.requested,),
        BookingStatus.confirmed,
        code="rental-cannot-confirm",
    )
    record_audit(uow, "rental.booking.confirm", staff_id=staff_id, booking_id=booking.id)
    item = await get_item(uow, booking.item_id)
    await _tell(
        uow,
        booking,
        "rental-msg-confirmed",
        item=item.name,
        day=_day(booking.pickup_date),
        address=uow.settings.centre_address or "—",
        documents=documents_text(uow, await _locale(uow, booking)),
    )
    return booking


async def decline_booking(
    uow: UnitOfWork, *, staff_id: int, booking_id: int, reason: str
) -> Booking:
    """A refusal always says why: she sees the reason."""
    reason = _clean(reason, MAX_TEXT, "rental-reason-needed")
    booking = await _booking(uow, booking_id)
    await _move(
        uow,
        booking,
        (BookingStatus.requested, BookingStatus.confirmed),
        BookingStatus.declined,
        code="rental-cannot-decline",
    )
    booking.reason = reason
    await _release(uow, booking, ItemStatus.available)
    record_audit(uow, "rental.booking.decline", staff_id=staff_id, booking_id=booking.id)
    item = await get_item(uow, booking.item_id)
    await _tell(uow, booking, "rental-msg-declined", item=item.name, reason=reason)
    await offer_next(uow, item.category_id)
    return booking


async def issue_item(
    uow: UnitOfWork, *, staff_id: int, booking_id: int, due_date: date | None = None
) -> Booking:
    """She took the item: the date is recorded and the return date fixed."""
    booking = await _booking(uow, booking_id)
    item = await get_item(uow, booking.item_id)
    category = await get_category(uow, item.category_id)
    today = local_today(uow)
    due = due_date or today + timedelta(days=loan_days(item, category))
    if due <= today:
        raise InvalidInput("rental-due-past")
    await _move(
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
    if _rows(moved) != 1:
        raise Conflict("rental-cannot-issue")
    booking.issued_at = uow.clock.now()
    booking.due_date = due
    await cancel_reminders(uow, prefix=f"booking:{booking.id}:")
    await _schedule_return(uow, booking)
    record_audit(
        uow,
        "rental.booking.issue",
        staff_id=staff_id,
        booking_id=booking.id,
        due_date=due.isoformat(),
    )
    await _tell(uow, booking, "rental-msg-issued", item=item.name, due=_day(due))
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
    booking = await _booking(uow, booking_id)
    condition = _clean(condition, 200, "rental-bad-text", required=False)
    await _move(
        uow, booking, (BookingStatus.issued,), BookingStatus.returned, code="rental-not-issued"
    )
    booking.returned_at = uow.clock.now()
    booking.return_condition = condition or None
    item = await _release(uow, booking, ItemStatus.in_repair if needs_repair else None)
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
    await _tell(uow, booking, "rental-msg-returned", item=item.name)
    if not needs_repair:
        await offer_next(uow, item.category_id)
    return booking


async def extend_booking(
    uow: UnitOfWork, *, staff_id: int, booking_id: int, due_date: date
) -> Booking:
    booking = await _booking(uow, booking_id)
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
    await _schedule_return(uow, booking)
    record_audit(
        uow,
        "rental.booking.extend",
        staff_id=staff_id,
        booking_id=booking.id,
        previous=previous.isoformat() if previous else None,
        due_date=due_date.isoformat(),
    )
    item = await get_item(uow, booking.item_id)
    await _tell(uow, booking, "rental-msg-extended", item=item.name, due=_day(due_date))
    return booking


async def put_first(uow: UnitOfWork, *, staff_id: int, waiter_id: int, urgent: bool = True) -> None:
    """The coordinator moves an urgent case to the head of a waiting list."""
    await _manager(uow, staff_id)
    waiter = await uow.session.get(RentalWaiter, waiter_id)
    if waiter is None or waiter.status != WaitStatus.waiting:
        raise NotFound("rental-waiter-not-found")
    waiter.urgent = urgent
    record_audit(uow, "rental.wait.urgent", staff_id=staff_id, waiter_id=waiter_id, urgent=urgent)
    uow.emit(Event("rental.changed", {"category_id": waiter.category_id}))


# --- helpers ------------------------------------------------------------------------------


def _rows(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


async def _booking(uow: UnitOfWork, booking_id: int) -> Booking:
    booking = await uow.session.get(Booking, booking_id)
    if booking is None:
        raise NotFound("rental-booking-not-found")
    return booking


async def _move(
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
    if _rows(result) != 1:
        await uow.session.refresh(booking)
        raise Conflict(code, status=booking.status)
    await uow.session.refresh(booking)
    uow.emit(Event("rental.changed", {"booking_id": booking.id, "status": target}))


async def _release(uow: UnitOfWork, booking: Booking, status: str | None) -> RentalItem:
    """The item is free again (or goes to repair) once its booking ended."""
    item = await get_item(uow, booking.item_id)
    item.status = status or ItemStatus.available
    if booking.status != BookingStatus.returned:
        booking.contact_name_enc = None
        booking.phone_enc = None
        await cancel_reminders(uow, prefix=f"booking:{booking.id}:")
    return item


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


async def _schedule_pickup(uow: UnitOfWork, booking: Booking) -> None:
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


async def _schedule_return(uow: UnitOfWork, booking: Booking) -> None:
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


async def _remind_pickup(uow: UnitOfWork, reminder: Reminder, client: Client) -> Outgoing | None:
    booking = await uow.session.get(Booking, reminder.ref_id)
    if booking is None or booking.status not in (BookingStatus.requested, BookingStatus.confirmed):
        return None
    item = await get_item(uow, booking.item_id)

    def t(k: str, **a: Any) -> str:
        return uow.i18n(client.locale, k, **a)

    return Outgoing(
        t(
            "rental-remind-pickup",
            item=item.name,
            day=_day(booking.pickup_date),
            address=uow.settings.centre_address or "—",
            documents=documents_text(uow, client.locale),
        ),
        [[Button(t("rental-btn-my"), "r:my")]],
    )


def _return_reminder(step: str) -> Handler:
    async def remind(uow: UnitOfWork, reminder: Reminder, client: Client) -> Outgoing | None:
        booking = await uow.session.get(Booking, reminder.ref_id)
        if booking is None or booking.status != BookingStatus.issued:
            return None
        if booking.due_date is None or not reminder.key.endswith(f"{booking.due_date:%Y%m%d}"):
            return None
        item = await get_item(uow, booking.item_id)
        text = uow.i18n(
            client.locale, f"rental-remind-{step}", item=item.name, due=_day(booking.due_date)
        )
        return Outgoing(
            text,
            [
                [Button(uow.i18n(client.locale, "rental-btn-my"), "r:my")],
                [Button(uow.i18n(client.locale, "btn-talk"), "m:talk")],
            ],
        )

    return remind


REMINDER_HANDLERS: dict[str, Handler] = {
    "rental.pickup": _remind_pickup,
    **{f"rental.{step}": _return_reminder(step) for step in RETURN_STEPS},
}
