"""What Aist writes to disk is readable by its own user only."""

from __future__ import annotations

import stat

from core.files import private_dir, write_private
from core.settings import Settings


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_private_files_and_folders(tmp_path):
    folder = private_dir(tmp_path / "var" / "media")
    assert mode(folder) == 0o700 and mode(tmp_path / "var") == 0o700
    write_private(folder / "photo.jpg", b"\xff\xd8")
    assert mode(folder / "photo.jpg") == 0o600


def test_the_demo_key_is_written_0600_in_a_0700_folder(tmp_path):
    settings = Settings(demo=True, var_dir=tmp_path / "var")
    assert settings.secret_key.get_secret_value()
    assert mode(tmp_path / "var" / "secret_key") == 0o600
    assert mode(tmp_path / "var") == 0o700


async def test_the_sqlite_database_is_0600(tmp_path):
    from sqlalchemy import text

    from core.db import create_engine

    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'data' / 'aist.db'}")
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE t (x INTEGER)"))
    await engine.dispose()
    assert mode(tmp_path / "data" / "aist.db") == 0o600
    assert mode(tmp_path / "data") == 0o700
