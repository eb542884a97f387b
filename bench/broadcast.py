"""A reminder broadcast to 1,000 people through the outbox, the delivery worker and the real
Telegram messenger (aiogram over HTTP), against the Bot API emulator enforcing Telegram's
limits: 30 messages in any one second overall, one a second per chat (a burst of 3), a 429
with retry_after beyond them.

    .venv/bin/python bench/broadcast.py [--people 1000]

The reminders are queued as BULK outbox rows in one transaction (as the scheduler does),
then the worker starts with the settings ``aist run`` uses (28 messages a second overall,
one second per chat). Measured: from the worker's start to the last message the emulator
accepted. A fresh SQLite file under /tmp (``AIST_BENCH_DATABASE_URL`` for another
database). The last line is JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from sqlalchemy import func, select

from bot.bootstrap import create_core
from bot.telegram import TelegramMessenger
from core.delivery import DeliveryWorker
from core.messages import Outgoing
from core.migrate import upgrade_async
from core.models import OutboxMessage, OutboxStatus
from core.services import outbox
from core.services.clients import identify_client
from core.settings import Settings
from tests.e2e.botapi_emulator import BotApiEmulator

SECRET = "bench-secret-key-that-is-long-enough-0123456789"
FIRST_CHAT = 6_000_000


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1000)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="aist-bench-broadcast-"))
    url = os.environ.get("AIST_BENCH_DATABASE_URL") or (
        f"sqlite+aiosqlite:///{workdir / 'aist.sqlite3'}"
    )
    await upgrade_async(url)
    emulator = BotApiEmulator()
    await emulator.start()
    emulator.enforce_limits(per_second=30, chat_burst=3, chat_interval_s=1.0)
    chats = [FIRST_CHAT + n for n in range(args.people)]
    emulator.add_chats(chats)

    settings = Settings(
        database_url=url,
        secret_key=SECRET,
        var_dir=workdir / "var",
        telegram_token=emulator.token,
        telegram_api_url=emulator.base_url,
    )
    core = create_core(settings)
    async with core.uow() as uow:
        for chat in chats:
            _, identity = await identify_client(
                uow, channel="telegram", user_id=str(chat), address=str(chat), locale="ru"
            )
            reminder = Outgoing(
                "Напоминание: завтра в 10:00 занятие курса «Подготовка к родам». "
                "Если не сможете прийти, нажмите «Не приду»."
            )
            outbox.enqueue(uow, identity, reminder, priority=outbox.BULK)
        await uow.commit()
    print(
        f"{args.people} BULK reminders queued; worker limits: "
        f"{settings.telegram_rate_per_s:g}/s overall, one per {settings.telegram_chat_interval_s:g}s "
        "per chat; emulator refuses over 30/s overall, 1/s per chat (burst 3)"
    )

    bot = Bot(
        token=emulator.token,
        session=AiohttpSession(api=TelegramAPIServer.from_base(emulator.base_url)),
    )
    messenger = TelegramMessenger(bot)
    worker = DeliveryWorker(core, {"telegram": messenger}, idle_poll_s=0.05)
    started = time.monotonic()
    running = asyncio.create_task(worker.run())
    while len({m.chat_id for m in emulator.sent}) < args.people:
        await asyncio.sleep(0.01)
        if running.done():
            running.result()
    elapsed = emulator.sent[-1].at - started
    await worker.stop()
    await running
    await messenger.close()

    async with core.uow() as uow:
        pending = await uow.session.scalar(
            select(func.count(OutboxMessage.id)).where(OutboxMessage.status != OutboxStatus.sent)
        )
    await core.dispose()
    await emulator.stop()
    duplicates = len(emulator.sent) - len({m.chat_id for m in emulator.sent})
    per_s = args.people / elapsed
    per_second: dict[int, int] = {}
    for message in emulator.sent:
        second = int(message.at - started)
        per_second[second] = per_second.get(second, 0) + 1
    print(f"sent {args.people} in {elapsed:.2f}s: {per_s:.1f} messages/s (target >= 27)")
    print(
        f"429 answers: {emulator.too_many_requests} (target 0); duplicates: {duplicates}; "
        f"not marked sent: {pending}"
    )
    print("messages per second of the run:", [per_second[s] for s in sorted(per_second)])
    print(
        json.dumps(
            {
                "bench": "broadcast",
                "msg_per_s": round(per_s, 1),
                "too_many_requests": emulator.too_many_requests,
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
