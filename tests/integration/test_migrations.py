"""The Alembic migrations build exactly the schema the models describe, on SQLite and (when
AIST_TEST_DATABASE_URL is set) PostgreSQL, and can be rolled back and forth."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from core.migrate import alembic_config, upgrade_async
from core.models import Base

ROOT = Path(__file__).resolve().parents[2]


async def _reset(engine: AsyncEngine) -> None:
    if engine.dialect.name == "postgresql":
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))


def _diff(connection):
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return compare_metadata(context, Base.metadata)


def _tables(connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_upgrade_from_empty_matches_the_models(database_url):
    engine = create_async_engine(database_url)
    await _reset(engine)
    await upgrade_async(database_url)
    await upgrade_async(database_url)  # a second run is a no-op

    async with engine.connect() as conn:
        differences = await conn.run_sync(_diff)
        version = await conn.scalar(text("SELECT version_num FROM alembic_version"))
        tables = await conn.run_sync(_tables)
    await engine.dispose()
    assert differences == []
    head = ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()
    assert version == head
    assert set(Base.metadata.tables) <= tables


async def test_downgrade_to_base_and_up_again(database_url):
    engine = create_async_engine(database_url)
    await _reset(engine)
    config = alembic_config(database_url)
    await upgrade_async(database_url)
    await asyncio.to_thread(command.downgrade, config, "base")
    async with engine.connect() as conn:
        assert await conn.run_sync(_tables) <= {"alembic_version"}
    await upgrade_async(database_url)
    async with engine.connect() as conn:
        assert await conn.run_sync(_diff) == []
    await engine.dispose()


def test_one_head_and_every_revision_has_a_downgrade():
    script = ScriptDirectory.from_config(alembic_config("sqlite+aiosqlite://"))
    assert len(script.get_heads()) == 1
    for revision in script.walk_revisions():
        assert callable(getattr(revision.module, "downgrade", None)), revision.revision


def test_plain_alembic_command_takes_the_url_from_the_environment(tmp_path):
    """`alembic upgrade head` / `alembic check` from the repository, as an operator runs them."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'ops.sqlite3'}"
    env = {**os.environ, "AIST_DATABASE_URL": url}
    env.pop("AIST_SECRET_KEY", None)
    alembic = [sys.executable, "-m", "alembic", "-c", str(ROOT / "alembic.ini")]
    for args in (["upgrade", "head"], ["check"]):
        done = subprocess.run(
            [*alembic, *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "ops.sqlite3").exists()
    assert not (tmp_path / "var").exists()  # no demo key generated on the side
