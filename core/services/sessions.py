"""Staff sessions kept on the server: a panel session or an API token is a row.

The cookie or the bearer token carries a random token; the row keeps only its keyed hash
(``uow.vault.lookup_hash``), so a copy of the database opens no session. Every request looks
its row up (one query on the unique hash, joined with the staff member) and is refused when
the session was ended, has lived past its absolute lifetime, lay idle longer than
``AIST_PANEL_IDLE_MINUTES`` (the panel's), or belongs to a disabled account.

Logout ends one session; a password change, a disabled account and "sign out everywhere" end
every session and token of the person at once (``end_all_sessions``).
"""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update

from core.clock import as_utc
from core.errors import NotFound
from core.models import SessionKind, Staff, StaffSession
from core.services.audit import record_audit
from core.uow import UnitOfWork

# last_seen_at is written at most this often: a request a second is not a write a second.
TOUCH_EVERY = timedelta(seconds=60)
USER_AGENT_CHARS = 120


def token_hash(uow: UnitOfWork, token: str) -> str:
    return uow.vault.lookup_hash("staff-session", token)


def password_print(uow: UnitOfWork, staff: Staff) -> str:
    return uow.vault.lookup_hash("staff-password", staff.password_hash)[:24]


def lifetime(uow: UnitOfWork, kind: str) -> timedelta:
    if kind == SessionKind.api:
        return timedelta(hours=uow.settings.api_token_hours)
    return timedelta(hours=uow.settings.panel_session_hours)


def user_agent_summary(user_agent: str) -> str:
    """A short description of the browser or tool ("Firefox on Linux"), never the raw header's
    full fingerprint."""
    ua = user_agent or ""
    browser = next(
        (
            name
            for marker, name in (
                ("Edg/", "Edge"),
                ("YaBrowser", "Yandex Browser"),
                ("OPR/", "Opera"),
                ("Firefox/", "Firefox"),
                ("Chrome/", "Chrome"),
                ("Safari/", "Safari"),
                ("curl/", "curl"),
                ("python-httpx", "httpx"),
                ("python-requests", "requests"),
            )
            if marker in ua
        ),
        "",
    )
    system = next(
        (
            name
            for marker, name in (
                ("Android", "Android"),
                ("iPhone", "iOS"),
                ("iPad", "iOS"),
                ("Windows", "Windows"),
                ("Mac OS", "macOS"),
                ("Linux", "Linux"),
            )
            if marker in ua
        ),
        "",
    )
    summary = " / ".join(part for part in (browser, system) if part)
    return (summary or ua[:40])[:USER_AGENT_CHARS]


async def start_session(
    uow: UnitOfWork, staff: Staff, *, kind: str, user_agent: str = "", address: str = ""
) -> tuple[StaffSession, str]:
    """A new session (or API token) of ``staff``; returns the row and the token, which exists
    only in this return value and in what the caller hands to the browser or the tool."""
    now = uow.clock.now()
    token = secrets.token_urlsafe(32)
    row = StaffSession(
        staff_id=staff.id,
        token_hash=token_hash(uow, token),
        kind=SessionKind(kind).value,
        created_at=now,
        last_seen_at=now,
        expires_at=now + lifetime(uow, kind),
        user_agent=user_agent_summary(user_agent),
        address=address[:64],
        password_print=password_print(uow, staff),
    )
    uow.session.add(row)
    await uow.session.flush()
    return row, token


def _alive(uow: UnitOfWork, row: StaffSession, now: datetime) -> bool:
    if row.revoked_at is not None or as_utc(row.expires_at) <= now:
        return False
    if row.kind == SessionKind.panel:
        idle = timedelta(minutes=uow.settings.panel_idle_minutes)
        return now - as_utc(row.last_seen_at) < idle
    return True


async def find_session(
    uow: UnitOfWork, token: str, *, kind: str
) -> tuple[StaffSession, Staff] | None:
    """The live session a token opens and its (active) staff member, else None. Marks it seen
    (the caller commits)."""
    if not token or len(token) > 200:
        return None
    found = (
        await uow.session.execute(
            select(StaffSession, Staff)
            .join(Staff, Staff.id == StaffSession.staff_id)
            .where(StaffSession.token_hash == token_hash(uow, token), StaffSession.kind == kind)
        )
    ).one_or_none()
    if found is None:
        return None
    row, staff = found
    now = uow.clock.now()
    if not staff.is_active or not _alive(uow, row, now):
        return None
    if not hmac.compare_digest(row.password_print, password_print(uow, staff)):
        return None  # the password changed since
    if now - as_utc(row.last_seen_at) >= TOUCH_EVERY:
        row.last_seen_at = now
    return row, staff


async def list_sessions(uow: UnitOfWork, staff_id: int) -> list[StaffSession]:
    """Her live sessions and tokens, the most recently used first."""
    now = uow.clock.now()
    rows = await uow.session.scalars(
        select(StaffSession)
        .where(
            StaffSession.staff_id == staff_id,
            StaffSession.revoked_at.is_(None),
            StaffSession.expires_at > now,
        )
        .order_by(StaffSession.last_seen_at.desc(), StaffSession.id.desc())
    )
    return [row for row in rows if _alive(uow, row, now)]


async def end_session(
    uow: UnitOfWork, *, staff_id: int, session_id: int, logout: bool = False
) -> StaffSession:
    """Ends one of her own sessions: her logout (``logout``, audited ``auth.logout``), or
    "end" next to a session on /account (``auth.session-end``)."""
    row = await uow.session.get(StaffSession, session_id)
    if row is None or row.staff_id != staff_id:
        raise NotFound("session-not-found")
    if row.revoked_at is None:
        row.revoked_at = uow.clock.now()
        if logout:
            record_audit(uow, "auth.logout", staff_id=staff_id)
        else:
            record_audit(uow, "auth.session-end", staff_id=staff_id, kind=row.kind)
    return row


async def end_all_sessions(uow: UnitOfWork, staff_id: int) -> int:
    """Ends every live session and API token of a person at once; how many were live."""
    result = await uow.session.execute(
        update(StaffSession)
        .where(StaffSession.staff_id == staff_id, StaffSession.revoked_at.is_(None))
        .values(revoked_at=uow.clock.now())
        .execution_options(synchronize_session="fetch")
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def sign_out_everywhere(uow: UnitOfWork, *, staff_id: int) -> int:
    """Her own "sign out everywhere": every session and token, this one too."""
    count = await end_all_sessions(uow, staff_id)
    record_audit(uow, "auth.sign-out-everywhere", staff_id=staff_id, sessions=count)
    return count


async def prune_sessions(uow: UnitOfWork, *, older_than: timedelta = timedelta(days=30)) -> int:
    """Deletes the rows of sessions that ended (or expired) long ago."""
    horizon = uow.clock.now() - older_than
    result = await uow.session.execute(
        delete(StaffSession).where(
            or_(StaffSession.expires_at < horizon, StaffSession.revoked_at < horizon)
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
