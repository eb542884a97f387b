"""Reading the rental point: categories, items, bookings and waiting lines as staff and the
bot show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, select

from core.errors import NotFound
from core.local_time import local_day
from core.models import (
    Booking,
    BookingStatus,
    Case,
    CaseStatus,
    Client,
    ItemStatus,
    RentalCategory,
    RentalItem,
    RentalWaiter,
    WaitStatus,
)
from core.services.audit import record_audit
from core.services.lookup import get_or_404
from core.services.rental.common import booking_by_id
from core.uow import UnitOfWork


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
    return local_day(uow.settings, uow.clock.now())


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
    return await get_or_404(uow, RentalCategory, category_id, "rental-category-not-found")


async def get_item(uow: UnitOfWork, item_id: int) -> RentalItem:
    return await get_or_404(uow, RentalItem, item_id, "rental-item-not-found")


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
    booking = await booking_by_id(uow, booking_id)
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
