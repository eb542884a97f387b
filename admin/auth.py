"""Who is asking: the panel's session cookie or an API bearer token; CSRF; failed-login limits.

- The session is Starlette's signed cookie (``aist_session``: HttpOnly, SameSite=Lax, Secure
  when ``AIST_SESSION_HTTPS_ONLY``). It holds the staff id, a keyed fingerprint of the
  password hash (a password change or a deactivation ends every session and token), the CSRF
  token and a one-shot flash message; nothing about a case.
- Every form carries the session's CSRF token in the field ``csrf``; every POST from a page is
  checked. The API takes the same cookie, then writes need the token in ``X-CSRF-Token``.
- An API token is ``{"sid", "pw"}`` signed by itsdangerous with a time stamp, valid 12 hours.
  A bearer request needs no CSRF token: a browser never sends it on its own.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import deque
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from core.bootstrap import Core
from core.errors import NotFound
from core.models import Staff
from core.services.audit import record_audit
from core.services.staff import authenticate, get_staff

TOKEN_TTL_S = 12 * 3600
SESSION_TTL_S = 12 * 3600
SESSION_COOKIE = "aist_session"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class AuthError(HTTPException):
    """A refusal with a code the app turns into a localized ``{"detail", "code"}``."""

    def __init__(self, status_code: int, code: str, *, bearer: bool = False) -> None:
        headers = {"WWW-Authenticate": "Bearer"} if bearer else None
        super().__init__(status_code=status_code, detail=code, headers=headers)
        self.code = code


@dataclass(frozen=True)
class Caller:
    id: int
    login: str
    display_name: str
    role: str
    via_token: bool

    @property
    def can_manage(self) -> bool:
        """Coordinators and administrators run the duty roster."""
        return self.role in ("coordinator", "admin")


def core_of(request: Request) -> Core:
    return request.app.state.core  # type: ignore[no-any-return]


def derived_key(core: Core, purpose: str) -> str:
    """A key of its own for each signing purpose, derived from ``AIST_SECRET_KEY``."""
    return core.vault.lookup_hash("admin-key", purpose)


def fingerprint(core: Core, staff: Staff) -> str:
    return core.vault.lookup_hash("staff-password", staff.password_hash)[:24]


def _serializer(core: Core) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(derived_key(core, "api-token"), salt="aist-api-token")


def issue_token(core: Core, staff: Staff) -> str:
    return _serializer(core).dumps({"sid": staff.id, "pw": fingerprint(core, staff)})


def _read_token(core: Core, token: str) -> tuple[int, str] | None:
    try:  # SignatureExpired is a BadSignature
        data = _serializer(core).loads(token, max_age=TOKEN_TTL_S)
    except BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    sid, pw = data.get("sid"), data.get("pw")
    return (sid, pw) if isinstance(sid, int) and isinstance(pw, str) else None


def start_session(request: Request, core: Core, staff: Staff) -> None:
    """A fresh session (new CSRF token) for a staff member who just proved who she is."""
    next_path = request.session.get("next")
    request.session.clear()
    request.session["staff_id"] = staff.id
    request.session["pw"] = fingerprint(core, staff)
    if next_path:
        request.session["next"] = next_path


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


async def _load(core: Core, staff_id: int, print_: str, via_token: bool) -> Caller | None:
    async with core.uow() as uow:
        try:
            staff = await get_staff(uow, staff_id)
        except NotFound:
            return None
    if not hmac.compare_digest(fingerprint(core, staff), print_):
        return None  # the password changed since this session or token was issued
    return Caller(staff.id, staff.login, staff.display_name, staff.role, via_token)


async def caller_from(request: Request) -> Caller | None:
    """The staff member behind a bearer token, else behind the session cookie, else None."""
    core = core_of(request)
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        found = _read_token(core, value.strip())
        return await _load(core, found[0], found[1], True) if found else None
    staff_id, print_ = request.session.get("staff_id"), request.session.get("pw")
    if isinstance(staff_id, int) and isinstance(print_, str):
        caller = await _load(core, staff_id, print_, False)
        if caller is None:
            request.session.clear()
        return caller
    return None


async def api_caller(request: Request) -> Caller:
    """For /api/v1: a bearer token, or the panel's session with the CSRF header on writes."""
    caller = await caller_from(request)
    if caller is None:
        raise AuthError(401, "not-authenticated", bearer=True)
    if not caller.via_token and request.method not in SAFE_METHODS:
        check_csrf(request, request.headers.get(CSRF_HEADER))
    return caller


def client_address(request: Request) -> str:
    return request.client.host if request.client else "-"


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
    """Failed logins per (login, address): ``limit`` within ``window_s``, then a wait.

    In memory, per process: light protection against guessing, on top of argon2's cost. The
    table is pruned so a flood of invented logins cannot grow it without bound.
    """

    MAX_KEYS = 10_000

    def __init__(self, limit: int = 8, window_s: float = 300.0) -> None:
        self.limit = limit
        self.window_s = window_s
        self._fails: dict[str, deque[float]] = {}

    @staticmethod
    def key(login: str, address: str) -> str:
        return f"{login.strip().lower()[:64]}|{address}"

    def _recent(self, key: str) -> deque[float]:
        fails = self._fails.get(key)
        if fails is None:
            return deque()
        horizon = time.monotonic() - self.window_s
        while fails and fails[0] < horizon:
            fails.popleft()
        if not fails:
            del self._fails[key]
        return fails

    def blocked(self, key: str) -> bool:
        return len(self._recent(key)) >= self.limit

    def failed(self, key: str) -> None:
        if len(self._fails) >= self.MAX_KEYS:
            for stale in list(self._fails):
                self._recent(stale)
            while len(self._fails) >= self.MAX_KEYS:  # still full: forget the oldest
                del self._fails[next(iter(self._fails))]
        self._fails.setdefault(key, deque()).append(time.monotonic())

    def succeeded(self, key: str) -> None:
        self._fails.pop(key, None)


async def verify_login(
    core: Core, throttle: LoginThrottle, *, username: str, password: str, address: str, via: str
) -> Staff:
    """Checks a login and password (argon2), audits the attempt, and counts failures.

    Raises ``AuthError`` 429 ``login-throttled`` or 401 ``login-failed``.
    """
    key = LoginThrottle.key(username, address)
    if throttle.blocked(key):
        raise AuthError(429, "login-throttled", bearer=via == "api")
    async with core.uow() as uow:
        staff = await authenticate(uow, username, password) if username and password else None
        if staff is None:
            record_audit(uow, "auth.login-failed", staff_id=None, login=username[:64], via=via)
        else:
            record_audit(uow, "auth.login", staff_id=staff.id, via=via)
        await uow.commit()
    if staff is None:
        throttle.failed(key)
        raise AuthError(401, "login-failed", bearer=via == "api")
    throttle.succeeded(key)
    return staff
