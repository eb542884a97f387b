"""Cases: a person's conversation with the centre, from opening to closing.

Every change goes through one function here, called alike by the bot, the panel, the API and
the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case as when
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from core.errors import Conflict, InvalidInput, NotFound
from core.events import Event
from core.models import (
    ACTIVE_STATUSES,
    LEVEL_ORDER,
    AuditEntry,
    Case,
    CaseStatus,
    ChannelIdentity,
    Client,
    Direction,
    Message,
    Role,
    Staff,
    SupportLevel,
)
from core.notices import Notice, notice, tell, words
from core.services.audit import record_audit
from core.services.clients import identity_for
from core.services.duty import on_duty, responders
from core.services.lookup import get_or_404
from core.services.signals import seal, unseal
from core.uow import UnitOfWork

TOPICS = ("pregnancy", "newborn", "family", "money", "disability", "other")
MAX_STAFF_TEXT = 4000
MAX_OUTCOME = 1000
MAX_CLOSE_REASON = 500
BOT_KIND = "bot"
URGENT_LEVELS = (SupportLevel.emergency, SupportLevel.crisis)


@dataclass(frozen=True)
class Routing:
    case: Case
    on_duty: list[Staff]


async def current_case(uow: UnitOfWork, client_id: int) -> Case | None:
    return await uow.session.scalar(
        select(Case)
        .where(Case.client_id == client_id, Case.status == CaseStatus.open)
        .order_by(Case.id.desc())
        .limit(1)
    )


async def open_case(
    uow: UnitOfWork,
    client: Client,
    *,
    channel: str,
    topic: str,
    level: SupportLevel = SupportLevel.basic,
) -> Routing:
    """Opens a case for the person, or returns her open one; routes it to whoever is on duty."""
    if topic not in TOPICS:
        raise InvalidInput("case-topic-unknown", topic=topic)
    now = uow.clock.now()
    duty = await on_duty(uow, now)
    existing = await current_case(uow, client.id)
    if existing is not None:
        return Routing(existing, duty)
    case = Case(
        client_id=client.id,
        channel=channel,
        topic=topic,
        level=level,
        level_rank=LEVEL_ORDER[level],
        status=CaseStatus.open,
        routed_to_id=duty[0].id if duty else None,
        opened_at=now,
        waiting_since=now,
    )
    uow.session.add(case)
    await uow.session.flush()
    record_audit(uow, "case.open", staff_id=None, case_id=case.id, topic=topic, level=level)
    audience = (duty[0].id,) if duty else tuple(s.id for s in await responders(uow))
    uow.emit(
        Event(
            "case.opened",
            {"case_id": case.id, "pseudonym": client.pseudonym, "topic": topic, "level": level},
            audience=audience,
        )
    )
    return Routing(case, duty)


def _add_message(
    uow: UnitOfWork,
    case: Case,
    direction: Direction,
    text: str,
    *,
    kind: str = "text",
    attachment: str | None = None,
    author_id: int | None = None,
    delivery: str | None = None,
) -> Message:
    message = Message(
        case_id=case.id,
        direction=direction,
        kind=kind,
        body_enc=uow.vault.encrypt(text),
        attachment_enc=uow.vault.encrypt(attachment) if attachment else None,
        author_id=author_id,
        created_at=uow.clock.now(),
        delivery=delivery,
    )
    uow.session.add(message)
    return message


async def add_client_message(
    uow: UnitOfWork,
    case: Case,
    *,
    text: str,
    kind: str = "text",
    attachment: str | None = None,
    signals: list[dict[str, Any]] | None = None,
) -> Message:
    """What the person wrote, stored on her case before anything answers her."""
    message = _add_message(uow, case, Direction.incoming, text, kind=kind, attachment=attachment)
    message.signals = seal(uow.vault, signals) if signals else None
    await uow.session.flush()
    case.last_message_id = message.id
    if case.waiting_since is None:
        case.waiting_since = message.created_at
    audience = (
        (case.assignee_id,)
        if case.assignee_id
        else ((case.routed_to_id,) if case.routed_to_id else ())
    )
    uow.emit(Event("case.message", {"case_id": case.id, "direction": "in"}, audience=audience))
    return message


async def add_system_message(uow: UnitOfWork, case: Case, text: str) -> Message:
    message = _add_message(uow, case, Direction.system, text)
    await uow.session.flush()
    return message


async def add_bot_message(uow: UnitOfWork, case: Case, text: str) -> Message:
    """What the bot itself told her on this case (the numbers, the safety steps, the word
    while she waits): a system line of the kind ``bot``, so the staff read what she read,
    and "out" stays the staff's own replies."""
    message = _add_message(uow, case, Direction.system, text, kind=BOT_KIND)
    await uow.session.flush()
    return message


