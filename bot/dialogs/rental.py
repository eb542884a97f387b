"""The rental point screens (buttons with the ``r:`` prefix), written once for every channel.

Catalogue → item → pickup day → consent (only now) → name → phone → request. Every button
carries what it needs (``r:d:<item>:<yyyymmdd>``), so a button from yesterday or from before
a restart still leads somewhere: a day now past, an item just taken, an offer that ran out
each get a kind word and the next step.
"""

from __future__ import annotations

from datetime import date, datetime

from bot.dialogs import callbacks as cb
from bot.dialogs import consent, words
from bot.dialogs.context import DialogContext
from bot.dialogs.steps import RENTAL_STEPS, Step
from core.errors import DomainError
from core.local_time import centre_zone
from core.messages import Button, Outgoing
from core.models import ACTIVE_BOOKING, BookingStatus, ItemStatus
from core.services import rental

STEPS = RENTAL_STEPS
MAX_ITEM_BUTTONS = 8
RECENT_ENDED = 3


def _back(ctx: DialogContext) -> list[Button]:
    return [ctx.button("rental-btn-catalogue", cb.R_CATALOGUE()), ctx.button("btn-menu", cb.MENU())]


async def entry(ctx: DialogContext) -> None:
    """The catalogue: categories with how many are free now."""
    categories = [c for c in await rental.list_categories(ctx.uow) if c.total]
    if ctx.client.dialog_state in STEPS:
        ctx.go(Step.MENU)
    if not categories:
        ctx.say(
            "rental-empty", [ctx.button("btn-talk", cb.TALK())], [ctx.button("btn-menu", cb.MENU())]
        )
        return
    rows = [
        [
            ctx.button(
                "rental-btn-category" if c.free else "rental-btn-category-none",
                cb.R_CATEGORY(c.id),
                name=c.name,
                free=c.free,
            )
        ]
        for c in categories
    ]
    rows.append([ctx.button("rental-btn-my", cb.R_MINE()), ctx.button("btn-menu", cb.MENU())])
    ctx.say("rental-intro", *rows)


async def category(ctx: DialogContext, category_id: int) -> None:
    found = await rental.get_category(ctx.uow, category_id)
    items = await rental.free_items(ctx.uow, category_id)
    if not items:
        ctx.say(
            "rental-none-free",
            [ctx.button("rental-btn-wait", cb.R_WAIT(category_id))],
            _back(ctx),
            name=found.name,
        )
        return
    rows = [
        [ctx.button("rental-btn-item", cb.R_ITEM(item.id), name=item.name)]
        for item in items[:MAX_ITEM_BUTTONS]
    ]
    rows.append(_back(ctx))
    ctx.say(
        "rental-category",
        *rows,
        name=found.name,
        description=found.description or "",
        days=found.loan_days,
        free=len(items),
    )


async def item_card(ctx: DialogContext, item_id: int) -> None:
    item = await rental.get_item(ctx.uow, item_id)
    found = await rental.get_category(ctx.uow, item.category_id)
    if item.status != ItemStatus.available:
        ctx.say("rental-item-just-taken")
        await category(ctx, item.category_id)
        return
    text = ctx.t(
        "rental-item",
        name=item.name,
        condition=item.condition or "—",
        days=rental.loan_days(item, found),
        branch=item.branch or ctx.uow.settings.centre_address or "—",
    )
    if item.description:  # under the name, and no empty "Description: —" line without one
        name_line, _, facts = text.partition("\n")
        text = f"{name_line}\n{item.description}\n{facts}"
    rows = [
        [ctx.button("rental-btn-book", cb.R_BOOK(item.id))],
        [ctx.button("rental-btn-back-category", cb.R_CATEGORY(found.id))],
    ]
    # The photo goes as a real photo with the text; a channel that cannot show it (or a
    # file gone) still sends the text.
    ctx.replies.append(Outgoing(text, rows, photo=item.photo_url or None))


async def ask_day(ctx: DialogContext, item_id: int, *, offer: int | None = None) -> None:
    item = await rental.get_item(ctx.uow, item_id)
    if offer is None and item.status != ItemStatus.available:
        ctx.say("rental-item-just-taken")
        await category(ctx, item.category_id)
        return
    days = await rental.pickup_days(ctx.uow)
    ctx.go(Step.RENTAL_DATE, item=item_id, offer=offer)
    rows: list[list[Button]] = []
    for index in range(0, len(days), 2):
        rows.append(
            [
                Button(_day_label(ctx, day), cb.R_DAY(item_id, day))
                for day in days[index : index + 2]
            ]
        )
    rows.append([ctx.button("btn-back", cb.R_ITEM(item_id) if offer is None else cb.R_MINE())])
    ctx.say("rental-ask-day", *rows, name=item.name)


def _day_label(ctx: DialogContext, day: date) -> str:
    return ctx.t(
        "rental-day-label", weekday=ctx.t(f"rental-wd-{day.weekday()}"), date=f"{day:%d.%m}"
    )


