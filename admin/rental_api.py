"""The rental routes of the JSON API (/api/v1); the contract is in docs/architecture.md.

The list of bookings carries no phone; one booking (``GET /rental/bookings/{id}``) carries the
name and phone she gave for the pickup, for the staff of the rental point, and that read is
audited.
"""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from admin.api import error_responses
from admin.bounds import Day, Id, Limit, OptionalId
from admin.deps import ApiCaller, CoreDep, Uow
from core.bootstrap import Core
from core.models import BookingStatus, ItemStatus, RentalItem
from core.services import rental
from core.uow import UnitOfWork


class ItemIn(BaseModel):
    category: str = Field(max_length=80, examples=["Кроватки"])
    name: str = Field(max_length=120, examples=["Кроватка с маятником"])
    inventory_no: str = Field(max_length=40, examples=["УА-0107"])
    description: str = Field("", max_length=2000)
    condition: str = Field("", max_length=200)
    branch: str = Field("", max_length=120)
    photo_url: str | None = Field(None, max_length=500)
    loan_days: int | None = Field(None, ge=1, le=365)


class ItemOut(BaseModel):
    id: int
    category_id: int
    category: str
    name: str
    inventory_no: str
    status: str = Field(description="available, booked, issued, in_repair or written_off")
    condition: str
    branch: str
    description: str
    photo_url: str | None


# Read from the attributes of a ``rental.CategoryView`` (``model_validate``).
class CategoryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    loan_days: int
    free: int
    total: int
    waiting: int


# Read from the attributes of a ``rental.BookingView`` (``model_validate``).
class BookingOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    item_id: int
    item_name: str
    pseudonym: str
    status: str = Field(
        description="offered, requested, confirmed, issued, returned, cancelled, declined, expired"
    )
    pickup_date: date | None
    due_date: date | None
    overdue: bool
    case_id: int | None = Field(description="her open case, if she has one")
    created_at: datetime
    issued_at: datetime | None
    returned_at: datetime | None
    reason: str | None


class BookingDetailOut(BookingOut):
    contact_name: str
    phone: str


class ReasonIn(BaseModel):
    reason: str = Field(max_length=500)


class IssueIn(BaseModel):
    due_date: Day | None = None


class ReturnIn(BaseModel):
    condition: str = Field("", max_length=200)
    needs_repair: bool = False


class ExtendIn(BaseModel):
    due_date: Day


def item_out(item: RentalItem, names: dict[int, str]) -> ItemOut:
    return ItemOut(
        id=item.id,
        category_id=item.category_id,
        category=names.get(item.category_id, ""),
        name=item.name,
        inventory_no=item.inventory_no,
        status=item.status,
        condition=item.condition,
        branch=item.branch,
        description=item.description,
        photo_url=item.photo_url,
    )


def booking_out(b: rental.BookingView) -> BookingOut:
    return BookingOut.model_validate(b)


router = APIRouter(prefix="/api/v1/rental", tags=["rental"])


@router.get(
    "/categories",
    response_model=list[CategoryOut],
    summary="Sections of the catalogue with how many items are free now.",
    responses=error_responses(401),
)
async def categories(caller: ApiCaller, uow: Uow) -> list[CategoryOut]:
    return [CategoryOut.model_validate(c) for c in await rental.list_categories(uow)]


@router.get(
    "/items",
    response_model=list[ItemOut],
    summary="The catalogue.",
    responses=error_responses(401, 422),
)
async def items(
    caller: ApiCaller,
    uow: Uow,
    status: Annotated[ItemStatus | None, Query()] = None,
    category_id: OptionalId = None,
) -> list[ItemOut]:
    found = await rental.list_items(uow, category_id=category_id, status=status)
    names = {c.id: c.name for c in await rental.list_categories(uow)}
    return [item_out(i, names) for i in found]


@router.post(
    "/items",
    response_model=ItemOut,
    status_code=201,
    summary="Adds an item (coordinator, admin); a new category name creates the category.",
    responses=error_responses(401, 403, 409, 422),
)
async def add_item(body: ItemIn, caller: ApiCaller, uow: Uow) -> ItemOut:
    item = await rental.add_item(uow, staff_id=caller.id, **body.model_dump())
    names = {c.id: c.name for c in await rental.list_categories(uow)}
    return item_out(item, names)


