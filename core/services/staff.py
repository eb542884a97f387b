"""Staff accounts: creation, the password rules and check (argon2id), and the lifecycle an
administrator runs: role, disable and re-enable, a one-time password reset code.

Disabling a person or changing a password ends every session and API token of hers at once
(``core/services/sessions.py`` ``end_all_sessions``). The last active administrator can
neither be disabled nor lose the role.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
from datetime import timedelta
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from core.clock import as_utc
from core.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.models import Role, Staff
from core.services.audit import record_audit
from core.services.sessions import end_all_sessions
from core.uow import UnitOfWork

_hasher = PasswordHasher()  # argon2id with the library's current parameters
MIN_PASSWORD = 12
MAX_PASSWORD = 256
RESET_CODE_TTL = timedelta(minutes=30)


@cache
def _common_passwords() -> frozenset[str]:
    # zxcvbn: a maintained package carrying the leaked-password frequency list (30 000 entries).
    from zxcvbn.frequency_lists import FREQUENCY_LISTS  # type: ignore[import-untyped]

    return frozenset(FREQUENCY_LISTS["passwords"])


def _estimate(password: str, inputs: list[str]) -> Any:
    from zxcvbn import zxcvbn  # type: ignore[import-untyped]

    return zxcvbn(password[:100], user_inputs=inputs)


def check_password_rules(password: str, *, login: str = "", name: str = "") -> None:
    """At least ``MIN_PASSWORD`` characters, and not a common password or an easy variant of
    one (zxcvbn's score under 3: dictionary words, keyboard rows, repeats, the login itself).

    Raises ``InvalidInput`` ``password-too-short``, ``password-too-long`` or
    ``password-too-common``.
    """
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("password-too-short", min=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise InvalidInput("password-too-long", max=MAX_PASSWORD)
    if password.lower() in _common_passwords():
        raise InvalidInput("password-too-common")
    inputs = [word for word in (login, name, "aist", "аист") if word]
    if int(_estimate(password, inputs)["score"]) < 3:
        raise InvalidInput("password-too-common")


async def _hash(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


@cache
def _dummy_hash() -> str:
    """Verifying against this keeps the timing the same for an unknown login (made on the
    first login, not at import)."""
    return _hasher.hash("not-a-real-password")


async def create_staff(
    uow: UnitOfWork,
    *,
    login: str,
    password: str,
    role: str,
    display_name: str | None = None,
    by_staff_id: int | None = None,
) -> Staff:
    login = login.strip().lower()
    if not login or len(login) > 64:
        raise InvalidInput("staff-login-invalid")
    if role not in Role.__members__:
        raise InvalidInput("staff-role-invalid", role=role)
    if by_staff_id is not None:  # from the panel or the API; the CLI is the server's operator
        await require_admin(uow, by_staff_id)
    check_password_rules(password, login=login, name=display_name or "")
    existing = await uow.session.scalar(select(Staff).where(Staff.login == login))
    if existing is not None:
        raise Conflict("staff-login-taken", login=login)
    staff = Staff(
        login=login,
        display_name=display_name or login,
        role=role,
        password_hash=await _hash(password),
        created_at=uow.clock.now(),
        password_changed_at=uow.clock.now(),
    )
    uow.session.add(staff)
    await uow.session.flush()
    record_audit(uow, "staff.create", staff_id=by_staff_id, login=login, role=role)
    return staff


async def authenticate(uow: UnitOfWork, login: str, password: str) -> Staff | None:
    staff = await uow.session.scalar(select(Staff).where(Staff.login == login.strip().lower()))
    # argon2 takes tens of milliseconds of CPU on purpose: off the event loop, so a login
    # never holds up a live chat.
    if staff is None or not staff.is_active:
        await asyncio.to_thread(_verify_unknown, password)
        return None
    if not await asyncio.to_thread(_verify, staff.password_hash, password):
        return None
    if _hasher.check_needs_rehash(staff.password_hash):
        staff.password_hash = await asyncio.to_thread(_hasher.hash, password)
    return staff


def _verify_unknown(password: str) -> bool:
    return _verify(_dummy_hash(), password)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


async def get_staff(uow: UnitOfWork, staff_id: int) -> Staff:
    staff = await uow.session.get(Staff, staff_id)
    if staff is None or not staff.is_active:
        raise NotFound("staff-not-found")
    return staff


async def list_staff(uow: UnitOfWork) -> list[Staff]:
    return list(await uow.session.scalars(select(Staff).order_by(Staff.display_name)))


async def active_staff(uow: UnitOfWork, staff_id: int) -> Staff:
    """The staff member behind a request; a removed or deactivated account may do nothing."""
    staff = await uow.session.get(Staff, staff_id)
    if staff is None or not staff.is_active:
        raise Forbidden("forbidden")
    return staff


async def require_manager(uow: UnitOfWork, staff_id: int, refusal: str) -> Staff:
    """A coordinator or an administrator; anyone else is refused with ``refusal`` (a code
    whose words say what only they may do)."""
    staff = await active_staff(uow, staff_id)
    if staff.role not in (Role.coordinator, Role.admin):
        raise Forbidden(refusal)
    return staff


async def require_admin(uow: UnitOfWork, staff_id: int) -> Staff:
    staff = await active_staff(uow, staff_id)
    if staff.role != Role.admin:
        raise Forbidden("staff-admin-only")
    return staff


async def find_staff(uow: UnitOfWork, staff_id: int) -> Staff:
    """Any account, active or disabled (for the administrator's staff page)."""
    staff = await uow.session.get(Staff, staff_id)
    if staff is None:
        raise NotFound("staff-not-found")
    return staff


async def find_login(uow: UnitOfWork, login: str) -> Staff:
    staff = await uow.session.scalar(select(Staff).where(Staff.login == login.strip().lower()))
    if staff is None:
        raise NotFound("staff-not-found")
    return staff


async def _keeps_an_admin(uow: UnitOfWork, leaving: Staff) -> None:
    """Refuses to leave the centre without an active administrator."""
    if leaving.role != Role.admin or not leaving.is_active:
        return
    others = await uow.session.scalar(
        select(func.count())
        .select_from(Staff)
        .where(Staff.role == Role.admin, Staff.is_active.is_(True), Staff.id != leaving.id)
    )
    if not others:
        raise Conflict("staff-last-admin")


async def change_role(uow: UnitOfWork, *, staff_id: int, role: str, by_staff_id: int) -> Staff:
    await require_admin(uow, by_staff_id)
    if role not in Role.__members__:
        raise InvalidInput("staff-role-invalid", role=role)
    staff = await find_staff(uow, staff_id)
    if staff.role == role:
        return staff
    if role != Role.admin:
        await _keeps_an_admin(uow, staff)
    previous, staff.role = staff.role, role
    record_audit(
        uow, "staff.role", staff_id=by_staff_id, target_id=staff.id, previous=previous, role=role
    )
    return staff


async def disable_staff(uow: UnitOfWork, *, staff_id: int, by_staff_id: int | None) -> Staff:
    """She can no longer log in, and every session and token of hers stops working now."""
    if by_staff_id is not None:
        await require_admin(uow, by_staff_id)
    staff = await find_staff(uow, staff_id)
    if not staff.is_active:
        return staff
    await _keeps_an_admin(uow, staff)
    staff.is_active = False
    await end_all_sessions(uow, staff.id)
    record_audit(uow, "staff.disable", staff_id=by_staff_id, target_id=staff.id)
    return staff


async def enable_staff(uow: UnitOfWork, *, staff_id: int, by_staff_id: int | None) -> Staff:
    if by_staff_id is not None:
        await require_admin(uow, by_staff_id)
    staff = await find_staff(uow, staff_id)
    if not staff.is_active:
        staff.is_active = True
        record_audit(uow, "staff.enable", staff_id=by_staff_id, target_id=staff.id)
    return staff


async def _set_password(uow: UnitOfWork, staff: Staff, password: str) -> None:
    check_password_rules(password, login=staff.login, name=staff.display_name)
    staff.password_hash = await _hash(password)
    staff.password_changed_at = uow.clock.now()
    staff.reset_code_hash = None
    staff.reset_code_expires_at = None
    await end_all_sessions(uow, staff.id)


async def change_password(uow: UnitOfWork, *, staff_id: int, current: str, new: str) -> Staff:
    """Her own change: the current password first. Every session and token of hers ends."""
    staff = await active_staff(uow, staff_id)
    if not await asyncio.to_thread(_verify, staff.password_hash, current):
        raise InvalidInput("password-current-wrong")
    await _set_password(uow, staff, new)
    record_audit(uow, "staff.password", staff_id=staff.id, target_id=staff.id)
    return staff


async def set_password(
    uow: UnitOfWork, *, staff_id: int, password: str, by_staff_id: int | None
) -> Staff:
    """An administrator's (or the server operator's, ``by_staff_id=None``) new password."""
    if by_staff_id is not None:
        await require_admin(uow, by_staff_id)
    staff = await find_staff(uow, staff_id)
    await _set_password(uow, staff, password)
    record_audit(uow, "staff.password", staff_id=by_staff_id, target_id=staff.id)
    return staff


def _reset_hash(uow: UnitOfWork, staff: Staff, code: str) -> str:
    return uow.vault.lookup_hash("staff-reset-code", str(staff.id), code.strip())


async def issue_reset_code(uow: UnitOfWork, *, staff_id: int, by_staff_id: int) -> str:
    """A one-time code (valid ``RESET_CODE_TTL``) with which she sets a new password at
    /reset; only its keyed hash is kept, and the code is shown once to the administrator."""
    await require_admin(uow, by_staff_id)
    staff = await find_staff(uow, staff_id)
    if not staff.is_active:
        raise Conflict("staff-disabled")
    code = secrets.token_urlsafe(18)
    staff.reset_code_hash = _reset_hash(uow, staff, code)
    staff.reset_code_expires_at = uow.clock.now() + RESET_CODE_TTL
    record_audit(uow, "staff.password-reset", staff_id=by_staff_id, target_id=staff.id)
    return code


async def redeem_reset_code(uow: UnitOfWork, *, login: str, code: str, password: str) -> Staff:
    """Her new password with the code an administrator gave her; the code works once."""
    staff = await uow.session.scalar(select(Staff).where(Staff.login == login.strip().lower()))
    if (
        staff is None
        or not staff.is_active
        or staff.reset_code_hash is None
        or staff.reset_code_expires_at is None
        or as_utc(staff.reset_code_expires_at) <= uow.clock.now()
        or not hmac.compare_digest(staff.reset_code_hash, _reset_hash(uow, staff, code))
    ):
        raise InvalidInput("reset-code-invalid")
    await _set_password(uow, staff, password)
    record_audit(uow, "staff.password", staff_id=staff.id, target_id=staff.id, via="reset")
    return staff


async def staff_roster(uow: UnitOfWork, *, by_staff_id: int) -> list[Staff]:
    """Every account, active and disabled, for an administrator."""
    await require_admin(uow, by_staff_id)
    return list(
        await uow.session.scalars(
            select(Staff).order_by(Staff.is_active.desc(), Staff.display_name, Staff.id)
        )
    )
