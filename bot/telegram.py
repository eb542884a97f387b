"""The Telegram channel (aiogram 3, long polling). It only translates: a Telegram update
becomes an ``Incoming`` for the dialogs, an ``Outgoing`` becomes Bot API calls.

Nothing here keeps or logs a person's username, names or phone: an update is reduced to her
numeric ids, the content she sent and her interface language before anything else sees it.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import mimetypes
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import (
    BotCommand,
    BotCommandScopeDefault,
    CallbackQuery,
    FSInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    Update,
)
from aiohttp import ClientResponseError

from bot.channel import Attachment
from bot.dialogs.engine import receive
from bot.dialogs.screens import HELP_NOW
from core import text_parts
from core.bootstrap import Core
from core.errors import NotFound
from core.i18n import LOCALES
from core.messages import Button, Incoming, Outgoing
from core.ports import DeliveryError
from core.services import rental

log = logging.getLogger(__name__)

CHANNEL = "telegram"
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
COMMANDS = ("start", "menu", "help", "cancel")
ALLOWED_UPDATES = ["message", "callback_query"]
POLLING_TIMEOUT_S = 25
CONNECT_RETRY_MAX_S = 60.0
STORE_RETRY_FIRST_S = 0.5
STORE_RETRY_MAX_S = 30.0
HANDLERS_STOP_S = 5.0
STOP_S = 8.0
# A text that needs several messages is remembered between attempts, so a retry after a
# failure on part 3 does not send parts 1 and 2 again.
PROGRESS_KEPT = 1000
PERMANENT_BAD_REQUESTS = ("chat not found", "peer_id_invalid", "user is deactivated")
FILE_GONE_BAD_REQUESTS = ("invalid file_id", "file is too big", "wrong file_id", "file not found")


# --- outgoing -------------------------------------------------------------------------------


def utf16_length(text: str) -> int:
    """Telegram measures texts in UTF-16 code units: an emoji outside the BMP counts twice."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    return text_parts.split_text(text, limit, utf16_length)


def callback_data(payload: str) -> str:
    """Telegram refuses callback data over 64 bytes; dialogs keep payloads short, and a
    longer one is cut at a character boundary rather than failing the whole message."""
    encoded = payload.encode()
    if len(encoded) <= CALLBACK_DATA_LIMIT:
        return payload
    log.warning("telegram: a button payload of %d bytes was cut to 64", len(encoded))
    return encoded[:CALLBACK_DATA_LIMIT].decode(errors="ignore")


def inline_keyboard(rows: list[list[Button]]) -> InlineKeyboardMarkup | None:
    buttons = [
        [InlineKeyboardButton(text=b.text, callback_data=callback_data(b.payload)) for b in row]
        for row in rows
        if row
    ]
    return InlineKeyboardMarkup(inline_keyboard=buttons) if buttons else None


Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup


def markup_for(message: Outgoing) -> Markup | None:
    """The message's own buttons inline; a message without them brings back the persistent
    keyboard with the help-now button, which stays under the input field after that."""
    inline = inline_keyboard(message.buttons)
    if inline is not None or message.at_hand is None:
        return inline
    return ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text=message.at_hand.text)]],
        resize_keyboard=True,
        is_persistent=True,
    )


def help_labels(core: Core) -> dict[str, str]:
    """The help-now button's label in every language, to the payload it stands for: pressing a
    keyboard button sends its label as text."""
    return {core.i18n(locale, "btn-help-now"): HELP_NOW for locale in LOCALES}


def as_button(incoming: Incoming, labels: dict[str, str]) -> Incoming:
    payload = labels.get(incoming.text.strip()) if incoming.kind == "text" else None
    if payload is None:
        return incoming
    return replace(incoming, kind="button", text="", payload=payload)


