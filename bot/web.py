"""The web chat channel used by ``aist demo``: a page in the browser that acts as a person.

It is an adapter like the Telegram one: a request becomes an ``Incoming`` for the dialogs,
and an ``Outgoing`` from the delivery worker goes to the person's mailbox.

- The person is a random token in an httponly cookie; it is her ``user_id`` and her address.
- ``POST /chat/api/send`` takes ``{"id", "text"}`` or ``{"id", "payload"}``; ``id`` is made by
  the page once per message and reused on a retry, so a repeated POST is handled once.
- ``POST /chat/api/attach`` (multipart: ``id``, ``file``, optional ``text`` as its caption): a
  photo (JPEG, PNG, WEBP) or a PDF up to ``AIST_WEB_ATTACHMENT_MAX_BYTES``, told by its first
  bytes; it is kept encrypted under ``<var>/web_uploads`` (``core/services/uploads.py``) and
  goes to the dialogs as a ``photo`` or ``document`` with ``attachment="web:<name>"``, like a
  Telegram or VK file; the same ``id`` scheme as ``send``. Anything else is refused with a
  kind message in her language, and nothing is kept.
- ``GET /chat/api/poll?after=N`` waits up to 25 s for messages with a sequence number above N.
- ``POST /chat/api/exit`` (the quick exit, and the page's last step after "delete my data"):
  this browser's mailbox is dropped and its token retired, so the old cookie brings nothing
  back; her case stays in the database for the specialist.

Nothing of the conversation is meant to outlive the browser session on a shared phone: the
cookie is a session cookie, every answer carries ``Cache-Control: no-store``, and once she
has been forgotten (the bot's "delete my data") her mailbox goes as soon as the goodbye has
been fetched.

The mailboxes live in this process's memory (the last 200 messages a person got). That is
enough for a demo on one machine: a restart empties them, while the cases, the messages on
them and the outbox stay in the database. It is not a production channel.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from collections import OrderedDict
from collections.abc import AsyncGenerator, Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel, Field
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from bot.channel import Attachment
from bot.dialogs.engine import receive
from core.bootstrap import Core
from core.messages import Incoming, Outgoing
from core.ports import DeliveryError
from core.services import clients, rental, uploads

CHANNEL = "web"
COOKIE = "aist_chat"
POLL_SECONDS = 25.0
# After "delete my data" the page shows the goodbye alone this long, then leaves.
FAREWELL_SECONDS = 8.0
# Her goodbye may be more than one message (queued together): this long for the rest.
FINAL_GRACE_SECONDS = 0.5
NO_STORE = {"Cache-Control": "no-store"}
RETIRED = "the person left the web chat (quick exit)"
TEMPLATES = Path(__file__).resolve().parent / "templates"
# An attachment's form holds, besides the file, its id and a caption (20 000 characters).
FORM_ROOM = 128 * 1024
MAX_ID = 64
MAX_TEXT = 20_000
MEGABYTE = 1024 * 1024


@dataclass
class _Mailbox:
    messages: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    # She was forgotten: what comes now is the goodbye, and the box goes once it is fetched.
    final: bool = False


class WebMessenger:
    """``core.ports.Messenger`` for the web chat: appends to the person's in-memory mailbox."""

    channel = CHANNEL

    def __init__(self, keep: int = 200, max_people: int = 10_000) -> None:
        self._boxes: OrderedDict[str, _Mailbox] = OrderedDict()
        self._retired: OrderedDict[str, None] = OrderedDict()
        self._seq = 0
        self._keep = keep
        self._max_people = max_people
        self.final_grace_s = FINAL_GRACE_SECONDS
        self.closing = False

    def _box(self, address: str) -> _Mailbox:
        box = self._boxes.get(address)
        if box is None:
            box = self._boxes[address] = _Mailbox()
            while len(self._boxes) > self._max_people:  # the longest silent goes first
                self._boxes.popitem(last=False)
        self._boxes.move_to_end(address)
        return box

    @property
    def last_seq(self) -> int:
        return self._seq

    def is_retired(self, address: str) -> bool:
        return address in self._retired

    async def send(self, address: str, message: Outgoing) -> None:
        if self.is_retired(address):
            raise DeliveryError(RETIRED, permanent=True)
        box = self._box(address)
        self._seq += 1
        body = message.to_dict()
        # The page shows only photos this server keeps (an item's uploaded picture).
        name = rental.photo_name(message.photo)
        body["photo"] = f"/chat/media/{name}" if name else None
        body["last"] = box.final
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
        found = self.messages(address, after)
        if box.final and found:
            await asyncio.sleep(self.final_grace_s)  # a goodbye in several messages comes whole
            found = self.messages(address, after)
            self.drop(address)
        return found

    def seal(self, address: str, after: int) -> None:
        """She has just been forgotten: what she saw before ``after`` goes now, and what
        comes after it (the goodbye) is her last message here."""
        box = self._box(address)
        box.final = True
        box.messages = [(seq, {**body, "last": True}) for seq, body in box.messages if seq > after]

    def drop(self, address: str) -> None:
        """Forgets this browser's mailbox and retires its token: a poll or a send with the old
        cookie finds nothing, and a later message to it fails as undeliverable."""
        box = self._boxes.pop(address, None)
        self._retired[address] = None
        self._retired.move_to_end(address)
        while len(self._retired) > self._max_people:
            self._retired.popitem(last=False)
        if box is not None:
            box.changed.set()

    def close(self) -> None:
        """On shutdown: waiting polls return at once, so the server is not held for 25 s."""
        self.closing = True
        for box in self._boxes.values():
            box.changed.set()


