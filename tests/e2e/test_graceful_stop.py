"""SIGTERM to a real ``aist run`` while replies are queued and people are still writing: it
exits 0 within seconds, having sent what was queued (counted at the Bot API emulator), and
after the restart what it had not taken yet is answered once — nothing twice.

Telegram's real limits stay on (28 messages a second overall, one a second per chat after a
burst of three), so at the signal most replies are still waiting in the outbox."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path

from tests.conftest import TEST_SECRET
from tests.e2e.botapi_emulator import BotApiEmulator
from tests.e2e.test_crash_restart import (
    AistProcess,
    clean_env,
    create_admin,
    drop_all,
    free_port,
    pending_outbox,
    pytestmark,  # noqa: F401 - skipped without the console script, like the crash test
)

PEOPLE = 60
FIRST_USER = 770_000
REPLIES_TO_START = 2  # the greeting and the menu
STOP_WITHIN_S = 10.0


async def wait_for(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout:.0f}s")
        await asyncio.sleep(0.02)


async def test_sigterm_sends_what_is_queued_exits_0_and_nothing_is_handled_twice(
    database_url: str, tmp_path: Path, emulator: BotApiEmulator
) -> None:
    if database_url.startswith("postgresql"):
        await drop_all(database_url)
    env = clean_env(
        AIST_SECRET_KEY=TEST_SECRET,
        AIST_DATABASE_URL=database_url,
        AIST_TELEGRAM_TOKEN=emulator.token,
        AIST_TELEGRAM_API_URL=emulator.base_url,
        AIST_ADMIN_PORT=str(free_port()),
    )
    codes = await create_admin(tmp_path, env)
    server = AistProcess(tmp_path, env, int(env["AIST_ADMIN_PORT"]))
    server.codes = codes
    try:
        server.start()
        await server.wait_until_serving()
        await wait_for(lambda: emulator.webhook_deleted >= 1, 30, "polling started")

        # Everyone writes at once; the stop comes while replies queue behind the rate limit
        # and while later people's updates are not taken yet.
        for person in range(PEOPLE):
            await emulator.user_sends_text(FIRST_USER + person, "/start")
        await wait_for(lambda: len(emulator.sent) >= 10, 30, "the first replies")
        signalled = time.monotonic()
        code = await server.terminate(timeout=30)
        took = time.monotonic() - signalled
        assert code == 0, server.logs()
        assert took < STOP_WITHIN_S, f"stopped in {took:.1f}s"
        assert "Traceback" not in server.logs(), server.logs()

        # What was queued went out before the exit: nothing is left pending.
        sent_before_restart = len(emulator.sent)
        assert await pending_outbox(database_url) == 0
        answered = {m.chat_id for m in emulator.sent}
        print(
            f"stopped in {took:.2f}s; {sent_before_restart} messages sent, "
            f"{len(answered)} of {PEOPLE} people answered before the stop, "
            f"{len(emulator.unconfirmed)} updates left for the next start"
        )
        for chat in answered:
            assert len(emulator.to(chat)) == REPLIES_TO_START, emulator.to(chat)

        # The next start answers the rest, and no one a second time.
        server.start()
        await server.wait_until_serving()
        await wait_for(
            lambda: len(emulator.sent) >= PEOPLE * REPLIES_TO_START, 30, "everyone answered"
        )
        await asyncio.sleep(1.0)  # a second answer to anyone would arrive by now
        assert await server.terminate() == 0, server.logs()
    finally:
        server.ensure_dead()

    per_chat = Counter(m.chat_id for m in emulator.sent)
    assert per_chat == {FIRST_USER + p: REPLIES_TO_START for p in range(PEOPLE)}, per_chat
    assert emulator.unconfirmed == []
    emulator.assert_protocol_kept()