async def note_on_case(uow: UnitOfWork, case: Case, said: Notice) -> Message:
    """A system line on the case thread, in the centre's language."""
    return await add_system_message(uow, case, words(uow, said))


async def case_by_id(uow: UnitOfWork, case_id: int) -> Case:
    return await get_or_404(uow, Case, case_id, "case-not-found")


async def _open_case_for_staff(uow: UnitOfWork, case_id: int) -> Case:
    case = await case_by_id(uow, case_id)
    if case.status != CaseStatus.open:
        raise Conflict("case-closed")
    return case


def _check_text(text: str, limit: int, code: str) -> str:
    text = text.strip()
    if not text:
        raise InvalidInput(f"{code}-empty")
    if len(text) > limit:
        raise InvalidInput(f"{code}-too-long", limit=limit)
    return text


async def accept_case(
    uow: UnitOfWork,
    *,
    staff_id: int,
    case_id: int,
    announce: bool = True,
    take_over: bool = False,
) -> Case:
    """The staff member takes the case; the first time, she hears that a person is with her
    now (unless ``announce`` is off: a reply that takes the case says so itself). A case a
    colleague has taken is taken over only on purpose (``take_over``, or by a coordinator):
    audited, and the colleague is told."""
    case = await _open_case_for_staff(uow, case_id)
    if case.assignee_id == staff_id:
        return case
    staff = await uow.session.get_one(Staff, staff_id)
    previous = case.assignee_id
    if previous is not None and staff.role == Role.specialist and not take_over:
        raise Conflict("case-taken")
    case.assignee_id = staff_id
    case.accepted_at = case.accepted_at or uow.clock.now()
    if previous is None:
        said = notice("case.accepted", name=staff.display_name)
    else:
        colleague = await uow.session.get_one(Staff, previous)
        said = notice("case.taken-over", name=staff.display_name, previous=colleague.display_name)
    await note_on_case(uow, case, said)
    action = "case.accept" if previous is None else "case.take-over"
    record_audit(uow, action, staff_id=staff_id, case_id=case.id, previous=previous)
    uow.emit(Event("case.accepted", {"case_id": case.id, "assignee": staff.display_name}))
    if previous is not None:
        uow.emit(
            Event(
                "case.taken-over",
                {"case_id": case.id, "by": staff.display_name},
                audience=(previous,),
            )
        )
    if previous is None and announce:
        await _tell_joined(uow, case, staff)
    return case


MAX_TRANSFER_NOTE = 1000


async def transfer_case(
    uow: UnitOfWork, *, staff_id: int, case_id: int, to_staff_id: int, note: str = ""
) -> Case:
    """Hands the case to a named colleague: by the one who has it, or by a coordinator. The
    colleague is alerted, the hand-over (with the note, encrypted) is on the case, the person
    hears who is with her now, and the audit row names both."""
    note = note.strip()
    if len(note) > MAX_TRANSFER_NOTE:
        raise InvalidInput("case-transfer-note-too-long", limit=MAX_TRANSFER_NOTE)
    case = await _open_case_for_staff(uow, case_id)
    by = await uow.session.get_one(Staff, staff_id)
    if by.role == Role.specialist and case.assignee_id not in (None, staff_id):
        raise Conflict("case-taken-by-colleague")
    colleague = await uow.session.get(Staff, to_staff_id)
    if colleague is None or not colleague.is_active:
        raise InvalidInput("case-transfer-unknown-colleague")
    if case.assignee_id == to_staff_id:
        raise Conflict("case-transfer-same")
    previous = case.assignee_id
    case.assignee_id = to_staff_id
    case.accepted_at = case.accepted_at or uow.clock.now()
    said = notice("case.transferred", by=by.display_name, to=colleague.display_name, note=note)
    await note_on_case(uow, case, said)
    record_audit(
        uow,
        "case.transfer",
        staff_id=staff_id,
        case_id=case.id,
        previous=previous,
        target_id=to_staff_id,
    )
    uow.emit(
        Event(
            "case.transferred",
            {"case_id": case.id, "assignee": colleague.display_name},
            audience=(to_staff_id,),
        )
    )
    await _tell_joined(uow, case, colleague)
    return case