class SendBody(BaseModel):
    id: str = Field(min_length=1, max_length=MAX_ID)
    text: str = Field(default="", max_length=MAX_TEXT)
    payload: str = Field(default="", max_length=64)


def update_key(person: str, message_id: str) -> str:
    """Unique per person and page message, short enough for the inbound table's key column."""
    return hashlib.sha256(f"{person}\x00{message_id}".encode()).hexdigest()[:48]


def incoming_kind(body: SendBody, text: str) -> str | None:
    if body.payload:
        return "button"
    if text.startswith("/"):
        return "command"
    return "text" if text else None


async def is_forgotten(core: Core, person: str) -> bool:
    """True when this person has no identity any more: "delete my data" was just done."""
    async with core.uow() as uow:
        return not await clients.is_known(uow, channel=CHANNEL, user_id=person)


def megabytes(limit: int) -> str:
    """The limit as she reads it: "10", or "0.5" for a limit under a megabyte."""
    value = limit / MEGABYTE
    return str(int(value)) if value == int(value) else f"{value:.1f}".rstrip("0").rstrip(".")


async def read_attachment_form(request: Request, limit: int) -> FormData | None:
    """The multipart form of ``/chat/api/attach``, read whole into memory; None when the body
    is larger than the file limit and the room for the other fields.

    Starlette's own form reading would spool a file over 1 MB to a temporary file on disk,
    in the clear; here it never leaves memory until it is written encrypted."""
    room = limit + FORM_ROOM
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > room:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > room:
            return None
        chunks.append(chunk)
    body = b"".join(chunks)

    async def replay() -> AsyncGenerator[bytes, None]:
        yield body

    parser = MultiPartParser(
        request.headers, replay(), max_files=1, max_fields=2, max_part_size=FORM_ROOM
    )
    parser.spool_max_size = room  # the file's copy stays in memory
    return await parser.parse()


def attachment_fetcher(core: Core) -> Callable[[str], Awaitable[Attachment]]:
    """The panel's way to open a file sent through the web chat (``web:<name>``): read from
    ``<var>/web_uploads`` and decrypted; ``NotFound`` when it is gone."""

    async def fetch(reference: str) -> Attachment:
        upload = await asyncio.to_thread(uploads.read_upload, core.settings, core.vault, reference)
        return Attachment(upload.content, upload.filename, upload.type.content_type)

    return fetch


def no_store(body: dict[str, Any], status: int = 200) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=NO_STORE)


