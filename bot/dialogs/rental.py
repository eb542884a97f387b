"""The rental point screens (buttons with the ``r:`` prefix), written once for every channel.

Catalogue → item → pickup day → consent (only now) → name → phone → request. Every button
carries what it needs (``r:d:<item>:<yyyymmdd>``), so a button from yesterday or from before
a restart still leads somewhere: a day now past, an item just taken, an offer that ran out
each get a kind word and the next step.
"""

from __future__ import annotations

from datetime import date, datetime

from bot.dialogs.context import DialogContext
from core.errors import DomainError
from core.messages import Button, Outgoing
from core.models import ACTIVE_BOOKING, BookingStatus, ItemStatus
from core.services import rental
from core.services.consent import give_consent, has_consent

STEPS = ("rental_date", "rental_name", "rental_phone")
MAX_ITEM_BUTTONS = 8
RECENT_ENDED = 3


def _back(ctx: DialogContext) -> list[Button]:
    return [ctx.button("rental-btn-catalogue", "r:cats"), ctx.button("btn-menu", "menu")]


def _error_text(ctx: DialogContext, error: DomainError) -> str:
    key = f"error-{error.code}"
    if not ctx.uow.i18n.has(key):
        key = "error-generic"
    return ctx.t(key, **{k: str(v) for k, v in error.params.items()})


async def entry(ctx: DialogContext) -> None:
    """The catalogue: categories with how many are free now."""
    categories = [c for c in await rental.list_categories(ctx.uow) if c.total]
    if ctx.client.dialog_state in STEPS:
        ctx.go("menu")
    if not categories:
        ctx.say(
            "rental-empty", [ctx.button("btn-talk", "m:talk")], [ctx.button("btn-menu", "menu")]
        )
        return
    rows = [
        [
            ctx.button(
                "rental-btn-category" if c.free else "rental-btn-category-none",
                f"r:c:{c.id}",
                name=c.name,
                free=c.free,
            )
        ]
        for c in categories
    ]
    rows.append([ctx.button("rental-btn-my", "r:my"), ctx.button("btn-menu", "menu")])
    ctx.say("rental-intro", *rows)


async def category(ctx: DialogContext, category_id: int) -> None:
    found = await rental.get_category(ctx.uow, category_id)
    items = await rental.free_items(ctx.uow, category_id)
    if not items:
        ctx.say(
            "rental-none-free",
            [ctx.button("rental-btn-wait", f"r:w:{category_id}")],
            _back(ctx),
            name=found.name,
        )
        return
    rows = [
        [ctx.button("rental-btn-item", f"r:i:{item.id}", name=item.name)]
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
        [ctx.button("rental-btn-book", f"r:b:{item.id}")],
        [ctx.button("rental-btn-back-category", f"r:c:{found.id}")],
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
    ctx.go("rental_date", item=item_id, offer=offer)
    rows: list[list[Button]] = []
    for index in range(0, len(days), 2):
        rows.append(
            [
                Button(_day_label(ctx, day), f"r:d:{item_id}:{day:%Y%m%d}")
                for day in days[index : index + 2]
            ]
        )
    rows.append([ctx.button("btn-back", f"r:i:{item_id}" if offer is None else "r:my")])
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
        ctx.say_text(_error_text(ctx, error))
        await ask_day(ctx, item_id, offer=offer)
        return
    item = await rental.get_item(ctx.uow, item_id)
    if offer is None and item.status != ItemStatus.available:
        ctx.say("rental-item-just-taken")
        await category(ctx, item.category_id)
        return
    ctx.go("rental_date", item=item_id, offer=offer, day=day.isoformat())
    if await has_consent(ctx.uow, client_id=ctx.client.id, purpose="rental"):
        await ask_name(ctx)
        return
    ctx.say(
        "rental-consent",
        [ctx.button("rental-btn-consent-yes", "r:ok")],
        [ctx.button("rental-btn-consent-no", "r:no")],
        centre=ctx.uow.settings.centre_name,
    )


async def consent_given(ctx: DialogContext) -> None:
    if not ctx.client.dialog_data.get("day"):
        ctx.say("rental-flow-lost")
        await entry(ctx)
        return
    await give_consent(ctx.uow, client_id=ctx.client.id, purpose="rental")
    await ask_name(ctx)


async def ask_name(ctx: DialogContext) -> None:
    ctx.go("rental_name", **{**ctx.client.dialog_data})
    ctx.say("rental-ask-name", [ctx.button("rental-btn-stop", "r:stop")])


async def on_text(ctx: DialogContext) -> bool:
    state = ctx.client.dialog_state
    if state not in STEPS:
        return False
    text = ctx.incoming.text.strip()
    data = dict(ctx.client.dialog_data)
    try:
        if state == "rental_date":
            day = rental.parse_day(text, rental.local_today(ctx.uow))
            await chose_day(ctx, int(data["item"]), day)
        elif state == "rental_name":
            data["name"] = rental.check_contact_name(text)
            ctx.go("rental_phone", **data)
            ctx.say("rental-ask-phone", [ctx.button("rental-btn-stop", "r:stop")])
        else:
            await finish(ctx, data, text)
    except DomainError as error:
        ctx.say_text(_error_text(ctx, error), [ctx.button("rental-btn-stop", "r:stop")])
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
        ctx.go("menu")
        ctx.say_text(_error_text(ctx, error))
        if error.code == "rental-item-taken":
            await category(ctx, (await rental.get_item(ctx.uow, item_id)).category_id)
        else:
            await entry(ctx)
        return
    item = await rental.get_item(ctx.uow, item_id)
    ctx.go("menu")
    ctx.say(
        "rental-booked",
        [ctx.button("rental-btn-my", "r:my")],
        [ctx.button("btn-menu", "menu")],
        name=item.name,
        day=f"{booking.pickup_date:%d.%m.%Y}",
        documents=rental.documents_text(ctx.uow, ctx.client.locale),
    )


async def my_bookings(ctx: DialogContext) -> None:
    bookings = await rental.list_bookings(ctx.uow, client_id=ctx.client.id, limit=20)
    active = [b for b in bookings if b.status in ACTIVE_BOOKING]
    ended = [b for b in bookings if b.status not in ACTIVE_BOOKING][:RECENT_ENDED]
    waits = await rental.my_waits(ctx.uow, ctx.client.id)
    if not bookings and not waits:
        ctx.say(
            "rental-my-none",
            [ctx.button("rental-btn-catalogue", "r:cats")],
            [ctx.button("btn-menu", "menu")],
        )
        return
    lines = [_booking_line(ctx, b) for b in active + ended]
    lines += [ctx.t("rental-my-wait", name=c.name, position=position) for c, position in waits]
    rows: list[list[Button]] = []
    for b in active:
        if b.status == BookingStatus.offered:
            rows.append(
                [ctx.button("rental-btn-offer-yes-named", f"r:oy:{b.id}", name=b.item_name)]
            )
        elif b.status != BookingStatus.issued:
            rows.append([ctx.button("rental-btn-cancel", f"r:x:{b.id}", name=b.item_name)])
    for c, _ in waits:
        rows.append([ctx.button("rental-btn-leave-wait", f"r:lw:{c.id}", name=c.name)])
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
    from zoneinfo import ZoneInfo

    if at is None:
        return "—"
    return at.astimezone(ZoneInfo(ctx.uow.settings.timezone)).strftime("%d.%m %H:%M")


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
            ctx.button("rental-btn-cancel-yes", f"r:xy:{booking_id}"),
            ctx.button("rental-btn-cancel-no", "r:my"),
        ],
        name=booking.item_name,
    )


