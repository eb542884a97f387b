"""From a person's message to the specialist's screen: 200 conversations at once.

    .venv/bin/python bench/handoff.py [--people 200] [--each 3] [--spread 20]

One Aist process as ``aist run`` composes it (``build_runtime``: the Telegram adapter long
polling, dialogs, core, the delivery worker, the scheduler, the panel under uvicorn) on a
fresh SQLite file under /tmp, with the Bot API emulator over HTTP as Telegram. A specialist
is logged in to the panel's live stream (``GET /events`` over HTTP with a bearer token).

First ``people`` people each open a conversation (one tap; not timed). Then each writes
``each`` messages at random moments within ``spread`` seconds, all conversations at once
(200 × 3 in 20 s: 30 messages a second, with the bot's acknowledgements going out
meanwhile). Timed: from the moment the update is queued at the emulator (what the person
sent is at Telegram) to the ``case.message`` event of her case arriving on the stream. The
last line is JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import socket
import statistics
import sys
import tempfile
import time
from collections import defaultdict, deque
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from aist.runtime import build_runtime
from bot.bootstrap import create_core
from core.migrate import upgrade_async
from core.services.staff import create_staff
from core.settings import Settings
from tests.e2e.botapi_emulator import BotApiEmulator

SECRET = "bench-secret-key-that-is-long-enough-0123456789"
PASSWORD = "bench-password-123"
FIRST_USER = 7_000_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


class Stream:
    """The panel's live stream, as the specialist's browser receives it."""

    def __init__(self) -> None:
        self.opened: asyncio.Queue[int] = asyncio.Queue()
        self.arrivals: dict[int, list[float]] = defaultdict(list)
        self.ready = asyncio.Event()

    async def listen(self, http: httpx.AsyncClient, auth: dict[str, str]) -> None:
        async with http.stream("GET", "/events", headers=auth, timeout=None) as response:
            kind = ""
            async for line in response.aiter_lines():
                if line.startswith("event:"):
                    kind = line.split(":", 1)[1].strip()
                elif line.startswith("data:"):
                    now = time.monotonic()
                    data = json.loads(line.split(":", 1)[1])
                    if kind == "ready":
                        self.ready.set()
                    elif kind == "case.opened":
                        self.opened.put_nowait(int(data["case_id"]))
                    elif kind == "case.message" and data.get("direction") == "in":
                        self.arrivals[int(data["case_id"])].append(now)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--each", type=int, default=3)
    parser.add_argument("--spread", type=float, default=20.0)
    args = parser.parse_args()
    rng = random.Random(8)

    workdir = Path(tempfile.mkdtemp(prefix="aist-bench-handoff-"))
    url = os.environ.get("AIST_BENCH_DATABASE_URL") or (
        f"sqlite+aiosqlite:///{workdir / 'aist.sqlite3'}"
    )
    await upgrade_async(url)
    emulator = BotApiEmulator()
    await emulator.start()
    settings = Settings(
        database_url=url,
        secret_key=SECRET,
        var_dir=workdir / "var",
        telegram_token=emulator.token,
        telegram_api_url=emulator.base_url,
    )
    core = create_core(settings)
    async with core.uow() as uow:
        await create_staff(
            uow, login="anna", password=PASSWORD, role="specialist", display_name="Анна"
        )
        await uow.commit()
    runtime = build_runtime(settings, core=core)
    port = free_port()
    serving = asyncio.create_task(runtime.serve(host="127.0.0.1", port=port, handle_signals=False))
    stream = Stream()
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
        for _ in range(200):
            with contextlib.suppress(httpx.TransportError):
                if (await http.get("/api/v1/health")).status_code == 200:
                    break
            await asyncio.sleep(0.05)
        token = await http.post(
            "/api/v1/auth/token", data={"username": "anna", "password": PASSWORD}
        )
        auth = {"Authorization": f"Bearer {token.json()['access_token']}"}
        listening = asyncio.create_task(stream.listen(http, auth))
        await asyncio.wait_for(stream.ready.wait(), 10)

        case_of: dict[int, int] = {}
        for person in range(args.people):
            await emulator.user_presses(FIRST_USER + person, "t:other")
            case_of[person] = await asyncio.wait_for(stream.opened.get(), 10)
        print(
            f"{args.people} conversations open; now {args.people * args.each} messages "
            f"within {args.spread:g}s ({args.people * args.each / args.spread:.0f}/s)"
        )

        script = sorted(
            (rng.uniform(0, args.spread), person, n)
            for person in range(args.people)
            for n in range(args.each)
        )
        written: dict[int, deque[float]] = defaultdict(deque)
        started = time.monotonic()
        for at, person, n in script:
            await asyncio.sleep(max(0.0, started + at - time.monotonic()))
            written[case_of[person]].append(time.monotonic())
            await emulator.user_sends_text(
                FIRST_USER + person, f"Сообщение {n}: малыш не спит, что делать?"
            )
        expected = args.people * args.each
        deadline = time.monotonic() + 60
        while sum(len(v) for v in stream.arrivals.values()) < expected:
            if time.monotonic() > deadline:
                raise SystemExit("not every message reached the live stream within 60 s")
            await asyncio.sleep(0.05)
        listening.cancel()
        with contextlib.suppress(asyncio.CancelledError, httpx.HTTPError):
            await listening
    runtime.request_stop()
    await asyncio.wait_for(serving, 30)
    await emulator.stop()

    latencies = []
    for case_id, sent_times in written.items():
        arrived = stream.arrivals[case_id]
        latencies.extend(1000 * (a - s) for s, a in zip(sent_times, arrived, strict=True))
    p50, p95, p99 = (percentile(latencies, p) for p in (50, 95, 99))
    print(
        f"{len(latencies)} messages: p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms, "
        f"max {max(latencies):.1f} ms, mean {statistics.fmean(latencies):.1f} ms "
        "(target p99 < 300 ms)"
    )
    print(
        json.dumps(
            {
                "bench": "handoff",
                "p50_ms": round(p50, 1),
                "p95_ms": round(p95, 1),
                "p99_ms": round(p99, 1),
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
