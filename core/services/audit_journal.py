"""The audit journal: who did what and when, for the coordinator who answers for the quarter
and the administrator. Read-only over ``audit_log``, newest first, a page at a time.

Only coordinators and administrators may read it, and each look is itself in the log (one
``audit.view`` row per person every ten minutes). The details of a row are shown only
through an allow-list of keys per action: a channel user id, a phone, a name or a message
text never leave the core, even if a future caller puts one in the details.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, select

from core.clock import as_utc
from core.errors import InvalidInput
from core.models import AuditEntry, Staff
from core.services.audit import record_audit
from core.services.staff import require_manager
from core.uow import UnitOfWork

VIEW_AUDIT_GAP = timedelta(minutes=10)
MAX_LIMIT = 500
MAX_TEXT = 500  # the reason of a deletion
MAX_WORD = 64  # any other string value

# Who acted when ``staff_id`` is empty: the person herself, or nobody known (a failed login);
# every other action without a staff member is the system's (escalations, retention).
PERSON_ACTIONS = frozenset({"case.open", "case.end-by-person", "client.forget"})
UNKNOWN_ACTIONS = frozenset({"auth.login-failed"})

# Every action the code records (tests/integration/test_audit_journal.py checks the code
# against it); each has its words in locales/<lang>/panel_audit.ftl.
ACTIONS: tuple[str, ...] = (
    *("case.open", "case.accept", "case.reply", "case.note", "case.close"),
    *("case.end-by-person", "case.view", "case.attachment", "case.level", "case.escalate"),
    *("case.level.correct", "case.take-over", "case.transfer"),
    *("case.forget", "client.forget", "retention.prune"),
    *("staff.create", "staff.link-code", "staff.link", "staff.role", "staff.disable"),
    *("staff.enable", "staff.password", "staff.password-reset", "staff.2fa-enrol"),
    "staff.2fa-reset",
    *("auth.login", "auth.login-failed", "auth.logout", "auth.session-end"),
    *("auth.sign-out-everywhere", "auth.otp-failed", "auth.recovery-code"),
    *("duty.add", "duty.remove", "calendar.set"),
    *("rental.booking.confirm", "rental.booking.decline", "rental.booking.cancel"),
    *("rental.booking.issue", "rental.booking.return", "rental.booking.extend"),
    *("rental.contacts.view", "rental.category.add", "rental.item.add", "rental.item.status"),
    *("rental.item.photo", "rental.wait.urgent"),
    *("course.create_group", "course.update_group", "course.open_group", "course.closed_group"),
    *("course.completed_group", "course.add_session", "course.cancel_session"),
    *("course.change_session", "course.message_group", "course.mark_attendance"),
    *("course.cancel_enrollment", "course.note"),
    *("replies.create", "replies.update", "replies.delete"),
    "audit.view",
)

# Groups of actions for the filter "what". An entry ending with "." is a prefix; a group may
# leave out some of its prefix's actions. Groups may overlap (a retention run is both
# "privacy" and "system"). The filter names the group's actions one by one, so that the
# database can use the index on (action, id) whatever the collation.
GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "cases": (("case.",), ("case.forget",)),
    "privacy": (
        ("client.forget", "case.forget", "rental.contacts.view", "retention.prune", "audit.view"),
        (),
    ),
    "rental": (("rental.",), ()),
    "course": (("course.",), ()),
    "replies": (("replies.",), ()),
    "logins": (("auth.",), ()),
    "duty": (("duty.", "calendar."), ()),
    "system": (("retention.", "staff.", "audit."), ()),
}

_IDS = ("booking_id", "item_id", "category_id", "group_id", "session_id", "enrollment_id")
# The keys of ``details`` each action may show; anything else is dropped.
SAFE_KEYS: dict[str, frozenset[str]] = {
    "case.open": frozenset({"topic", "level"}),
    "case.level": frozenset({"level", "groups"}),
    "case.level.correct": frozenset({"previous", "level", "direction"}),
    "case.escalate": frozenset({"step", "minutes"}),
    "client.forget": frozenset({"cases", "reason"}),
    "retention.prune": frozenset({"cases", "messages"}),
    "staff.create": frozenset({"login", "role"}),
    "staff.role": frozenset({"target_id", "previous", "role"}),
    "staff.disable": frozenset({"target_id", "sessions"}),
    "staff.enable": frozenset({"target_id"}),
    "staff.password": frozenset({"target_id", "sessions", "via"}),
    "staff.password-reset": frozenset({"target_id"}),
    "staff.2fa-enrol": frozenset({"target_id", "via"}),
    "staff.2fa-reset": frozenset({"target_id"}),
    "auth.session-end": frozenset({"kind"}),
    "auth.sign-out-everywhere": frozenset({"sessions"}),
    "auth.otp-failed": frozenset({"via"}),
    "auth.recovery-code": frozenset({"via"}),
    "case.close": frozenset({"early"}),
    "case.transfer": frozenset({"target_id"}),
    "staff.link": frozenset({"channel"}),
    "auth.login": frozenset({"via"}),
    "auth.login-failed": frozenset({"login", "via"}),
    "duty.add": frozenset({"starts_at", "ends_at"}),
    "calendar.set": frozenset({"day", "is_working"}),
    "rental.booking.confirm": frozenset({"booking_id"}),
    "rental.booking.decline": frozenset({"booking_id"}),
    "rental.booking.cancel": frozenset({"booking_id"}),
    "rental.booking.issue": frozenset({"booking_id", "due_date"}),
    "rental.booking.return": frozenset({"booking_id", "needs_repair"}),
    "rental.booking.extend": frozenset({"booking_id", "due_date"}),
    "rental.contacts.view": frozenset({"booking_id"}),
    "rental.category.add": frozenset({"category_id"}),
    "rental.item.add": frozenset({"item_id"}),
    "rental.item.status": frozenset({"item_id", "previous", "status"}),
    "rental.item.photo": frozenset({"item_id"}),
    "rental.wait.urgent": frozenset({"urgent"}),
    "course.create_group": frozenset({"group_id", "capacity", "sessions"}),
    "course.update_group": frozenset({"group_id", "capacity", "drop_ins"}),
    "course.add_session": frozenset({"group_id", "session_id"}),
    "course.cancel_session": frozenset({"group_id", "session_id", "told"}),
    "course.change_session": frozenset({"group_id", "session_id", "changed", "told"}),
    "course.message_group": frozenset({"group_id", "recipients"}),
    "course.mark_attendance": frozenset({"group_id", "session_id", "present", "expected"}),
    "course.cancel_enrollment": frozenset({"enrollment_id"}),
    "course.note": frozenset({"enrollment_id"}),
    "replies.create": frozenset({"reply_id"}),
    "replies.update": frozenset({"reply_id"}),
    "replies.delete": frozenset({"reply_id"}),
}
# Free text a staff member typed (the reason of a deletion, a login tried): shown, with any
# phone number or e-mail address in it cut out.
FREE_TEXT = frozenset({"reason", "login"})

_PHONE = re.compile(r"\+?\d(?:[\s\-()]*\d){5,}")
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+")
_WORD = re.compile(r"^[A-Za-z0-9_.,:+\-]*$")  # a code: no spaces, no Cyrillic, so no name
_ISO_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}:\d{2}|Z)?)?$"
)


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str | None  # the staff member's display name; None for the system or the person
    actor_kind: str  # staff, system, person or unknown
    action: str
    case_id: int | None
    details: Mapping[str, Any]


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    next_before_id: int | None  # the id to ask "older than" for the next page; None at the end


def _mask(value: str) -> str:
    return _EMAIL.sub("…", _PHONE.sub("…", value))


def _is_iso_time(value: str) -> bool:
    if not _ISO_TIME.match(value):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _safe_value(key: str, value: Any) -> Any:
    """The value as it may be shown, or None when it may not be shown at all."""
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, list | tuple):
        words = [_safe_value(key, v) for v in value[:20]]
        return [w for w in words if isinstance(w, str)] if key not in FREE_TEXT else None
    if not isinstance(value, str):
        return None
    if key in FREE_TEXT:
        return _mask(value.strip())[:MAX_TEXT]
    if _is_iso_time(value):
        return value
    if len(value) > MAX_WORD or not _WORD.match(value):
        return None
    return _mask(value)


def safe_details(action: str, details: Mapping[str, Any] | None) -> dict[str, Any]:
    """The details of a row through the allow-list of its action."""
    allowed = SAFE_KEYS.get(action, frozenset())
    shown: dict[str, Any] = {}
    for key, value in (details or {}).items():
        if key not in allowed:
            continue
        safe = _safe_value(key, value)
        if safe is not None:
            shown[key] = safe
    return shown


def _actor_kind(staff_id: int | None, action: str) -> str:
    if staff_id is not None:
        return "staff"
    if action in PERSON_ACTIONS:
        return "person"
    if action in UNKNOWN_ACTIONS:
        return "unknown"
    return "system"


def _action_filter(pattern: str) -> ColumnElement[bool]:
    if pattern.endswith("."):
        return AuditEntry.action.startswith(pattern, autoescape=True)
    return AuditEntry.action == pattern


def _matches(action: str, pattern: str) -> bool:
    return action.startswith(pattern) if pattern.endswith(".") else action == pattern


def actions_of(group: str) -> tuple[str, ...]:
    if group not in GROUPS:
        raise InvalidInput("audit-bad-group")
    include, exclude = GROUPS[group]
    return tuple(
        a
        for a in ACTIONS
        if any(_matches(a, p) for p in include) and not any(_matches(a, p) for p in exclude)
    )


def day_bounds(
    timezone: str, day_from: date | None, day_to: date | None
) -> tuple[datetime | None, datetime | None]:
    """Local days of the centre (both included) as a UTC range [since, until)."""
    zone = ZoneInfo(timezone)
    since = datetime.combine(day_from, time(), zone) if day_from else None
    until = datetime.combine(day_to + timedelta(days=1), time(), zone) if day_to else None
    return since, until


async def _reader(uow: UnitOfWork, staff_id: int) -> Staff:
    return await require_manager(uow, staff_id, "audit-forbidden")


async def _record_view(uow: UnitOfWork, staff_id: int) -> None:
    """One "looked at the journal" row per person every ten minutes: paging and filtering
    are one look."""
    recent = await uow.session.scalar(
        select(AuditEntry.id)
        .where(
            AuditEntry.staff_id == staff_id,
            AuditEntry.action == "audit.view",
            AuditEntry.at > uow.clock.now() - VIEW_AUDIT_GAP,
        )
        .limit(1)
    )
    if recent is None:
        record_audit(uow, "audit.view", staff_id=staff_id)


async def list_audit(
    uow: UnitOfWork,
    *,
    staff_id_viewer: int,
    actor_id: int | None = None,
    group: str | None = None,
    action_prefix: str | None = None,
    case_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    before_id: int | None = None,
    limit: int = 100,
) -> AuditPage:
    """A page of the journal, newest first, older than ``before_id`` when given.

    ``action_prefix`` is an exact action ("auth.login") or a prefix ending with "."
    ("rental."); ``group`` is a key of ``GROUPS``; ``since`` is included, ``until`` is not.
    The caller commits: the look is recorded in this unit of work.
    """
    await _reader(uow, staff_id_viewer)
    limit = max(1, min(limit, MAX_LIMIT))
    query = (
        select(AuditEntry, Staff.display_name)
        .outerjoin(Staff, Staff.id == AuditEntry.staff_id)
        .order_by(AuditEntry.id.desc())
        .limit(limit + 1)
    )
    if actor_id is not None:
        query = query.where(AuditEntry.staff_id == actor_id)
    if group:
        query = query.where(AuditEntry.action.in_(actions_of(group)))
    if action_prefix:
        query = query.where(_action_filter(action_prefix))
    if case_id is not None:
        query = query.where(AuditEntry.case_id == case_id)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if until is not None:
        query = query.where(AuditEntry.at < until)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    found = (await uow.session.execute(query)).all()
    rows = tuple(
        AuditRow(
            id=entry.id,
            at=as_utc(entry.at),
            actor=name if entry.staff_id is not None else None,
            actor_kind=_actor_kind(entry.staff_id, entry.action),
            action=entry.action,
            case_id=entry.case_id,
            details=safe_details(entry.action, entry.details),
        )
        for entry, name in found[:limit]
    )
    await _record_view(uow, staff_id_viewer)
    return AuditPage(rows, rows[-1].id if len(found) > limit else None)