async def _check_owner(uow: UnitOfWork, case: Case, staff_id: int) -> None:
    """On a helpline two people answering one woman at once is a harm: a case a colleague
    has taken is answered, noted or closed by her, or by a coordinator, or after taking it
    over (``accept_case(take_over=True)``)."""
    if case.assignee_id is None or case.assignee_id == staff_id:
        return
    staff = await uow.session.get_one(Staff, staff_id)
    if staff.role == Role.specialist:
        raise Conflict("case-taken-by-colleague")


async def _tell_joined(uow: UnitOfWork, case: Case, staff: Staff) -> None:
    """She hears that a person is with her now."""
    said = notice("case.specialist-joined", name=staff.display_name, role=str(staff.role))
    await tell_on_case(uow, case, said)


async def tell_on_case(uow: UnitOfWork, case: Case, said: Notice) -> bool:
    """Queues ``said`` to the person of ``case`` and writes it on the thread as the bot's;
    False when she asked to be forgotten (nobody to tell)."""
    identity = await identity_for(uow, case.client_id, case.channel)
    if identity is None:
        return False
    client = await uow.session.get_one(Client, case.client_id)
    tell(uow, identity, client.locale, said)
    await add_bot_message(uow, case, uow.dialogs.message(said, client.locale).text)
    return True


async def _send_to_person(
    uow: UnitOfWork, case: Case, client: Client, said: Notice, *, message_id: int | None
) -> ChannelIdentity:
    identity = await identity_for(uow, case.client_id, case.channel)
    if identity is None:  # she asked to be forgotten; the case stays for the figures only
        raise Conflict("case-person-gone")
    tell(uow, identity, client.locale, said, message_id=message_id)
    return identity


async def reply_to_case(uow: UnitOfWork, *, staff_id: int, case_id: int, text: str) -> Message:
    """A specialist's answer: stored on the case and queued for the person's channel."""
    text = _check_text(text, MAX_STAFF_TEXT, "reply")
    case = await case_by_id(uow, case_id)
    await _check_owner(uow, case, staff_id)
    if case.status == CaseStatus.ended:
        await _check_last_message(uow, case)
    elif case.status != CaseStatus.open:
        raise Conflict("case-closed")
    elif case.assignee_id is None:
        await accept_case(uow, staff_id=staff_id, case_id=case_id, announce=False)
    staff = await uow.session.get_one(Staff, staff_id)
    client = await uow.session.get_one(Client, case.client_id)
    message = _add_message(
        uow, case, Direction.outgoing, text, author_id=staff_id, delivery="pending"
    )
    await uow.session.flush()
    case.last_message_id = message.id
    case.waiting_since = None
    said = notice("case.reply", name=staff.display_name, role=str(staff.role), text=text)
    await _send_to_person(uow, case, client, said, message_id=message.id)
    record_audit(uow, "case.reply", staff_id=staff_id, case_id=case.id, message_id=message.id)
    uow.emit(Event("case.message", {"case_id": case.id, "direction": "out"}))
    return message


async def _check_last_message(uow: UnitOfWork, case: Case) -> None:
    """After she ended the conversation, the specialist may write her one last message."""
    if await _last_word_sent(uow, case):
        raise Conflict("case-ended-last-message-sent")


async def _last_word_sent(uow: UnitOfWork, case: Case) -> bool:
    """A staff member has written to her since she ended the conversation."""
    since = case.ended_at or case.opened_at
    sent = await uow.session.scalar(
        select(func.count(Message.id)).where(
            Message.case_id == case.id,
            Message.direction == Direction.outgoing,
            Message.author_id.is_not(None),
            Message.created_at >= since,
        )
    )
    return bool(sent)


