"""The specialist's inbox with years of data: 100,000 cases and 1,000,000 messages.

    .venv/bin/python bench/inbox.py [--cases 100000] [--messages-each 10] [--open-share 0.1]
                                    [--requests 200] [--keep]

The data is generated straight into a fresh, migrated SQLite file under /tmp with core SQL
(bulk inserts, not the services): 100,000 people, one case each (a share of them open, the
rest closed; support levels mixed, a third of the open ones taken by a specialist, half of
the rest waiting), ten messages a case with encrypted bodies, the case's last message
pointing at the tenth. Then the panel app answers, through httpx's ASGI transport (no
network): the inbox page ``/`` (logged in with the panel's session) and
``GET /api/v1/cases?status=open`` (a bearer token), ``--requests`` times each, alternating.
``AIST_BENCH_DATABASE_URL`` names another (empty) database instead. The last line is JSON:
``p50_ms`` and ``p95_ms`` are those of the slower route (each route must meet the target, a
fast one must not hide a slow one), then per route.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from admin.app import create_app
from bot.bootstrap import create_core
from core.crypto import Vault
from core.migrate import upgrade_async
from core.models import LEVEL_ORDER, Case, Client, Message, Staff
from core.services.staff import create_staff
from core.settings import Settings

SECRET = "bench-secret-key-that-is-long-enough-0123456789"
PASSWORD = "bench-password-123"
CHUNK = 20_000
TOPICS = ("pregnancy", "newborn", "family", "money", "disability", "other")
LEVELS = ("emergency", "crisis", "basic", "basic", "basic", "adaptation")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def sync_url(url: str) -> str:
    parsed = make_url(url)
    driver = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg"}.get(
        parsed.get_backend_name(), parsed.drivername
    )
    return parsed.set(drivername=driver).render_as_string(hide_password=False)


def generate(url: str, vault: Vault, staff_ids: list[int], args: argparse.Namespace) -> None:
    rng = random.Random(4)
    engine = create_engine(sync_url(url))
    bodies = [
        vault.encrypt(f"Сообщение {n}: мне нужна консультация по поводу пособия и справок")
        for n in range(500)
    ]
    now = datetime.now(UTC)
    each = args.messages_each
    started = time.perf_counter()
    with engine.begin() as conn:
        for first in range(1, args.cases + 1, CHUNK):
            ids = range(first, min(first + CHUNK, args.cases + 1))
            clients, cases, messages = [], [], []
            for i in ids:
                opened = now - timedelta(minutes=rng.randint(10, 60 * 24 * 900))
                is_open = rng.random() < args.open_share
                level = rng.choice(LEVELS)
                assignee = rng.choice(staff_ids) if is_open and rng.random() < 0.33 else None
                clients.append(
                    {
                        "id": i,
                        "pseudonym": f"Гость-{i:06d}",
                        "locale": "ru",
                        "dialog_state": "chat" if is_open else "menu",
                        "dialog_data": {},
                        "created_at": opened,
                        "last_seen_at": opened,
                    }
                )
                last = opened + timedelta(minutes=each)
                cases.append(
                    {
                        "id": i,
                        "client_id": i,
                        "channel": "telegram" if i % 3 else "vk",
                        "topic": rng.choice(TOPICS),
                        "level": level,
                        "level_rank": LEVEL_ORDER[level],
                        "status": "open" if is_open else "closed",
                        "assignee_id": assignee,
                        "opened_at": opened,
                        "accepted_at": opened + timedelta(minutes=3) if assignee else None,
                        "closed_at": None if is_open else last + timedelta(days=1),
                        "outcome": None if is_open else "Консультация оказана",
                        "waiting_since": last if is_open and not assignee and i % 2 else None,
                        "last_message_id": i * each,
                        "signals": [],
                        "escalation_step": 0,
                    }
                )
                for n in range(each):
                    messages.append(
                        {
                            "id": (i - 1) * each + n + 1,
                            "case_id": i,
                            "direction": "in" if n % 2 == 0 else "out",
                            "kind": "text",
                            "body_enc": bodies[(i + n) % len(bodies)],
                            "author_id": None if n % 2 == 0 else staff_ids[0],
                            "created_at": opened + timedelta(minutes=n + 1),
                            "delivery": None if n % 2 == 0 else "sent",
                        }
                    )
            conn.execute(insert(Client.__table__), clients)
            conn.execute(insert(Case.__table__), cases)
            conn.execute(insert(Message.__table__), messages)
        if conn.dialect.name == "postgresql":
            for table in ("clients", "cases", "messages"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()
    engine.dispose()
    print(
        f"generated {args.cases} cases ({args.open_share:.0%} open), "
        f"{args.cases * each} messages in {time.perf_counter() - started:.0f}s"
    )


async def timed(http: httpx.AsyncClient, url: str, headers: dict[str, str]) -> float:
    started = time.perf_counter()
    response = await http.get(url, headers=headers)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code} {response.text[:200]}")
    return elapsed


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--messages-each", type=int, default=10)
    parser.add_argument("--open-share", type=float, default=0.1)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep and reuse the generated file")
    args = parser.parse_args()

    workdir = (
        Path(tempfile.gettempdir()) / "aist-bench-inbox"
        if args.keep
        else Path(tempfile.mkdtemp(prefix="aist-bench-inbox-"))
    )
    url = os.environ.get("AIST_BENCH_DATABASE_URL") or (
        f"sqlite+aiosqlite:///{workdir / 'aist.sqlite3'}"
    )
    settings = Settings(database_url=url, secret_key=SECRET, var_dir=workdir / "var")
    reuse = args.keep and (workdir / "aist.sqlite3").exists()
    if not reuse:
        await upgrade_async(url)
    core = create_core(settings)
    if not reuse:
        staff_ids = []
        async with core.uow() as uow:
            for n in range(5):
                staff = await create_staff(
                    uow,
                    login=f"spec{n}",
                    password=PASSWORD,
                    role="specialist",
                    display_name=f"Специалист {n}",
                )
                await uow.session.flush()
                staff_ids.append(staff.id)
            await uow.commit()
        await asyncio.to_thread(generate, url, core.vault, staff_ids, args)
    else:
        print(f"reusing {workdir / 'aist.sqlite3'}")
    async with core.uow() as uow:
        counts = {
            table: await uow.session.scalar(text(f"SELECT count(*) FROM {table}"))
            for table in ("cases", "messages")
        }
        open_cases = await uow.session.scalar(
            text("SELECT count(*) FROM cases WHERE status = 'open'")
        )
        assert await uow.session.get(Staff, 1) is not None
    print(f"database: {counts['cases']} cases ({open_cases} open), {counts['messages']} messages")

    app = create_app(settings, core)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://panel.test") as http:
        page = await http.get("/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert csrf is not None
        logged = await http.post(
            "/login", data={"username": "spec0", "password": PASSWORD, "csrf": csrf.group(1)}
        )
        assert logged.status_code == 303, logged.text
        token = await http.post(
            "/api/v1/auth/token", data={"username": "spec1", "password": PASSWORD}
        )
        bearer = {"Authorization": f"Bearer {token.json()['access_token']}"}
        for _ in range(5):  # warm-up
            await timed(http, "/", {})
            await timed(http, "/api/v1/cases?status=open", bearer)
        page_ms, api_ms = [], []
        for _ in range(args.requests):
            page_ms.append(await timed(http, "/", {}))
            api_ms.append(await timed(http, "/api/v1/cases?status=open", bearer))
    await core.dispose()

    for name, values in (("inbox page /", page_ms), ("GET /api/v1/cases?status=open", api_ms)):
        print(
            f"{name:32} p50 {percentile(values, 50):6.1f} ms  p95 {percentile(values, 95):6.1f} ms"
            f"  max {max(values):6.1f} ms"
        )
    p50 = max(percentile(page_ms, 50), percentile(api_ms, 50))
    p95 = max(percentile(page_ms, 95), percentile(api_ms, 95))
    print(f"{'the slower route':32} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  (target p95 < 100 ms)")
    print(
        json.dumps(
            {
                "bench": "inbox",
                "p50_ms": round(p50, 1),
                "p95_ms": round(p95, 1),
                "page_p50_ms": round(percentile(page_ms, 50), 1),
                "page_p95_ms": round(percentile(page_ms, 95), 1),
                "api_p50_ms": round(percentile(api_ms, 50), 1),
                "api_p95_ms": round(percentile(api_ms, 95), 1),
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
