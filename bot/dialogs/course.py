"""The course screens (buttons with the `c:` prefix), written once for every channel."""

from __future__ import annotations

from bot.dialogs.context import DialogContext


async def entry(ctx: DialogContext) -> None:
    from bot.dialogs.screens import coming_soon

    await coming_soon(ctx, "course")


async def on_button(ctx: DialogContext, payload: str) -> bool:
    """Handles a `c:…` button; False when the payload is not one of ours."""
    return False


async def on_text(ctx: DialogContext) -> bool:
    """Free text while she is in one of this section's steps; False when not ours."""
    return False