def delivery_error(error: Exception) -> DeliveryError:
    """The delivery worker's view of a failed Bot API call."""
    if isinstance(error, DeliveryError):
        return error
    if isinstance(error, TelegramRetryAfter):
        return DeliveryError("telegram 429: too many requests", retry_after=error.retry_after)
    if isinstance(error, TelegramForbiddenError):
        return DeliveryError(f"telegram 403: {error.message}", permanent=True)
    if isinstance(error, TelegramBadRequest):
        text = error.message.lower()
        permanent = any(reason in text for reason in PERMANENT_BAD_REQUESTS)
        return DeliveryError(f"telegram 400: {error.message}", permanent=permanent)
    if isinstance(error, TelegramServerError):
        return DeliveryError(f"telegram 5xx: {error.message}")
    if isinstance(error, TelegramNetworkError | TimeoutError):
        return DeliveryError(f"telegram unreachable: {error}")
    if isinstance(error, TelegramAPIError):
        return DeliveryError(f"telegram error: {error.message}")
    return DeliveryError(f"telegram send failed: {type(error).__name__}")


def _chat_id(address: str) -> int | str:
    return int(address) if address.lstrip("-").isdigit() else address


class TelegramMessenger:
    """Sends an ``Outgoing`` as plain text (never parsed as HTML or Markdown: the words of a
    person or a specialist are shown as typed), buttons as an inline keyboard on the last part.

    After ``close`` it still sends (the runtime's last drain on shutdown comes after the
    adapter stopped) but closes the connection again when no send is in progress."""

    channel = CHANNEL

    def __init__(self, bot: Bot, var_dir: Path | None = None) -> None:
        self.bot = bot
        self.var_dir = var_dir
        self._closed = False
        self._active = 0
        self._progress: OrderedDict[tuple[str, str], int] = OrderedDict()

    async def send(self, address: str, message: Outgoing) -> None:
        self._active += 1
        try:
            await self._send(address, message)
        except Exception as error:
            raise delivery_error(error) from error
        finally:
            self._active -= 1
            if self._closed and self._active == 0:
                await self.bot.session.close()

    async def _send(self, address: str, message: Outgoing) -> None:
        """A photo goes first, with the text as its caption when the text fits one (else the
        text follows it); the steps already done are not repeated on a retry."""
        chat_id = _chat_id(address)
        steps: list[str | None] = split_text(message.text)
        if message.photo:
            steps.insert(0, None)  # None: the photo
        captioned = utf16_length(message.text) <= CAPTION_LIMIT
        key = (address, message.text)
        last = len(steps) - 1
        for index in range(self._progress.get(key, 0), len(steps)):
            part = steps[index]
            if part is None:
                markup = markup_for(message) if captioned else None
                caption = message.text if captioned else None
                if await self._send_photo(chat_id, message.photo, caption, markup) and captioned:
                    break
            else:
                await self.bot.send_message(
                    chat_id=chat_id,
                    text=part,
                    parse_mode=None,
                    reply_markup=markup_for(message) if index == last else None,
                )
            if index < last:
                self._remember(key, index + 1)
        self._progress.pop(key, None)

    def _photo_source(self, photo: str) -> FSInputFile | str | None:
        if photo.startswith(("https://", "http://")):
            return photo
        path = rental.photo_file(self.var_dir, photo) if self.var_dir is not None else None
        return FSInputFile(path) if path is not None else None

    async def _send_photo(
        self,
        chat_id: int | str,
        photo: str | None,
        caption: str | None,
        markup: Markup | None,
    ) -> bool:
        """Sends the photo; False (and the text goes alone) when there is no such file or
        Telegram refuses the photo itself. A refusal of the chat, a flood wait or an outage
        fails the whole message, to be tried again as any other."""
        source = self._photo_source(photo or "")
        if source is None:
            log.warning("telegram: the photo %r is not there; sending the text alone", photo)
            return False
        try:
            await self.bot.send_photo(
                chat_id=chat_id,
                photo=source,
                caption=caption or None,
                parse_mode=None,
                reply_markup=markup,
            )
        except TelegramBadRequest as error:
            if any(reason in error.message.lower() for reason in PERMANENT_BAD_REQUESTS):
                raise
            log.warning("telegram: the photo was refused (%s); sending the text alone", error)
            return False
        return True

    def _remember(self, key: tuple[str, str], parts_sent: int) -> None:
        self._progress[key] = parts_sent
        self._progress.move_to_end(key)
        while len(self._progress) > PROGRESS_KEPT:
            self._progress.popitem(last=False)

    async def close(self) -> None:
        self._closed = True
        if self._active == 0:
            await self.bot.session.close()


# --- incoming -------------------------------------------------------------------------------


