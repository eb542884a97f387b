"""One process of Aist: the panel, the channel adapters, the delivery worker, the scheduler.

Everything runs in one asyncio loop: uvicorn serves the panel (and, in the demo, the web
chat), each configured channel adapter long-polls its messenger, the delivery worker sends
what the outbox holds through the messenger of each running channel, and the scheduler does
the timed work. On SIGTERM or SIGINT the process stops in this order: the adapters stop
taking updates and finish the ones in hand; the scheduler stops; the delivery worker stops
and one last drain sends what is due; uvicorn stops; the database engine is disposed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

import uvicorn

from bot.bootstrap import create_core
from bot.channel import Attachment, ChannelAdapter
from bot.dialogs.engine import recover
from bot.web import WebMessenger, attachment_fetcher, create_web_chat_router
from core.bootstrap import Core
from core.delivery import DeliveryWorker
from core.ports import Messenger
from core.scheduler import Scheduler
from core.settings import Settings

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
ADAPTER_STOP_S = 10.0
FINAL_DRAIN_S = 10.0
PANEL_STOP_S = 5.0


def build_adapters(core: Core) -> list[ChannelAdapter]:
    """The channel adapters configured in settings; their libraries load only when used."""
    settings = core.settings
    adapters: list[ChannelAdapter] = []
    if settings.telegram_token is not None and settings.telegram_token.get_secret_value():
        from bot.telegram import TelegramAdapter

        telegram = TelegramAdapter(
            core, settings.telegram_token.get_secret_value(), settings.telegram_api_url
        )
        adapters.append(cast(ChannelAdapter, telegram))
    if settings.vk_token is not None and settings.vk_token.get_secret_value():
        if settings.vk_group_id is None:
            log.warning("AIST_VK_TOKEN is set but AIST_VK_GROUP_ID is not: VK stays off")
        else:
            from bot.vk import VkAdapter

            vk = VkAdapter(
                core,
                settings.vk_token.get_secret_value(),
                settings.vk_group_id,
                settings.vk_api_url,
            )
            adapters.append(cast(ChannelAdapter, vk))
    return adapters


class PanelServer(uvicorn.Server):
    """uvicorn inside our loop. The runtime owns SIGTERM/SIGINT: uvicorn must neither take
    the signals nor stop before the adapters and the delivery worker are done."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:  # uvicorn >= 0.29
        yield

    def install_signal_handlers(self) -> None:  # older uvicorn
        return None


