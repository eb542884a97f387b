"""Staff accounts: creation and password check (argon2)."""

from __future__ import annotations

import asyncio
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from core.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.models import Role, Staff
from core.services.audit import record_audit
from core.uow import UnitOfWork

_hasher = PasswordHasher()
MIN_PASSWORD = 10


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
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("staff-password-short", min=MIN_PASSWORD)
    existing = await uow.session.scalar(select(Staff).where(Staff.login == login))
    if existing is not None:
        raise Conflict("staff-login-taken", login=login)
    staff = Staff(
        login=login,
        display_name=display_name or login,
        role=role,
        password_hash=await asyncio.to_thread(_hasher.hash, password),
        created_at=uow.clock.now(),
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
