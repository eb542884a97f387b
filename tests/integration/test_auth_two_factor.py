"""The second factor: required for coordinators (enrolment first, then a code at every login),
a reused code refused, recovery codes once each; the API's ``otp`` field; the staff
lifecycle's last-admin rule and audit."""

from __future__ import annotations

import re

import httpx
import pyotp
import pytest
from sqlalchemy import select

from admin.app import create_app
from core.models import AuditEntry
from tests.factories import PASSWORD, enrol_two_factor, make_staff
from tests.integration.test_auth_sessions import can_read, csrf_of


@pytest.fixture
def settings(database_url, tmp_path):
    from tests.conftest import make_settings

    return make_settings(database_url, tmp_path)  # the default: coordinator and admin need 2FA


@pytest.fixture
async def client(core):
    app = create_app(core.settings, core)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://panel.test") as http:
        yield http


def code_at(secret: str, clock) -> str:
    return pyotp.TOTP(secret).at(clock.now())


async def password_step(http: httpx.AsyncClient, login: str) -> httpx.Response:
    page = await http.get("/login")
    return await http.post(
        "/login", data={"username": login, "password": PASSWORD, "csrf": csrf_of(page.text)}
    )


async def code_step(http: httpx.AsyncClient, code: str) -> httpx.Response:
    page = await http.get("/login/otp")
    return await http.post("/login/otp", data={"code": code, "csrf": csrf_of(page.text)})


async def test_a_coordinator_enrols_first_and_can_do_nothing_else(core, clock, client):
    coordinator = await make_staff(core, role="coordinator")
    first = await password_step(client, coordinator.login)
    assert first.headers["location"] == "/account/2fa"
    for path in ("/", "/duty", "/account"):
        page = await client.get(path)
        assert page.status_code == 303 and page.headers["location"] == "/account/2fa", path
    assert (await client.get("/api/v1/cases")).json()["code"] == "otp-enrolment-required"
    refused = await client.post(
        "/api/v1/auth/token", data={"username": coordinator.login, "password": PASSWORD}
    )
    assert refused.status_code == 403 and refused.json()["code"] == "otp-enrolment-required"
    enrol = await client.get("/account/2fa")
    assert enrol.status_code == 200 and "<svg" in enrol.text
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', enrol.text).group(1)
    secret = secret.replace(" ", "")
    wrong = await client.post("/account/2fa", data={"code": "000000", "csrf": csrf_of(enrol.text)})
    assert wrong.headers["location"] == "/account/2fa"
    done = await client.post(
        "/account/2fa", data={"code": code_at(secret, clock), "csrf": csrf_of(enrol.text)}
    )
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9-]+)</code></li>", done.text)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert (await client.get("/")).status_code == 200  # enrolled: the panel opens
    async with core.uow() as uow:
        row = (await uow.session.scalars(select(AuditEntry.action))).all()
    assert "staff.2fa-enrol" in row
    # The secret is stored encrypted, never in clear text.
    from core.models import Staff

    async with core.uow() as uow:
        stored = await uow.session.get(Staff, coordinator.id)
    assert secret not in (stored.totp_secret_enc or "")
    assert core.vault.decrypt(stored.totp_secret_enc) == secret


async def test_login_needs_the_code_and_a_code_is_never_taken_twice(core, clock, client):
    coordinator = await make_staff(core, role="coordinator")
    secret, _codes = await enrol_two_factor(core, coordinator)
    first = await password_step(client, coordinator.login)
    assert first.headers["location"] == "/login/otp"
    assert (await client.get("/")).headers["location"] == "/login"  # no session yet
    bad = await code_step(client, "123456")
    assert bad.headers["location"] == "/login/otp"
    good = await code_step(client, code_at(secret, clock))
    assert good.status_code == 303 and good.headers["location"] == "/"
    assert (await client.get("/")).status_code == 200

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(core.settings, core)),
        base_url="http://panel.test",
    ) as other:
        await password_step(other, coordinator.login)
        reused = await code_step(other, code_at(secret, clock))  # the same step's code
        assert reused.headers["location"] == "/login/otp"
        assert (await other.get("/")).headers["location"] == "/login"
        clock.advance(seconds=30)
        fresh = await code_step(other, code_at(secret, clock))
        assert fresh.headers["location"] == "/"


