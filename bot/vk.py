"""The VK channel: a community bot on the Bots Long Poll API, with the ``vk-api`` package.

It only translates: a VK event becomes an ``Incoming``, an ``Outgoing`` becomes
``messages.send`` with a keyboard inside VK's limits. vk-api is synchronous, so its calls run
in worker threads; the long-poll ``wait`` is short enough that a stop is prompt.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import io
import json
import logging
import mimetypes
from pathlib import Path
from typing import Any

import requests
import vk_api
from requests.adapters import HTTPAdapter
from vk_api.bot_longpoll import VkBotLongPoll
from vk_api.exceptions import ApiError, VkApiError
from vk_api.upload import VkUpload

from bot.channel import Attachment
from bot.dialogs.engine import receive
from core import text_parts
from core.bootstrap import Core
from core.errors import NotFound
from core.messages import Button, Incoming, Outgoing
from core.ports import DeliveryError
from core.services import rental
from core.services.cursors import read_cursor, save_cursor

log = logging.getLogger(__name__)

API_VERSION = "5.199"
VK_METHOD_URL = "https://api.vk.ru/method/"
TEXT_LIMIT = 4096
LABEL_LIMIT = 40
PAYLOAD_LIMIT = 255
INLINE_ROWS, INLINE_PER_ROW, INLINE_TOTAL = 6, 5, 10
KEYBOARD_ROWS = 10
GROUP_CHATS_FROM = 2_000_000_000
FLOOD = {6: 1.0, 9: 60.0}  # too many requests per second; flood control
UNREACHABLE = {7, 901, 902}  # no permission; she disallowed messages; privacy settings


class _Rebased(HTTPAdapter):
    """Sends vk-api's calls to another base URL (a local fake VK API in tests)."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base.rstrip("/") + "/"

    def send(
        self, request: requests.PreparedRequest, *args: Any, **kwargs: Any
    ) -> requests.Response:  # type: ignore[override]
        if request.url and request.url.startswith(VK_METHOD_URL):
            request.url = self.base + request.url[len(VK_METHOD_URL) :]
        return super().send(request, *args, **kwargs)


def make_session(token: str, api_url: str) -> vk_api.VkApi:
    session = vk_api.VkApi(token=token, api_version=API_VERSION)
    session.RPS_DELAY = 0.0  # the delivery worker keeps the community's rate limit
    if api_url.rstrip("/") not in (VK_METHOD_URL.rstrip("/"), "https://api.vk.com/method"):
        session.http.mount(VK_METHOD_URL, _Rebased(api_url))
    return session


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    return text_parts.split_text(text, limit)


def _label(text: str) -> str:
    return text if len(text) <= LABEL_LIMIT else text[: LABEL_LIMIT - 1] + "…"


def _payload(payload: str) -> str:
    data = json.dumps({"p": payload}, ensure_ascii=False)
    if len(data.encode()) > PAYLOAD_LIMIT:
        raise ValueError(f"button payload too long for VK: {payload!r}")
    return data


def keyboard(buttons: list[list[Button]], at_hand: Button | None = None) -> str | None:
    """An inline keyboard of callback buttons when it fits VK's inline limits, else a
    keyboard of text buttons under the input field. A message without buttons brings back
    the keyboard that stays under the input field with the help-now button."""
    if not buttons:
        if at_hand is None:
            return None
        button = {
            "action": {
                "type": "text",
                "label": _label(at_hand.text),
                "payload": _payload(at_hand.payload),
            },
            "color": "negative",
        }
        return json.dumps({"one_time": False, "buttons": [[button]]}, ensure_ascii=False)
    flat = [b for row in buttons for b in row]
    rows = [list(row) for row in buttons]
    if len(rows) > INLINE_ROWS:  # pair single-button rows to fit six rows
        rows = [flat[i : i + 2] for i in range(0, len(flat), 2)]
    if (
        len(flat) <= INLINE_TOTAL
        and len(rows) <= INLINE_ROWS
        and all(len(r) <= INLINE_PER_ROW for r in rows)
    ):
        layout = [
            [
                {
                    "action": {
                        "type": "callback",
                        "label": _label(b.text),
                        "payload": _payload(b.payload),
                    }
                }
                for b in row
            ]
            for row in rows
        ]
        return json.dumps({"inline": True, "buttons": layout}, ensure_ascii=False)
    rows = [row[:INLINE_PER_ROW] for row in buttons][:KEYBOARD_ROWS]
    layout = [
        [
            {
                "action": {"type": "text", "label": _label(b.text), "payload": _payload(b.payload)},
                "color": "secondary",
            }
            for b in row
        ]
        for row in rows
    ]
    return json.dumps({"one_time": True, "buttons": layout}, ensure_ascii=False)


