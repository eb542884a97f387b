"""Who is asking: a server-side session (the panel's cookie or an API bearer token); CSRF;
failed-login limits; the address a request comes from.

- A session is a row of ``staff_sessions`` (``core/services/sessions.py``). The panel's cookie
  (``aist_session``, Starlette's session signed with HMAC-SHA256 under a key of its own:
  HttpOnly, SameSite=Lax, Secure when ``AIST_SESSION_HTTPS_ONLY``) carries the random token
  of the row, the CSRF token, the login waiting for its second factor and a one-shot flash
  message; an API bearer token is such a random token itself. Every request looks the row up;
  logout, a password change, a disabled account and "sign out everywhere" end it at once.
- Every form carries the session's CSRF token in the field ``csrf``; every POST from a page is
  checked. The API takes the same cookie, then writes need the token in ``X-CSRF-Token``.
  A bearer request needs no CSRF token: a browser never sends it on its own.
- A coordinator or an administrator (``AIST_REQUIRE_2FA_ROLES``) without a second factor is
  a caller with ``must_enrol``: the panel sends her to /account/2fa, the API refuses her.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

import itsdangerous
from fastapi import HTTPException, Request
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp

from core.bootstrap import Core
from core.models import SessionKind, Staff
from core.services import sessions, two_factor
from core.services.audit import record_audit
from core.services.staff import authenticate, get_staff

SESSION_COOKIE = "aist_session"
SESSION_TOKEN = "st"  # the key of the session row's token in the signed cookie
PENDING = "pending"  # the login whose password was right, waiting for its code
PENDING_TTL_S = 300
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class AuthError(HTTPException):
    """A refusal with a code the app turns into a localized ``{"detail", "code"}``."""

    def __init__(
        self,
        status_code: int,
        code: str,
        *,
        bearer: bool = False,
        headers: dict[str, str] | None = None,
    ) -> None:
        all_headers = dict(headers or {})
        if bearer:
            all_headers["WWW-Authenticate"] = "Bearer"
        super().__init__(status_code=status_code, detail=code, headers=all_headers or None)
        self.code = code


@dataclass(frozen=True)
class Caller:
    id: int
    login: str
    display_name: str
    role: str
    via_token: bool
    session_id: int | None = None
    # Her role needs a second factor she has not enrolled yet: nothing but enrolment.
    must_enrol: bool = False
    two_factor: bool = False

    @property
    def can_manage(self) -> bool:
        """Coordinators and administrators run the duty roster."""
        return self.role in ("coordinator", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def core_of(request: Request) -> Core:
    return request.app.state.core  # type: ignore[no-any-return]


def derived_key(core: Core, purpose: str) -> str:
    """A key of its own for each signing purpose, derived from ``AIST_SECRET_KEY``."""
    return core.vault.lookup_hash("admin-key", purpose)


class SignedSessionMiddleware(SessionMiddleware):
    """Starlette's cookie session, signed with HMAC-SHA256 (itsdangerous' default is SHA1)."""

    def __init__(self, app: ASGIApp, *, secret_key: str, **options: object) -> None:
        super().__init__(app, secret_key=secret_key, **options)  # type: ignore[arg-type]
        self.signer = itsdangerous.TimestampSigner(
            secret_key, salt="aist-session", digest_method=hashlib.sha256
        )


def serializer(core: Core, purpose: str) -> itsdangerous.URLSafeTimedSerializer:
    """For anything else that must be signed: HMAC-SHA256 under the purpose's own key."""
    return itsdangerous.URLSafeTimedSerializer(
        derived_key(core, purpose),
        salt=f"aist-{purpose}",
        signer_kwargs={"digest_method": hashlib.sha256},
    )


def _user_agent(request: Request) -> str:
    return request.headers.get("user-agent", "")[:400]


async def open_session(core: Core, request: Request, staff: Staff, *, kind: str) -> str:
    """A new server-side session for a staff member who just proved who she is; for the
    panel its token goes into a fresh cookie (a new CSRF token), for the API it is returned."""
    async with core.uow() as uow:
        _row, token = await sessions.start_session(
            uow, staff, kind=kind, user_agent=_user_agent(request), address=client_address(request)
        )
        record_audit(uow, "auth.login", staff_id=staff.id, via=kind)
        await uow.commit()
    if kind == SessionKind.panel:
        next_path = request.session.get("next")
        request.session.clear()
        request.session[SESSION_TOKEN] = token
        if next_path:
            request.session["next"] = next_path
    request.state.caller = None
    return token


