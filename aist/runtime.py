"""One process of Aist: the panel, the channel adapters, the delivery worker, the scheduler."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import uvicorn

from bot.channel import ChannelAdapter
from bot.dialogs.engine import recover
from bot.web import WebMessenger, create_web_chat_router
from core.bootstrap import Core, create_core
from core.delivery import DeliveryWorker
from core.ports import Messenger
from core.scheduler import Scheduler
from core.settings import Settings

log = logging.getLogger(__name__)


def build_adapters(core: Core) -> list[ChannelAdapter]:
    """The channel adapters configured in settings; their libraries load only when used."""
    settings = core.settings
    adapters: list[ChannelAdapter] = []
    if settings.telegram_token is not None:
        from bot.telegram import TelegramAdapter

        adapters.append(
            TelegramAdapter(core, settings.telegram_token.get_secret_value(), settings.telegram_api_url)
        )
    if settings.vk_token is not None and settings.vk_group_id is not None:
        from bot.vk import VkAdapter

        adapters.append(
            VkAdapter(core, settings.vk_token.get_secret_value(), settings.vk_group_id, settings.vk_api_url)
        )
    return adapters


@dataclass
class Runtime:
    core: Core
    adapters: list[ChannelAdapter]
    web: WebMessenger | None
    app: Any
    worker: DeliveryWorker
    scheduler: Scheduler
    server: uvicorn.Server | None = None
    _tasks: list[asyncio.Task[Any]] = field(default_factory=list)
    _stop: asyncio.Event = field(default_factory=asyncio.Event)

    def request_stop(self) -> None:
        self._stop.set()

    async def serve(self, *, port: int | None = None, host: str | None = None) -> None:
        settings = self.core.settings
        recovered = await recover(self.core)
        if recovered:
            log.info("handled %d updates stored before the last stop", recovered)
        config = uvicorn.Config(
            self.app,
            host=host or settings.admin_host,
            port=port if port is not None else settings.admin_port,
            log_level="warning",
            lifespan="on",
        )
        self.server = uvicorn.Server(config)
        # Our own handlers below: uvicorn must not exit the process on its own.
        self.server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
        stop = self._stop
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
        self._tasks = [
            asyncio.create_task(self.server.serve(), name="panel"),
            asyncio.create_task(self.worker.run(), name="delivery"),
            asyncio.create_task(self.scheduler.run(), name="scheduler"),
            *(asyncio.create_task(a.run(), name=a.name) for a in self.adapters),
        ]
        stopper = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait([stopper, *self._tasks], return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            if task is not stopper and task.exception() is not None:
                log.error("%s stopped: %r", task.get_name(), task.exception())
        await self.shutdown()
        stopper.cancel()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)

    async def shutdown(self) -> None:
        """Stop taking updates, let handlers finish, send what can be sent, then close."""
        for adapter in self.adapters:
            with contextlib.suppress(Exception):
                await adapter.stop()
        await self.scheduler.stop()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.worker.drain_once(), 10)
        await self.worker.stop()
        if self.server is not None:
            self.server.should_exit = True
        await _settle(self._tasks, 15)
        await self.core.dispose()


async def _settle(tasks: list[asyncio.Task[Any]], wait_s: float) -> None:
    pending = [t for t in tasks if not t.done()]
    if not pending:
        return
    _, still = await asyncio.wait(pending, timeout=wait_s)
    for task in still:
        task.cancel()
    await asyncio.gather(*still, return_exceptions=True)


def build_runtime(
    settings: Settings,
    *,
    core: Core | None = None,
    extra_setup: Callable[[Core], Awaitable[None]] | None = None,
) -> Runtime:
    from admin.app import create_app

    core = core or create_core(settings)
    adapters = build_adapters(core)
    messengers: dict[str, Messenger] = {a.name: a.messenger for a in adapters}
    web: WebMessenger | None = None
    routers = []
    if settings.demo:
        web = WebMessenger()
        messengers["web"] = web
        routers.append(create_web_chat_router(core, web))
    fetchers = {a.name: a.fetch_attachment for a in adapters}
    app = create_app(settings, core, extra_routers=routers, attachment_fetchers=fetchers)
    return Runtime(
        core=core,
        adapters=adapters,
        web=web,
        app=app,
        worker=DeliveryWorker(core, messengers),
        scheduler=Scheduler(core),
    )
