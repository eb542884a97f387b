"""The second factor: a TOTP app (RFC 6238, 30-second steps, 6 digits) and ten recovery codes.

The secret is stored encrypted (``uow.vault.encrypt``); recovery codes only as keyed hashes,
shown once at enrolment. A code is accepted for the step before, the step of, or the step
after the moment it is checked, and never for a step at or before the last one accepted: a
code seen over someone's shoulder cannot be used again. Roles in ``AIST_REQUIRE_2FA_ROLES``
must enrol before they can do anything else.
"""

from __future__ import annotations

import hmac
import re
import secrets

import pyotp
from sqlalchemy import delete, select

from core.errors import Conflict, InvalidInput
from core.models import RecoveryCode, Staff
from core.services.audit import record_audit
from core.services.staff import active_staff, find_staff, require_admin
from core.uow import UnitOfWork

STEP_S = 30
RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i
_SPACES = re.compile(r"[\s-]+")


def needs_enrolment(uow: UnitOfWork, staff: Staff) -> bool:
    """Her role must use a second factor and she has none yet."""
    return staff.role in uow.settings.require_2fa_roles and staff.totp_enrolled_at is None


def is_enrolled(staff: Staff) -> bool:
    return staff.totp_enrolled_at is not None and staff.totp_secret_enc is not None


def otpauth_uri(uow: UnitOfWork, staff: Staff, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=staff.login, issuer_name="Aist")


def _recovery_hash(uow: UnitOfWork, staff_id: int, code: str) -> str:
    return uow.vault.lookup_hash(
        "staff-recovery-code", str(staff_id), _SPACES.sub("", code).lower()
    )


def _new_recovery_code() -> str:
    letters = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
    return f"{letters[:5]}-{letters[5:]}"


async def _store_recovery_codes(uow: UnitOfWork, staff: Staff) -> list[str]:
    await uow.session.execute(delete(RecoveryCode).where(RecoveryCode.staff_id == staff.id))
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODES)]
    for code in codes:
        uow.session.add(
            RecoveryCode(staff_id=staff.id, code_hash=_recovery_hash(uow, staff.id, code))
        )
    return codes


def _current_step(uow: UnitOfWork) -> int:
    return int(uow.clock.now().timestamp()) // STEP_S


def _matching_step(uow: UnitOfWork, secret: str, code: str, after: int | None) -> int | None:
    code = _SPACES.sub("", code)
    if not re.fullmatch(r"\d{6}", code):
        return None
    totp = pyotp.TOTP(secret)
    now = _current_step(uow)
    for step in (now - 1, now, now + 1):
        if after is not None and step <= after:
            continue  # this step's code was used already
        if hmac.compare_digest(totp.at(step * STEP_S), code):
            return step
    return None


async def begin_enrolment(uow: UnitOfWork, *, staff_id: int) -> str:
    """A new secret, kept (encrypted) until she confirms it with a code; returns it once so
    the page can show it and its QR code. Refused when she is enrolled already."""
    staff = await active_staff(uow, staff_id)
    if is_enrolled(staff):
        raise Conflict("two-factor-enrolled")
    secret = pyotp.random_base32()
    staff.totp_secret_enc = uow.vault.encrypt(secret)
    staff.totp_last_step = None
    return secret


def pending_secret(uow: UnitOfWork, staff: Staff) -> str | None:
    """The secret of an enrolment she began and has not confirmed yet."""
    if is_enrolled(staff) or staff.totp_secret_enc is None:
        return None
    return uow.vault.decrypt(staff.totp_secret_enc)


async def confirm_enrolment(uow: UnitOfWork, *, staff_id: int, code: str) -> list[str]:
    """Her first code from the app proves the secret reached it; returns the ten recovery
    codes (shown once, kept hashed)."""
    staff = await active_staff(uow, staff_id)
    secret = pending_secret(uow, staff)
    if secret is None:
        raise Conflict("two-factor-not-started")
    step = _matching_step(uow, secret, code, None)
    if step is None:
        raise InvalidInput("otp-invalid")
    staff.totp_enrolled_at = uow.clock.now()
    staff.totp_last_step = step
    record_audit(uow, "staff.2fa-enrol", staff_id=staff.id, target_id=staff.id)
    return await _store_recovery_codes(uow, staff)


async def enrol_now(
    uow: UnitOfWork, *, staff_id: int, by_staff_id: int | None
) -> tuple[str, list[str]]:
    """A new secret at once, replacing any (the CLI's ``aist user 2fa``, e.g. after a lost
    phone): returns the secret and the recovery codes, shown once."""
    if by_staff_id is not None:
        await require_admin(uow, by_staff_id)
    staff = await find_staff(uow, staff_id)
    secret = pyotp.random_base32()
    staff.totp_secret_enc = uow.vault.encrypt(secret)
    staff.totp_enrolled_at = uow.clock.now()
    staff.totp_last_step = None
    record_audit(uow, "staff.2fa-enrol", staff_id=by_staff_id, target_id=staff.id)
    return secret, await _store_recovery_codes(uow, staff)


async def reset_two_factor(uow: UnitOfWork, *, staff_id: int, by_staff_id: int) -> Staff:
    """An administrator removes her second factor (a lost phone): she enrols again at her
    next login if her role needs one."""
    await require_admin(uow, by_staff_id)
    staff = await find_staff(uow, staff_id)
    staff.totp_secret_enc = None
    staff.totp_enrolled_at = None
    staff.totp_last_step = None
    await uow.session.execute(delete(RecoveryCode).where(RecoveryCode.staff_id == staff.id))
    record_audit(uow, "staff.2fa-reset", staff_id=by_staff_id, target_id=staff.id)
    return staff


async def check_second_factor(uow: UnitOfWork, staff: Staff, code: str) -> str | None:
    """Accepts a code of her app (once per step) or one of her unused recovery codes (once).
    Returns "totp" or "recovery", or None when the code is wrong or was used."""
    if not is_enrolled(staff) or not code or len(code) > 64:
        return None
    assert staff.totp_secret_enc is not None
    secret = uow.vault.decrypt(staff.totp_secret_enc)
    step = _matching_step(uow, secret, code, staff.totp_last_step)
    if step is not None:
        staff.totp_last_step = step
        return "totp"
    row = await uow.session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.staff_id == staff.id,
            RecoveryCode.code_hash == _recovery_hash(uow, staff.id, code),
            RecoveryCode.used_at.is_(None),
        )
    )
    if row is None:
        return None
    row.used_at = uow.clock.now()
    record_audit(uow, "auth.recovery-code", staff_id=staff.id)
    return "recovery"


async def recovery_codes_left(uow: UnitOfWork, staff_id: int) -> int:
    rows = await uow.session.scalars(
        select(RecoveryCode.id).where(
            RecoveryCode.staff_id == staff_id, RecoveryCode.used_at.is_(None)
        )
    )
    return len(list(rows))