async def add_note(uow: UnitOfWork, *, staff_id: int, case_id: int, text: str) -> Message:
    text = _check_text(text, MAX_STAFF_TEXT, "note")
    case = await case_by_id(uow, case_id)
    await _check_owner(uow, case, staff_id)
    message = _add_message(uow, case, Direction.note, text, author_id=staff_id)
    await uow.session.flush()
    record_audit(uow, "case.note", staff_id=staff_id, case_id=case.id, message_id=message.id)
    uow.emit(Event("case.message", {"case_id": case.id, "direction": "note"}))
    return message


async def close_case(
    uow: UnitOfWork, *, staff_id: int, case_id: int, outcome: str, reason: str = ""
) -> Case:
    """The specialist closes the case with its outcome; an emergency or crisis case closed
    before its deadline needs a reason (written on the case, encrypted, and audited)."""
    outcome = _check_text(outcome, MAX_OUTCOME, "outcome")
    case = await case_by_id(uow, case_id)
    if case.status not in ACTIVE_STATUSES:
        raise Conflict("case-closed")
    await _check_owner(uow, case, staff_id)
    early = _before_deadline(uow, case)
    reason = reason.strip()
    if early and not reason:
        raise InvalidInput("case-close-reason-required")
    if len(reason) > MAX_CLOSE_REASON:
        raise InvalidInput("case-close-reason-too-long", limit=MAX_CLOSE_REASON)
    client = await uow.session.get_one(Client, case.client_id)
    ended_by_her = case.status == CaseStatus.ended
    _finish(uow, case, client, outcome)
    if early:
        await note_on_case(uow, case, notice("case.closed-early", reason=reason))
    await note_on_case(uow, case, notice("case.closed-by-staff"))
    if not ended_by_her and await identity_for(uow, case.client_id, case.channel) is not None:
        await _send_to_person(uow, case, client, notice("chat.closed-by-staff"), message_id=None)
    record_audit(
        uow, "case.close", staff_id=staff_id, case_id=case.id, outcome=outcome, early=early
    )
    return case


def _before_deadline(uow: UnitOfWork, case: Case) -> bool:
    if case.level not in URGENT_LEVELS or case.deadline_at is None:
        return False
    deadline = case.deadline_at
    now = uow.clock.now()
    return now < (deadline if deadline.tzinfo else deadline.replace(tzinfo=now.tzinfo))


async def end_conversation(uow: UnitOfWork, client: Client) -> Case | None:
    """The person ends the conversation herself: the case is "ended by her" and waits for
    the specialist's last word and outcome; nothing more of it reaches her chat."""
    case = await current_case(uow, client.id)
    if case is None:
        return None
    now = uow.clock.now()
    case.status = CaseStatus.ended
    case.ended_at = now
    case.waiting_since = None
    uow.dialogs.case_closed(client)
    await note_on_case(uow, case, notice("case.ended-by-person"))
    record_audit(uow, "case.end-by-person", staff_id=None, case_id=case.id)
    uow.emit(Event("case.ended", {"case_id": case.id}))
    return case


def _finish(uow: UnitOfWork, case: Case, client: Client, outcome: str) -> None:
    case.status = CaseStatus.closed
    case.closed_at = uow.clock.now()
    case.outcome = outcome
    case.waiting_since = None
    uow.dialogs.case_closed(client)
    uow.emit(Event("case.closed", {"case_id": case.id}))


# --- read side -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseSummary:
    id: int
    pseudonym: str
    channel: str
    topic: str
    level: str
    status: str
    assignee: str | None
    assignee_id: int | None
    routed_to_id: int | None
    waiting_since: datetime | None
    opened_at: datetime
    last_message: str | None
    unreachable: str | None
    signals: list[dict[str, Any]]
    urgent_since: datetime | None
    deadline_at: datetime | None
    escalation_step: int


