"""The web chat channel used by ``aist demo``: a page in the browser that acts as a person.

The person is a random cookie; what the bot sends her goes to an in-memory mailbox the page
long-polls. It is a demo channel (a restart empties the mailboxes; the cases stay in the
database), not a production one.
"""

from __future__ import annotations

import asyncio
import secrets
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel, Field

from bot.dialogs.engine import receive
from core.bootstrap import Core
from core.messages import Incoming, Outgoing

COOKIE = "aist_chat"
POLL_SECONDS = 25.0
TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass
class _Mailbox:
    messages: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)


class WebMessenger:
    channel = "web"

    def __init__(self, keep: int = 200) -> None:
        self._boxes: dict[str, _Mailbox] = defaultdict(_Mailbox)
        self._seq = 0
        self._keep = keep

    async def send(self, address: str, message: Outgoing) -> None:
        box = self._boxes[address]
        self._seq += 1
        box.messages.append((self._seq, message.to_dict()))
        del box.messages[: -self._keep]
        box.changed.set()

    async def poll(self, address: str, after: int, wait_s: float) -> list[dict[str, Any]]:
        box = self._boxes[address]
        if not any(seq > after for seq, _ in box.messages):
            box.changed.clear()
            try:
                await asyncio.wait_for(box.changed.wait(), wait_s)
            except TimeoutError:
                return []
        return [{"seq": seq, **body} for seq, body in box.messages if seq > after]


class SendBody(BaseModel):
    id: str = Field(default_factory=lambda: uuid.uuid4().hex, max_length=64)
    text: str = Field(default="", max_length=20_000)
    payload: str = Field(default="", max_length=64)


def create_web_chat_router(core: Core, messenger: WebMessenger) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape())

    def person(request: Request) -> str | None:
        value = request.cookies.get(COOKIE)
        return value if value and len(value) <= 64 else None

    @router.get("/chat", response_class=HTMLResponse)
    async def page(request: Request) -> Response:
        locale = core.i18n.locale_for(request.headers.get("accept-language", ""))
        html = env.get_template("webchat.html").render(
            t=lambda key, **kw: core.i18n(locale, key, **kw), locale=locale
        )
        response = HTMLResponse(html)
        if person(request) is None:
            response.set_cookie(
                COOKIE, secrets.token_urlsafe(24), httponly=True, samesite="strict", max_age=86400 * 30
            )
        return response

    @router.post("/chat/api/send")
    async def send(body: SendBody, request: Request) -> Response:
        user = person(request)
        if user is None:
            return JSONResponse({"detail": "open /chat first"}, status_code=400)
        text = body.text.strip()
        if body.payload:
            kind = "button"
        elif text.startswith("/"):
            kind = "command"
        elif text:
            kind = "text"
        else:
            return JSONResponse({"detail": "empty message"}, status_code=422)
        language = request.headers.get("accept-language", "")
        incoming = Incoming(
            channel="web", update_key=f"{user[:16]}:{body.id}", user_id=user, address=user,
            kind=kind, text=text, payload=body.payload, language=language,
        )
        await receive(core, incoming)
        return JSONResponse({"ok": True})

    @router.get("/chat/api/poll")
    async def poll(request: Request, after: int = 0, wait: float = POLL_SECONDS) -> Response:
        user = person(request)
        if user is None:
            return JSONResponse({"detail": "open /chat first"}, status_code=400)
        messages = await messenger.poll(user, after, min(max(wait, 0.0), POLL_SECONDS))
        return JSONResponse({"messages": messages})

    return router