async def chose_day(ctx: DialogContext, item_id: int, day: date) -> None:
    data = ctx.client.dialog_data
    offer = data.get("offer") if data.get("item") == item_id else None
    try:
        await rental.check_pickup_date(ctx.uow, day)
    except DomainError as error:
        ctx.say_text(ctx.refusal(error))
        await ask_day(ctx, item_id, offer=offer)
        return
    item = await rental.get_item(ctx.uow, item_id)
    if offer is None and item.status != ItemStatus.available:
        ctx.say("rental-item-just-taken")
        await category(ctx, item.category_id)
        return
    ctx.go(Step.RENTAL_DATE, item=item_id, offer=offer, day=day.isoformat())
    if await consent.already_given(ctx, consent.RENTAL):
        await ask_name(ctx)
        return
    consent.ask(ctx, consent.RENTAL, cb.R_CONSENT_YES(), cb.R_CONSENT_NO())


async def consent_given(ctx: DialogContext) -> None:
    if not ctx.client.dialog_data.get("day"):
        ctx.say("rental-flow-lost")
        await entry(ctx)
        return
    await consent.record(ctx, consent.RENTAL)
    await ask_name(ctx)


async def ask_name(ctx: DialogContext) -> None:
    ctx.go(Step.RENTAL_NAME, **{**ctx.client.dialog_data})
    ctx.say("rental-ask-name", [ctx.button("rental-btn-stop", cb.R_STOP())])


async def on_text(ctx: DialogContext) -> bool:
    state = ctx.client.dialog_state
    if state not in STEPS:
        return False
    text = ctx.incoming.text.strip()
    data = dict(ctx.client.dialog_data)
    try:
        if state == Step.RENTAL_DATE:
            day = rental.parse_day(text, rental.local_today(ctx.uow))
            await chose_day(ctx, int(data["item"]), day)
        elif state == Step.RENTAL_NAME:
            data["name"] = rental.check_contact_name(text)
            ctx.go(Step.RENTAL_PHONE, **data)
            ctx.say("rental-ask-phone", [ctx.button("rental-btn-stop", cb.R_STOP())])
        else:
            await finish(ctx, data, text)
    except DomainError as error:
        ctx.say_text(ctx.refusal(error), [ctx.button("rental-btn-stop", cb.R_STOP())])
    return True


async def finish(ctx: DialogContext, data: dict[str, object], phone: str) -> None:
    item_id = int(str(data["item"]))
    offer = data.get("offer")
    try:
        booking = await rental.book_item(
            ctx.uow,
            client=ctx.client,
            item_id=item_id,
            pickup_date=date.fromisoformat(str(data["day"])),
            name=str(data.get("name", "")),
            phone=phone,
            offer_id=int(str(offer)) if offer else None,
        )
    except DomainError as error:
        if error.code in ("rental-bad-phone", "rental-item-taken-race"):
            raise  # a bad number is asked again; a broken transaction is the engine's
        ctx.go(Step.MENU)
        ctx.say_text(ctx.refusal(error))
        if error.code == "rental-item-taken":
            await category(ctx, (await rental.get_item(ctx.uow, item_id)).category_id)
        else:
            await entry(ctx)
        return
    item = await rental.get_item(ctx.uow, item_id)
    ctx.go(Step.MENU)
    ctx.say(
        "rental-booked",
        [ctx.button("rental-btn-my", cb.R_MINE())],
        [ctx.button("btn-menu", cb.MENU())],
        name=item.name,
        day=f"{booking.pickup_date:%d.%m.%Y}",
        documents=words.documents_text(ctx.uow.i18n, ctx.uow.settings, ctx.client.locale),
    )


async def my_bookings(ctx: DialogContext) -> None:
    bookings = await rental.list_bookings(ctx.uow, client_id=ctx.client.id, limit=20)
    active = [b for b in bookings if b.status in ACTIVE_BOOKING]
    ended = [b for b in bookings if b.status not in ACTIVE_BOOKING][:RECENT_ENDED]
    waits = await rental.my_waits(ctx.uow, ctx.client.id)
    if not bookings and not waits:
        ctx.say(
            "rental-my-none",
            [ctx.button("rental-btn-catalogue", cb.R_CATALOGUE())],
            [ctx.button("btn-menu", cb.MENU())],
        )
        return
    lines = [_booking_line(ctx, b) for b in active + ended]
    lines += [ctx.t("rental-my-wait", name=c.name, position=position) for c, position in waits]
    rows: list[list[Button]] = []
    for b in active:
        if b.status == BookingStatus.offered:
            rows.append(
                [ctx.button("rental-btn-offer-yes-named", cb.R_OFFER_YES(b.id), name=b.item_name)]
            )
        elif b.status != BookingStatus.issued:
            rows.append([ctx.button("rental-btn-cancel", cb.R_CANCEL(b.id), name=b.item_name)])
    for c, _ in waits:
        rows.append([ctx.button("rental-btn-leave-wait", cb.R_LEAVE_WAIT(c.id), name=c.name)])
    rows.append(_back(ctx))
    ctx.say("rental-my", *rows, lines="\n".join(lines))


