"""The web chat channel used by ``aist demo``: a page in the browser that acts as a person.

It is an adapter like the Telegram one: a request becomes an ``Incoming`` for the dialogs,
and an ``Outgoing`` from the delivery worker goes to the person's mailbox.

- The person is a random token in an httponly cookie; it is her ``user_id`` and her address.
- ``POST /chat/api/send`` takes ``{"id", "text"}`` or ``{"id", "payload"}``; ``id`` is made by
  the page once per message and reused on a retry, so a repeated POST is handled once.
- ``GET /chat/api/poll?after=N`` waits up to 25 s for messages with a sequence number above N.

The mailboxes live in this process's memory (the last 200 messages a person got). That is
enough for a demo on one machine: a restart empties them, while the cases, the messages on
them and the outbox stay in the database. It is not a production channel.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel, Field

from bot.dialogs.engine import receive
from core.bootstrap import Core
from core.messages import Incoming, Outgoing
from core.services import rental

CHANNEL = "web"
COOKIE = "aist_chat"
POLL_SECONDS = 25.0
TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass
class _Mailbox:
    messages: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)


class WebMessenger:
    """``core.ports.Messenger`` for the web chat: appends to the person's in-memory mailbox."""

    channel = CHANNEL

    def __init__(self, keep: int = 200, max_people: int = 10_000) -> None:
        self._boxes: OrderedDict[str, _Mailbox] = OrderedDict()
        self._seq = 0
        self._keep = keep
        self._max_people = max_people
        self.closing = False

    def _box(self, address: str) -> _Mailbox:
        box = self._boxes.get(address)
        if box is None:
            box = self._boxes[address] = _Mailbox()
            while len(self._boxes) > self._max_people:  # the longest silent goes first
                self._boxes.popitem(last=False)
        self._boxes.move_to_end(address)
        return box

    async def send(self, address: str, message: Outgoing) -> None:
        box = self._box(address)
        self._seq += 1
        body = message.to_dict()
        # The page shows only photos this server keeps (an item's uploaded picture).
        name = rental.photo_name(message.photo)
        body["photo"] = f"/chat/media/{name}" if name else None
        box.messages.append((self._seq, body))
        del box.messages[: -self._keep]
        box.changed.set()

    def messages(self, address: str, after: int = 0) -> list[dict[str, Any]]:
        box = self._boxes.get(address)
        if box is None:
            return []
        return [{"seq": seq, **body} for seq, body in box.messages if seq > after]

    async def poll(self, address: str, after: int, wait_s: float) -> list[dict[str, Any]]:
        """Messages after ``after``; waits up to ``wait_s`` for the first one."""
        box = self._box(address)
        if not self.closing and not any(seq > after for seq, _ in box.messages):
            box.changed.clear()
            try:
                await asyncio.wait_for(box.changed.wait(), wait_s)
            except TimeoutError:
                return []
        return self.messages(address, after)

    def close(self) -> None:
        """On shutdown: waiting polls return at once, so the server is not held for 25 s."""
        self.closing = True
        for box in self._boxes.values():
            box.changed.set()


class SendBody(BaseModel):
    id: str = Field(min_length=1, max_length=64)
    text: str = Field(default="", max_length=20_000)
    payload: str = Field(default="", max_length=64)


def update_key(person: str, message_id: str) -> str:
    """Unique per person and page message, short enough for the inbound table's key column."""
    return hashlib.sha256(f"{person}\x00{message_id}".encode()).hexdigest()[:48]


def create_web_chat_router(core: Core, messenger: WebMessenger) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape())

    def locale_of(request: Request) -> str:
        return core.i18n.locale_for(request.headers.get("accept-language", ""))

    def error(request: Request, key: str, status: int) -> JSONResponse:
        return JSONResponse({"detail": core.i18n(locale_of(request), key)}, status_code=status)

    def person(request: Request) -> str | None:
        value = request.cookies.get(COOKIE)
        return value if value and 16 <= len(value) <= 64 else None

    @router.get("/chat", response_class=HTMLResponse)
    async def page(request: Request) -> Response:
        locale = locale_of(request)
        html = env.get_template("webchat.html").render(
            t=lambda key, **kw: core.i18n(locale, key, **kw), locale=locale
        )
        response = HTMLResponse(html, headers={"Cache-Control": "no-store"})
        if person(request) is None:
            response.set_cookie(
                COOKIE,
                secrets.token_urlsafe(24),
                httponly=True,
                samesite="strict",
                max_age=86400 * 30,
                secure=request.url.scheme == "https",
            )
        return response

    @router.post("/chat/api/send")
    async def send(body: SendBody, request: Request) -> Response:
        user = person(request)
        if user is None:
            return error(request, "webchat-error-no-session", 400)
        if messenger.closing:
            return error(request, "webchat-error-stopping", 503)
        text = body.text.strip()
        if body.payload:
            kind = "button"
        elif text.startswith("/"):
            kind = "command"
        elif text:
            kind = "text"
        else:
            return error(request, "webchat-error-empty", 422)
        incoming = Incoming(
            channel=CHANNEL,
            update_key=update_key(user, body.id),
            user_id=user,
            address=user,
            kind=kind,
            text=text,
            payload=body.payload,
            language=request.headers.get("accept-language", ""),
        )
        handled = await receive(core, incoming)
        return JSONResponse({"ok": True, "duplicate": not handled})

    @router.get("/chat/media/{name}")
    async def media(request: Request, name: str) -> Response:
        if person(request) is None:
            return error(request, "webchat-error-no-session", 400)
        path = rental.stored_photo(core.settings.var_dir, name)
        if path is None:
            return error(request, "webchat-error-no-photo", 404)
        kinds = {".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}
        return FileResponse(
            path,
            media_type=kinds[path.suffix],
            headers={
                "Cache-Control": "private, max-age=86400",
                "X-Content-Type-Options": "nosniff",
            },
        )

    @router.get("/chat/api/poll")
    async def poll(request: Request, after: int = 0, wait: float = POLL_SECONDS) -> Response:
        user = person(request)
        if user is None:
            return error(request, "webchat-error-no-session", 400)
        if messenger.closing:
            return error(request, "webchat-error-stopping", 503)
        wait_s = min(max(wait, 0.0), POLL_SECONDS)
        messages = await messenger.poll(user, max(after, 0), wait_s)
        return JSONResponse({"messages": messages}, headers={"Cache-Control": "no-store"})

    return router
