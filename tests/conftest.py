"""Shared fixtures: a real database (SQLite file, and PostgreSQL when AIST_TEST_DATABASE_URL is
set), a core built on it with a controllable clock, and a recording messenger."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bot.bootstrap import create_core
from core.bootstrap import Core
from core.models import Base
from core.settings import Settings

PG_URL = os.environ.get("AIST_TEST_DATABASE_URL", "")
TEST_SECRET = "test-secret-key-that-is-long-enough-0123456789"


def _pg_async_url(url: str) -> str:
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


class FakeClock:
    """A clock tests move by hand. Starts on a Tuesday at 11:00 Moscow time (working hours)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 11, 24, 8, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, **kwargs: float) -> None:
        self.current += timedelta(**kwargs)


def backends() -> list[str]:
    return ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A database of this test process's own, so parallel runs never drop each other's tables."""
    if not PG_URL:
        pytest.skip("AIST_TEST_DATABASE_URL is not set")
    base = make_url(_pg_async_url(PG_URL))
    name = f"aist_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"

    async def admin(statement: str) -> None:
        engine = create_async_engine(base, isolation_level="AUTOCOMMIT")
        async with engine.connect() as conn:
            await conn.execute(text(statement))
        await engine.dispose()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=backends())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'aist.sqlite3'}"
    return str(request.getfixturevalue("pg_database"))


async def reset_schema(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        if url.startswith("postgresql"):
            await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
        await conn.run_sync(Base.metadata.create_all)
    await engine.dispose()


def make_settings(database_url: str, tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "secret_key": TEST_SECRET,
        "var_dir": tmp_path / "var",
        "centre_name": "Тестовый центр",
        # The test clients talk plain HTTP to the app; production cookies are Secure.
        "session_https_only": False,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return make_settings(database_url, tmp_path)


@pytest.fixture
async def core(settings: Settings, clock: FakeClock) -> AsyncIterator[Core]:
    await reset_schema(settings.database_url)
    built = create_core(settings, clock=clock)
    yield built
    await built.dispose()
