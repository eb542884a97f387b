"""A fake VK API on 127.0.0.1 (aiohttp): the methods the adapter calls, the Bots Long Poll
endpoint with ts semantics, and faults to inject (failed 1/2/3, errors 9 and 901, HTTP 500).

Photos in messages go as VK takes them: ``photos.getMessagesUploadServer`` gives an upload
address, the file is POSTed there (an upload that is not an image comes back as ``photo:
"[]"``, as VK does), ``photos.saveMessagesPhoto`` turns the upload into a photo and
``messages.send`` attaches it as ``photo<owner>_<id>[_<access_key>]``; what was attached is
on the ``VkSent``."""

from __future__ import annotations

import asyncio
import itertools
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

GROUP_ID = 4242


@dataclass
class VkSent:
    peer_id: int
    text: str
    keyboard: dict[str, Any] | None
    random_id: int
    attachment: str = ""
    # The bytes of the photo attached, when the attachment is a photo saved here.
    photo: bytes | None = None

    @property
    def buttons(self) -> list[dict[str, Any]]:
        if not self.keyboard:
            return []
        return [b for row in self.keyboard["buttons"] for b in row]

    @property
    def labels(self) -> list[str]:
        return [b["action"]["label"] for b in self.buttons]

    def payload_of(self, label: str) -> dict[str, Any]:
        for b in self.buttons:
            if label in b["action"]["label"]:
                return json.loads(b["action"]["payload"])
        raise AssertionError(f"no button {label!r} in {self.labels}")


