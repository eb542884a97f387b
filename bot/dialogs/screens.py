"""The screens a person sees, written once for every channel.

A screen takes the dialog context, changes state only through core services, and says
replies (locale keys + buttons). Button payloads are global actions, so a button from an old
message, or from before a restart, still leads somewhere sensible.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.dialogs import callbacks as cb
from bot.dialogs import words
from bot.dialogs.context import DialogContext
from bot.dialogs.steps import Step
from core import text_parts
from core.calendar import load_calendar
from core.local_time import centre_zone
from core.messages import Button
from core.models import Case
from core.services import cases, rental
from core.services.consent import active_consent
from core.services.privacy import forget_client
from core.services.urgency import link_staff_channel

TOPIC_KEYS = {topic: f"topic-{topic}" for topic in cases.TOPICS}
# Telegram caps a message at 4096 characters, VK at 4096 too; a longer text is kept whole
# on the case, stored in parts of this size.
PART = 4000
# The payload of "I need help now", kept in reach on every screen of every channel.
HELP_NOW = cb.HELP_NOW()


def menu_rows(ctx: DialogContext) -> list[list[Button]]:
    return [
        [ctx.button("btn-talk", cb.TALK())],
        [ctx.button("btn-help-now", HELP_NOW)],
        [ctx.button("btn-rental", cb.RENTAL()), ctx.button("btn-course", cb.COURSE())],
        [ctx.button("btn-about", cb.ABOUT()), ctx.button("btn-my-data", cb.MY_DATA())],
    ]


def topic_rows(ctx: DialogContext, last: str = "btn-menu") -> list[list[Button]]:
    """A button a topic, and one back to the menu under them."""
    rows = [[ctx.button(TOPIC_KEYS[topic], f"t:{topic}")] for topic in cases.TOPICS]
    rows.append([ctx.button(last, cb.MENU())])
    return rows


def in_chat_rows(ctx: DialogContext) -> list[list[Button]]:
    return [[ctx.button("btn-end", cb.END())]]


async def start(ctx: DialogContext) -> None:
    case = await cases.current_case(ctx.uow, ctx.client.id)
    if case is not None:
        ctx.go(Step.CHAT, case_id=case.id)
        ctx.say("start-with-open-case", *in_chat_rows(ctx), pseudonym=ctx.client.pseudonym)
        return
    ctx.go(Step.MENU)
    ctx.say("start-greeting", pseudonym=ctx.client.pseudonym)
    ctx.say("menu-prompt", *menu_rows(ctx))


async def main_menu(ctx: DialogContext) -> None:
    case = await cases.current_case(ctx.uow, ctx.client.id)
    if case is not None:
        ctx.say("menu-with-open-case", *menu_rows(ctx), *in_chat_rows(ctx))
        return
    ctx.go(Step.MENU)
    ctx.say("menu-prompt", *menu_rows(ctx))


async def help_screen(ctx: DialogContext) -> None:
    ctx.say("help-text", *menu_rows(ctx))


async def choose_topic(ctx: DialogContext) -> None:
    case = await cases.current_case(ctx.uow, ctx.client.id)
    if case is not None:
        ctx.go(Step.CHAT, case_id=case.id)
        ctx.say("talk-already-open", *in_chat_rows(ctx))
        return
    pending = ctx.client.dialog_data.get("pending", [])
    ctx.go(Step.TOPIC, pending=pending)
    ctx.say("talk-choose-topic", *topic_rows(ctx, "btn-back"))


async def open_conversation(ctx: DialogContext, topic: str) -> None:
    if topic not in cases.TOPICS:
        await stale_button(ctx)
        return
    routing = await cases.open_case(ctx.uow, ctx.client, channel=ctx.identity.channel, topic=topic)
    case = routing.case
    pending = await file_pending(ctx, case)
    ctx.go(Step.CHAT, case_id=case.id)
    now = ctx.uow.clock.now()
    calendar = await load_calendar(ctx.uow)
    if routing.on_duty:
        key, args = "talk-opened-on-duty", {}
    elif calendar.is_working_time(now):
        key, args = "talk-opened-working-hours", {}
    else:
        key, args = (
            "talk-opened-after-hours",
            {"when": when_text(ctx, calendar.next_working_time(now))},
        )
    ctx.say(key, *in_chat_rows(ctx), **args)
    await cases.add_bot_message(ctx.uow, case, ctx.t(key, **args))
    if not pending:
        ctx.say("talk-write-now")


def when_text(ctx: DialogContext, at: datetime) -> str:
    return words.when_text(ctx.uow.i18n, ctx.uow.settings, ctx.client.locale, at)


async def relay(ctx: DialogContext) -> None:
    """While a case is open, what she sends goes to the specialist's thread."""
    case = await cases.current_case(ctx.uow, ctx.client.id)
    if case is None:
        await offer_specialist(ctx)
        return
    parts = await put_on_case(ctx, case)
    if parts > 1:
        ctx.say("chat-long-message-kept", parts=parts)
    elif case.assignee_id is None and _ack_due(ctx):
        # Nobody has taken the case yet: she hears that her words arrived, but at most once
        # in a few minutes, so she is not flooded.
        now = ctx.uow.clock.now().isoformat()
        ctx.client.dialog_data = {**ctx.client.dialog_data, "acked_at": now}
        urgent = case.urgent_since is not None
        key = "chat-ack-urgent" if urgent else "chat-received"
        ctx.say(key, *in_chat_rows(ctx))
        await cases.add_bot_message(ctx.uow, case, ctx.t(key))


