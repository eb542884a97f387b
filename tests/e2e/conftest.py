"""End-to-end fixtures: real time, fast retries, a Bot API emulator on 127.0.0.1 and the real
Telegram adapter with a delivery worker polling it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.telegram import TelegramAdapter
from core.bootstrap import Core
from core.clock import SystemClock
from core.delivery import DeliveryWorker
from core.settings import Settings
from tests.conftest import make_settings
from tests.e2e.botapi_emulator import BotApiEmulator


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    # Fast retries and no per-chat spacing, so fault tests take seconds, not minutes.
    return make_settings(
        database_url,
        tmp_path,
        delivery_base_delay_s=0.05,
        delivery_max_delay_s=0.5,
        telegram_chat_interval_s=0.0,
        # The browser tests log coordinators in with a password alone; the second factor is
        # tested in tests/integration/test_auth_*.py.
        require_2fa_roles=[],
    )


@pytest.fixture
def clock() -> SystemClock:
    # Channels, retries and timeouts run in real time end to end.
    return SystemClock()


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    """A Bot API emulator; point an adapter at ``emulator.base_url`` with ``emulator.token``."""
    emu = BotApiEmulator()
    await emu.start()
    yield emu
    await emu.stop()


def start_adapter(core: Core, emulator: BotApiEmulator) -> TelegramAdapter:
    adapter = TelegramAdapter(core, emulator.token, emulator.base_url)
    adapter.inbox.retry_first_s = 0.05
    return adapter


@dataclass
class TelegramRig:
    core: Core
    emulator: BotApiEmulator
    adapter: TelegramAdapter
    worker: DeliveryWorker
    polling: asyncio.Task[None]
    sending: asyncio.Task[None]

    async def stop_adapter(self) -> None:
        await self.adapter.stop()
        await settle(self.polling)

    def start_new_adapter(self) -> None:
        """A fresh adapter, as after a restart of the process; the worker sends through it."""
        self.adapter = start_adapter(self.core, self.emulator)
        self.worker.messengers["telegram"] = self.adapter.messenger
        self.polling = asyncio.create_task(self.adapter.run())


async def settle(task: asyncio.Task[None], timeout: float = 10) -> None:
    """Waits for a stopped part to end; a part that hangs or failed fails the test."""
    await asyncio.wait_for(task, timeout)


@pytest.fixture
async def telegram(core: Core, emulator: BotApiEmulator) -> AsyncIterator[TelegramRig]:
    """The adapter long-polling the emulator and a delivery worker sending through it."""
    adapter = start_adapter(core, emulator)
    worker = DeliveryWorker(core, {"telegram": adapter.messenger}, idle_poll_s=0.05)
    rig = TelegramRig(
        core,
        emulator,
        adapter,
        worker,
        polling=asyncio.create_task(adapter.run()),
        sending=asyncio.create_task(worker.run()),
    )
    yield rig
    await rig.stop_adapter()
    await worker.stop()
    await settle(rig.sending)
    emulator.assert_protocol_kept()


async def wait_until(page: Any, expression: str, timeout: float = 5.0) -> bool:
    """Polls a JavaScript expression until it is true (False after ``timeout`` seconds).
    Playwright's ``wait_for_function`` compiles its string with ``new Function``, which the
    pages' Content-Security-Policy rightly forbids; ``evaluate`` is not bound by it."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        if await page.evaluate(expression):
            return True
        if asyncio.get_running_loop().time() > deadline:
            return False
        await asyncio.sleep(0.05)