@dataclass
class FakeVk:
    token: str = "vk-test-token"
    port: int = 0
    events: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    sent: list[VkSent] = field(default_factory=list)
    send_attempts: int = 0
    send_faults: list[dict[str, Any] | int] = field(default_factory=list)
    poll_faults: list[int] = field(default_factory=list)
    event_answers: int = 0
    server_requests: int = 0
    files: dict[str, bytes] = field(default_factory=dict)
    # Uploaded by the bot: upload hash -> bytes; saved photos: "photo<owner>_<id>" -> bytes.
    uploads: dict[str, bytes] = field(default_factory=dict)
    photos: dict[str, bytes] = field(default_factory=dict)
    photo_faults: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._ts = 1
        self._key = "key-1"
        self._ids = itertools.count(1)
        self._new = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._seen_random: set[tuple[int, int]] = set()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/method"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/method/{name}", self._method)
        app.router.add_get("/lp", self._longpoll)
        app.router.add_get("/files/{name}", self._file)
        app.router.add_post("/upload/photo", self._upload)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # --- the person ---------------------------------------------------------------------

    async def _push(self, event: dict[str, Any]) -> None:
        async with self._new:
            self._ts += 1
            event.setdefault("event_id", f"ev{next(self._ids)}")
            event["group_id"] = GROUP_ID
            self.events.append((self._ts, event))
            self._new.notify_all()

    def _message(self, user_id: int, text: str = "", **extra: Any) -> dict[str, Any]:
        return {
            "type": "message_new",
            "object": {
                "message": {
                    "id": next(self._ids),
                    "date": int(time.time()),
                    "peer_id": user_id,
                    "from_id": user_id,
                    "text": text,
                    "conversation_message_id": next(self._ids),
                    "attachments": [],
                    "out": 0,
                    **extra,
                },
                "client_info": {
                    "keyboard": True,
                    "inline_keyboard": True,
                    "button_actions": ["text", "callback"],
                },
            },
        }

    async def user_sends_text(self, user_id: int, text: str) -> None:
        await self._push(self._message(user_id, text))

    async def user_taps_keyboard(self, user_id: int, button: dict[str, Any]) -> None:
        """A text button under the input field: VK sends its label as text, with its payload."""
        action = button["action"]
        await self._push(self._message(user_id, action["label"], payload=action["payload"]))

    async def user_starts(self, user_id: int) -> None:
        await self._push(self._message(user_id, "Начать", payload=json.dumps({"command": "start"})))

    async def user_presses(self, user_id: int, payload: dict[str, Any]) -> None:
        await self._push(
            {
                "type": "message_event",
                "object": {
                    "user_id": user_id,
                    "peer_id": user_id,
                    "event_id": f"cb{next(self._ids)}",
                    "payload": payload,
                    "conversation_message_id": 1,
                },
            }
        )

    async def user_sends_photo(
        self, user_id: int, caption: str = "", data: bytes = b"\xff\xd8jpeg"
    ) -> None:
        name = f"photo{len(self.files)}.jpg"
        self.files[name] = data
        photo = {
            "type": "photo",
            "photo": {
                "sizes": [
                    {
                        "type": "s",
                        "width": 75,
                        "height": 75,
                        "url": f"{self.base_url}/files/small.jpg",
                    },
                    {
                        "type": "x",
                        "width": 604,
                        "height": 604,
                        "url": f"{self.base_url}/files/{name}",
                    },
                ]
            },
        }
        await self._push(self._message(user_id, caption, attachments=[photo]))

    async def user_sends_document(self, user_id: int, data: bytes = b"%PDF") -> None:
        name = f"doc{len(self.files)}.pdf"
        self.files[name] = data
        doc = {
            "type": "doc",
            "doc": {"title": "справка.pdf", "ext": "pdf", "url": f"{self.base_url}/files/{name}"},
        }
        await self._push(self._message(user_id, "", attachments=[doc]))

    async def user_sends_sticker(self, user_id: int) -> None:
        await self._push(
            self._message(
                user_id, "", attachments=[{"type": "sticker", "sticker": {"sticker_id": 1}}]
            )
        )

    def to(self, peer_id: int) -> list[VkSent]:
        return [m for m in self.sent if m.peer_id == peer_id]

    def photos_to(self, peer_id: int) -> list[VkSent]:
        return [m for m in self.to(peer_id) if m.photo is not None]

    async def wait_for_messages(
        self, peer_id: int, count: int, timeout: float = 10.0
    ) -> list[VkSent]:
        deadline = time.monotonic() + timeout
        while len(self.to(peer_id)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"expected {count} messages to {peer_id}, got {[m.text[:40] for m in self.to(peer_id)]}"
                )
            await asyncio.sleep(0.02)
        return self.to(peer_id)

    # --- the API --------------------------------------------------------------------------

    @staticmethod
    def _error(code: int, message: str) -> web.Response:
        return web.json_response(
            {"error": {"error_code": code, "error_msg": message, "request_params": []}}
        )

    async def _method(self, request: web.Request) -> web.Response:
        data = dict(await request.post())
        if data.get("access_token") != self.token:
            return self._error(5, "User authorization failed: invalid access_token")
        name = request.match_info["name"]
        if name == "groups.getLongPollServer":
            self.server_requests += 1
            self._key = f"key-{self.server_requests}"
            return web.json_response(
                {
                    "response": {
                        "key": self._key,
                        "server": f"{self.base_url}/lp",
                        "ts": str(self._ts),
                    }
                }
            )
        if name == "messages.send":
            self.send_attempts += 1
            if self.send_faults:
                fault = self.send_faults.pop(0)
                if isinstance(fault, int):
                    return web.Response(status=fault, text="server error")
                return self._error(fault["code"], fault["msg"])
            text = str(data.get("message", ""))
            assert len(text) <= 4096
            peer, rid = int(data["peer_id"]), int(data["random_id"])
            keyboard = json.loads(data["keyboard"]) if data.get("keyboard") else None
            if keyboard and keyboard.get("inline"):
                rows = keyboard["buttons"]
                assert len(rows) <= 6 and sum(len(r) for r in rows) <= 10, (
                    "VK inline keyboard limits"
                )
            for b in (b for row in (keyboard or {}).get("buttons", []) for b in row):
                assert (
                    len(b["action"]["label"]) <= 40 and len(b["action"]["payload"].encode()) <= 255
                )
            attachment = str(data.get("attachment") or "")
            photo = None
            if attachment.startswith("photo"):
                photo_key = "_".join(attachment.split("_")[:2])
                if photo_key not in self.photos:
                    return self._error(
                        100, "One of the parameters specified was missing or invalid: attachment"
                    )
                photo = self.photos[photo_key]
            if (peer, rid) not in self._seen_random:  # VK drops a repeated random_id
                self._seen_random.add((peer, rid))
                self.sent.append(VkSent(peer, text, keyboard, rid, attachment, photo))
            return web.json_response({"response": next(self._ids)})
        if name == "photos.getMessagesUploadServer":
            return web.json_response(
                {
                    "response": {
                        "upload_url": f"{self.base_url}/upload/photo",
                        "album_id": -64,
                        "group_id": GROUP_ID,
                    }
                }
            )
        if name == "photos.saveMessagesPhoto":
            return self._save_photo(data)
        if name == "messages.sendMessageEventAnswer":
            self.event_answers += 1
            return web.json_response({"response": 1})
        return web.json_response({"response": 1})

    def _save_photo(self, data: dict[str, Any]) -> web.Response:
        if self.photo_faults:
            fault = self.photo_faults.pop(0)
            return self._error(fault["code"], fault["msg"])
        content = self.uploads.pop(str(data.get("hash", "")), None)
        if content is None or data.get("photo") in (None, "", "[]"):
            return self._error(
                100, "One of the parameters specified was missing or invalid: photo is undefined"
            )
        photo_id = next(self._ids)
        owner = -GROUP_ID
        self.photos[f"photo{owner}_{photo_id}"] = content
        return web.json_response(
            {
                "response": [
                    {
                        "id": photo_id,
                        "owner_id": owner,
                        "album_id": -64,
                        "access_key": f"k{photo_id}",
                        "sizes": [{"type": "x", "width": 604, "height": 604, "url": ""}],
                    }
                ]
            }
        )

    async def _upload(self, request: web.Request) -> web.Response:
        """The upload server: one file in any field, as VK takes it."""
        form = await request.post()
        files = [v for v in form.values() if isinstance(v, web.FileField)]
        if len(files) != 1:
            return web.json_response({"error": "ERR_UPLOAD_FILE_NOT_UPLOADED"})
        content = files[0].file.read()
        upload_hash = secrets.token_hex(8)
        is_image = content.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF"))
        if is_image:
            self.uploads[upload_hash] = content
        photo = json.dumps([{"photo": upload_hash, "sizes": []}]) if is_image else "[]"
        return web.json_response({"server": 1, "photo": photo, "hash": upload_hash})

    async def _longpoll(self, request: web.Request) -> web.Response:
        query = request.query
        if self.poll_faults:
            code = self.poll_faults.pop(0)
            body: dict[str, Any] = {"failed": code}
            if code == 1:
                body["ts"] = str(self._ts)
            return web.json_response(body)
        if query.get("key") != self._key:
            return web.json_response({"failed": 2})
        ts = int(query.get("ts", "0"))
        wait = min(float(query.get("wait", "1")), 2.0)
        deadline = time.monotonic() + wait
        async with self._new:
            while True:
                ready = [e for t, e in self.events if t > ts]
                if ready or time.monotonic() >= deadline:
                    return web.json_response({"ts": str(self._ts), "updates": ready})
                try:
                    await asyncio.wait_for(self._new.wait(), deadline - time.monotonic())
                except TimeoutError:
                    pass

    async def _file(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in self.files:
            return web.Response(status=404)
        return web.Response(
            body=self.files[name],
            content_type="image/jpeg" if name.endswith(".jpg") else "application/pdf",
        )
