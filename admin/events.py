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

from fastapi import APIRouter, Request
from sse_starlette.sse import EventSourceResponse

from admin.auth import AuthError, Caller, caller_from, core_of
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


def create_events_router(heartbeat_s: float = HEARTBEAT_S) -> APIRouter:
    router = APIRouter()

    @router.get("/events", include_in_schema=False)
    async def events(request: Request) -> EventSourceResponse:
        caller = await caller_from(request)
        if caller is None:  # the panel's session, or a bearer token for a centre's own tool
            raise AuthError(401, "not-authenticated", bearer=True)
        core = core_of(request)

        async def stream() -> AsyncIterator[dict[str, Any]]:
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

        return EventSourceResponse(
            stream(),
            ping=heartbeat_s * 2,
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )

    return router