async def cancel(ctx: DialogContext, booking_id: int) -> None:
    await rental.cancel_booking(ctx.uow, booking_id=booking_id, client_id=ctx.client.id)
    ctx.say(
        "rental-cancelled", [ctx.button("rental-btn-my", "r:my")], [ctx.button("btn-menu", "menu")]
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
        [ctx.button("rental-btn-my", "r:my")],
        [ctx.button("btn-menu", "menu")],
        name=found.name,
        position=position,
        hours=ctx.uow.settings.rental_offer_hold_hours,
    )


async def leave_wait(ctx: DialogContext, category_id: int) -> None:
    await rental.leave_waiting_list(ctx.uow, client_id=ctx.client.id, category_id=category_id)
    ctx.say(
        "rental-left-wait", [ctx.button("rental-btn-my", "r:my")], [ctx.button("btn-menu", "menu")]
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
        [ctx.button("rental-btn-catalogue", "r:cats")],
        [ctx.button("btn-menu", "menu")],
    )


async def stop(ctx: DialogContext) -> None:
    ctx.go("menu")
    ctx.say(
        "rental-stopped",
        [ctx.button("rental-btn-catalogue", "r:cats")],
        [ctx.button("btn-menu", "menu")],
    )


async def refused(ctx: DialogContext) -> None:
    ctx.go("menu")
    ctx.say(
        "rental-consent-refused",
        [ctx.button("btn-talk", "m:talk")],
        [ctx.button("btn-menu", "menu")],
    )


async def on_button(ctx: DialogContext, payload: str) -> bool:
    """Handles an ``r:…`` button; False when the payload is not one of ours."""
    parts = payload.split(":")
    action, args = parts[1] if len(parts) > 1 else "", parts[2:]
    simple = {"cats": entry, "my": my_bookings, "ok": consent_given, "no": refused, "stop": stop}
    if action in simple and not args:
        await simple[action](ctx)
        return True
    numbered = {
        "c": category,
        "i": item_card,
        "b": ask_day,
        "x": ask_cancel,
        "xy": cancel,
        "w": wait,
        "lw": leave_wait,
        "oy": offer_yes,
        "on": offer_no,
    }
    try:
        if action in numbered and len(args) == 1:
            await numbered[action](ctx, int(args[0]))
            return True
        if action == "d" and len(args) == 2:
            day = datetime.strptime(args[1], "%Y%m%d").date()
            await chose_day(ctx, int(args[0]), day)
            return True
    except ValueError:
        return False
    except DomainError as error:
        ctx.say_text(_error_text(ctx, error))
        await entry(ctx)
        return True
    return False
