"""Server-side sessions: a cookie or a token replayed after logout, "sign out everywhere", a
password change or a disabled account is refused; idle and absolute timeouts; the login
throttle (per login, per address, X-Forwarded-For only from a trusted proxy, Retry-After);
the password rules; the API reference for staff only."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest

from admin.app import create_app
from core.bootstrap import Core
from core.errors import InvalidInput
from core.services.staff import change_password, check_password_rules
from tests.factories import PASSWORD, make_staff
from tests.integration.conftest import token_for

NEW_PASSWORD = "lilac-orbit-tundra-kettle"


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html) or re.search(
        r'data-csrf="([^"]+)"', html
    )
    assert found, html[:300]
    return found.group(1)


async def log_in(http: httpx.AsyncClient, login: str, password: str = PASSWORD) -> str:
    token = csrf_of((await http.get("/login")).text)
    response = await http.post(
        "/login", data={"username": login, "password": password, "csrf": token}
    )
    assert response.status_code == 303 and response.headers["location"] == "/", response.text
    return csrf_of((await http.get("/")).text)


def browser(app: object) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://panel.test")


@pytest.fixture
async def app(core: Core):
    return create_app(core.settings, core)


@pytest.fixture
async def two(app) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    async with browser(app) as first, browser(app) as second:
        yield first, second


async def can_read(http: httpx.AsyncClient, headers: dict[str, str] | None = None) -> bool:
    response = await http.get("/api/v1/cases", headers=headers or {})
    assert response.status_code in (200, 401), response.text
    return response.status_code == 200


async def test_a_cookie_copied_before_logout_is_refused_after_it(core, two):
    http, thief = two
    staff = await make_staff(core)
    csrf = await log_in(http, staff.login)
    thief.cookies.update(http.cookies)  # the same cookie in another browser
    assert await can_read(thief)
    out = await http.post("/logout", data={"csrf": csrf})
    assert out.status_code == 303
    assert not await can_read(thief)
    page = await thief.get("/")
    assert page.status_code == 303 and page.headers["location"] == "/login"


async def test_an_api_token_ends_with_its_logout(core, client):
    staff = await make_staff(core)
    auth = await token_for(client, staff.login)
    other = await token_for(client, staff.login)
    assert await can_read(client, auth)
    assert (await client.post("/api/v1/auth/logout", headers=auth)).status_code == 204
    assert not await can_read(client, auth)
    assert await can_read(client, other)  # only that token


async def test_sign_out_everywhere_ends_every_cookie_and_token(core, two, client):
    http, elsewhere = two
    staff = await make_staff(core)
    csrf = await log_in(http, staff.login)
    await log_in(elsewhere, staff.login)
    auth = await token_for(client, staff.login)
    account = await http.get("/account")
    assert account.status_code == 200 and account.text.count('data-session="') == 3
    done = await http.post("/account/sessions/end-all", data={"csrf": csrf})
    assert done.status_code == 303 and done.headers["location"] == "/login"
    assert not await can_read(http)
    assert not await can_read(elsewhere)
    assert not await can_read(client, auth)


async def test_one_session_is_ended_from_the_account_page(core, two):
    http, elsewhere = two
    staff = await make_staff(core)
    csrf = await log_in(http, staff.login)
    await log_in(elsewhere, staff.login)
    page = (await http.get("/account")).text
    ids = re.findall(r'data-session="(\d+)"', page)
    current = re.search(r'data-session="(\d+)">\s*<td>[^<]*<span class="for-you">', page)
    assert current and len(ids) == 2
    other_id = next(i for i in ids if i != current.group(1))
    await http.post(f"/account/sessions/{other_id}/end", data={"csrf": csrf})
    assert not await can_read(elsewhere)
    assert await can_read(http)


async def test_a_password_change_ends_every_session_and_token(core, two, client):
    http, elsewhere = two
    staff = await make_staff(core)
    csrf = await log_in(http, staff.login)
    await log_in(elsewhere, staff.login)
    auth = await token_for(client, staff.login)
    changed = await http.post(
        "/account/password",
        data={"csrf": csrf, "current": PASSWORD, "new": NEW_PASSWORD, "again": NEW_PASSWORD},
    )
    assert changed.status_code == 303 and changed.headers["location"] == "/login"
    assert not await can_read(http)
    assert not await can_read(elsewhere)
    assert not await can_read(client, auth)
    assert await can_read(client, await token_for(client, staff.login, NEW_PASSWORD))


async def test_a_password_changed_by_the_service_ends_the_api_tokens(core, client):
    staff = await make_staff(core)
    auth = await token_for(client, staff.login)
    async with core.uow() as uow:
        await change_password(uow, staff_id=staff.id, current=PASSWORD, new=NEW_PASSWORD)
        await uow.commit()
    assert not await can_read(client, auth)


async def test_a_disabled_account_stops_at_once_and_cannot_log_in(core, two, client):
    http, admin_browser = two
    admin = await make_staff(core, role="admin")
    staff = await make_staff(core)
    await log_in(http, staff.login)
    auth = await token_for(client, staff.login)
    admin_auth = await token_for(client, admin.login)
    response = await client.patch(
        f"/api/v1/staff/{staff.id}", json={"active": False}, headers=admin_auth
    )
    assert response.status_code == 200 and response.json()["active"] is False
    assert not await can_read(http)
    assert not await can_read(client, auth)
    refused = await client.post(
        "/api/v1/auth/token", data={"username": staff.login, "password": PASSWORD}
    )
    assert refused.status_code == 401 and refused.json()["code"] == "login-failed"
    # Re-enabled by the admin's panel page: she logs in again.
    csrf = await log_in(admin_browser, admin.login)
    await admin_browser.post(f"/staff/{staff.id}/enable", data={"csrf": csrf})
    assert await can_read(client, await token_for(client, staff.login))


async def test_a_panel_session_ends_after_the_idle_timeout(core, clock, client):
    staff = await make_staff(core)
    await log_in(client, staff.login)
    clock.advance(minutes=20)
    assert await can_read(client)  # activity keeps it alive
    clock.advance(minutes=20)
    assert await can_read(client)
    clock.advance(minutes=31)
    assert not await can_read(client)
    assert (await client.get("/")).headers["location"] == "/login"


async def test_sessions_and_tokens_end_after_their_lifetime(core, clock, client):
    staff = await make_staff(core)
    auth = await token_for(client, staff.login)
    await log_in(client, staff.login)
    for _ in range(26):  # busy all day (12.6 h): never idle, still not forever
        clock.advance(minutes=29)
        await client.get("/api/v1/cases")
    assert not await can_read(client)
    assert not await can_read(client, auth)


async def test_the_cookie_holds_a_random_token_and_the_table_only_its_hash(core, client):
    from sqlalchemy import select

    from core.models import StaffSession

    staff = await make_staff(core)
    response = await client.post(
        "/api/v1/auth/token", data={"username": staff.login, "password": PASSWORD}
    )
    token = response.json()["access_token"]
    async with core.uow() as uow:
        rows = list(await uow.session.scalars(select(StaffSession)))
    assert len(rows) == 1 and rows[0].kind == "api"
    assert token not in rows[0].token_hash and rows[0].token_hash == core.vault.lookup_hash(
        "staff-session", token
    )
    assert rows[0].user_agent == "httpx"


# --- the login throttle ---------------------------------------------------------------------


async def test_throttled_logins_answer_429_with_retry_after(core, client):
    staff = await make_staff(core)
    for _ in range(8):
        await client.post("/api/v1/auth/token", data={"username": staff.login, "password": "x"})
    blocked = await client.post(
        "/api/v1/auth/token", data={"username": staff.login, "password": PASSWORD}
    )
    assert blocked.status_code == 429 and blocked.json()["code"] == "login-throttled"
    assert 1 <= int(blocked.headers["retry-after"]) <= 300
    page = await client.get("/login")
    panel = await client.post(
        "/login",
        data={"username": staff.login, "password": PASSWORD, "csrf": csrf_of(page.text)},
    )
    assert panel.status_code == 429 and int(panel.headers["retry-after"]) >= 1


async def test_a_rotated_forwarded_for_from_an_untrusted_client_is_not_believed(core, client):
    for n in range(40):  # many logins tried, each with another invented address
        await client.post(
            "/api/v1/auth/token",
            data={"username": f"nobody{n}", "password": "x"},
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
        )
    staff = await make_staff(core)
    blocked = await client.post(
        "/api/v1/auth/token",
        data={"username": staff.login, "password": PASSWORD},
        headers={"X-Forwarded-For": "198.51.100.7"},
    )
    assert blocked.status_code == 429  # it is still the one client address that failed 40 times


async def test_forwarded_for_from_a_trusted_proxy_is_believed(core):
    core.settings.trusted_proxies = ["127.0.0.1/32"]  # this test's own core and settings
    app = create_app(core.settings, core)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 5555))
    async with httpx.AsyncClient(transport=transport, base_url="http://panel.test") as http:
        for n in range(40):
            await http.post(
                "/api/v1/auth/token",
                data={"username": f"nobody{n}", "password": "x"},
                headers={"X-Forwarded-For": "203.0.113.9"},
            )
        staff = await make_staff(core)
        shared = await http.post(
            "/api/v1/auth/token",
            data={"username": staff.login, "password": PASSWORD},
            headers={"X-Forwarded-For": "203.0.113.9"},
        )
        assert shared.status_code == 429  # that one address is waiting
        colleague = await http.post(
            "/api/v1/auth/token",
            data={"username": staff.login, "password": PASSWORD},
            headers={"X-Forwarded-For": "spoofed, 198.51.100.20"},
        )
        assert colleague.status_code == 200  # another client behind the same proxy


async def test_the_throttle_lapses_by_itself():
    from admin.auth import LoginThrottle

    now = [1000.0]
    throttle = LoginThrottle(per_login=3, per_address=5, window_s=60, now=lambda: now[0])
    for _ in range(5):
        throttle.failed("someone", "10.0.0.1")
    assert throttle.retry_after("colleague", "10.0.0.1") == 60  # the address waits
    assert throttle.retry_after("colleague", "10.0.0.2") is None
    now[0] += 61
    assert throttle.retry_after("colleague", "10.0.0.1") is None
    assert throttle.retry_after("someone", "10.0.0.3") is None


# --- passwords ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("short-one", "password-too-short"),
        ("password1234", "password-too-common"),
        ("qwertyuiop123", "password-too-common"),
        ("aaaaaaaaaaaaaaa", "password-too-common"),
    ],
)
def test_short_and_common_passwords_are_refused(password, code):
    with pytest.raises(InvalidInput) as refused:
        check_password_rules(password)
    assert refused.value.code == code


def test_the_test_password_and_a_passphrase_pass():
    check_password_rules(PASSWORD)
    check_password_rules(NEW_PASSWORD)


async def test_a_common_new_password_is_refused_on_the_account_page(core, client):
    staff = await make_staff(core)
    csrf = await log_in(client, staff.login)
    await client.post(
        "/account/password",
        data={"csrf": csrf, "current": PASSWORD, "new": "password1234", "again": "password1234"},
        headers={"referer": "http://panel.test/account"},
    )
    assert "слишком легко подобрать" in (await client.get("/account")).text
    assert await can_read(client)  # nothing changed, the session lives


# --- the API reference ------------------------------------------------------------------


async def test_the_api_reference_is_for_staff_only(core, client):
    assert (await client.get("/api/openapi.json")).status_code == 401
    docs = await client.get("/api/docs")
    assert docs.status_code == 303 and docs.headers["location"] == "/login"
    staff = await make_staff(core)
    auth = await token_for(client, staff.login)
    spec = (await client.get("/api/openapi.json", headers=auth)).json()
    assert "/api/v1/staff" in spec["paths"] and "/api/v1/auth/token" in spec["paths"]
    page = await client.get("/login")
    back = await client.post(
        "/login",
        data={"username": staff.login, "password": PASSWORD, "csrf": csrf_of(page.text)},
    )
    assert back.headers["location"] == "/api/docs"  # where she was going
    assert (await client.get("/api/docs")).status_code == 200