async def test_the_api_token_takes_otp_beside_the_password(core, clock, client):
    coordinator = await make_staff(core, role="coordinator")
    secret, _ = await enrol_two_factor(core, coordinator)
    data = {"username": coordinator.login, "password": PASSWORD}
    missing = await client.post("/api/v1/auth/token", data=data)
    assert missing.status_code == 401 and missing.json()["code"] == "otp-required"
    wrong = await client.post("/api/v1/auth/token", data={**data, "otp": "000000"})
    assert wrong.status_code == 401 and wrong.json()["code"] == "otp-invalid"
    code = code_at(secret, clock)
    ok = await client.post("/api/v1/auth/token", data={**data, "otp": code})
    assert ok.status_code == 200
    auth = {"Authorization": f"Bearer {ok.json()['access_token']}"}
    assert await can_read(client, auth)
    again = await client.post("/api/v1/auth/token", data={**data, "otp": code})
    assert again.status_code == 401 and again.json()["code"] == "otp-invalid"


async def test_a_recovery_code_works_once(core, clock, client):
    coordinator = await make_staff(core, role="coordinator")
    _secret, codes = await enrol_two_factor(core, coordinator)
    data = {"username": coordinator.login, "password": PASSWORD}
    ok = await client.post("/api/v1/auth/token", data={**data, "otp": codes[0].upper()})
    assert ok.status_code == 200
    again = await client.post("/api/v1/auth/token", data={**data, "otp": codes[0]})
    assert again.status_code == 401 and again.json()["code"] == "otp-invalid"
    await password_step(client, coordinator.login)
    assert (await code_step(client, codes[1])).headers["location"] == "/"


async def test_a_specialist_may_enrol_and_then_needs_the_code(core, clock, client):
    specialist = await make_staff(core)
    assert (await password_step(client, specialist.login)).headers["location"] == "/"
    account = await client.get("/account")
    assert 'href="/account/2fa"' in account.text
    secret, _ = await enrol_two_factor(core, specialist)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(core.settings, core)),
        base_url="http://panel.test",
    ) as other:
        assert (await password_step(other, specialist.login)).headers["location"] == "/login/otp"
        assert (await code_step(other, code_at(secret, clock))).headers["location"] == "/"


async def test_the_last_active_admin_cannot_disable_or_demote_themself(core, clock, client):
    admin = await make_staff(core, role="admin")
    secret, _ = await enrol_two_factor(core, admin)
    response = await client.post(
        "/api/v1/auth/token",
        data={"username": admin.login, "password": PASSWORD, "otp": code_at(secret, clock)},
    )
    auth = {"Authorization": f"Bearer {response.json()['access_token']}"}
    for body in ({"active": False}, {"role": "coordinator"}):
        refused = await client.patch(f"/api/v1/staff/{admin.id}", json=body, headers=auth)
        assert refused.status_code == 409 and refused.json()["code"] == "staff-last-admin"
    listed = (await client.get("/api/v1/staff", headers=auth)).json()
    assert [s["login"] for s in listed] == [admin.login] and listed[0]["two_factor"] is True
    specialist = await make_staff(core)
    reset = await client.post(f"/api/v1/staff/{specialist.id}/password-reset", headers=auth)
    assert reset.status_code == 200 and reset.json()["reset_path"] == "/reset"
    # She sets a new password with the code at /reset; the code works once.
    page = await client.get("/reset")
    new = "sparrow-granite-violet-lamp"
    form = {
        "login": specialist.login,
        "code": reset.json()["code"],
        "new": new,
        "again": new,
        "csrf": csrf_of(page.text),
    }
    assert (await client.post("/reset", data=form)).headers["location"] == "/login"
    assert (await client.post("/reset", data=form)).headers["location"] == "/reset"
    token = await client.post(
        "/api/v1/auth/token", data={"username": specialist.login, "password": new}
    )
    assert token.status_code == 200
    demoted = await client.patch(
        f"/api/v1/staff/{specialist.id}", json={"role": "coordinator"}, headers=auth
    )
    assert demoted.json()["role"] == "coordinator"
    spec_auth = {"Authorization": f"Bearer {token.json()['access_token']}"}
    assert (await client.get("/api/v1/staff", headers=spec_auth)).status_code == 403
    async with core.uow() as uow:
        actions = set((await uow.session.scalars(select(AuditEntry.action))).all())
    assert {"staff.password-reset", "staff.password", "staff.role"} <= actions