@dataclass(frozen=True)
class ThreadMessage:
    id: int
    direction: str
    kind: str
    text: str
    at: datetime
    author: str | None
    delivery: str | None
    has_attachment: bool
    signals: list[dict[str, Any]]

    @property
    def by(self) -> str:
        """person, staff, bot (what the bot itself told her) or system."""
        if self.direction == Direction.incoming:
            return "person"
        if self.direction == Direction.system:
            return "bot" if self.kind == BOT_KIND else "system"
        return "staff" if self.author else "bot"


@dataclass(frozen=True)
class PastCase:
    """One of her earlier cases, shown on the case she writes in now."""

    id: int
    topic: str
    level: str
    status: str
    opened_at: datetime
    closed_at: datetime | None
    outcome: str | None


@dataclass(frozen=True)
class CaseDetail:
    summary: CaseSummary
    outcome: str | None
    closed_at: datetime | None
    messages: list[ThreadMessage]
    # She ended the conversation and the specialist has not yet written the one last message.
    last_word_allowed: bool = False
    # An emergency or crisis case before its deadline: closing it asks for a reason.
    close_needs_reason: bool = False
    ended_at: datetime | None = None
    # Her earlier cases (the same pseudonym), newest first, at most ``HISTORY_LIMIT``.
    history: list[PastCase] = field(default_factory=list)


HISTORY_LIMIT = 20


async def _history(uow: UnitOfWork, case: Case) -> list[PastCase]:
    rows = await uow.session.scalars(
        select(Case)
        .where(Case.client_id == case.client_id, Case.id < case.id)
        .order_by(Case.opened_at.desc(), Case.id.desc())
        .limit(HISTORY_LIMIT)
    )
    return [
        PastCase(
            id=c.id,
            topic=c.topic,
            level=c.level,
            status=c.status,
            opened_at=c.opened_at,
            closed_at=c.closed_at,
            outcome=c.outcome,
        )
        for c in rows
    ]


async def list_cases(
    uow: UnitOfWork, *, status: str | None = "open", limit: int = 100, offset: int = 0
) -> list[CaseSummary]:
    """Most urgent first, then the longest waiting, then the oldest."""
    if status is not None and status not in CaseStatus.__members__:
        raise InvalidInput("case-status-unknown", status=status)
    assignee = aliased(Staff)
    last = aliased(Message)
    query = (
        select(Case, Client.pseudonym, assignee.display_name, last.body_enc, last.kind)
        .join(Client, Client.id == Case.client_id)
        .outerjoin(assignee, assignee.id == Case.assignee_id)
        .outerjoin(last, last.id == Case.last_message_id)
    )
    if status == CaseStatus.open:
        query = query.where(Case.status.in_(ACTIVE_STATUSES))
    elif status is not None:
        query = query.where(Case.status == status)
    query = (
        query.order_by(
            Case.level_rank,
            Case.waiting_since.is_(None),
            Case.waiting_since,
            Case.opened_at.desc() if status == "closed" else Case.opened_at,
        )
        .limit(min(max(limit, 1), 500))
        .offset(max(offset, 0))
    )
    rows = (await uow.session.execute(query)).all()
    return [
        _summary(uow, case, pseudonym, name, body, kind)
        for case, pseudonym, name, body, kind in rows
    ]


@dataclass(frozen=True)
class InboxCounts:
    open: int
    waiting: int
    urgent: int
    free: int


async def inbox_counts(uow: UnitOfWork) -> InboxCounts:
    """The inbox's figures over every open case, not only the rows shown."""
    urgent_ranks = (LEVEL_ORDER[SupportLevel.emergency], LEVEL_ORDER[SupportLevel.crisis])
    row = (
        await uow.session.execute(
            select(
                func.count(Case.id),
                func.sum(when((Case.waiting_since.is_not(None), 1), else_=0)),
                func.sum(when((Case.level_rank.in_(urgent_ranks), 1), else_=0)),
                func.sum(when((Case.assignee_id.is_(None), 1), else_=0)),
            ).where(Case.status.in_(ACTIVE_STATUSES))
        )
    ).one()
    return InboxCounts(*(int(value or 0) for value in row))


async def count_waiting(uow: UnitOfWork) -> int:
    return int(
        await uow.session.scalar(
            select(func.count(Case.id)).where(
                Case.status == CaseStatus.open, Case.waiting_since.is_not(None)
            )
        )
        or 0
    )


