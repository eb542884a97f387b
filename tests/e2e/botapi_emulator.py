"""A Telegram Bot API emulator: an aiohttp server on 127.0.0.1 speaking the Bot API's JSON.

The test plays the person (``user_sends_text``, ``user_presses``...) and reads what the bot
sent (``wait_for_messages``). It checks requests the way Telegram does (4096-unit texts,
64-byte callback data, known chats, callback queries answered once) and answers a bad one
with Telegram's 400, recorded in ``rejected``. Faults for ``sendMessage`` can be queued:
429 with retry_after, 500, 403 "bot was blocked by the user". ``enforce_limits`` makes it
refuse, as Telegram does, what goes over its sending limits (429 with retry_after, counted
in ``too_many_requests``). ``sendPhoto`` takes an uploaded file (multipart, ``attach://``),
a URL or a file_id, checks the 1024-unit caption and that an upload is an image, and records
the photo on the ``SentMessage`` (its bytes, or the URL); ``refuse_next_photos`` makes it
refuse photos the way Telegram refuses one it cannot process.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import socket
import time
from collections import Counter, deque
from dataclasses import dataclass
from typing import Any

from aiohttp import web

BOT_ID = 7000001
BOT_USERNAME = "aist_test_bot"
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF")
JSON_FIELDS = {"reply_markup", "commands", "scope", "link_preview_options", "entities"}
COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
FAULT_DESCRIPTIONS = {
    400: "Bad Request: chat not found",
    403: "Forbidden: bot was blocked by the user",
    429: "Too Many Requests: retry after {retry_after}",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


def utf16_length(text: str) -> int:
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


@dataclass(frozen=True)
class ApiCall:
    method: str
    params: dict[str, Any]
    at: float
    status: int
    description: str = ""


@dataclass(frozen=True)
class SentMessage:
    chat_id: int
    message_id: int
    text: str
    buttons: list[list[dict[str, str]]]
    parse_mode: str | None
    at: float
    # A photo message: the uploaded bytes, or the URL / file_id it was sent by; ``text`` is
    # then its caption.
    photo: bytes | str | None = None
    # A keyboard under the input field (ReplyKeyboardMarkup): its labels, and whether Telegram
    # keeps it shown ("is_persistent").
    keyboard: list[str] | None = None
    keyboard_persistent: bool = False

    @property
    def labels(self) -> list[str]:
        return [b["text"] for row in self.buttons for b in row]

    @property
    def payloads(self) -> list[str]:
        return [b.get("callback_data", "") for row in self.buttons for b in row]

    def payload_of(self, label: str) -> str:
        """The callback data of the button whose label contains ``label``."""
        for row in self.buttons:
            for button in row:
                if label in button["text"]:
                    return button["callback_data"]
        raise AssertionError(f"no button {label!r} in {self.labels}")


class BotApiEmulator:
    def __init__(self, token: str = "123456:TEST-token", host: str = "127.0.0.1") -> None:
        self.token = token
        self.host = host
        self.port = 0
        self.sent: list[SentMessage] = []
        self.calls: list[ApiCall] = []
        self.rejected: list[ApiCall] = []
        self.unknown_methods: list[str] = []
        self.commands: dict[str | None, list[dict[str, str]]] = {}
        self.answered_queries: list[str] = []
        self.files: dict[str, tuple[str, bytes]] = {}
        self.webhook_deleted = 0
        self.confirmed_offset = 0
        self._pending: list[dict[str, Any]] = []
        self._history: dict[int, dict[str, Any]] = {}
        self._open_queries: set[str] = set()
        self._known_chats: set[int] = set()
        self._blocked: set[int] = set()
        self._faults: deque[tuple[int, dict[str, Any]] | None] = deque()
        self._photo_refusals: deque[str] = deque()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(100)
        self._file_ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._poll_generation = 0
        self._closing = False
        self._runner: web.AppRunner | None = None
        self.too_many_requests = 0
        self.served: Counter[int] = Counter()  # update id -> times getUpdates returned it
        self._limits: tuple[int, int, float] | None = None
        self._recent: deque[float] = deque()
        self._recent_by_chat: dict[int, deque[float]] = {}

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.*}", self._download)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        sock = socket.socket()
        sock.bind((self.host, 0))
        self.port = int(sock.getsockname()[1])
        await web.SockSite(self._runner, sock).start()

    async def stop(self) -> None:
        self._closing = True
        await self._notify()
        if self._runner is not None:
            await self._runner.cleanup()

    # --- the person -------------------------------------------------------------------------

    @staticmethod
    def _user(user_id: int, language: str) -> dict[str, Any]:
        # Names and a username are there so tests can prove the bot keeps none of them.
        return {
            "id": user_id,
            "is_bot": False,
            "first_name": "Маргарита",
            "last_name": "Секретова",
            "username": "secret_margo",
            "language_code": language,
        }

    def _message(
        self,
        user_id: int,
        language: str,
        chat_id: int | None = None,
        chat_type: str = "private",
        **content: Any,
    ) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id or user_id, "type": chat_type}
        if chat_type == "private":
            chat.update(first_name="Маргарита", username="secret_margo")
            self._known_chats.add(user_id)
        else:
            chat["title"] = "Мамы района"
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self._user(user_id, language),
            **content,
        }

    async def push_update(self, update: dict[str, Any]) -> int:
        """Queues a raw update (any shape) for getUpdates; returns its update_id."""
        update_id = next(self._update_ids)
        update = {**update, "update_id": update_id}
        self._history[update_id] = update
        self._pending.append(update)
        await self._notify()
        return update_id

    async def user_sends_text(
        self,
        user_id: int,
        text: str,
        *,
        language: str = "ru",
        chat_id: int | None = None,
        chat_type: str = "private",
    ) -> int:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        message = self._message(user_id, language, chat_id, chat_type, **content)
        return await self.push_update({"message": message})

    def add_file(self, data: bytes, path: str) -> str:
        """Stores a file the person sends; returns its file_id."""
        file_id = f"file-{next(self._file_ids)}"
        self.files[file_id] = (path, data)
        return file_id

    async def user_sends_photo(
        self,
        user_id: int,
        caption: str = "",
        data: bytes = b"\x89PNG large",
        *,
        language: str = "ru",
    ) -> int:
        small = self.add_file(b"\x89PNG thumbnail", "photos/small.jpg")
        large = self.add_file(data, "photos/large.jpg")
        sizes = [
            {"file_id": small, "file_unique_id": f"u{small}", "width": 90, "height": 90},
            {"file_id": large, "file_unique_id": f"u{large}", "width": 1280, "height": 960},
        ]
        content: dict[str, Any] = {"photo": sizes}
        if caption:
            content["caption"] = caption
        return await self.push_update({"message": self._message(user_id, language, **content)})

    async def user_sends_document(
        self,
        user_id: int,
        name: str = "spravka.pdf",
        data: bytes = b"%PDF-1.4 test",
        *,
        caption: str = "",
        language: str = "ru",
    ) -> int:
        file_id = self.add_file(data, f"documents/{name}")
        document = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": name,
            "mime_type": "application/pdf",
            "file_size": len(data),
        }
        content: dict[str, Any] = {"document": document}
        if caption:
            content["caption"] = caption
        return await self.push_update({"message": self._message(user_id, language, **content)})

    async def user_sends_voice(
        self, user_id: int, data: bytes = b"OggS voice", *, language: str = "ru"
    ) -> int:
        file_id = self.add_file(data, "voice/file_1.oga")
        voice = {"file_id": file_id, "file_unique_id": f"u{file_id}", "duration": 3}
        return await self.push_update({"message": self._message(user_id, language, voice=voice)})

    async def user_sends_sticker(self, user_id: int, *, language: str = "ru") -> int:
        sticker = {
            "file_id": "sticker-1",
            "file_unique_id": "usticker-1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "😢",
        }
        return await self.push_update(
            {"message": self._message(user_id, language, sticker=sticker)}
        )

    async def user_sends_contact(self, user_id: int, phone: str, *, language: str = "ru") -> int:
        contact = {"phone_number": phone, "first_name": "Маргарита", "user_id": user_id}
        return await self.push_update(
            {"message": self._message(user_id, language, contact=contact)}
        )

    async def user_presses(
        self,
        user_id: int,
        data: str,
        *,
        language: str = "ru",
        chat_id: int | None = None,
        chat_type: str = "private",
    ) -> int:
        """A tap on an inline button carrying ``data`` under one of the bot's messages."""
        query_id = str(next(self._message_ids))
        self._open_queries.add(query_id)
        if chat_type == "private":
            self._known_chats.add(user_id)
        query = {
            "id": query_id,
            "from": self._user(user_id, language),
            "chat_instance": f"ci-{user_id}",
            "data": data,
            "message": {
                "message_id": 1,
                "date": int(time.time()),
                "chat": {"id": chat_id or user_id, "type": chat_type},
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "Aist"},
                "text": "…",
            },
        }
        return await self.push_update({"callback_query": query})

    def user_blocks_bot(self, user_id: int) -> None:
        """From now on every message to her answers 403, as Telegram does."""
        self._blocked.add(user_id)

    def fail_next_sends(
        self,
        status: int,
        times: int = 1,
        *,
        retry_after: int | None = None,
        description: str | None = None,
        after: int = 0,
    ) -> None:
        """The next ``times`` sendMessage calls answer ``status`` (429 with ``retry_after``,
        500, 403 "bot was blocked by the user", 400 "chat not found"...) and send nothing;
        ``after`` calls go through normally first."""
        text = description or FAULT_DESCRIPTIONS.get(status, "Error")
        body: dict[str, Any] = {
            "ok": False,
            "error_code": status,
            "description": text.format(retry_after=retry_after),
        }
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        self._faults.extend([None] * after + [(status, body)] * times)

    def refuse_next_photos(
        self, times: int = 1, description: str = "Bad Request: IMAGE_PROCESS_FAILED"
    ) -> None:
        """The next ``times`` sendPhoto calls answer 400 with ``description`` and send
        nothing, as when Telegram cannot process a picture or fetch its URL."""
        self._photo_refusals.extend([description] * times)

    def enforce_limits(
        self, per_second: int = 30, chat_burst: int = 3, chat_interval_s: float = 1.0
    ) -> None:
        """From now on sendMessage answers 429 (retry_after 1) when it would make more than
        ``per_second`` messages in any one second overall, or more than ``chat_burst``
        messages to one chat within ``chat_burst * chat_interval_s`` seconds (one a second
        on average, a short burst allowed): Telegram's published limits, enforced strictly."""
        self._limits = (per_second, chat_burst, chat_interval_s)

    def add_chats(self, chat_ids: list[int]) -> None:
        """Chats that wrote to the bot before (a broadcast's recipients)."""
        self._known_chats.update(chat_ids)

    def _over_limit(self, chat_id: int, now: float) -> bool:
        if self._limits is None:
            return False
        per_second, chat_burst, chat_interval_s = self._limits
        while self._recent and self._recent[0] <= now - 1.0:
            self._recent.popleft()
        chat = self._recent_by_chat.setdefault(chat_id, deque())
        while chat and chat[0] <= now - chat_burst * chat_interval_s:
            chat.popleft()
        if len(self._recent) >= per_second or len(chat) >= chat_burst:
            return True
        self._recent.append(now)
        chat.append(now)
        return False

    async def redeliver(self, update_id: int) -> None:
        """Serves an update again, as Telegram does when the bot stopped before confirming it
        (reached only by a fresh poller, whose offset is not yet past it)."""
        self.confirmed_offset = min(self.confirmed_offset, update_id)
        self._pending = sorted(
            [u for u in self._pending if u["update_id"] != update_id] + [self._history[update_id]],
            key=lambda u: u["update_id"],
        )
        await self._notify()

    # --- what the bot did ---------------------------------------------------------------------

    def to(self, chat_id: int) -> list[SentMessage]:
        """Messages delivered to a chat, in order."""
        return [m for m in self.sent if m.chat_id == chat_id]

    def photos_to(self, chat_id: int) -> list[SentMessage]:
        """Photo messages delivered to a chat, in order."""
        return [m for m in self.to(chat_id) if m.photo is not None]

    def attempts_to(self, chat_id: int) -> list[ApiCall]:
        """Every sendMessage call to a chat, failed ones included."""
        return [
            c
            for c in self.calls
            if c.method == "sendmessage" and str(c.params.get("chat_id")) == str(chat_id)
        ]

    @property
    def unconfirmed(self) -> list[int]:
        """Update ids Telegram still holds: served or not, never confirmed by an offset."""
        return [u["update_id"] for u in self._pending]

    async def wait_for_messages(
        self, chat_id: int, count: int, timeout: float = 5.0
    ) -> list[SentMessage]:
        """Waits until ``count`` messages in all have reached the chat; returns all of them."""

        def enough() -> bool:
            return len(self.to(chat_id)) >= count

        try:
            async with asyncio.timeout(timeout):
                async with self._changed:
                    await self._changed.wait_for(enough)
        except TimeoutError:
            texts = [m.text[:50] for m in self.to(chat_id)]
            raise AssertionError(f"expected {count} messages to {chat_id}, got {texts}") from None
        return self.to(chat_id)

    async def wait_until_confirmed(self, update_id: int, timeout: float = 5.0) -> None:
        """Waits until the bot confirmed the update (asked for updates past it)."""
        try:
            async with asyncio.timeout(timeout):
                async with self._changed:
                    await self._changed.wait_for(lambda: self.confirmed_offset > update_id)
        except TimeoutError:
            raise AssertionError(
                f"update {update_id} not confirmed; offset {self.confirmed_offset}"
            ) from None

    def assert_protocol_kept(self) -> None:
        """Every call was one Telegram would accept."""
        assert not self.unknown_methods, (
            f"methods the emulator does not know: {self.unknown_methods}"
        )
        assert not self.rejected, "calls Telegram would refuse: " + "; ".join(
            f"{c.method}: {c.description}" for c in self.rejected
        )

    # --- the Bot API --------------------------------------------------------------------------

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    @staticmethod
    async def _params(request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return dict(await request.json())
        params: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            for key, value in (await request.post()).items():
                if isinstance(value, str) and key in JSON_FIELDS:
                    params[key] = json.loads(value)
                else:
                    params[key] = value
        return params

    @staticmethod
    def _ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    def _error(
        self, method: str, params: dict[str, Any], status: int, description: str
    ) -> web.Response:
        call = ApiCall(method, params, time.monotonic(), status, description)
        if status == 400:
            self.rejected.append(call)
        body = {"ok": False, "error_code": status, "description": description}
        return web.json_response(body, status=status)

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            body = {"ok": False, "error_code": 401, "description": "Unauthorized"}
            return web.json_response(body, status=401)
        method = request.match_info["method"].lower()
        params = await self._params(request)
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            self.unknown_methods.append(method)
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        response: web.Response = await handler(method, params)
        if method != "getupdates":
            body = json.loads(response.text or "{}")
            description = "" if body.get("ok") else str(body.get("description", ""))
            call = ApiCall(method, params, time.monotonic(), response.status, description)
            self.calls.append(call)
        return response

    async def _api_getme(self, method: str, params: dict[str, Any]) -> web.Response:
        return self._ok(
            {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "Aist",
                "username": BOT_USERNAME,
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        )

    async def _api_deletewebhook(self, method: str, params: dict[str, Any]) -> web.Response:
        self.webhook_deleted += 1
        return self._ok(True)

    async def _api_setmycommands(self, method: str, params: dict[str, Any]) -> web.Response:
        commands = params.get("commands") or []
        for command in commands:
            if not COMMAND_NAME.match(command.get("command", "")):
                return self._error(method, params, 400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(command.get("description", "")) <= 256:
                return self._error(
                    method, params, 400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID"
                )
        self.commands[params.get("language_code") or None] = commands
        return self._ok(True)

    async def _api_getupdates(self, method: str, params: dict[str, Any]) -> web.Response:
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        if offset > self.confirmed_offset:
            self.confirmed_offset = offset
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
            await self._notify()
        self._poll_generation += 1
        generation = self._poll_generation
        deadline = time.monotonic() + timeout

        def ready() -> list[dict[str, Any]]:
            return [u for u in self._pending if u["update_id"] >= offset][:limit]

        async with self._changed:
            while not ready() and not self._closing and generation == self._poll_generation:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                try:
                    async with asyncio.timeout(remaining):
                        await self._changed.wait()
                except TimeoutError:
                    break
        if generation != self._poll_generation:
            description = "Conflict: terminated by other getUpdates request"
            return self._error(method, params, 409, description)
        updates = ready()
        self.served.update(u["update_id"] for u in updates)
        return self._ok(updates)

    def _refuse_chat(
        self, method: str, params: dict[str, Any], chat_id: int
    ) -> web.Response | None:
        """A queued fault, a blocked or an unknown chat: the refusal of a send, if any."""
        fault = self._faults.popleft() if self._faults else None
        if fault is not None:
            status, body = fault
            return web.json_response(body, status=status)
        if chat_id in self._blocked:
            return self._error(method, params, 403, FAULT_DESCRIPTIONS[403])
        if chat_id not in self._known_chats:
            return self._error(method, params, 400, "Bad Request: chat not found")
        return None

    def _refuse_over_limit(self, chat_id: int) -> web.Response | None:
        if not self._over_limit(chat_id, time.monotonic()):
            return None
        self.too_many_requests += 1
        body = {
            "ok": False,
            "error_code": 429,
            "description": FAULT_DESCRIPTIONS[429].format(retry_after=1),
            "parameters": {"retry_after": 1},
        }
        return web.json_response(body, status=429)

    def _buttons(self, params: dict[str, Any]) -> list[list[dict[str, str]]] | None:
        """The inline keyboard of a send; None when a button's data Telegram refuses."""
        markup = params.get("reply_markup") or {}
        buttons: list[list[dict[str, str]]] = markup.get("inline_keyboard", [])
        for row in buttons:
            for button in row:
                data = button.get("callback_data", "")
                if not 1 <= len(data.encode()) <= CALLBACK_DATA_LIMIT:
                    return None
        return buttons

    async def _deliver(
        self,
        params: dict[str, Any],
        chat_id: int,
        text: str,
        buttons: list[list[dict[str, str]]],
        photo: bytes | str | None = None,
    ) -> web.Response:
        message_id = next(self._message_ids)
        markup = params.get("reply_markup") or {}
        keyboard = [b["text"] for row in markup.get("keyboard", []) for b in row] or None
        sent = SentMessage(
            chat_id,
            message_id,
            text,
            buttons,
            params.get("parse_mode"),
            time.monotonic(),
            photo,
            keyboard=keyboard,
            keyboard_persistent=bool(markup.get("is_persistent")),
        )
        self.sent.append(sent)
        await self._notify()
        content: dict[str, Any] = {"text": text}
        if photo is not None:
            size = {"file_unique_id": f"p{message_id}", "width": 800, "height": 600}
            content = {"photo": [{"file_id": f"photo-{message_id}", **size}]}
            if text:
                content["caption"] = text
        return self._ok(
            {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "Aist"},
                **content,
                **({"reply_markup": params["reply_markup"]} if buttons else {}),
            }
        )

    async def _api_sendmessage(self, method: str, params: dict[str, Any]) -> web.Response:
        chat_id = int(params["chat_id"])
        text = str(params.get("text", ""))
        refused = self._refuse_chat(method, params, chat_id)
        if refused is not None:
            return refused
        if not text.strip():
            return self._error(method, params, 400, "Bad Request: message text is empty")
        if utf16_length(text) > TEXT_LIMIT:
            return self._error(method, params, 400, "Bad Request: message is too long")
        refused = self._refuse_over_limit(chat_id)
        if refused is not None:
            return refused
        buttons = self._buttons(params)
        if buttons is None:
            return self._error(method, params, 400, "Bad Request: BUTTON_DATA_INVALID")
        return await self._deliver(params, chat_id, text, buttons)

    async def _api_sendphoto(self, method: str, params: dict[str, Any]) -> web.Response:
        chat_id = int(params["chat_id"])
        caption = str(params.get("caption") or "")
        refused = self._refuse_chat(method, params, chat_id)
        if refused is not None:
            return refused
        photo: Any = params.get("photo")
        if isinstance(photo, str) and photo.startswith("attach://"):
            photo = params.get(photo[len("attach://") :])
        if isinstance(photo, web.FileField):
            photo = photo.file.read()
            if not photo.startswith(IMAGE_MAGIC):
                return self._error(method, params, 400, "Bad Request: IMAGE_PROCESS_FAILED")
        elif not (isinstance(photo, str) and photo.strip()):
            return self._error(method, params, 400, "Bad Request: there is no photo in the request")
        if utf16_length(caption) > CAPTION_LIMIT:
            return self._error(method, params, 400, "Bad Request: message caption is too long")
        if self._photo_refusals:
            description = self._photo_refusals.popleft()
            body = {"ok": False, "error_code": 400, "description": description}
            return web.json_response(body, status=400)
        refused = self._refuse_over_limit(chat_id)
        if refused is not None:
            return refused
        buttons = self._buttons(params)
        if buttons is None:
            return self._error(method, params, 400, "Bad Request: BUTTON_DATA_INVALID")
        return await self._deliver(params, chat_id, caption, buttons, photo)

    async def _api_answercallbackquery(self, method: str, params: dict[str, Any]) -> web.Response:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self._open_queries:
            description = (
                "Bad Request: query is too old and response timeout expired or query ID is invalid"
            )
            return self._error(method, params, 400, description)
        self._open_queries.discard(query_id)
        self.answered_queries.append(query_id)
        return self._ok(True)

    async def _api_getfile(self, method: str, params: dict[str, Any]) -> web.Response:
        file_id = str(params.get("file_id", ""))
        if file_id not in self.files:
            return self._error(method, params, 400, "Bad Request: invalid file_id")
        path, data = self.files[file_id]
        return self._ok(
            {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": len(data),
                "file_path": f"{file_id}/{path}",
            }
        )

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        file_id, _, path = request.match_info["path"].partition("/")
        stored = self.files.get(file_id)
        if stored is None or stored[0] != path:
            return web.Response(status=404)
        return web.Response(body=stored[1])
