"""Who is asking: a session cookie (pages) or a bearer token (API), and CSRF for forms."""

from __future__ import annotations

import hmac
import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass

from fastapi import HTTPException, Request
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from core.bootstrap import Core
from core.errors import NotFound
from core.models import Staff
from core.services.staff import get_staff

TOKEN_TTL_S = 12 * 3600
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


@dataclass(frozen=True)
class Caller:
    id: int
    login: str
    display_name: str
    role: str
    via_token: bool

    @property
    def can_manage(self) -> bool:
        return self.role in ("coordinator", "admin")


def core_of(request: Request) -> Core:
    return request.app.state.core  # type: ignore[no-any-return]


def _serializer(core: Core) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(core.settings.secret_key.get_secret_value(), salt="aist-api-token")


def issue_token(core: Core, staff: Staff) -> str:
    return _serializer(core).dumps({"sid": staff.id})


def _token_staff_id(core: Core, token: str) -> int | None:
    try:
        data = _serializer(core).loads(token, max_age=TOKEN_TTL_S)
    except (BadSignature, SignatureExpired):
        return None
    sid = data.get("sid") if isinstance(data, dict) else None
    return sid if isinstance(sid, int) else None


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(24)
        request.session["csrf"] = token
    return str(token)


def check_csrf(request: Request, submitted: str | None) -> None:
    expected = request.session.get("csrf")
    if not expected or not submitted or not hmac.compare_digest(str(expected), submitted):
        raise HTTPException(status_code=403, detail="csrf")


async def _load(core: Core, staff_id: int, via_token: bool) -> Caller | None:
    async with core.uow() as uow:
        try:
            staff = await get_staff(uow, staff_id)
        except NotFound:
            return None
    return Caller(staff.id, staff.login, staff.display_name, staff.role, via_token)


async def caller_from(request: Request) -> Caller | None:
    core = core_of(request)
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        staff_id = _token_staff_id(core, header[7:].strip())
        return await _load(core, staff_id, True) if staff_id is not None else None
    staff_id = request.session.get("staff_id")
    if isinstance(staff_id, int):
        return await _load(core, staff_id, False)
    return None


async def api_caller(request: Request) -> Caller:
    """For /api/v1: a bearer token, or the panel's session with the CSRF header on writes."""
    caller = await caller_from(request)
    if caller is None:
        raise HTTPException(
            status_code=401, detail="not authenticated", headers={"WWW-Authenticate": "Bearer"}
        )
    if not caller.via_token and request.method not in SAFE_METHODS:
        check_csrf(request, request.headers.get(CSRF_HEADER))
    return caller


class LoginThrottle:
    """A few failed logins per login and address are fine; a flood waits."""

    def __init__(self, limit: int = 8, window_s: float = 300.0) -> None:
        self.limit = limit
        self.window_s = window_s
        self._fails: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, key: str) -> deque[float]:
        fails = self._fails[key]
        horizon = time.monotonic() - self.window_s
        while fails and fails[0] < horizon:
            fails.popleft()
        return fails

    def blocked(self, key: str) -> bool:
        return len(self._recent(key)) >= self.limit

    def failed(self, key: str) -> None:
        self._recent(key).append(time.monotonic())

    def succeeded(self, key: str) -> None:
        self._fails.pop(key, None)
