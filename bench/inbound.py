"""Incoming updates per second: the whole path of Aist against raw aiogram, same feed, same run.

    .venv/bin/python bench/inbound.py [--people 400] [--each 5]

The feed: ``people`` private chats, each sending ``/start`` and then ``each - 1`` texts, the
chats interleaved, as aiogram ``Update`` objects built once. Both sides get the updates one
at a time through ``Dispatcher.feed_update``, in order, as long polling does (``aist run``
handles updates sequentially):

* aist: the Telegram adapter's dispatcher (``bot.telegram.create_dispatcher``) → the inbox →
  dialogs → core services → the database (a fresh SQLite file under /tmp, migrated) → the
  outbox. Each update is stored and de-duplicated in its own transaction, then handled with
  its replies in a second one, both committed to disk before the next update.
* raw: a bare aiogram ``Dispatcher`` with one no-op message handler.

Network is out of both (updates are fed in, nothing is sent: replies stay in the outbox), so
the figures compare the processing only. ``AIST_BENCH_DATABASE_URL`` points the aist side at
another database (PostgreSQL). The last line is JSON.
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

from aiogram import Bot, Dispatcher, Router
from aiogram.types import Message, Update
from sqlalchemy import func, select

from bot.bootstrap import create_core
from bot.telegram import create_dispatcher
from core.migrate import upgrade_async
from core.models import InboundUpdate, OutboxMessage
from core.settings import Settings

TOKEN = "123456:BENCH-token"
SECRET = "bench-secret-key-that-is-long-enough-0123456789"


def feed(people: int, each: int, first_id: int = 1) -> list[dict]:
    updates = []
    update_id = first_id
    for step in range(each):
        for person in range(people):
            user = 5_000_000 + person
            text = "/start" if step == 0 else f"Подскажите, пожалуйста, шаг {step}"
            message = {
                "message_id": update_id,
                "date": 1_764_000_000,
                "chat": {"id": user, "type": "private", "first_name": "Гость"},
                "from": {"id": user, "is_bot": False, "first_name": "Гость", "language_code": "ru"},
                "text": text,
            }
            if text.startswith("/"):
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
            updates.append({"update_id": update_id, "message": message})
            update_id += 1
    return updates


def build(bot: Bot, raw: list[dict]) -> list[Update]:
    return [Update.model_validate(u, context={"bot": bot}) for u in raw]


async def run_feed(dispatcher: Dispatcher, bot: Bot, updates: list[Update]) -> float:
    started = time.perf_counter()
    for update in updates:
        await dispatcher.feed_update(bot, update)
    return time.perf_counter() - started


def raw_dispatcher() -> Dispatcher:
    router = Router()

    @router.message()
    async def noop(message: Message) -> None:
        return None

    dispatcher = Dispatcher(disable_fsm=True)
    dispatcher.include_router(router)
    return dispatcher


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=400)
    parser.add_argument("--each", type=int, default=5)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="aist-bench-inbound-"))
    url = os.environ.get("AIST_BENCH_DATABASE_URL") or (
        f"sqlite+aiosqlite:///{workdir / 'aist.sqlite3'}"
    )
    await upgrade_async(url)
    settings = Settings(database_url=url, secret_key=SECRET, var_dir=workdir / "var")
    core = create_core(settings)
    bot = Bot(token=TOKEN)

    warmup = build(bot, feed(20, 2, first_id=10_000_000))
    updates = build(bot, feed(args.people, args.each))
    print(f"feed: {len(updates)} updates from {args.people} chats (/start, then texts)")
    print(f"database: {settings.database_url.split(':', 1)[0]}")

    aist = create_dispatcher(core)
    raw = raw_dispatcher()
    await run_feed(aist, bot, warmup)
    await run_feed(raw, bot, warmup)

    raw_s = await run_feed(raw, bot, updates)
    aist_s = await run_feed(aist, bot, updates)
    raw_again_s = await run_feed(raw, bot, updates)
    raw_s = min(raw_s, raw_again_s)

    async with core.uow() as uow:
        stored = await uow.session.scalar(
            select(func.count(InboundUpdate.id)).where(InboundUpdate.handled_at.is_not(None))
        )
        queued = await uow.session.scalar(select(func.count(OutboxMessage.id)))
    expected = len(updates) + len(warmup)
    if stored != expected:
        raise SystemExit(f"only {stored} of {expected} updates were handled")
    await core.dispose()
    await bot.session.close()

    aist_per_s = len(updates) / aist_s
    raw_per_s = len(updates) / raw_s
    print(f"aist: {aist_per_s:8.0f} updates/s  ({aist_s:.2f}s; {queued} replies in the outbox)")
    print(f"raw:  {raw_per_s:8.0f} updates/s  ({raw_s:.3f}s; aiogram, no-op handler)")
    ratio = aist_per_s / raw_per_s
    print(f"ratio {ratio:.4f} (target >= 0.5)")
    print(
        json.dumps(
            {
                "bench": "inbound",
                "aist_per_s": round(aist_per_s, 1),
                "raw_per_s": round(raw_per_s, 1),
                "ratio": round(ratio, 4),
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