def _booking_line(ctx: DialogContext, b: rental.BookingView) -> str:
    return ctx.t(
        f"rental-line-{b.status}",
        name=b.item_name,
        pickup=f"{b.pickup_date:%d.%m}" if b.pickup_date else "—",
        due=f"{b.due_date:%d.%m}" if b.due_date else "—",
        until=_local(ctx, b.offer_expires_at),
        reason=b.reason or "—",
    )


def _local(ctx: DialogContext, at: datetime | None) -> str:

    if at is None:
        return "—"
    return at.astimezone(centre_zone(ctx.uow.settings)).strftime("%d.%m %H:%M")


async def ask_cancel(ctx: DialogContext, booking_id: int) -> None:
    mine = await rental.list_bookings(ctx.uow, client_id=ctx.client.id, limit=50)
    booking = next((b for b in mine if b.id == booking_id), None)
    if booking is None or booking.status not in ACTIVE_BOOKING or booking.status == "issued":
        ctx.say("rental-nothing-to-cancel")
        await my_bookings(ctx)
        return
    ctx.say(
        "rental-cancel-confirm",
        [
            ctx.button("rental-btn-cancel-yes", cb.R_CANCEL_YES(booking_id)),
            ctx.button("rental-btn-cancel-no", cb.R_MINE()),
        ],
        name=booking.item_name,
    )


async def cancel(ctx: DialogContext, booking_id: int) -> None:
    await rental.cancel_booking(ctx.uow, booking_id=booking_id, client_id=ctx.client.id)
    ctx.say(
        "rental-cancelled",
        [ctx.button("rental-btn-my", cb.R_MINE())],
        [ctx.button("btn-menu", cb.MENU())],
    )


async def wait(ctx: DialogContext, category_id: int) -> None:
    if await rental.free_items(ctx.uow, category_id):
        ctx.say("rental-free-now")
        await category(ctx, category_id)
        return
    found = await rental.get_category(ctx.uow, category_id)
    _, position = await rental.join_waiting_list(
        ctx.uow, client=ctx.client, category_id=category_id
    )
    ctx.say(
        "rental-waiting",
        [ctx.button("rental-btn-my", cb.R_MINE())],
        [ctx.button("btn-menu", cb.MENU())],
        name=found.name,
        position=position,
        hours=ctx.uow.settings.rental_offer_hold_hours,
    )


async def leave_wait(ctx: DialogContext, category_id: int) -> None:
    await rental.leave_waiting_list(ctx.uow, client_id=ctx.client.id, category_id=category_id)
    ctx.say(
        "rental-left-wait",
        [ctx.button("rental-btn-my", cb.R_MINE())],
        [ctx.button("btn-menu", cb.MENU())],
    )


async def offer_yes(ctx: DialogContext, booking_id: int) -> None:
    mine = await rental.list_bookings(ctx.uow, client_id=ctx.client.id, limit=50)
    offer = next((b for b in mine if b.id == booking_id), None)
    now = ctx.uow.clock.now()
    if (
        offer is None
        or offer.status != BookingStatus.offered
        or (offer.offer_expires_at is not None and offer.offer_expires_at <= now)
    ):
        ctx.say("error-rental-offer-gone")
        await my_bookings(ctx)
        return
    await ask_day(ctx, offer.item_id, offer=booking_id)


async def offer_no(ctx: DialogContext, booking_id: int) -> None:
    await rental.decline_offer(ctx.uow, client=ctx.client, offer_id=booking_id)
    ctx.say(
        "rental-offer-declined",
        [ctx.button("rental-btn-catalogue", cb.R_CATALOGUE())],
        [ctx.button("btn-menu", cb.MENU())],
    )


async def stop(ctx: DialogContext) -> None:
    ctx.go(Step.MENU)
    ctx.say(
        "rental-stopped",
        [ctx.button("rental-btn-catalogue", cb.R_CATALOGUE())],
        [ctx.button("btn-menu", cb.MENU())],
    )


async def refused(ctx: DialogContext) -> None:
    ctx.go(Step.MENU)
    ctx.say(
        "rental-consent-refused",
        [ctx.button("btn-talk", cb.TALK())],
        [ctx.button("btn-menu", cb.MENU())],
    )


async def _refused(ctx: DialogContext, error: DomainError) -> None:
    ctx.say_text(ctx.refusal(error))
    await entry(ctx)


ROUTES = cb.Routes(
    {
        cb.R_CATALOGUE: entry,
        cb.R_MINE: my_bookings,
        cb.R_CONSENT_YES: consent_given,
        cb.R_CONSENT_NO: refused,
        cb.R_STOP: stop,
        cb.R_CATEGORY: category,
        cb.R_ITEM: item_card,
        cb.R_BOOK: ask_day,
        cb.R_DAY: chose_day,
        cb.R_CANCEL: ask_cancel,
        cb.R_CANCEL_YES: cancel,
        cb.R_WAIT: wait,
        cb.R_LEAVE_WAIT: leave_wait,
        cb.R_OFFER_YES: offer_yes,
        cb.R_OFFER_NO: offer_no,
    }
)


async def on_button(ctx: DialogContext, payload: str) -> bool:
    """Handles an ``r:…`` button; False when the payload is not one of ours."""
    return await cb.answer(ctx, ROUTES, payload, _refused)
