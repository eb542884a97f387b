from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.telegram import TelegramAdapter
from core.bootstrap import Core
from core.clock import SystemClock
from core.delivery import DeliveryWorker
from core.settings import Settings
from tests.conftest import make_settings
from tests.e2e.botapi import BotApiEmulator


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    # Fast retries and no per-chat spacing, so fault tests take seconds, not minutes.
    return make_settings(
        database_url,
        tmp_path,
        delivery_base_delay_s=0.05,
        delivery_max_delay_s=0.5,
        telegram_chat_interval_s=0.0,
    )


@pytest.fixture
def clock() -> SystemClock:
    # Channels, retries and timeouts run in real time end to end.
    return SystemClock()


@dataclass
class TelegramRig:
    emulator: BotApiEmulator
    adapter: TelegramAdapter
    worker: DeliveryWorker


async def start_adapter(
    core: Core, emulator: BotApiEmulator
) -> tuple[TelegramAdapter, asyncio.Task[None]]:
    adapter = TelegramAdapter(core, emulator.token, emulator.base_url)
    task = asyncio.create_task(adapter.run())
    return adapter, task


async def stop_task(task: asyncio.Task[None], timeout: float = 10) -> None:
    with suppress(asyncio.CancelledError, TimeoutError):
        await asyncio.wait_for(task, timeout)


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    emu = BotApiEmulator()
    await emu.start()
    yield emu
    await emu.stop()


@pytest.fixture
async def telegram(core: Core, emulator: BotApiEmulator) -> AsyncIterator[TelegramRig]:
    adapter, polling = await start_adapter(core, emulator)
    worker = DeliveryWorker(core, {"telegram": adapter.messenger}, idle_poll_s=0.05)
    sending = asyncio.create_task(worker.run())
    yield TelegramRig(emulator, adapter, worker)
    await adapter.stop()
    await worker.stop()
    await stop_task(polling)
    await stop_task(sending)
