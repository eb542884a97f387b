"""Server-Sent Events for the panel: new cases and messages appear without a reload.

``GET /events`` (the session cookie, or ``Authorization: Bearer``) streams the core bus's case events as ``event: <kind>`` with
a small JSON ``data``: ids, level, direction, delivery status — never a message's text, so
nothing sensitive passes through a browser's event log or a proxy's buffer. ``alert`` says
whether this staff member should be alerted (she is in ``Event.audience``, or the audience
is everyone). A ``ping`` every 15 s keeps proxies from closing an idle stream; at each ping the
account is checked again, so a deactivated account stops hearing at once.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter
from sse_starlette.sse import EventSourceResponse

from admin.auth import Caller
from admin.deps import CoreDep, StreamCaller
from core.bootstrap import Core
from core.errors import NotFound
from core.events import Event
from core.services.staff import get_staff

HEARTBEAT_S = 15.0
RETRY_MS = 3000
# What the panel hears of; delivery housekeeping (outbox wake-ups) stays inside.
FORWARDED = frozenset(
    {
        "case.opened",
        "rental.changed",
        "case.message",
        "case.accepted",
        "case.closed",
        "case.urgent",
        "case.escalated",
        "message.delivery",
    }
)
# Only these fields of an event's data leave the server.
FIELDS = ("case_id", "message_id", "direction", "level", "status", "step")


def event_payload(event: Event, caller: Caller) -> dict[str, Any]:
    data = {k: event.data[k] for k in FIELDS if k in event.data}
    data["alert"] = not event.audience or caller.id in event.audience
    return data


async def _still_active(core: Core, staff_id: int) -> bool:
    try:
        async with core.uow() as uow:
            await get_staff(uow, staff_id)
    except NotFound:
        return False
    except Exception:  # the database hiccups: keep the stream, check again at the next ping
        return True
    return True


async def stream(core: Core, caller: Caller, heartbeat_s: float) -> AsyncIterator[dict[str, Any]]:
    """The bus's events for ``caller``, a ping at each quiet ``heartbeat_s``; it ends when her
    account is no longer active."""
    async with core.bus.subscribe() as queue:
        yield {"event": "ready", "data": "{}", "retry": RETRY_MS}
        while True:
            try:
                event = await asyncio.wait_for(queue.get(), heartbeat_s)
            except TimeoutError:
                if not await _still_active(core, caller.id):
                    return
                yield {"event": "ping", "data": "{}"}
                continue
            if event.kind in FORWARDED:
                payload = event_payload(event, caller)
                yield {"event": event.kind, "data": json.dumps(payload, default=str)}


router = APIRouter()


@router.get("/events", include_in_schema=False)
async def events(caller: StreamCaller, core: CoreDep) -> EventSourceResponse:
    # The panel's session, or a bearer token for a centre's own tool.
    return EventSourceResponse(
        stream(core, caller, HEARTBEAT_S),
        ping=HEARTBEAT_S * 2,
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
