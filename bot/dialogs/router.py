"""Picks the screen for an update: commands and buttons first, then by conversation step."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.dialogs import callbacks as cb
from bot.dialogs import course, crisis, rental, screens
from bot.dialogs.context import DialogContext

Screen = Callable[[DialogContext], Awaitable[None]]

COMMANDS: dict[str, Screen] = {
    "start": screens.start,
    "menu": screens.main_menu,
    "help": screens.help_screen,
    "cancel": screens.ask_end,
    "link": screens.link_staff,
}

BUTTONS: dict[str, Screen] = {
    cb.MENU(): screens.main_menu,
    cb.TALK(): screens.choose_topic,
    screens.HELP_NOW: crisis.help_now,
    crisis.SAFE: crisis.answered_safe,
    crisis.UNSAFE: crisis.answered_unsafe,
    cb.RENTAL(): rental.entry,
    cb.COURSE(): course.entry,
    cb.ABOUT(): screens.about,
    cb.MY_DATA(): screens.my_data,
    cb.WITHDRAW_RENTAL(): screens.withdraw_rental,
    cb.FORGET(): screens.ask_forget,
    cb.FORGET_YES(): screens.forget,
    cb.END(): screens.ask_end,
    cb.END_YES(): screens.end,
    cb.END_NO(): screens.keep_talking,
}

# Each section owns the buttons of its prefix and the free text of its own steps.
SECTIONS = {"r:": rental, "c:": course}
MEDIA = ("text", "photo", "document", "voice")


def command_name(text: str) -> str:
    head = text.strip().split(maxsplit=1)[0] if text.strip() else ""
    return head.lstrip("/").split("@", 1)[0].lower()


async def dispatch(ctx: DialogContext) -> None:
    incoming = ctx.incoming
    assessment = crisis.triage_text(ctx)
    if assessment is not None and assessment.urgent:
        await crisis.urgent(ctx, assessment)
    elif assessment is not None and await crisis.should_ask_if_safe(ctx, assessment):
        await crisis.ask_if_safe(ctx)
    elif incoming.kind == "command":
        screen = COMMANDS.get(command_name(incoming.text), screens.unknown_command)
        await screen(ctx)
    elif incoming.kind == "button":
        await _button(ctx, incoming.payload)
    elif incoming.kind == "sticker":
        await screens.sticker(ctx)
    elif incoming.kind == "text" and await _section_text(ctx):
        pass
    elif incoming.kind in MEDIA:
        await screens.relay(ctx)
    else:
        await screens.unsupported(ctx)


async def _button(ctx: DialogContext, payload: str) -> None:
    if payload in BUTTONS:
        await BUTTONS[payload](ctx)
    elif payload[:2] in SECTIONS and await SECTIONS[payload[:2]].on_button(ctx, payload):
        pass
    elif payload.startswith("t:"):
        await screens.open_conversation(ctx, payload[2:])
    else:
        await screens.stale_button(ctx)


async def _section_text(ctx: DialogContext) -> bool:
    for section in SECTIONS.values():
        if await section.on_text(ctx):
            return True
    return False