def to_incoming(update_id: int, event: Message | CallbackQuery) -> Incoming | None:
    """The neutral form of a private-chat update; None for anything the bot does not serve
    (groups, channels, inline mode)."""
    if isinstance(event, CallbackQuery):
        chat = event.message.chat if event.message is not None else None
        if chat is None or chat.type != "private":
            return None
        return Incoming(
            channel=CHANNEL,
            update_key=str(update_id),
            user_id=str(event.from_user.id),
            address=str(chat.id),
            kind="button",
            payload=event.data or "",
            language=event.from_user.language_code or "",
        )
    if event.chat.type != "private" or event.from_user is None:
        return None
    kind, text, attachment = _content(event)
    return Incoming(
        channel=CHANNEL,
        update_key=str(update_id),
        user_id=str(event.from_user.id),
        address=str(event.chat.id),
        kind=kind,
        text=text,
        attachment=attachment,
        language=event.from_user.language_code or "",
    )


def _content(message: Message) -> tuple[str, str, str]:
    """(kind, text, attachment reference) of a message. A contact, a location and the like
    become ``unsupported`` with nothing of their content: a phone must not slip through."""
    if message.text is not None:
        return ("command" if message.text.startswith("/") else "text"), message.text, ""
    caption = message.caption or ""
    if message.photo:
        largest = max(message.photo, key=lambda p: (p.width * p.height, p.file_size or 0))
        return "photo", caption, largest.file_id
    if message.document is not None:
        return "document", caption, message.document.file_id
    if message.voice is not None:
        return "voice", caption, message.voice.file_id
    if message.sticker is not None:
        return "sticker", "", ""
    return "unsupported", "", ""


class Inbox:
    """Hands updates to the dialogs, one at a time and in order.

    An update is stored before polling asks Telegram for the next batch (which confirms this
    one), so when the database is down polling waits and retries instead of losing what she
    wrote. A handler in progress runs to its end even when polling is cancelled on stop;
    anything not yet stored then is delivered again by Telegram after the restart."""

    def __init__(
        self, core: Core, handle: Callable[[Core, Incoming], Awaitable[object]] = receive
    ) -> None:
        self.core = core
        self.handle = handle
        self.retry_first_s = STORE_RETRY_FIRST_S
        self.retry_max_s = STORE_RETRY_MAX_S
        self.stopping = asyncio.Event()
        self._in_flight: set[asyncio.Task[None]] = set()

    async def put(self, incoming: Incoming) -> None:
        task = asyncio.create_task(self._deliver(incoming))
        self._in_flight.add(task)
        task.add_done_callback(self._in_flight.discard)
        await asyncio.shield(task)

    async def _deliver(self, incoming: Incoming) -> None:
        delay = self.retry_first_s
        while True:
            try:
                await self.handle(self.core, incoming)
                return
            except Exception as error:
                reason = (str(error).splitlines() or [""])[0][:200]
                if self.stopping.is_set():
                    log.error(
                        "telegram update %s not handled on stop (%s: %s); Telegram will "
                        "deliver it again",
                        incoming.update_key,
                        type(error).__name__,
                        reason,
                    )
                    return
                log.warning(
                    "telegram update %s failed (%s: %s); trying again in %.1fs",
                    incoming.update_key,
                    type(error).__name__,
                    reason,
                    delay,
                )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.stopping.wait(), delay)
            delay = min(delay * 2, self.retry_max_s)

    async def drain(self, timeout: float) -> None:
        """Waits for handlers in progress; cancels them after ``timeout``."""
        if not self._in_flight:
            return
        _, late = await asyncio.wait(set(self._in_flight), timeout=timeout)
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)


def create_dispatcher(core: Core, inbox: Inbox | None = None) -> Dispatcher:
    inbox = inbox or Inbox(core)
    router = Router(name="aist-telegram")
    labels = help_labels(core)

    @router.message()
    async def on_message(message: Message, event_update: Update) -> None:
        incoming = to_incoming(event_update.update_id, message)
        if incoming is not None:
            await inbox.put(as_button(incoming, labels))

    @router.callback_query()
    async def on_button(query: CallbackQuery, event_update: Update) -> None:
        with contextlib.suppress(TelegramAPIError):
            await query.answer()
        incoming = to_incoming(event_update.update_id, query)
        if incoming is not None:
            await inbox.put(incoming)

    # Conversation state lives in the database, not in aiogram's in-memory FSM.
    dispatcher = Dispatcher(disable_fsm=True)
    dispatcher.include_router(router)
    return dispatcher