async def start_session(request: Request, core: Core, staff: Staff) -> str:
    """The panel's session for ``staff`` (see ``open_session``)."""
    return await open_session(core, request, staff, kind=SessionKind.panel)


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def csrf_ok(request: Request, submitted: str | None) -> bool:
    expected = request.session.get("csrf")
    return bool(
        isinstance(expected, str)
        and expected
        and submitted
        and hmac.compare_digest(expected.encode(), submitted.encode())
    )


def check_csrf(request: Request, submitted: str | None) -> None:
    if not csrf_ok(request, submitted):
        raise AuthError(403, "csrf")


async def _lookup(core: Core, token: str, kind: str) -> Caller | None:
    async with core.uow() as uow:
        found = await sessions.find_session(uow, token, kind=kind)
        if found is None:
            return None
        row, staff = found
        caller = Caller(
            staff.id,
            staff.login,
            staff.display_name,
            staff.role,
            kind == SessionKind.api,
            session_id=row.id,
            must_enrol=two_factor.needs_enrolment(uow, staff),
            two_factor=two_factor.is_enrolled(staff),
        )
        await uow.commit()  # last_seen_at, when it moved
    return caller


def bearer_of(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


async def caller_from(request: Request) -> Caller | None:
    """The staff member behind a bearer token, else behind the session cookie, else None
    (looked up once per request)."""
    cached = getattr(request.state, "caller", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    core = core_of(request)
    bearer = bearer_of(request)
    caller: Caller | None = None
    if bearer is not None:
        caller = await _lookup(core, bearer, SessionKind.api)
    else:
        token = request.session.get(SESSION_TOKEN)
        if isinstance(token, str) and token:
            caller = await _lookup(core, token, SessionKind.panel)
            if caller is None:
                request.session.clear()  # ended, expired, idle, or her account was disabled
    request.state.caller = caller
    return caller


def forget_caller(request: Request) -> None:
    request.state.caller = None


async def api_caller(request: Request) -> Caller:
    """For /api/v1: a bearer token, or the panel's session with the CSRF header on writes."""
    caller = await caller_from(request)
    if caller is None:
        raise AuthError(401, "not-authenticated", bearer=True)
    if not caller.via_token and request.method not in SAFE_METHODS:
        check_csrf(request, request.headers.get(CSRF_HEADER))
    if caller.must_enrol:
        raise AuthError(403, "otp-enrolment-required")
    return caller


@cache
def _networks(
    entries: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address: str, trusted: tuple[str, ...]) -> bool:
    ip = _ip(address)
    return ip is not None and any(ip in network for network in _networks(trusted))


def client_address(request: Request) -> str:
    """The address of whoever sent the request. ``X-Forwarded-For`` is believed only when the
    peer is one of ``AIST_TRUSTED_PROXIES``: then the rightmost address that is not a trusted
    proxy is the client (what a client wrote to the left of it is not believed either)."""
    peer = request.client.host if request.client else "-"
    trusted = tuple(core_of(request).settings.trusted_proxies)
    if not trusted or not _trusted(peer, trusted):
        return peer
    hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        if _ip(hop) is None:
            return peer  # a malformed header: the proxy's own address, not a guess
        if not _trusted(hop, trusted):
            return str(_ip(hop))
    return peer


def local_path(candidate: str | None, request: Request, fallback: str = "/") -> str:
    """``candidate`` (a path or a same-host URL, e.g. the Referer) as a local path; anything
    pointing elsewhere becomes ``fallback``, so no redirect leads off the panel."""
    if not candidate:
        return fallback
    parts = urlsplit(candidate)
    if parts.netloc and parts.netloc != request.url.netloc:
        return fallback
    if parts.scheme and parts.scheme not in ("http", "https"):
        return fallback
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return fallback
    return path + (f"?{parts.query}" if parts.query else "")


class LoginThrottle:
    """Failed logins counted per login and per address, each in a sliding window.

    ``per_login`` failures for one login (from anywhere) within ``window_s``, or
    ``per_address`` failures from one address (for any logins), and further attempts wait
    until the oldest failure leaves the window: the wait is ``Retry-After``. Both counts lapse
    by themselves, so a colleague behind the same address is never locked out for longer than
    the window, and a success clears the count of her login. In memory, per process: light
    protection against guessing, on top of argon2's cost; pruned so a flood of invented logins
    cannot grow it without bound.
    """

    MAX_KEYS = 10_000

    def __init__(
        self,
        per_login: int = 8,
        per_address: int = 40,
        window_s: float = 300.0,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_login = per_login
        self.per_address = per_address
        self.window_s = window_s
        self.now = now
        self._fails: dict[str, deque[float]] = {}

    @staticmethod
    def login_key(login: str) -> str:
        return "login|" + login.strip().lower()[:64]

    @staticmethod
    def address_key(address: str) -> str:
        return "addr|" + address[:64]

    def _recent(self, key: str) -> deque[float]:
        fails = self._fails.get(key)
        if fails is None:
            return deque()
        horizon = self.now() - self.window_s
        while fails and fails[0] < horizon:
            fails.popleft()
        if not fails:
            del self._fails[key]
        return fails

    def _wait(self, key: str, limit: int) -> float:
        fails = self._recent(key)
        if len(fails) < limit:
            return 0.0
        return fails[-limit] + self.window_s - self.now()

    def retry_after(self, login: str, address: str) -> int | None:
        """Seconds to wait before another attempt, or None when it may be tried now."""
        wait = max(
            self._wait(self.login_key(login), self.per_login),
            self._wait(self.address_key(address), self.per_address),
        )
        return max(1, math.ceil(wait)) if wait > 0 else None

    def failed(self, login: str, address: str) -> None:
        if len(self._fails) >= self.MAX_KEYS:
            for stale in list(self._fails):
                self._recent(stale)
            while len(self._fails) >= self.MAX_KEYS:  # still full: forget the oldest
                del self._fails[next(iter(self._fails))]
        moment = self.now()
        for key in (self.login_key(login), self.address_key(address)):
            self._fails.setdefault(key, deque()).append(moment)

    def succeeded(self, login: str) -> None:
        self._fails.pop(self.login_key(login), None)


def throttled(throttle: LoginThrottle, login: str, address: str, via: str) -> None:
    """Raises 429 ``login-throttled`` with ``Retry-After`` while the login or address waits."""
    wait = throttle.retry_after(login, address)
    if wait is not None:
        raise AuthError(
            429, "login-throttled", bearer=via == "api", headers={"Retry-After": str(wait)}
        )


async def check_password(
    core: Core, throttle: LoginThrottle, *, username: str, password: str, address: str, via: str
) -> Staff:
    """The first factor: login and password (argon2). A failure is audited and counted.

    Raises ``AuthError`` 429 ``login-throttled`` or 401 ``login-failed``.
    """
    throttled(throttle, username, address, via)
    async with core.uow() as uow:
        staff = await authenticate(uow, username, password) if username and password else None
        if staff is None:
            record_audit(uow, "auth.login-failed", staff_id=None, login=username[:64], via=via)
        await uow.commit()
    if staff is None:
        throttle.failed(username, address)
        raise AuthError(401, "login-failed", bearer=via == "api")
    return staff


async def check_code(
    core: Core, throttle: LoginThrottle, *, staff_id: int, code: str, address: str, via: str
) -> Staff:
    """The second factor of a staff member whose password was right: a code of her app (never
    one used already) or a recovery code. A wrong code is audited and counted.

    Raises ``AuthError`` 429 ``login-throttled``, 401 ``otp-required`` or ``otp-invalid``.
    """
    bearer = via == "api"
    async with core.uow() as uow:
        staff = await get_staff(uow, staff_id)
        throttled(throttle, staff.login, address, via)
        if not code.strip():
            raise AuthError(401, "otp-required", bearer=bearer)
        kind = await two_factor.check_second_factor(uow, staff, code.strip())
        if kind is None:
            record_audit(uow, "auth.otp-failed", staff_id=staff.id, via=via)
        await uow.commit()
    if kind is None:
        throttle.failed(staff.login, address)
        raise AuthError(401, "otp-invalid", bearer=bearer)
    throttle.succeeded(staff.login)
    return staff


async def verify_login(
    core: Core,
    throttle: LoginThrottle,
    *,
    username: str,
    password: str,
    address: str,
    via: str,
    otp: str = "",
) -> Staff:
    """Both factors in one request (the API's token route): the password, then, when she has
    a second factor, ``otp``. A role that needs a second factor she has not enrolled gets
    403 ``otp-enrolment-required``: she enrols in the panel first."""
    staff = await check_password(
        core, throttle, username=username, password=password, address=address, via=via
    )
    if two_factor.is_enrolled(staff):
        if not otp.strip():
            raise AuthError(401, "otp-required", bearer=via == "api")
        return await check_code(
            core, throttle, staff_id=staff.id, code=otp, address=address, via=via
        )
    async with core.uow() as uow:
        must_enrol = two_factor.needs_enrolment(uow, staff)
    if must_enrol and via == "api":
        raise AuthError(403, "otp-enrolment-required", bearer=True)
    throttle.succeeded(staff.login)
    return staff