def set_person_cookie(request: Request, response: Response) -> None:
    """A session cookie: no Max-Age, no Expires, so the browser drops it when it closes."""
    response.set_cookie(
        COOKIE,
        secrets.token_urlsafe(24),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def create_web_chat_router(core: Core, messenger: WebMessenger) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape())

    def locale_of(request: Request) -> str:
        return core.i18n.locale_for(request.headers.get("accept-language", ""))

    def error(request: Request, key: str, status: int) -> JSONResponse:
        return no_store({"detail": core.i18n(locale_of(request), key)}, status)

    def cookie_token(request: Request) -> str | None:
        value = request.cookies.get(COOKIE)
        return value if value and 16 <= len(value) <= 64 else None

    def person(request: Request) -> str | None:
        value = cookie_token(request)
        return None if value is None or messenger.is_retired(value) else value

    @router.get("/chat", response_class=HTMLResponse)
    async def page(request: Request) -> Response:
        locale = locale_of(request)
        html = env.get_template("webchat.html").render(
            t=lambda key, **kw: core.i18n(locale, key, **kw),
            locale=locale,
            exit_url=core.settings.quick_exit_url,
            farewell_ms=int(FAREWELL_SECONDS * 1000),
            attach_max_bytes=core.settings.web_attachment_max_bytes,
            attach_mb=megabytes(core.settings.web_attachment_max_bytes),
        )
        response = HTMLResponse(html, headers=NO_STORE)
        if person(request) is None:
            set_person_cookie(request, response)
        return response

    @router.post("/chat/api/send")
    async def send(body: SendBody, request: Request) -> Response:
        user = person(request)
        if user is None:
            return error(request, "webchat-error-no-session", 400)
        if messenger.closing:
            return error(request, "webchat-error-stopping", 503)
        text = body.text.strip()
        kind = incoming_kind(body, text)
        if kind is None:
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
        before = messenger.last_seq
        handled = await receive(core, incoming)
        if kind == "button" and await is_forgotten(core, user):
            messenger.seal(user, after=before)
        return no_store({"ok": True, "duplicate": not handled})

    @router.post("/chat/api/attach")
    async def attach(request: Request) -> Response:
        user = person(request)
        if user is None:
            return error(request, "webchat-error-no-session", 400)
        if messenger.closing:
            return error(request, "webchat-error-stopping", 503)
        limit = core.settings.web_attachment_max_bytes

        def refused(status: int) -> JSONResponse:
            detail = core.i18n(locale_of(request), "webchat-error-file", mb=megabytes(limit))
            return no_store({"detail": detail}, status)

        if not request.headers.get("content-type", "").startswith("multipart/form-data"):
            return refused(422)
        try:
            form = await read_attachment_form(request, limit)
        except MultiPartException:
            return refused(422)
        if form is None:
            return refused(413)
        message_id, file, caption = form.get("id"), form.get("file"), form.get("text", "")
        if not isinstance(message_id, str) or not 1 <= len(message_id) <= MAX_ID:
            return error(request, "webchat-error-empty", 422)
        if not isinstance(caption, str) or len(caption) > MAX_TEXT:
            return error(request, "webchat-error-empty", 422)
        if not isinstance(file, UploadFile):
            return refused(422)
        content = await file.read()
        await file.close()
        if len(content) > limit:
            return refused(413)
        kind = uploads.upload_type(content)
        if kind is None:
            return refused(415)
        reference = await asyncio.to_thread(
            partial(uploads.store_upload, core.settings, core.vault, content, owner=user)
        )
        incoming = Incoming(
            channel=CHANNEL,
            update_key=update_key(user, message_id),
            user_id=user,
            address=user,
            kind=kind.kind,
            text=caption.strip(),
            attachment=reference,
            language=request.headers.get("accept-language", ""),
        )
        handled = await receive(core, incoming)
        if not handled:  # a retry of a message already taken: its first copy is the one kept
            uploads.delete_uploads(core.settings, [reference])
        return no_store({"ok": True, "duplicate": not handled, "kind": kind.kind})

    @router.post("/chat/api/exit")
    async def leave(request: Request) -> Response:
        """The quick exit: this browser's mailbox and cookie go; her case stays."""
        token = cookie_token(request)
        if token is not None:
            messenger.drop(token)
        response = no_store({"ok": True})
        response.delete_cookie(
            COOKIE, httponly=True, samesite="strict", secure=request.url.scheme == "https"
        )
        return response

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
            headers={**NO_STORE, "X-Content-Type-Options": "nosniff"},
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
        return no_store({"messages": messages})

    return router
