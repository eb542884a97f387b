"""Urgent cases: raising a case's support level on a triage alarm, and the escalation ladder.

Emergency and crisis cases that nobody accepts climb the ladder configured in
``Settings.escalation_minutes``: first every specialist on shift and the coordinators are
alerted in the panel, then the coordinators' linked Telegram. Every step is audited and
written on the case.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from core.calendar import load_calendar
from core.errors import Conflict, InvalidInput
from core.events import Event
from core.models import LEVEL_ORDER, AuditEntry, Case, CaseStatus, Client, Role, Staff, SupportLevel
from core.notices import notice, words
from core.services import outbox
from core.services.audit import record_audit
from core.services.cases import (
    Routing,
    add_system_message,
    case_by_id,
    note_on_case,
    open_case,
    tell_on_case,
)
from core.services.duty import on_duty, responders
from core.services.signals import seal, unseal
from core.services.staff import require_manager
from core.uow import UnitOfWork

URGENT = (SupportLevel.emergency, SupportLevel.crisis)
# Stavropol regulation: first home survey within 3 days of the request.
CRISIS_DEADLINE = timedelta(days=3)
LINK_CODE_TTL = timedelta(minutes=15)


async def raise_case(
    uow: UnitOfWork,
    client: Client,
    *,
    channel: str,
    level: SupportLevel,
    signals: list[dict[str, Any]],
    topic: str = "other",
) -> Routing:
    """Opens a case at ``level``, or raises her open one; never lowers a level."""
    routing = await open_case(uow, client, channel=channel, topic=topic, level=level)
    case = routing.case
    now = uow.clock.now()
    raised = LEVEL_ORDER[level] < case.level_rank
    if raised:
        case.level = level
        case.level_rank = LEVEL_ORDER[level]
    kept = unseal(uow.vault, case.signals)
    known = {(s.get("group"), s.get("phrase")) for s in kept}
    fresh = [s for s in signals if (s.get("group"), s.get("phrase")) not in known]
    if fresh:
        case.signals = seal(uow.vault, [*kept, *fresh])
    if level in URGENT and (case.urgent_since is None or raised):
        case.urgent_since = case.urgent_since or now
        case.escalation_step = 0 if raised else case.escalation_step
        case.deadline_at = await _deadline(uow, level, now)
    if raised or fresh:
        record_audit(
            uow,
            "case.level",
            staff_id=None,
            case_id=case.id,
            level=case.level,
            groups=sorted({str(s.get("group")) for s in fresh}),
        )
        audience = tuple(s.id for s in routing.on_duty[:1]) or tuple(
            s.id for s in await responders(uow)
        )
        uow.emit(Event("case.urgent", {"case_id": case.id, "level": case.level}, audience=audience))
    return routing


async def _deadline(uow: UnitOfWork, level: SupportLevel, now: datetime) -> datetime:
    if level == SupportLevel.emergency:
        # "Сохрани ребёнка": a home visit decision no later than one working day.
        calendar = await load_calendar(uow)
        return calendar.add_working_days(now, 1)
    return now + CRISIS_DEADLINE


async def escalate_overdue(uow: UnitOfWork) -> list[int]:
    """Climbs the ladder for urgent cases nobody has accepted; returns the escalated case ids."""
    steps = uow.settings.escalation_minutes
    now = uow.clock.now()
    query = select(Case).where(
        Case.status == CaseStatus.open,
        Case.assignee_id.is_(None),
        Case.urgent_since.is_not(None),
        Case.escalation_step < len(steps),
    )
    if not uow.settings.is_sqlite:
        query = query.with_for_update(skip_locked=True)
    escalated = []
    for case in await uow.session.scalars(query):
        assert case.urgent_since is not None
        since = (
            case.urgent_since
            if case.urgent_since.tzinfo
            else case.urgent_since.replace(tzinfo=now.tzinfo)
        )
        while case.escalation_step < len(steps) and now >= since + timedelta(
            minutes=steps[case.escalation_step]
        ):
            case.escalation_step += 1
            await _escalate(uow, case, case.escalation_step, steps[case.escalation_step - 1])
            escalated.append(case.id)
    return escalated


async def _escalate(uow: UnitOfWork, case: Case, step: int, minutes: int) -> None:
    locale = uow.settings.default_locale
    coordinators = list(
        await uow.session.scalars(
            select(Staff).where(Staff.role == Role.coordinator, Staff.is_active.is_(True))
        )
    )
    if step == 1:
        shift = await on_duty(uow, uow.clock.now())
        audience = tuple(dict.fromkeys(s.id for s in [*shift, *coordinators]))
        text = words(uow, notice("escalation.shift", minutes=minutes))
    else:
        client = await uow.session.get_one(Client, case.client_id)
        link = (
            f"{uow.settings.public_url.rstrip('/')}/cases/{case.id}"
            if uow.settings.public_url
            else f"#{case.id}"
        )
        alert = uow.dialogs.message(
            notice(
                "escalation.alert",
                case_id=case.id,
                pseudonym=client.pseudonym,
                level=str(case.level),
                minutes=minutes,
                link=link,
            ),
            locale,
        )
        reached = [c for c in coordinators if outbox.enqueue_to_staff(uow, c, alert)]
        audience = tuple(c.id for c in coordinators)
        text = words(
            uow,
            notice(
                "escalation.coordinator" if reached else "escalation.coordinator-unlinked",
                minutes=minutes,
                names=", ".join(c.display_name for c in reached) or "—",
            ),
        )
    await add_system_message(uow, case, text)
    await _tell_waiting(uow, case, step)
    record_audit(uow, "case.escalate", staff_id=None, case_id=case.id, step=step, minutes=minutes)
    uow.emit(Event("case.escalated", {"case_id": case.id, "step": step}, audience=audience))


async def _tell_waiting(uow: UnitOfWork, case: Case, step: int) -> None:
    """She is not left in silence: at each step she hears what is happening, and out of hours
    when she will be read and which line answers now."""
    now = uow.clock.now()
    calendar = await load_calendar(uow)
    after_hours = not await on_duty(uow, now) and not calendar.is_working_time(now)
    groups = sorted({str(s.get("group")) for s in case.signals or [] if s.get("group")})
    said = notice(
        "case.waiting",
        step=step,
        after_hours=after_hours,
        when=calendar.next_working_time(now) if after_hours else None,
        groups=groups,
    )
    await tell_on_case(uow, case, said)


async def create_link_code(uow: UnitOfWork, *, staff_id: int) -> str:
    """A one-time code the staff member sends to the bot as ``/link <code>``."""
    staff = await uow.session.get_one(Staff, staff_id)
    code = f"{secrets.randbelow(900000) + 100000}"
    staff.link_code_hash = uow.vault.lookup_hash("link", code)
    staff.link_code_expires_at = uow.clock.now() + LINK_CODE_TTL
    record_audit(uow, "staff.link-code", staff_id=staff_id)
    return code


async def link_staff_channel(uow: UnitOfWork, *, code: str, channel: str, address: str) -> Staff:
    code_hash = uow.vault.lookup_hash("link", code.strip())
    staff = await uow.session.scalar(select(Staff).where(Staff.link_code_hash == code_hash))
    now = uow.clock.now()
    expires = staff.link_code_expires_at if staff else None
    if (
        staff is None
        or expires is None
        or (expires if expires.tzinfo else expires.replace(tzinfo=now.tzinfo)) < now
    ):
        raise InvalidInput("link-code-invalid")
    staff.notify_channel = channel
    staff.notify_address_enc = uow.vault.encrypt(address)
    staff.link_code_hash = None
    staff.link_code_expires_at = None
    record_audit(uow, "staff.link", staff_id=staff.id, channel=channel)
    return staff


MAX_REASON = 500
CORRECTION = "case.level.correct"
# Without a period chosen, triage corrections are counted over the last quarter.
CORRECTIONS_PERIOD = timedelta(days=91)


async def correct_case_level(
    uow: UnitOfWork, *, staff_id: int, case_id: int, level: str, reason: str
) -> Case:
    """A specialist raises or lowers the level triage gave. The deadline follows the new level
    (counted from the first alarm when it stays urgent); the reason goes onto the case as a
    note (it may hold a detail of her story, so it is encrypted there, not in the audit row),
    and the audit row names both levels, so the coordinator can count how often triage erred."""
    try:
        new = SupportLevel(level)
    except ValueError:
        raise InvalidInput("case-level-unknown") from None
    reason = reason.strip()
    if not reason:
        raise InvalidInput("case-level-reason-empty")
    if len(reason) > MAX_REASON:
        raise InvalidInput("case-level-reason-too-long", limit=MAX_REASON)
    case = await case_by_id(uow, case_id)
    if case.status != CaseStatus.open:
        raise Conflict("case-closed")
    previous = SupportLevel(case.level)
    if new == previous:
        raise Conflict("case-level-same")
    staff = await uow.session.get_one(Staff, staff_id)
    now = uow.clock.now()
    case.level = new
    case.level_rank = LEVEL_ORDER[new]
    if new in URGENT:
        case.urgent_since = case.urgent_since or now
        case.deadline_at = await _deadline(uow, new, case.urgent_since)
    else:
        case.deadline_at = None
        case.urgent_since = None  # nothing left to escalate
    direction = "up" if LEVEL_ORDER[new] < LEVEL_ORDER[previous] else "down"
    said = notice(
        "case.level-corrected",
        name=staff.display_name,
        old=str(previous),
        new=str(new),
        reason=reason,
    )
    await note_on_case(uow, case, said)
    record_audit(
        uow,
        CORRECTION,
        staff_id=staff_id,
        case_id=case.id,
        previous=str(previous),
        level=str(new),
        direction=direction,
    )
    uow.emit(Event("case.level", {"case_id": case.id, "level": case.level}))
    return case


@dataclass(frozen=True)
class TriageCorrections:
    raised: int
    lowered: int
    # (from, to) -> how many
    by_levels: dict[tuple[str, str], int]
    urgent_cases: int


async def triage_corrections(
    uow: UnitOfWork,
    *,
    staff_id: int,
    since: datetime | None = None,
    until: datetime | None = None,
) -> TriageCorrections:
    """How often specialists corrected triage in a period (without one: the last
    ``CORRECTIONS_PERIOD`` up to now), and against how many cases triage raised: the
    coordinator's measure of how often triage was wrong, and which way."""
    await require_manager(uow, staff_id, "triage-corrections-forbidden")
    now = uow.clock.now()
    since = since or now - CORRECTIONS_PERIOD
    until = until or now + timedelta(seconds=1)
    rows = await uow.session.scalars(
        select(AuditEntry).where(
            AuditEntry.action == CORRECTION, AuditEntry.at >= since, AuditEntry.at < until
        )
    )
    by_levels: dict[tuple[str, str], int] = {}
    raised = lowered = 0
    for row in rows:
        details = row.details or {}
        key = (str(details.get("previous", "")), str(details.get("level", "")))
        by_levels[key] = by_levels.get(key, 0) + 1
        if details.get("direction") == "up":
            raised += 1
        else:
            lowered += 1
    urgent_cases = await uow.session.scalar(
        select(func.count(func.distinct(AuditEntry.case_id))).where(
            AuditEntry.action == "case.level", AuditEntry.at >= since, AuditEntry.at < until
        )
    )
    return TriageCorrections(raised, lowered, by_levels, int(urgent_cases or 0))