@dataclass
class Runtime:
    core: Core
    adapters: list[ChannelAdapter]
    web: WebMessenger | None
    app: Any
    worker: DeliveryWorker
    scheduler: Scheduler
    server: PanelServer | None = None
    _stop: asyncio.Event = field(default_factory=asyncio.Event)
    _signals: int = 0
    _tasks: dict[str, asyncio.Task[Any]] = field(default_factory=dict)

    @property
    def channels(self) -> list[str]:
        return sorted(self.worker.messengers)

    def request_stop(self) -> None:
        self._stop.set()

    def _on_signal(self, sig: signal.Signals) -> None:
        self._signals += 1
        if self._signals == 1:
            log.info("%s: stopping", sig.name)
            self._stop.set()
        elif self.server is not None:  # a second signal: do not wait for open connections
            log.warning("%s again: stopping the panel at once", sig.name)
            self.server.force_exit = True

    async def serve(
        self, *, host: str | None = None, port: int | None = None, handle_signals: bool = True
    ) -> int:
        """Runs until a stop signal (returns 0) or until a part fails (returns 1)."""
        settings = self.core.settings
        config = uvicorn.Config(
            self.app,
            host=host or settings.admin_host,
            port=port if port is not None else settings.admin_port,
            log_level="warning",
            lifespan="on",
            timeout_graceful_shutdown=int(PANEL_STOP_S),
        )
        self.server = PanelServer(config)
        # Bound before anything starts: a busy port fails here, with uvicorn's message.
        sock = config.bind_socket()
        recovered = await recover(self.core)
        if recovered:
            log.info("handled %d updates stored before the last stop", recovered)

        loop = asyncio.get_running_loop()
        installed = []
        if handle_signals:
            for sig in STOP_SIGNALS:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(sig, self._on_signal, sig)
                    installed.append(sig)
        self._tasks = {
            "panel": asyncio.create_task(self.server.serve(sockets=[sock]), name="panel"),
            "delivery": asyncio.create_task(self.worker.run(), name="delivery"),
            "scheduler": asyncio.create_task(self.scheduler.run(), name="scheduler"),
        }
        for adapter in self.adapters:
            self._tasks[adapter.name] = asyncio.create_task(adapter.run(), name=adapter.name)
        log.info("running: channels %s", ", ".join(self.channels) or "none")

        stopper = asyncio.create_task(self._stop.wait())
        done, _ = await asyncio.wait(
            [stopper, *self._tasks.values()], return_when=asyncio.FIRST_COMPLETED
        )
        code = 0
        for task in done:
            if task is stopper:
                continue
            code = 1
            if task.cancelled() or task.exception() is None:
                log.error("%s stopped on its own; stopping the rest", task.get_name())
            else:
                log.error(
                    "%s failed; stopping the rest", task.get_name(), exc_info=task.exception()
                )
        stopper.cancel()
        try:
            await self.shutdown()
        finally:
            for sig in installed:
                loop.remove_signal_handler(sig)
            sock.close()
        return code

    async def shutdown(self) -> None:
        """Stop taking updates, let handlers finish, send what can be sent, then close."""
        tasks = self._tasks
        if self.web is not None:
            self.web.close()
        for adapter in self.adapters:
            try:
                await adapter.stop()
            except Exception:
                log.exception("%s: stop failed", adapter.name)
        await _settle([tasks[a.name] for a in self.adapters if a.name in tasks], ADAPTER_STOP_S)

        await self.scheduler.stop()
        await self.worker.stop()
        await _settle([tasks[n] for n in ("scheduler", "delivery") if n in tasks], FINAL_DRAIN_S)
        try:
            sent = await asyncio.wait_for(self._final_drain(), FINAL_DRAIN_S)
            if sent:
                log.info("sent %d queued messages before stopping", sent)
        except TimeoutError:
            log.warning("final delivery drain timed out; the rest stays queued")
        except Exception:
            log.exception("final delivery drain failed; the rest stays queued")

        if self.server is not None:
            self.server.should_exit = True
        with _sse_streams_told_to_end():
            await _settle([tasks["panel"]] if "panel" in tasks else [], PANEL_STOP_S + 5)
        await self.core.dispose()

    async def _final_drain(self) -> int:
        total = 0
        while sent := await self.worker.drain_once():
            total += sent
        return total


@contextlib.contextmanager
def _sse_streams_told_to_end() -> Iterator[None]:
    """sse-starlette ends its streams when it sees uvicorn exiting through uvicorn's own
    signal handler, which the runtime replaces: tell it directly, and undo it afterwards so
    a later server in the same process (tests) is not affected."""
    try:
        from sse_starlette.sse import AppStatus
    except ImportError:  # pragma: no cover - the panel's dependency
        yield
        return
    AppStatus.should_exit = True
    try:
        yield
    finally:
        AppStatus.should_exit = False


async def _settle(tasks: list[asyncio.Task[Any]], wait_s: float) -> None:
    """Waits for the tasks to end, cancels what is still running after ``wait_s``."""
    pending = [t for t in tasks if not t.done()]
    if pending:
        _, still = await asyncio.wait(pending, timeout=wait_s)
        for task in still:
            log.warning("%s did not stop in %.0fs: cancelled", task.get_name(), wait_s)
            task.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for task, result in zip(tasks, results, strict=True):
        if isinstance(result, Exception):
            log.error("%s ended with an error", task.get_name(), exc_info=result)


def build_runtime(
    settings: Settings,
    *,
    core: Core | None = None,
) -> Runtime:
    """Composes the process: the panel app, the web chat in the demo, the adapters of every
    configured channel and a delivery worker with a messenger for each of them."""
    from admin.app import create_app

    core = core or create_core(settings)
    adapters = build_adapters(core)
    messengers: dict[str, Messenger] = {a.name: a.messenger for a in adapters}
    web: WebMessenger | None = None
    routers = []
    if settings.demo:
        web = WebMessenger()
        messengers[web.channel] = web
        routers.append(create_web_chat_router(core, web))
    fetchers: dict[str, Callable[[str], Awaitable[Attachment]]] = {
        a.name: a.fetch_attachment for a in adapters
    }
    # The files sent through the web chat are kept under the var folder, so the panel can
    # open them even when the web chat is not served (a demo's cases in a later run).
    fetchers["web"] = attachment_fetcher(core)
    app = create_app(settings, core, extra_routers=routers, attachment_fetchers=fetchers)
    return Runtime(
        core=core,
        adapters=adapters,
        web=web,
        app=app,
        worker=DeliveryWorker(core, messengers),
        scheduler=Scheduler(core),
    )