def random_id(address: str, text: str, part: int) -> int:
    """The same message to the same person gets the same id, so VK drops a retried copy."""
    digest = hashlib.sha256(f"{address}\x00{part}\x00{text}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


def delivery_error(error: Exception) -> DeliveryError:
    if isinstance(error, ApiError):
        if error.code in UNREACHABLE:
            return DeliveryError(
                f"vk {error.code}: {error.error.get('error_msg', '')}", permanent=True
            )
        if error.code in FLOOD:
            return DeliveryError(f"vk {error.code}: flood control", retry_after=FLOOD[error.code])
        return DeliveryError(f"vk {error.code}: {error.error.get('error_msg', '')}")
    return DeliveryError(f"vk unavailable: {error}")


class VkMessenger:
    channel = "vk"

    def __init__(self, session: vk_api.VkApi, var_dir: Path | None = None) -> None:
        self.session = session
        self.var_dir = var_dir

    def _send_sync(self, address: str, message: Outgoing) -> None:
        parts = split_text(message.text)
        markup = keyboard(message.buttons, message.at_hand)
        photo = self._upload_photo(int(address), message.photo) if message.photo else None
        for index, part in enumerate(parts):
            values: dict[str, Any] = {
                "peer_id": int(address),
                "message": part,
                "random_id": random_id(address, message.text, index),
            }
            if photo and index == 0:
                values["attachment"] = photo
            if markup and index == len(parts) - 1:
                values["keyboard"] = markup
            self.session.method("messages.send", values)

    def _photo_file(self, photo: str) -> str | io.BytesIO | None:
        """The photo for vk-api's upload: a local file's path or a downloaded address."""
        if photo.startswith(("https://", "http://")):
            response = self.session.http.get(photo, timeout=30)
            if not response.ok:
                return None
            content = io.BytesIO(response.content)
            content.name = photo.rsplit("/", 1)[-1].split("?", 1)[0] or "photo.jpg"
            return content
        path = rental.photo_file(self.var_dir, photo) if self.var_dir is not None else None
        return str(path) if path is not None else None

    def _upload_photo(self, peer_id: int, photo: str) -> str | None:
        """``photo<owner>_<id>`` of the photo uploaded for a message to her; None (and the
        text goes alone) when the file is gone or VK refuses the photo. An outage of VK
        fails the whole message, to be tried again as any other."""
        try:
            source = self._photo_file(photo)
            if source is None:
                log.warning("vk: the photo %r is not there; sending the text alone", photo)
                return None
            [saved] = VkUpload(self.session).photo_messages(source, peer_id=peer_id)
        except ApiError as error:
            if error.code in UNREACHABLE or error.code in FLOOD:
                raise
            log.warning("vk: the photo was refused (%s); sending the text alone", error)
            return None
        except (KeyError, TypeError, ValueError) as error:  # an answer not as documented
            log.warning("vk: the photo upload failed (%r); sending the text alone", error)
            return None
        attachment = f"photo{saved['owner_id']}_{saved['id']}"
        return f"{attachment}_{saved['access_key']}" if saved.get("access_key") else attachment

    async def send(self, address: str, message: Outgoing) -> None:
        try:
            await asyncio.to_thread(self._send_sync, address, message)
        except (VkApiError, requests.RequestException, ValueError) as error:
            raise delivery_error(error) from error


def to_incoming(event: dict[str, Any]) -> tuple[Incoming | None, dict[str, Any] | None]:
    """The neutral form of a VK event, and a callback to answer (message_event) if any."""
    kind_of = event.get("type")
    obj = event.get("object") or {}
    key = str(event.get("event_id") or "")
    if kind_of == "message_event":
        peer = int(obj.get("peer_id", 0))
        if peer >= GROUP_CHATS_FROM:
            return None, obj
        payload = obj.get("payload") or {}
        value = payload.get("p", "") if isinstance(payload, dict) else str(payload)
        incoming = Incoming(
            channel="vk",
            update_key=key or f"e:{obj.get('event_id')}",
            user_id=str(obj.get("user_id")),
            address=str(peer),
            kind="button",
            payload=str(value),
            language="ru",
        )
        return incoming, obj
    if kind_of != "message_new":
        return None, None
    message = obj.get("message") or obj
    peer = int(message.get("peer_id", 0))
    if peer >= GROUP_CHATS_FROM or message.get("out"):
        return None, None
    base: dict[str, Any] = {
        "channel": "vk",
        "update_key": key
        or f"m:{peer}:{message.get('conversation_message_id') or message.get('id')}",
        "user_id": str(message.get("from_id")),
        "address": str(peer),
        "language": "ru",
    }
    text = str(message.get("text") or "")
    raw_payload = message.get("payload")
    if raw_payload:
        with contextlib.suppress(ValueError, TypeError):
            data = json.loads(raw_payload)
            if isinstance(data, dict) and data.get("command") == "start":
                return Incoming(kind="command", text="/start", **base), None
            if isinstance(data, dict) and "p" in data:
                return Incoming(kind="button", payload=str(data["p"]), **base), None
    for attachment in message.get("attachments") or []:
        kind = attachment.get("type")
        if kind == "photo":
            sizes = attachment["photo"].get("sizes") or []
            best = max(sizes, key=lambda s: s.get("width", 0) * s.get("height", 0), default={})
            return Incoming(
                kind="photo", text=text, attachment=str(best.get("url", "")), **base
            ), None
        if kind == "doc":
            return Incoming(
                kind="document", text=text, attachment=str(attachment["doc"].get("url", "")), **base
            ), None
        if kind == "audio_message":
            return Incoming(
                kind="voice",
                text=text,
                attachment=str(attachment["audio_message"].get("link_ogg", "")),
                **base,
            ), None
        if kind == "sticker":
            return Incoming(kind="sticker", **base), None
        return Incoming(kind="unsupported", text=text, **base), None
    if text.startswith("/") or text.strip().lower() in ("начать", "start"):
        return Incoming(
            kind="command", text=text if text.startswith("/") else "/start", **base
        ), None
    return Incoming(kind="text", text=text, **base), None


class VkAdapter:
    name = "vk"

    def __init__(
        self, core: Core, token: str, group_id: int, api_url: str, *, wait: int = 25
    ) -> None:
        self.core = core
        self.group_id = group_id
        self.wait = wait
        self.session = make_session(token, api_url)
        self.messenger = VkMessenger(self.session, core.settings.var_dir)
        self._stopping = asyncio.Event()
        self._poll: VkBotLongPoll | None = None
        self.connected = asyncio.Event()

    async def _connect(self) -> VkBotLongPoll:
        poll = await asyncio.to_thread(VkBotLongPoll, self.session, self.group_id, self.wait)
        async with self.core.uow() as uow:
            saved = await read_cursor(uow, "vk")
        if saved is not None:
            # Resume where we stopped; VK answers failed=1 with a fresh ts if it is too old.
            poll.ts = saved
        return poll

    async def run(self) -> None:
        delay = 1.0
        while not self._stopping.is_set():
            try:
                if self._poll is None:
                    self._poll = await self._connect()
                    self.connected.set()
                poll = self._poll
                raw = await asyncio.to_thread(self._check, poll)
                for event in raw:
                    await self._handle(event)
                async with self.core.uow() as uow:
                    await save_cursor(uow, "vk", str(poll.ts))
                    await uow.commit()
                delay = 1.0
            except (VkApiError, requests.RequestException, KeyError, ValueError) as error:
                log.warning("vk long poll: %s; retrying in %.0fs", error, delay)
                self._poll = None
                self.connected.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), delay)
                delay = min(delay * 2, 30.0)

    @staticmethod
    def _check(poll: VkBotLongPoll) -> list[dict[str, Any]]:
        # check() handles failed=1/2/3 as VK documents (new ts; new key; new key and ts).
        return [event.raw for event in poll.check()]

    async def _handle(self, event: dict[str, Any]) -> None:
        incoming, callback = to_incoming(event)
        if callback is not None:
            await asyncio.to_thread(self._answer_callback, callback)
        if incoming is not None:
            await receive(self.core, incoming)

    def _answer_callback(self, callback: dict[str, Any]) -> None:
        with contextlib.suppress(VkApiError, requests.RequestException):
            self.session.method(
                "messages.sendMessageEventAnswer",
                {
                    "event_id": callback.get("event_id"),
                    "user_id": callback.get("user_id"),
                    "peer_id": callback.get("peer_id"),
                },
            )

    async def stop(self) -> None:
        self._stopping.set()

    async def fetch_attachment(self, reference: str) -> Attachment:
        def download() -> requests.Response:
            return self.session.http.get(reference, timeout=30)

        try:
            response = await asyncio.to_thread(download)
        except requests.RequestException as error:
            raise NotFound("attachment-not-found") from error
        if not response.ok:
            raise NotFound("attachment-not-found")
        name = reference.rsplit("/", 1)[-1].split("?", 1)[0] or "file"
        content_type = (
            response.headers.get("Content-Type")
            or mimetypes.guess_type(name)[0]
            or "application/octet-stream"
        )
        return Attachment(response.content, name, content_type)
