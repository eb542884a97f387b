from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from admin.app import create_app
from core.bootstrap import Core
from core.settings import Settings
from tests.conftest import make_settings
from tests.factories import PASSWORD, make_staff


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """The tier's settings: coordinators and admins log in with a password alone here, so the
    tests of other features stay short; tests/integration/test_auth_*.py turn the second
    factor's requirement back on (``require_2fa_roles``) and test it."""
    return make_settings(database_url, tmp_path, require_2fa_roles=[])


@pytest.fixture
async def client(core: Core) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(core.settings, core)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://panel.test") as http:
        yield http


async def token_for(
    http: httpx.AsyncClient, login: str, password: str = PASSWORD, otp: str | None = None
) -> dict[str, str]:
    """A bearer token's header; ``otp`` for a staff member with a second factor."""
    data = {"username": login, "password": password}
    if otp is not None:
        data["otp"] = otp
    response = await http.post("/api/v1/auth/token", data=data)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
async def specialist(core: Core):
    return await make_staff(core, name="Анна")


@pytest.fixture
async def auth(client: httpx.AsyncClient, specialist) -> dict[str, str]:
    return await token_for(client, specialist.login)
