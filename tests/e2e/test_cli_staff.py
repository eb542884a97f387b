"""``aist user disable|enable|password|2fa`` as an operator runs them: the installed console
script in an empty directory, with nothing but its environment."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pyotp
import pytest

from bot.bootstrap import create_core
from core.clock import SystemClock
from core.services.staff import authenticate, find_login
from core.services.two_factor import check_second_factor
from tests.conftest import TEST_SECRET, make_settings
from tests.e2e.test_cli import AIST, aist, assert_kind_failure, clean_env

pytestmark = pytest.mark.skipif(not AIST.exists(), reason=f"no console script at {AIST}")
FIRST = "violet-harbour-pencil-7"
SECOND = "granite-meadow-lantern-4"


async def run(*args: str, env: dict[str, str], cwd: Path, stdin: str | None = None):
    return await asyncio.to_thread(aist, *args, cwd=cwd, env=env, stdin=stdin)


async def test_disable_password_and_2fa_from_the_command_line(tmp_path: Path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'aist.sqlite3'}"
    env = clean_env(AIST_DATABASE_URL=url, AIST_SECRET_KEY=TEST_SECRET)
    login = ("--login", "olga")
    created = await run(
        "user", "create", *login, "--role", "coordinator", env=env, cwd=tmp_path, stdin=FIRST
    )
    assert created.returncode == 0, created.stderr

    short = await run("user", "password", *login, env=env, cwd=tmp_path, stdin="short\n")
    assert_kind_failure(short)
    assert "не меньше 12" in short.stderr
    common = await run("user", "password", *login, env=env, cwd=tmp_path, stdin="password1234\n")
    assert_kind_failure(common)
    changed = await run("user", "password", *login, env=env, cwd=tmp_path, stdin=SECOND + "\n")
    assert changed.returncode == 0, changed.stderr
    assert SECOND not in changed.stdout + changed.stderr

    enrolled = await run("user", "2fa", *login, env=env, cwd=tmp_path)
    assert enrolled.returncode == 0, enrolled.stderr
    uri = re.search(r"otpauth://totp/\S+", enrolled.stdout)
    assert uri, enrolled.stdout
    codes = re.findall(r"^\s+([a-z0-9]{5}-[a-z0-9]{5})$", enrolled.stdout, re.M)
    assert len(codes) == 10
    secret = pyotp.parse_uri(uri.group(0)).secret

    core = create_core(make_settings(url, tmp_path), clock=SystemClock())
    try:
        async with core.uow() as uow:
            staff = await authenticate(uow, "olga", SECOND)
            assert staff is not None
            assert await check_second_factor(uow, staff, pyotp.TOTP(secret).now()) == "totp"
            assert await check_second_factor(uow, staff, codes[0]) == "recovery"
            await uow.commit()
    finally:
        await core.dispose()

    disabled = await run("user", "disable", *login, env=env, cwd=tmp_path)
    assert disabled.returncode == 0, disabled.stderr
    assert "olga" in disabled.stdout
    core = create_core(make_settings(url, tmp_path), clock=SystemClock())
    try:
        async with core.uow() as uow:
            assert await authenticate(uow, "olga", SECOND) is None
            assert (await find_login(uow, "olga")).is_active is False
    finally:
        await core.dispose()

    unknown = await run("user", "disable", "--login", "nobody", env=env, cwd=tmp_path)
    assert_kind_failure(unknown)
    assert "Такого сотрудника нет" in unknown.stderr
