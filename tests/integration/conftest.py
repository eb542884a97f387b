from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from admin.app import create_app
from core.bootstrap import Core
from tests.factories import PASSWORD, make_staff


@pytest.fixture
async def client(core: Core) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(core.settings, core)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://panel.test") as http:
        yield http


async def token_for(
    http: httpx.AsyncClient, login: str, password: str = PASSWORD
) -> dict[str, str]:
    response = await http.post("/api/v1/auth/token", data={"username": login, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
async def specialist(core: Core):
    return await make_staff(core, name="Анна")


@pytest.fixture
async def auth(client: httpx.AsyncClient, specialist) -> dict[str, str]:
    return await token_for(client, specialist.login)