@router.get(
    "/bookings",
    response_model=list[BookingOut],
    summary="Bookings, newest first (no phone numbers here).",
    responses=error_responses(401, 422),
)
async def bookings(
    caller: ApiCaller,
    uow: Uow,
    status: Annotated[list[BookingStatus] | None, Query()] = None,
    limit: Limit = 200,
) -> list[BookingOut]:
    found = await rental.list_bookings(uow, statuses=tuple(status) if status else None, limit=limit)
    return [booking_out(b) for b in found]


@router.get(
    "/bookings/{booking_id}",
    response_model=BookingDetailOut,
    summary="One booking with the name and phone for the pickup (the read is audited).",
    responses=error_responses(401, 404, 422),
)
async def booking(booking_id: Id, caller: ApiCaller, uow: Uow) -> BookingDetailOut:
    found = await rental.get_booking(uow, booking_id)
    contacts = await rental.booking_contacts(uow, staff_id=caller.id, booking_id=booking_id)
    return BookingDetailOut(
        **booking_out(found).model_dump(),
        contact_name=contacts["name"],
        phone=contacts["phone"],
    )


async def changed(
    uow: UnitOfWork, core: Core, booking_id: int, step: Awaitable[object]
) -> BookingOut:
    """One step of a booking, committed in the route's unit of work; answers with the booking
    after it, read afresh in a unit of work of its own."""
    await step
    await uow.commit()
    async with core.uow() as fresh:
        return booking_out(await rental.get_booking(fresh, booking_id))


@router.post(
    "/bookings/{booking_id}/confirm",
    response_model=BookingOut,
    summary="Confirms her request; she is told in her chat.",
    responses=error_responses(401, 404, 409, 422),
)
async def confirm(booking_id: Id, caller: ApiCaller, core: CoreDep, uow: Uow) -> BookingOut:
    step = rental.confirm_booking(uow, staff_id=caller.id, booking_id=booking_id)
    return await changed(uow, core, booking_id, step)


@router.post(
    "/bookings/{booking_id}/decline",
    response_model=BookingOut,
    summary="Declines with a reason she sees; the item goes to the next in line.",
    responses=error_responses(401, 404, 409, 422),
)
async def decline(
    booking_id: Id, body: ReasonIn, caller: ApiCaller, core: CoreDep, uow: Uow
) -> BookingOut:
    step = rental.decline_booking(
        uow, staff_id=caller.id, booking_id=booking_id, reason=body.reason
    )
    return await changed(uow, core, booking_id, step)


@router.post(
    "/bookings/{booking_id}/issue",
    response_model=BookingOut,
    summary="Records the handover (today) and the due date (default: the loan period).",
    responses=error_responses(401, 404, 409, 422),
)
async def issue(
    booking_id: Id, body: IssueIn, caller: ApiCaller, core: CoreDep, uow: Uow
) -> BookingOut:
    step = rental.issue_item(uow, staff_id=caller.id, booking_id=booking_id, due_date=body.due_date)
    return await changed(uow, core, booking_id, step)


@router.post(
    "/bookings/{booking_id}/return",
    response_model=BookingOut,
    summary="Takes the item back with its condition; her contacts are erased.",
    responses=error_responses(401, 404, 409, 422),
)
async def give_back(
    booking_id: Id, body: ReturnIn, caller: ApiCaller, core: CoreDep, uow: Uow
) -> BookingOut:
    step = rental.return_item(
        uow,
        staff_id=caller.id,
        booking_id=booking_id,
        condition=body.condition,
        needs_repair=body.needs_repair,
    )
    return await changed(uow, core, booking_id, step)


@router.post(
    "/bookings/{booking_id}/extend",
    response_model=BookingOut,
    summary="Moves the due date later; reminders follow.",
    responses=error_responses(401, 404, 409, 422),
)
async def extend(
    booking_id: Id, body: ExtendIn, caller: ApiCaller, core: CoreDep, uow: Uow
) -> BookingOut:
    step = rental.extend_booking(
        uow, staff_id=caller.id, booking_id=booking_id, due_date=body.due_date
    )
    return await changed(uow, core, booking_id, step)


@router.post(
    "/bookings/{booking_id}/cancel",
    response_model=BookingOut,
    summary="Cancels before the handover, with a reason she sees.",
    responses=error_responses(401, 404, 409, 422),
)
async def cancel(
    booking_id: Id, body: ReasonIn, caller: ApiCaller, core: CoreDep, uow: Uow
) -> BookingOut:
    step = rental.cancel_booking(uow, booking_id=booking_id, staff_id=caller.id, reason=body.reason)
    return await changed(uow, core, booking_id, step)
