"""A Bot API emulator: an aiohttp server on 127.0.0.1 speaking Telegram's JSON.

The test plays the person (``user_sends_text``, ``user_presses``...) and reads what the bot
sent; faults (429 with retry_after, 500, 403) can be queued for ``sendMessage``.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_ID = 7000001


@dataclass
class Sent:
    chat_id: int
    text: str
    buttons: list[list[dict[str, str]]]

    @property
    def labels(self) -> list[str]:
        return [b["text"] for row in self.buttons for b in row]

    def payload_of(self, label: str) -> str:
        for row in self.buttons:
            for b in row:
                if label in b["text"]:
                    return b["callback_data"]
        raise AssertionError(f"no button {label!r} in {self.labels}")


@dataclass
class BotApiEmulator:
    token: str = "123456:TEST-token"
    host: str = "127.0.0.1"
    port: int = 0
    updates: list[dict[str, Any]] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    send_attempts: int = 0
    faults: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    callback_answers: int = 0
    files: dict[str, bytes] = field(default_factory=dict)
    commands: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(100)
        self._new = asyncio.Condition()
        self._runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._method)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # --- the person ---------------------------------------------------------------------

    def _user(self, user_id: int, language: str) -> dict[str, Any]:
        return {
            "id": user_id,
            "is_bot": False,
            "first_name": "Secret",
            "username": "secret_name",
            "language_code": language,
        }

    def _message(self, user_id: int, language: str, **content: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": "Secret"},
            "from": self._user(user_id, language),
            **content,
        }

    async def _push(self, update: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        update["update_id"] = update_id
        async with self._new:
            self.updates.append(update)
            self._new.notify_all()
        return update_id

    async def user_sends_text(self, user_id: int, text: str, language: str = "ru") -> int:
        entities = (
            [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
            if text.startswith("/")
            else None
        )
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        return await self._push({"message": self._message(user_id, language, **content)})

    async def user_sends_photo(
        self, user_id: int, caption: str = "", data: bytes = b"\x89PNG fake"
    ) -> int:
        file_id = f"photo-{len(self.files)}"
        self.files[file_id] = data
        sizes = [
            {"file_id": f"{file_id}-small", "file_unique_id": "s", "width": 90, "height": 90},
            {"file_id": file_id, "file_unique_id": "b", "width": 800, "height": 800},
        ]
        return await self._push(
            {"message": self._message(user_id, "ru", photo=sizes, caption=caption)}
        )

    async def user_sends_document(
        self, user_id: int, name: str = "spravka.pdf", data: bytes = b"%PDF-1.4"
    ) -> int:
        file_id = f"doc-{len(self.files)}"
        self.files[file_id] = data
        document = {
            "file_id": file_id,
            "file_unique_id": "d",
            "file_name": name,
            "mime_type": "application/pdf",
        }
        return await self._push({"message": self._message(user_id, "ru", document=document)})

    async def user_sends_voice(self, user_id: int) -> int:
        file_id = f"voice-{len(self.files)}"
        self.files[file_id] = b"OggS"
        voice = {"file_id": file_id, "file_unique_id": "v", "duration": 3}
        return await self._push({"message": self._message(user_id, "ru", voice=voice)})

    async def user_sends_sticker(self, user_id: int) -> int:
        sticker = {
            "file_id": "st",
            "file_unique_id": "st",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "😢",
        }
        return await self._push({"message": self._message(user_id, "ru", sticker=sticker)})

    async def user_presses(self, user_id: int, data: str) -> int:
        query = {
            "id": str(next(self._message_ids)),
            "from": self._user(user_id, "ru"),
            "chat_instance": "ci",
            "data": data,
            "message": {
                "message_id": 1,
                "date": int(time.time()),
                "chat": {"id": user_id, "type": "private"},
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "Aist"},
                "text": "…",
            },
        }
        return await self._push({"callback_query": query})

    def to(self, chat_id: int) -> list[Sent]:
        return [m for m in self.sent if m.chat_id == chat_id]

    async def wait_for_messages(
        self, chat_id: int, count: int, timeout: float = 10.0
    ) -> list[Sent]:
        deadline = time.monotonic() + timeout
        while len(self.to(chat_id)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"expected {count} messages to {chat_id}, got {[m.text[:40] for m in self.to(chat_id)]}"
                )
            await asyncio.sleep(0.02)
        return self.to(chat_id)

    def fail_next_sends(
        self, status: int, times: int = 1, retry_after: int | None = None, description: str = ""
    ) -> None:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": status,
            "description": description
            or {
                429: "Too Many Requests: retry after",
                500: "Internal Server Error",
                403: "Forbidden: bot was blocked by the user",
            }.get(status, "error"),
        }
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        self.faults.extend([(status, body)] * times)

    # --- the Bot API ----------------------------------------------------------------------

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return dict(await request.json())
        data = await request.post()
        params: dict[str, Any] = {}
        for key, value in data.items():
            if isinstance(value, str) and value[:1] in "[{":
                try:
                    params[key] = json.loads(value)
                    continue
                except ValueError:
                    pass
            params[key] = value
        return params

    async def _method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"].lower()
        params = await self._params(request)
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return web.json_response({"ok": True, "result": True})
        return await handler(params)

    async def _api_getme(self, params: dict[str, Any]) -> web.Response:
        return web.json_response(
            {
                "ok": True,
                "result": {
                    "id": BOT_ID,
                    "is_bot": True,
                    "first_name": "Aist",
                    "username": "aist_test_bot",
                },
            }
        )

    async def _api_setmycommands(self, params: dict[str, Any]) -> web.Response:
        self.commands.append(params)
        return web.json_response({"ok": True, "result": True})

    async def _api_getupdates(self, params: dict[str, Any]) -> web.Response:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + min(timeout, 1.0)
        async with self._new:
            while True:
                if offset:
                    self.updates = [u for u in self.updates if u["update_id"] >= offset]
                ready = [u for u in self.updates if u["update_id"] >= offset]
                if ready or time.monotonic() >= deadline:
                    return web.json_response({"ok": True, "result": ready[:100]})
                try:
                    await asyncio.wait_for(self._new.wait(), deadline - time.monotonic())
                except TimeoutError:
                    pass

    async def _api_sendmessage(self, params: dict[str, Any]) -> web.Response:
        self.send_attempts += 1
        if self.faults:
            status, body = self.faults.pop(0)
            return web.json_response(body, status=status)
        markup = params.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        buttons = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
        chat_id = int(params["chat_id"])
        text = str(params["text"])
        assert len(text) <= 4096, "Bot API refuses texts over 4096 characters"
        self.sent.append(Sent(chat_id, text, buttons))
        result = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "text": text,
        }
        return web.json_response({"ok": True, "result": result})

    async def _api_answercallbackquery(self, params: dict[str, Any]) -> web.Response:
        self.callback_answers += 1
        return web.json_response({"ok": True, "result": True})

    async def _api_getfile(self, params: dict[str, Any]) -> web.Response:
        file_id = str(params["file_id"])
        if file_id not in self.files:
            return web.json_response(
                {"ok": False, "error_code": 400, "description": "Bad Request: invalid file_id"},
                status=400,
            )
        return web.json_response(
            {
                "ok": True,
                "result": {
                    "file_id": file_id,
                    "file_unique_id": file_id,
                    "file_path": f"files/{file_id}.bin",
                },
            }
        )

    async def _file(self, request: web.Request) -> web.Response:
        file_id = request.match_info["path"].rsplit("/", 1)[-1].removesuffix(".bin")
        if file_id not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[file_id])