def _ack_due(ctx: DialogContext) -> bool:
    acked = ctx.client.dialog_data.get("acked_at")
    if not acked:
        return True
    every = timedelta(minutes=ctx.uow.settings.waiting_ack_minutes)
    return ctx.uow.clock.now() - datetime.fromisoformat(acked) >= every


async def file_pending(ctx: DialogContext, case: Case) -> list[dict[str, str]]:
    """What she wrote before a case existed goes onto it, in order; returns those items."""
    pending: list[dict[str, str]] = ctx.client.dialog_data.get("pending", [])
    for item in pending:
        await cases.add_client_message(
            ctx.uow,
            case,
            text=item.get("text", ""),
            kind=item.get("kind", "text"),
            attachment=item.get("attachment") or None,
        )
    return pending


def split_parts(text: str) -> list[str]:
    """Her long text in parts of at most ``PART``, cut between words, nothing of it lost."""
    return text_parts.split_text(text, PART, whole=True) if text else []


async def put_on_case(ctx: DialogContext, case: Case) -> int:
    """What she just sent goes onto her case, in parts of ``PART``; returns how many parts."""
    incoming = ctx.incoming
    parts = split_parts(incoming.text) or [""]
    for part in parts:
        await cases.add_client_message(
            ctx.uow, case, text=part, kind=incoming.kind, attachment=incoming.attachment or None
        )
    return len(parts)


def with_pending(ctx: DialogContext) -> list[dict[str, str]]:
    """What she wrote before a case exists, with what she just sent (the last 20 items)."""
    incoming = ctx.incoming
    pending = list(ctx.client.dialog_data.get("pending", []))
    for part in split_parts(incoming.text) or [""]:
        pending.append({"text": part, "kind": incoming.kind, "attachment": incoming.attachment})
    return pending[-20:]


async def offer_specialist(ctx: DialogContext) -> None:
    """Free text outside a conversation: keep it, and offer to pass it to a person."""
    ctx.go(Step.TOPIC, pending=with_pending(ctx))
    ctx.say("offer-specialist", *topic_rows(ctx))


async def ask_end(ctx: DialogContext) -> None:
    case = await cases.current_case(ctx.uow, ctx.client.id)
    if case is None:
        ctx.go(Step.MENU)
        ctx.say("end-nothing-open", *menu_rows(ctx))
        return
    ctx.say(
        "end-confirm",
        [ctx.button("btn-end-yes", cb.END_YES()), ctx.button("btn-end-no", cb.END_NO())],
    )


async def end(ctx: DialogContext) -> None:
    case = await cases.end_conversation(ctx.uow, ctx.client)
    ctx.go(Step.MENU)
    ctx.say("end-done" if case else "end-nothing-open", *menu_rows(ctx))


