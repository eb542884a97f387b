"""Runs one incoming update through the dialogs: store it, handle it once, queue the replies.

1. The update is stored (and de-duplicated) in its own transaction: nothing she sent is lost,
   even if what follows fails.
2. Handling, the state change it causes and the replies to send are one transaction, marked
   handled in it; a crash before the commit leaves the update to be handled again.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.dialogs import callbacks as cb
from bot.dialogs.context import DialogContext, refusal_text
from bot.dialogs.router import dispatch
from bot.dialogs.screens import HELP_NOW
from core.bootstrap import Core
from core.errors import DomainError
from core.messages import Button, Incoming, Outgoing
from core.services import outbox
from core.services.clients import identify_client
from core.services.inbound import mark_handled, store_update, unhandled_updates

log = logging.getLogger(__name__)


async def receive(core: Core, incoming: Incoming) -> bool:
    """Stores and handles an update; False when it was a duplicate."""
    async with core.uow() as uow:
        update_id = await store_update(uow, incoming)
        await uow.commit()
    if update_id is None:
        return False
    await handle_stored(core, update_id, incoming)
    return True


async def handle_stored(core: Core, update_id: int, incoming: Incoming) -> None:
    try:
        async with core.uow() as uow:
            if not await mark_handled(uow, update_id):
                return
            client, identity = await identify_client(
                uow,
                channel=incoming.channel,
                user_id=incoming.user_id,
                address=incoming.address,
                locale=core.i18n.locale_for(incoming.language),
            )
            ctx = DialogContext(uow, client, identity, incoming)
            try:
                await dispatch(ctx)
            except DomainError as error:
                await uow.rollback()
                await _say_error(core, incoming, update_id, error)
                return
            help_now = ctx.button("btn-help-now", HELP_NOW)
            for reply in ctx.replies:
                if ctx.farewell is not None:
                    outbox.enqueue_farewell(uow, *ctx.farewell, reply)
                else:
                    outbox.enqueue(uow, identity, replace(reply, at_hand=reply.at_hand or help_now))
            await uow.commit()
    except DomainError as error:
        await _say_error(core, incoming, update_id, error)


async def _say_error(core: Core, incoming: Incoming, update_id: int, error: DomainError) -> None:
    """A domain error becomes a kind message; the update counts as handled."""
    async with core.uow() as uow:
        await mark_handled(uow, update_id)
        client, identity = await identify_client(
            uow,
            channel=incoming.channel,
            user_id=incoming.user_id,
            address=incoming.address,
            locale=core.i18n.locale_for(incoming.language),
        )
        text = refusal_text(core.i18n, client.locale, error)
        # Always a next step: the menu is one tap away.
        menu = Button(core.i18n(client.locale, "btn-menu"), cb.MENU())
        outbox.enqueue(uow, identity, Outgoing(text, [[menu]]))
        await uow.commit()


async def recover(core: Core) -> int:
    """Handles updates stored before a crash but never handled; returns how many."""
    async with core.uow() as uow:
        pending = await unhandled_updates(uow)
    for update_id, incoming in pending:
        await handle_stored(core, update_id, incoming)
    return len(pending)
