"""The catalogue (staff): categories, items and an item's repair or write-off."""

from __future__ import annotations

from sqlalchemy import select, update

from core.db import rows_changed
from core.errors import Conflict, InvalidInput
from core.events import Event
from core.models import ItemStatus, RentalCategory, RentalItem
from core.services.audit import record_audit
from core.services.rental.common import clean_text, require_rental_manager
from core.services.rental.views import get_item
from core.services.rental.waiting import offer_next
from core.uow import UnitOfWork

STAFF_STATUSES = (ItemStatus.available, ItemStatus.in_repair, ItemStatus.written_off)


async def add_category(
    uow: UnitOfWork, *, staff_id: int, name: str, description: str = "", loan_days: int = 30
) -> RentalCategory:
    await require_rental_manager(uow, staff_id)
    name = clean_text(name, 80, "rental-bad-category")
    if not 1 <= loan_days <= 365:
        raise InvalidInput("rental-bad-loan-days")
    existing = await uow.session.scalar(select(RentalCategory).where(RentalCategory.name == name))
    if existing is not None:
        return existing
    category = RentalCategory(
        name=name,
        description=clean_text(description, 2000, "rental-bad-text", required=False),
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
    await require_rental_manager(uow, staff_id)
    inventory_no = clean_text(inventory_no, 40, "rental-bad-inventory-no")
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
        name=clean_text(name, 120, "rental-bad-name"),
        inventory_no=inventory_no,
        description=clean_text(description, 2000, "rental-bad-text", required=False),
        condition=clean_text(condition, 200, "rental-bad-text", required=False),
        branch=clean_text(branch, 120, "rental-bad-text", required=False),
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
    await require_rental_manager(uow, staff_id)
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
    if rows_changed(result) != 1:
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