def _summary(
    uow: UnitOfWork,
    case: Case,
    pseudonym: str,
    assignee: str | None,
    body_enc: str | None,
    kind: str | None,
) -> CaseSummary:
    return CaseSummary(
        id=case.id,
        pseudonym=pseudonym,
        channel=case.channel,
        topic=case.topic,
        level=case.level,
        status=case.status,
        assignee=assignee,
        assignee_id=case.assignee_id,
        routed_to_id=case.routed_to_id,
        waiting_since=case.waiting_since,
        opened_at=case.opened_at,
        last_message=uow.vault.decrypt(body_enc) if body_enc else None,
        unreachable=case.unreachable_reason,
        signals=unseal(uow.vault, case.signals),
        urgent_since=case.urgent_since,
        deadline_at=case.deadline_at,
        escalation_step=case.escalation_step,
    )


VIEW_AUDIT_GAP = timedelta(minutes=10)


async def _record_view(uow: UnitOfWork, staff_id: int | None, case_id: int) -> None:
    """One "viewed" row per person and case every ten minutes: the open page refreshes its
    thread on every new message, and each refresh is not a new look."""
    if staff_id is None:
        return
    recent = await uow.session.scalar(
        select(AuditEntry.id)
        .where(
            AuditEntry.case_id == case_id,
            AuditEntry.staff_id == staff_id,
            AuditEntry.action == "case.view",
            AuditEntry.at > uow.clock.now() - VIEW_AUDIT_GAP,
        )
        .limit(1)
    )
    if recent is None:
        record_audit(uow, "case.view", staff_id=staff_id, case_id=case_id)


async def get_case(uow: UnitOfWork, *, case_id: int, staff_id: int | None) -> CaseDetail:
    case = await case_by_id(uow, case_id)
    client = await uow.session.get_one(Client, case.client_id)
    assignee = await uow.session.get(Staff, case.assignee_id) if case.assignee_id else None
    rows = (
        await uow.session.execute(
            select(Message, Staff.display_name)
            .outerjoin(Staff, Staff.id == Message.author_id)
            .where(Message.case_id == case_id)
            .order_by(Message.created_at, Message.id)
        )
    ).all()
    messages = [
        ThreadMessage(
            id=m.id,
            direction=m.direction,
            kind=m.kind,
            text=uow.vault.decrypt(m.body_enc),
            at=m.created_at,
            author=name,
            delivery=m.delivery,
            has_attachment=m.attachment_enc is not None,
            signals=unseal(uow.vault, m.signals),
        )
        for m, name in rows
    ]
    last = next((m for m in reversed(messages) if m.id == case.last_message_id), None)
    summary = _summary(
        uow, case, client.pseudonym, assignee.display_name if assignee else None, None, None
    )
    if last is not None:
        summary = CaseSummary(**{**summary.__dict__, "last_message": last.text})
    await _record_view(uow, staff_id, case.id)
    last_word = case.status == CaseStatus.ended and not await _last_word_sent(uow, case)
    return CaseDetail(
        summary=summary,
        outcome=case.outcome,
        closed_at=case.closed_at,
        messages=messages,
        last_word_allowed=last_word,
        close_needs_reason=case.status != CaseStatus.closed and _before_deadline(uow, case),
        ended_at=case.ended_at,
        history=await _history(uow, case),
    )


async def attachment_of(
    uow: UnitOfWork, *, message_id: int, staff_id: int, case_id: int | None = None
) -> tuple[str, str, str]:
    """(channel, kind, channel file reference) of a message's attachment, for the panel to
    fetch. Given ``case_id`` (the case in the panel's address), the file must belong to that
    case: another case's file is "not found", as a missing one is."""
    message = await uow.session.get(Message, message_id)
    if message is None or message.attachment_enc is None:
        raise NotFound("attachment-not-found")
    if case_id is not None and message.case_id != case_id:
        raise NotFound("attachment-not-found")
    case = await uow.session.get_one(Case, message.case_id)
    record_audit(uow, "case.attachment", staff_id=staff_id, case_id=case.id, message_id=message_id)
    return case.channel, message.kind, uow.vault.decrypt(message.attachment_enc)