# --- the adapter ----------------------------------------------------------------------------


class TelegramAdapter:
    name = CHANNEL

    def __init__(self, core: Core, token: str, api_url: str) -> None:
        self.core = core
        api = TelegramAPIServer.from_base(api_url.rstrip("/"))
        self.bot = Bot(token=token, session=AiohttpSession(api=api))
        self.messenger = TelegramMessenger(self.bot, core.settings.var_dir)
        self.inbox = Inbox(core)
        self.dispatcher = create_dispatcher(core, self.inbox)
        self._stopping = asyncio.Event()
        self._finished = asyncio.Event()
        self._running = False

    async def run(self) -> None:
        """Long-polls until ``stop``. Waits (with backoff) while the Bot API is unreachable;
        a token Telegram refuses is an error."""
        if self._running:
            raise RuntimeError("the Telegram adapter is already running")
        self._running = True
        self._finished.clear()
        try:
            if not await self._connect():
                return
            await self._prepare()
            if self._stopping.is_set():
                return
            # From this check to start_polling taking its lock nothing awaits, so a stop()
            # either happened before it or finds polling started.
            await self.dispatcher.start_polling(
                self.bot,
                polling_timeout=POLLING_TIMEOUT_S,
                handle_as_tasks=False,
                handle_signals=False,
                close_bot_session=False,
                allowed_updates=ALLOWED_UPDATES,
            )
        finally:
            await self.inbox.drain(HANDLERS_STOP_S)
            await self.messenger.close()
            self._running = False
            self._finished.set()

    async def stop(self) -> None:
        """Stops taking updates, lets the one in hand finish and closes the connection."""
        self._stopping.set()
        self.inbox.stopping.set()
        with contextlib.suppress(RuntimeError):  # polling not started (yet, or at all)
            await self.dispatcher.stop_polling()
        if self._running:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._finished.wait(), STOP_S)
        else:
            await self.messenger.close()

    async def _connect(self) -> bool:
        delay = 1.0
        while not self._stopping.is_set():
            try:
                await self.bot.me()
                return True
            except (TelegramNetworkError, TelegramServerError, TelegramRetryAfter) as error:
                log.warning(
                    "telegram: Bot API unreachable (%s); trying again in %.0fs",
                    type(error).__name__,
                    delay,
                )
            except TelegramAPIError as error:
                log.error("telegram: the Bot API refused the token: %s", error.message)
                raise
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), delay)
            delay = min(delay * 2, CONNECT_RETRY_MAX_S)
        return False

    async def _prepare(self) -> None:
        try:
            await self.bot.delete_webhook(drop_pending_updates=False)
        except TelegramAPIError as error:
            log.warning("telegram: deleteWebhook failed: %s", error.message)
        try:
            await self._set_commands()
        except TelegramAPIError as error:
            log.warning("telegram: setMyCommands failed: %s", error.message)

    def commands(self, locale: str) -> list[BotCommand]:
        i18n = self.core.i18n
        return [
            BotCommand(command=name, description=i18n(locale, f"telegram-command-{name}"))
            for name in COMMANDS
        ]

    async def _set_commands(self) -> None:
        scope = BotCommandScopeDefault()
        default = self.core.i18n.locale_for(self.core.settings.default_locale)
        await self.bot.set_my_commands(self.commands(default), scope=scope)
        for locale in LOCALES:
            await self.bot.set_my_commands(self.commands(locale), scope=scope, language_code=locale)

    async def fetch_attachment(self, reference: str) -> Attachment:
        try:
            file = await self.bot.get_file(reference)
            if file.file_path is None:
                raise NotFound("attachment-not-found")
            buffer = io.BytesIO()
            await self.bot.download_file(file.file_path, destination=buffer)
        except TelegramBadRequest as error:
            if any(reason in error.message.lower() for reason in FILE_GONE_BAD_REQUESTS):
                raise NotFound("attachment-not-found") from error
            raise
        except ClientResponseError as error:
            if error.status in (400, 404):
                raise NotFound("attachment-not-found") from error
            raise
        name = file.file_path.rsplit("/", 1)[-1]
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return Attachment(buffer.getvalue(), name, content_type)