async def keep_talking(ctx: DialogContext) -> None:
    case = await cases.current_case(ctx.uow, ctx.client.id)
    if case is None:
        await main_menu(ctx)
        return
    ctx.say("end-cancelled")


async def coming_soon(ctx: DialogContext, feature: str) -> None:
    ctx.say(
        "coming-soon",
        [ctx.button("btn-talk", cb.TALK())],
        [ctx.button("btn-menu", cb.MENU())],
        feature=ctx.t(f"feature-{feature}"),
    )


async def about(ctx: DialogContext) -> None:
    settings = ctx.uow.settings
    ctx.say(
        "about-centre",
        [ctx.button("btn-talk", cb.TALK())],
        [ctx.button("btn-menu", cb.MENU())],
        name=settings.centre_name,
        phone=settings.centre_phone or "—",
        address=settings.centre_address or "—",
        hours=f"{settings.work_start:%H:%M}–{settings.work_end:%H:%M}",
    )


async def my_data(ctx: DialogContext) -> None:
    """What we hold about her, and a button to withdraw each consent she gave."""
    rows = []
    details = []
    rental_consent = await active_consent(ctx.uow, client_id=ctx.client.id, purpose="rental")
    if rental_consent is not None:
        local = rental_consent.given_at.astimezone(centre_zone(ctx.uow.settings))
        details.append(ctx.t("my-data-rental", date=local.strftime("%d.%m.%Y")))
        rows.append([ctx.button("btn-withdraw-rental", cb.WITHDRAW_RENTAL())])
    course_consent = await active_consent(ctx.uow, client_id=ctx.client.id, purpose="course")
    if course_consent is not None:
        local = course_consent.given_at.astimezone(centre_zone(ctx.uow.settings))
        details.append(ctx.t("my-data-course", date=local.strftime("%d.%m.%Y")))
        rows.append([ctx.button("btn-withdraw-course", cb.C_WITHDRAW())])
    rows.append([ctx.button("btn-forget", cb.FORGET())])
    rows.append([ctx.button("btn-menu", cb.MENU())])
    ctx.say(
        "my-data",
        *rows,
        pseudonym=ctx.client.pseudonym,
        details="\n".join(details) or ctx.t("my-data-nothing-else"),
    )


async def ask_forget(ctx: DialogContext) -> None:
    ctx.say(
        "forget-confirm",
        [ctx.button("btn-forget-yes", cb.FORGET_YES())],
        [ctx.button("btn-forget-no", cb.MY_DATA())],
    )


async def forget(ctx: DialogContext) -> None:
    """Everything about her is deleted; the goodbye goes to the address she wrote from."""
    ctx.farewell = (ctx.identity.channel, ctx.identity.address_enc)
    await forget_client(ctx.uow, client_id=ctx.client.id)
    ctx.say("forget-done")
    # The messenger keeps its own copy of the chat: how to clear it there.
    clear = f"forget-clear-{ctx.farewell[0]}"
    if ctx.uow.i18n.has(clear):
        ctx.say(clear)


async def withdraw_rental(ctx: DialogContext) -> None:
    await rental.withdraw_rental_consent(ctx.uow, client_id=ctx.client.id)
    ctx.say("my-data-rental-withdrawn", [ctx.button("btn-menu", cb.MENU())])


async def unknown_command(ctx: DialogContext) -> None:
    ctx.say("unknown-command", *menu_rows(ctx))


async def stale_button(ctx: DialogContext) -> None:
    ctx.say("stale-button", *menu_rows(ctx))


async def sticker(ctx: DialogContext) -> None:
    case = await cases.current_case(ctx.uow, ctx.client.id)
    ctx.say("sticker-reply", *(in_chat_rows(ctx) if case else menu_rows(ctx)))


async def unsupported(ctx: DialogContext) -> None:
    ctx.say("unsupported-reply")


async def link_staff(ctx: DialogContext) -> None:
    """``/link 123456``: a staff member links this chat for escalation alerts."""
    parts = ctx.incoming.text.split()
    if len(parts) != 2 or not parts[1].isdigit():
        ctx.say("link-usage")
        return
    staff = await link_staff_channel(
        ctx.uow, code=parts[1], channel=ctx.identity.channel, address=ctx.incoming.address
    )
    ctx.say("link-done", name=staff.display_name)
