"""Server-Sent Events for the panel: new cases and messages appear without a reload."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from sse_starlette.sse import EventSourceResponse

from admin.auth import caller_from, core_of

HEARTBEAT_S = 15.0
# What the panel hears of; delivery housekeeping (outbox wake-ups) stays inside.
FORWARDED = {
    "case.opened", "case.message", "case.accepted", "case.closed", "case.urgent",
    "case.escalated", "message.delivery",
}


def create_events_router() -> APIRouter:
    router = APIRouter()

    @router.get("/events", include_in_schema=False)
    async def events(request: Request) -> EventSourceResponse:
        caller = await caller_from(request)
        if caller is None:
            raise HTTPException(status_code=401, detail="not authenticated")
        core = core_of(request)

        async def stream() -> AsyncIterator[dict[str, Any]]:
            async with core.bus.subscribe() as queue:
                yield {"event": "ready", "data": "{}"}
                while True:
                    try:
                        event = await asyncio.wait_for(queue.get(), HEARTBEAT_S)
                    except TimeoutError:
                        yield {"event": "ping", "data": "{}"}
                        continue
                    if event.kind not in FORWARDED:
                        continue
                    data = {
                        **event.data,
                        "alert": not event.audience or caller.id in event.audience,
                    }
                    yield {"event": event.kind, "data": json.dumps(data, default=str)}

        return EventSourceResponse(stream(), ping=HEARTBEAT_S * 2)

    return router
