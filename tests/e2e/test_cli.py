"""The ``aist`` console script as an operator runs it: a real subprocess of the installed
entry point, in an empty directory, with nothing but the environment it is given."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from alembic.script import ScriptDirectory

from aist.demo import logins_file, seed
from bot.bootstrap import create_core
from core.migrate import alembic_config
from core.services import cases
from core.services.duty import on_duty
from core.services.staff import authenticate
from tests.conftest import TEST_SECRET, FakeClock, make_settings, reset_schema

AIST = Path(sys.executable).with_name("aist")
pytestmark = pytest.mark.skipif(not AIST.exists(), reason=f"no console script at {AIST}")


def clean_env(**extra: str) -> dict[str, str]:
    """The caller's environment without any AIST_ setting, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIST_")}
    env.update(extra)
    return env


def aist(*args: str, cwd: Path, env: dict[str, str], stdin: str | None = None):
    return subprocess.run(
        [str(AIST), *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_kind_failure(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head() or ""


def test_db_upgrade_finds_the_migrations_from_any_directory(tmp_path: Path):
    db = tmp_path / "data" / "aist.sqlite3"
    env = clean_env(AIST_DATABASE_URL=f"sqlite+aiosqlite:///{db}")
    for _ in range(2):  # the second run is a no-op
        done = aist("db", "upgrade", cwd=tmp_path, env=env)
        assert done.returncode == 0, done.stderr
        assert "обновлена до последней версии" in done.stdout
    with sqlite3.connect(db) as conn:
        [(version,)] = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    assert version == head_revision()
    assert not (tmp_path / "var").exists()  # no demo key made on the side


def test_db_upgrade_that_cannot_reach_the_database_says_so_in_one_line(tmp_path: Path):
    env = clean_env(AIST_DATABASE_URL="postgresql+asyncpg://aist:secret@127.0.0.1:1/aist")
    done = aist("db", "upgrade", cwd=tmp_path, env=env)
    assert_kind_failure(done)
    assert "127.0.0.1:1/aist" in done.stderr
    assert "secret" not in done.stderr  # the password is not printed


async def test_user_create_reads_the_password_from_stdin_and_refuses_kindly(
    database_url: str, tmp_path: Path
):
    if database_url.startswith("postgresql"):
        await _drop_all(database_url)
    env = clean_env(AIST_DATABASE_URL=database_url, AIST_SECRET_KEY=TEST_SECRET)
    created = await asyncio.to_thread(
        aist,
        "user",
        "create",
        "--login",
        "Anna",
        "--role",
        "specialist",
        "--name",
        "Анна Петрова",
        cwd=tmp_path,
        env=env,
        stdin="a-long-password-1\n",
    )
    assert created.returncode == 0, created.stderr
    assert created.stdout.strip() == "Создан сотрудник anna (роль: специалист)."

    again = await asyncio.to_thread(
        aist,
        "user",
        "create",
        "--login",
        "anna",
        "--role",
        "admin",
        cwd=tmp_path,
        env=env,
        stdin="another-long-password\n",
    )
    assert_kind_failure(again)
    assert again.returncode == 1
    assert again.stderr.strip() == "Логин anna уже занят."

    short = await asyncio.to_thread(
        aist,
        "user",
        "create",
        "--login",
        "olga",
        "--role",
        "specialist",
        cwd=tmp_path,
        env=env,
        stdin="short\n",
    )
    assert_kind_failure(short)
    assert "не меньше 12 символов" in short.stderr

    nothing = await asyncio.to_thread(
        aist,
        "user",
        "create",
        "--login",
        "olga",
        "--role",
        "specialist",
        cwd=tmp_path,
        env=env,
        stdin="",
    )
    assert_kind_failure(nothing)

    core = create_core(make_settings(database_url, tmp_path))
    try:
        async with core.uow() as uow:
            anna = await authenticate(uow, "anna", "a-long-password-1")
            assert anna is not None and anna.display_name == "Анна Петрова"
            assert anna.role == "specialist"
            assert await authenticate(uow, "olga", "short") is None
    finally:
        await core.dispose()


async def _drop_all(url: str) -> None:
    """An empty database for the CLI to migrate (reset_schema builds the tables)."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


def test_run_without_a_secret_key_refuses_in_one_clear_line(tmp_path: Path):
    done = aist("run", cwd=tmp_path, env=clean_env())
    assert_kind_failure(done)
    assert "AIST_SECRET_KEY" in done.stderr
    assert "aist demo" in done.stderr
    assert not (tmp_path / "var").exists()

    short = aist("run", cwd=tmp_path, env=clean_env(AIST_SECRET_KEY="too-short"))
    assert_kind_failure(short)
    assert "32" in short.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``aist demo`` / ``aist run`` in the background, its output in files."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str], name: str) -> None:
        self.out = cwd / f"{name}.out"
        self.err = cwd / f"{name}.err"
        with self.out.open("w") as out, self.err.open("w") as err:
            self.process = subprocess.Popen(
                [str(AIST), *args], cwd=cwd, env=env, stdout=out, stderr=err
            )

    def wait_until_serving(self, base: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.err.read_text()
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"not serving after {timeout}s: {self.err.read_text()}")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"did not stop in {timeout}s: {self.err.read_text()}") from None

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def accounts(output: str) -> dict[str, str]:
    return dict(re.findall(r"логин (\S+)\s+пароль (\S+)", output))


def test_demo_serves_panel_and_chat_prints_logins_and_stops_on_sigterm(tmp_path: Path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = clean_env()
    demo = Server(["demo", "--port", str(port)], tmp_path, env, "demo1")
    try:
        demo.wait_until_serving(base)
        chat = httpx.get(f"{base}/chat", headers={"Accept-Language": "ru"}, timeout=10)
        assert chat.status_code == 200 and "Чат с центром помощи семье и детям" in chat.text
        printed = demo.out.read_text()
        assert f"Панель специалиста: {base}" in printed
        assert f"{base}/chat" in printed
        logins = accounts(printed)
        assert set(logins) == {"anna", "olga", "marina", "admin"}
        token = httpx.post(
            f"{base}/api/v1/auth/token",
            data={"username": "anna", "password": logins["anna"]},
            timeout=10,
        )
        assert token.status_code == 200, token.text
        auth = {"Authorization": f"Bearer {token.json()['access_token']}"}
        open_cases = httpx.get(f"{base}/api/v1/cases?status=open", headers=auth, timeout=10).json()
        assert len(open_cases) == 3
        assert open_cases[0]["level"] == "crisis"  # the most urgent first
    finally:
        code = demo.stop() if demo.process.poll() is None else demo.process.returncode
        demo.kill()
    assert code == 0, demo.err.read_text()
    assert "Traceback" not in demo.err.read_text()
    assert (tmp_path / "var" / "aist.sqlite3").exists()
    assert oct((tmp_path / "var" / "demo-logins.json").stat().st_mode & 0o777) == "0o600"

    # A second start keeps the data and the logins: the demo is seeded once.
    again = Server(["demo", "--port", str(port)], tmp_path, env, "demo2")
    try:
        again.wait_until_serving(base)
        assert accounts(again.out.read_text()) == logins
        token = httpx.post(
            f"{base}/api/v1/auth/token",
            data={"username": "admin", "password": logins["admin"]},
            timeout=10,
        ).json()["access_token"]
        listed = httpx.get(
            f"{base}/api/v1/cases?status=open",
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        ).json()
        assert len(listed) == 3
    finally:
        code = (
            again.stop(signal.SIGINT) if again.process.poll() is None else again.process.returncode
        )
        again.kill()
    assert code == 0, again.err.read_text()


def test_run_with_a_key_migrates_serves_and_stops_on_sigterm(tmp_path: Path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = clean_env(
        AIST_SECRET_KEY=TEST_SECRET,
        AIST_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'prod.sqlite3'}",
        AIST_ADMIN_PORT=str(port),
    )
    server = Server(["run"], tmp_path, env, "run")
    try:
        server.wait_until_serving(base)
        assert (
            httpx.get(f"{base}/chat", timeout=10).status_code == 404
        )  # no web chat outside the demo
        assert f"Панель специалиста: {base}" in server.out.read_text()
    finally:
        code = server.stop() if server.process.poll() is None else server.process.returncode
        server.kill()
    assert code == 0, server.err.read_text()
    assert not (tmp_path / "var").exists()


async def test_demo_seed_makes_the_data_once_through_the_services(settings):
    await reset_schema(settings.database_url)
    clock = FakeClock()
    core = create_core(settings, clock=clock)
    try:
        first = await seed(core)
        assert first.created
        assert [(a.login, a.role, a.name) for a in first.accounts] == [
            ("anna", "specialist", "Анна Петрова"),
            ("olga", "specialist", "Ольга Смирнова"),
            ("marina", "coordinator", "Марина Козлова"),
            ("admin", "admin", "Администратор"),
        ]
        async with core.uow() as uow:
            for account in first.accounts:
                assert await authenticate(uow, account.login, account.password) is not None
            assert [s.login for s in await on_duty(uow, clock.now())] == ["anna"]
            listed = await cases.list_cases(uow)
        assert len(listed) == 3
        assert listed[0].level == "crisis"

        second = await seed(core)
        assert not second.created and second.accounts == first.accounts
        async with core.uow() as uow:
            assert len(await cases.list_cases(uow)) == 3

        clock.advance(hours=13)  # the next day: Anna is put on duty again
        logins_file(core).unlink()
        third = await seed(core)
        assert third.passwords_lost and third.accounts == []
        async with core.uow() as uow:
            assert [s.login for s in await on_duty(uow, clock.now())] == ["anna"]
    finally:
        await core.dispose()
