"""The Telegram channel (aiogram 3, long polling). It only translates:
a Telegram update becomes an ``Incoming``, an ``Outgoing`` becomes Bot API calls."""

from __future__ import annotations

import contextlib
import io
import logging

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
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)

from bot.channel import Attachment
from bot.dialogs.engine import receive
from core.bootstrap import Core
from core.messages import Incoming, Outgoing
from core.ports import DeliveryError

log = logging.getLogger(__name__)

TEXT_LIMIT = 4096
CALLBACK_LIMIT = 64  # bytes of callback_data
COMMANDS = ("start", "menu", "help", "cancel")


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Splits at a paragraph, then a line, then a space, so no word is cut in half."""
    parts: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" "))
        if cut < limit // 2:
            cut = limit
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    parts.append(rest)
    return [p for p in parts if p] or [""]


def keyboard(message: Outgoing) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    rows = []
    for row in message.buttons:
        buttons = []
        for button in row:
            data = button.payload.encode()[:CALLBACK_LIMIT].decode(errors="ignore")
            buttons.append(InlineKeyboardButton(text=button.text, callback_data=data))
        rows.append(buttons)
    return InlineKeyboardMarkup(inline_keyboard=rows)


class TelegramMessenger:
    channel = "telegram"

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, address: str, message: Outgoing) -> None:
        parts = split_text(message.text)
        try:
            for index, part in enumerate(parts):
                markup = keyboard(message) if index == len(parts) - 1 else None
                await self.bot.send_message(
                    chat_id=int(address), text=part, reply_markup=markup, parse_mode=None
                )
        except TelegramRetryAfter as error:
            raise DeliveryError("telegram 429", retry_after=float(error.retry_after)) from error
        except TelegramForbiddenError as error:
            raise DeliveryError(f"telegram 403: {error.message}", permanent=True) from error
        except TelegramBadRequest as error:
            permanent = (
                "chat not found" in error.message.lower()
                or "user is deactivated" in error.message.lower()
            )
            raise DeliveryError(f"telegram 400: {error.message}", permanent=permanent) from error
        except (TimeoutError, TelegramNetworkError, TelegramServerError) as error:
            raise DeliveryError(f"telegram unavailable: {error}") from error
        except TelegramAPIError as error:
            raise DeliveryError(f"telegram error: {error}") from error


def to_incoming(update_id: int, event: Message | CallbackQuery) -> Incoming | None:
    """The neutral form of a private-chat update; None for anything the bot does not serve."""
    if isinstance(event, CallbackQuery):
        if event.message is None or event.message.chat.type != "private":
            return None
        return Incoming(
            channel="telegram",
            update_key=str(update_id),
            user_id=str(event.from_user.id),
            address=str(event.message.chat.id),
            kind="button",
            payload=event.data or "",
            language=event.from_user.language_code or "",
        )
    if event.chat.type != "private" or event.from_user is None:
        return None
    base = {
        "channel": "telegram",
        "update_key": str(update_id),
        "user_id": str(event.from_user.id),
        "address": str(event.chat.id),
        "language": event.from_user.language_code or "",
    }
    if event.text is not None:
        kind = "command" if event.text.startswith("/") else "text"
        return Incoming(kind=kind, text=event.text, **base)
    caption = event.caption or ""
    if event.photo:
        return Incoming(kind="photo", text=caption, attachment=event.photo[-1].file_id, **base)
    if event.document is not None:
        return Incoming(kind="document", text=caption, attachment=event.document.file_id, **base)
    if event.voice is not None:
        return Incoming(kind="voice", text=caption, attachment=event.voice.file_id, **base)
    if event.sticker is not None:
        return Incoming(kind="sticker", text="", **base)
    return Incoming(kind="unsupported", text=caption, **base)


def create_dispatcher(core: Core) -> Dispatcher:
    router = Router(name="aist")

    @router.message()
    async def on_message(message: Message, event_update: Update) -> None:
        incoming = to_incoming(event_update.update_id, message)
        if incoming is not None:
            await receive(core, incoming)

    @router.callback_query()
    async def on_button(query: CallbackQuery, event_update: Update) -> None:
        # Stop the spinner at once; the answer itself goes through the outbox.
        with contextlib.suppress(TelegramAPIError):
            await query.answer()
        incoming = to_incoming(event_update.update_id, query)
        if incoming is not None:
            await receive(core, incoming)

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    return dispatcher


class TelegramAdapter:
    name = "telegram"

    def __init__(self, core: Core, token: str, api_url: str) -> None:
        self.core = core
        session = AiohttpSession(api=TelegramAPIServer.from_base(api_url.rstrip("/")))
        self.bot = Bot(token=token, session=session)
        self.messenger = TelegramMessenger(self.bot)
        self.dispatcher = create_dispatcher(core)
        self._running = False

    async def _set_commands(self) -> None:
        i18n = self.core.i18n
        for locale in ("ru", "en"):
            commands = [
                BotCommand(command=c, description=i18n(locale, f"telegram-command-{c}"))
                for c in COMMANDS
            ]
            await self.bot.set_my_commands(
                commands,
                scope=BotCommandScopeDefault(),
                language_code=None if locale == "ru" else locale,
            )

    async def run(self) -> None:
        self._running = True
        try:
            with contextlib.suppress(TelegramAPIError):
                await self.bot.delete_webhook(drop_pending_updates=False)
                await self._set_commands()
            # Updates are handled one after another, before the next getUpdates confirms
            # them: what she sent is stored before Telegram forgets it.
            await self.dispatcher.start_polling(
                self.bot,
                handle_as_tasks=False,
                handle_signals=False,
                close_bot_session=True,
                allowed_updates=["message", "callback_query"],
                polling_timeout=25,
            )
        finally:
            self._running = False

    async def stop(self) -> None:
        with contextlib.suppress(RuntimeError):
            await self.dispatcher.stop_polling()

    async def fetch_attachment(self, reference: str) -> Attachment:
        file = await self.bot.get_file(reference)
        buffer = io.BytesIO()
        if file.file_path is None:
            raise DeliveryError("telegram file has no path")
        await self.bot.download_file(file.file_path, destination=buffer)
        name = file.file_path.rsplit("/", 1)[-1]
        return Attachment(buffer.getvalue(), name, _content_type(name))


def _content_type(name: str) -> str:
    import mimetypes

    return mimetypes.guess_type(name)[0] or "application/octet-stream"
