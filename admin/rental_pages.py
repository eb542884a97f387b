"""The rental point in the panel: the desk (requests, pickups, loans, overdue, waiting lists),
the catalogue, an item with its calendar, a booking with her contacts.

Thin routes over ``core.services.rental`` (and ``core.services.rental_calendar`` for which
booking holds an item on which day); every form posts the CSRF token; a refusal of the core
becomes a flash message and a redirect back, never an error page.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData, UploadFile

from admin.auth import check_csrf
from admin.bounds import Id, form_day
from admin.deps import FormCaller, FragmentCaller, PageCaller, SettingsDep, Uow
from admin.pages import attachment_response, perform, render
from core.errors import InvalidInput
from core.models import BookingStatus, ItemStatus
from core.services import rental
from core.services.rental_calendar import item_weeks

MAX_FIELD = 2000
Text = Annotated[str, Form(max_length=MAX_FIELD)]


async def upload_form(request: Request) -> FormData:
    """A form with a photo, read only after the login check. The routes that take a photo
    declare no form fields (FastAPI would read the whole body before any dependency runs):
    ``PageCaller`` checks the login first, then the form is read here and its CSRF token
    checked, as ``FormCaller`` does for the other forms."""
    form = await request.form(max_files=1, max_fields=20)
    check_csrf(request, field(form, "csrf"))
    return form


def field(form: FormData, name: str) -> str:
    value = form.get(name, "")
    if not isinstance(value, str):
        return ""
    if len(value) > MAX_FIELD:
        raise InvalidInput("invalid-input")
    return value


async def read_photo(form: FormData) -> bytes:
    """At most one byte over the limit is read: the core refuses a larger file by its size."""
    photo = form.get("photo")
    if not isinstance(photo, UploadFile):
        return b""
    return await photo.read(rental.MAX_PHOTO_BYTES + 1)


def parse_date(value: str) -> date | None:
    return form_day(value, "rental-bad-date")


router = APIRouter(include_in_schema=False)


@router.get("/rental", response_class=HTMLResponse)
async def desk(request: Request, caller: PageCaller, uow: Uow) -> Response:
    bookings = await rental.list_bookings(
        uow,
        statuses=(
            BookingStatus.offered,
            BookingStatus.requested,
            BookingStatus.confirmed,
            BookingStatus.issued,
        ),
    )
    categories = await rental.list_categories(uow)
    lines = {c.id: await rental.waiting_list(uow, c.id) for c in categories}
    today = rental.local_today(uow)
    issued = sorted(
        (b for b in bookings if b.status == BookingStatus.issued),
        key=lambda b: b.due_date or today,
    )
    return render(
        request,
        "rental.html",
        caller,
        requested=[b for b in reversed(bookings) if b.status == BookingStatus.requested],
        confirmed=sorted(
            (b for b in bookings if b.status == BookingStatus.confirmed),
            key=lambda b: b.pickup_date or today,
        ),
        offered=[b for b in bookings if b.status == BookingStatus.offered],
        overdue=[b for b in issued if b.overdue],
        issued=[b for b in issued if not b.overdue],
        categories=categories,
        lines=lines,
        today=today,
    )


@router.get("/rental/catalogue", response_class=HTMLResponse)
async def catalogue(request: Request, caller: PageCaller, uow: Uow) -> Response:
    categories = await rental.list_categories(uow)
    items = await rental.list_items(uow)
    by_category: dict[int, list[Any]] = {}
    for item in items:
        by_category.setdefault(item.category_id, []).append(item)
    return render(
        request,
        "rental_catalogue.html",
        caller,
        categories=categories,
        by_category=by_category,
        statuses=list(ItemStatus),
    )


@router.get("/rental/items/{item_id}", response_class=HTMLResponse)
async def item_page(request: Request, item_id: Id, caller: PageCaller, uow: Uow) -> Response:
    item = await rental.get_item(uow, item_id)
    category = await rental.get_category(uow, item.category_id)
    history = await rental.list_bookings(uow, item_id=item_id, limit=200)
    today = rental.local_today(uow)
    return render(
        request,
        "rental_item.html",
        caller,
        item=item,
        category=category,
        history=history,
        weeks=item_weeks(history, today),
        today=today,
        staff_statuses=rental.STAFF_STATUSES,
        photo_name=rental.photo_name(item.photo_url),
    )


@router.get("/rental/media/{name}")
async def item_photo(name: str, _: FragmentCaller, settings: SettingsDep) -> Response:
    path = rental.stored_photo(settings.var_dir, name)
    if path is None:
        raise HTTPException(404)
    kind = path.suffix.lstrip(".")
    return attachment_response(path.read_bytes(), name, rental.PHOTO_CONTENT_TYPES[kind])


@router.get("/rental/bookings/{booking_id}", response_class=HTMLResponse)
async def booking_page(request: Request, booking_id: Id, caller: PageCaller, uow: Uow) -> Response:
    booking = await rental.get_booking(uow, booking_id)
    contacts = await rental.booking_contacts(uow, staff_id=caller.id, booking_id=booking_id)
    await uow.commit()  # the look at her contacts is audited
    today = rental.local_today(uow)
    return render(
        request,
        "rental_booking.html",
        caller,
        b=booking,
        contacts=contacts,
        default_due=(booking.due_date or today + timedelta(days=30)),
        extend_to=(booking.due_date or today) + timedelta(days=14),
        today=today,
    )


# --- actions on a booking ---------------------------------------------------------------


def back_to(booking_id: int, back: str) -> str:
    return "/rental" if back == "desk" else f"/rental/bookings/{booking_id}"


@router.post("/rental/bookings/{booking_id}/confirm")
async def confirm(
    request: Request, booking_id: Id, caller: FormCaller, uow: Uow, back: Text = ""
) -> Response:
    return await perform(
        request,
        uow,
        lambda: rental.confirm_booking(uow, staff_id=caller.id, booking_id=booking_id),
        "panel-rental-confirmed",
        back_to(booking_id, back),
    )


@router.post("/rental/bookings/{booking_id}/decline")
async def decline(
    request: Request,
    booking_id: Id,
    caller: FormCaller,
    uow: Uow,
    reason: Text = "",
    back: Text = "",
) -> Response:
    return await perform(
        request,
        uow,
        lambda: rental.decline_booking(
            uow, staff_id=caller.id, booking_id=booking_id, reason=reason
        ),
        "panel-rental-declined",
        back_to(booking_id, back),
    )


@router.post("/rental/bookings/{booking_id}/issue")
async def issue(
    request: Request,
    booking_id: Id,
    caller: FormCaller,
    uow: Uow,
    due_date: Text = "",
    back: Text = "",
) -> Response:
    return await perform(
        request,
        uow,
        lambda: rental.issue_item(
            uow, staff_id=caller.id, booking_id=booking_id, due_date=parse_date(due_date)
        ),
        "panel-rental-issued",
        back_to(booking_id, back),
    )


@router.post("/rental/bookings/{booking_id}/return")
async def give_back(
    request: Request,
    booking_id: Id,
    caller: FormCaller,
    uow: Uow,
    condition: Text = "",
    needs_repair: Annotated[str, Form(max_length=5)] = "",
    back: Text = "",
) -> Response:
    return await perform(
        request,
        uow,
        lambda: rental.return_item(
            uow,
            staff_id=caller.id,
            booking_id=booking_id,
            condition=condition,
            needs_repair=bool(needs_repair),
        ),
        "panel-rental-returned",
        back_to(booking_id, back),
    )


@router.post("/rental/bookings/{booking_id}/extend")
async def extend(
    request: Request,
    booking_id: Id,
    caller: FormCaller,
    uow: Uow,
    due_date: Text = "",
    back: Text = "",
) -> Response:
    async def action() -> None:
        day = parse_date(due_date)
        if day is None:
            raise InvalidInput("rental-bad-date")
        await rental.extend_booking(uow, staff_id=caller.id, booking_id=booking_id, due_date=day)

    return await perform(request, uow, action, "panel-rental-extended", back_to(booking_id, back))


@router.post("/rental/bookings/{booking_id}/cancel")
async def cancel(
    request: Request,
    booking_id: Id,
    caller: FormCaller,
    uow: Uow,
    reason: Text = "",
    back: Text = "",
) -> Response:
    return await perform(
        request,
        uow,
        lambda: rental.cancel_booking(
            uow, booking_id=booking_id, staff_id=caller.id, reason=reason
        ),
        "panel-rental-cancelled",
        back_to(booking_id, back),
    )


# --- catalogue and waiting lists --------------------------------------------------------


@router.post("/rental/items")
async def add_item(request: Request, caller: PageCaller, uow: Uow) -> Response:
    form = await upload_form(request)
    content = await read_photo(form)

    async def action() -> None:
        item = await rental.add_item(
            uow,
            staff_id=caller.id,
            category=field(form, "category"),
            name=field(form, "name"),
            inventory_no=field(form, "inventory_no"),
            description=field(form, "description"),
            condition=field(form, "condition"),
            branch=field(form, "branch"),
            photo_url=field(form, "photo_url") or None,
        )
        if content:
            await rental.set_item_photo(uow, staff_id=caller.id, item_id=item.id, content=content)

    return await perform(request, uow, action, "panel-rental-item-added", "/rental/catalogue")


@router.post("/rental/items/{item_id}/status")
async def item_status(
    request: Request, item_id: Id, caller: FormCaller, uow: Uow, status: Text = ""
) -> Response:
    return await perform(
        request,
        uow,
        lambda: rental.set_item_status(uow, staff_id=caller.id, item_id=item_id, status=status),
        "panel-rental-item-status",
        f"/rental/items/{item_id}",
    )


@router.post("/rental/items/{item_id}/photo")
async def item_photo_upload(
    request: Request, item_id: Id, caller: PageCaller, uow: Uow
) -> Response:
    content = await read_photo(await upload_form(request))
    return await perform(
        request,
        uow,
        lambda: rental.set_item_photo(uow, staff_id=caller.id, item_id=item_id, content=content),
        "panel-rental-photo-saved",
        f"/rental/items/{item_id}",
    )


@router.post("/rental/waiters/{waiter_id}/urgent")
async def urgent(request: Request, waiter_id: Id, caller: FormCaller, uow: Uow) -> Response:
    return await perform(
        request,
        uow,
        lambda: rental.put_first(uow, staff_id=caller.id, waiter_id=waiter_id),
        "panel-rental-put-first",
        "/rental#waiting",
    )
