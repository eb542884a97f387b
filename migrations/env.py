"""Alembic environment: async engine, URL from Aist's settings (or the caller's config).

``aist db upgrade`` (core/migrate.py) passes the URL in the config; the plain ``alembic``
command takes it from ``AIST_DATABASE_URL`` (or ``.env``) like the application does.
"""

from __future__ import annotations

import asyncio
from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection

from core.db import create_engine
from core.models import Base

config = context.config
target_metadata = Base.metadata

# Only the alembic command line sets up logging from alembic.ini; when the application runs
# the migrations its own logging stays as it is.
if config.cmd_opts is not None and config.config_file_name:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from core.settings import Settings

    # Migrations need only the URL: a stand-in key keeps Settings from asking for the real
    # one (which is never used here) and from generating the demo key as a side effect.
    return Settings(secret_key="migrations-only-" + "x" * 32).database_url  # type: ignore[arg-type]


def _render_item(kind: str, obj: object, autogen_context: object) -> str | bool:
    """Our UTC column type is plain ``DateTime(timezone=True)`` in the database."""
    from core.models import UTCDateTime

    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: Alembic rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    engine = create_engine(_url())
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_configure)
            await connection.commit()
    finally:
        await engine.dispose()


def _run_offline() -> None:
    url = _url()
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=url.startswith("sqlite"),
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    _run_offline()
else:
    asyncio.run(_run_online())
