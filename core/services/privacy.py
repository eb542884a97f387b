"""“Forget me”: a person's personal data and messages are deleted at her request; what stays
is anonymous (a case's topic, level and dates, for the centre's figures).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import delete, exists, select, update

from core.db import rows_changed
from core.errors import InvalidInput
from core.events import Event
from core.models import (
    Case,
    CaseStatus,
    ChannelIdentity,
    Client,
    Message,
    OutboxMessage,
    OutboxStatus,
    Reminder,
)
from core.notices import notice, words
from core.services import courses, rental, uploads
from core.services.audit import record_audit
from core.services.cases import case_by_id
from core.services.staff import require_manager
from core.uow import UnitOfWork


async def _web_files_of(uow: UnitOfWork, case_ids: list[int]) -> list[str]:
    """The references of the files sent through the web chat that these cases' messages
    name (``web:<name>``; other channels keep their files themselves)."""
    if not case_ids:
        return []
    stored = await uow.session.scalars(
        select(Message.attachment_enc).where(
            Message.case_id.in_(case_ids), Message.attachment_enc.is_not(None)
        )
    )
    references = []
    for token in stored:
        if not token:
            continue
        try:
            references.append(uow.vault.decrypt(token))
        except ValueError:  # a key no longer configured: nothing to find, the row still goes
            continue
    return [r for r in references if uploads.is_upload(r)]


async def _files_she_sent(uow: UnitOfWork, client_id: int) -> list[str]:
    """Every file she sent through the web chat, named by a message or not (sent before she
    chose a topic and then left behind): her web chat id tells her files on the disk."""
    identities = await uow.session.scalars(
        select(ChannelIdentity.address_enc).where(
            ChannelIdentity.client_id == client_id, ChannelIdentity.channel == uploads.CHANNEL
        )
    )
    references: list[str] = []
    for token in identities:
        try:
            owner = uow.vault.decrypt(token)  # the web chat answers her where she writes from
        except ValueError:
            continue
        references.extend(uploads.uploads_of(uow.settings, uow.vault, owner))
    return references


async def forget_client(
    uow: UnitOfWork, *, client_id: int, staff_id: int | None = None, reason: str = ""
) -> None:
    """Deletes her channel identities, her messages (and the files she sent in the web chat),
    what she gave the rental point and the course, her pending messages and reminders; closes
    her open cases. Her next message starts as a new person under a new pseudonym. ``staff_id`` is set when a coordinator
    does it for her (she asked by phone or in person)."""
    client = await uow.session.get_one(Client, client_id)
    await rental.withdraw_rental_consent(uow, client_id=client_id)
    await courses.withdraw(uow, client_id=client_id)
    now = uow.clock.now()
    case_ids = list(await uow.session.scalars(select(Case.id).where(Case.client_id == client_id)))
    # The files she sent in the web chat go from the disk once this transaction commits.
    files = sorted({*await _web_files_of(uow, case_ids), *await _files_she_sent(uow, client_id)})
    uploads.delete_uploads_after_commit(uow, files)
    if case_ids:
        await uow.session.execute(
            update(Case)
            .where(Case.id.in_(case_ids))
            .values(last_message_id=None, signals=[], unreachable_reason=None)
        )
        await uow.session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.message_id.in_(
                    select(Message.id).where(Message.case_id.in_(case_ids))
                )
            )
            .values(message_id=None)
        )
        await uow.session.execute(delete(Message).where(Message.case_id.in_(case_ids)))
        open_cases = await uow.session.scalars(
            select(Case).where(Case.id.in_(case_ids), Case.status == CaseStatus.open)
        )
        for case in open_cases:
            case.status = CaseStatus.closed
            case.closed_at = now
            case.outcome = words(uow, notice("case.outcome-forgotten"))
            case.waiting_since = None
            uow.emit(Event("case.closed", {"case_id": case.id}))
    # Sent or not, an outbox row holds the text of a message to her.
    await uow.session.execute(delete(OutboxMessage).where(OutboxMessage.client_id == client_id))
    await uow.session.execute(delete(Reminder).where(Reminder.client_id == client_id))
    await uow.session.execute(delete(ChannelIdentity).where(ChannelIdentity.client_id == client_id))
    uow.dialogs.start_over(client)
    client.unreachable_reason = None
    details: dict[str, Any] = {"cases": len(case_ids)}
    if files:
        details["files"] = len(files)
    if reason:
        details["reason"] = reason
    record_audit(uow, "client.forget", staff_id=staff_id, **details)


async def forget_person_of_case(
    uow: UnitOfWork, *, staff_id: int, case_id: int, reason: str
) -> None:
    """A coordinator deletes the data of the person behind a case at her request. Nothing is
    sent to her: whoever holds her phone should not learn of it from us; the coordinator
    tells her in the way she asked."""
    await require_manager(uow, staff_id, "forget-forbidden")
    reason = reason.strip()
    if not reason:
        raise InvalidInput("forget-reason-needed")
    case = await case_by_id(uow, case_id)
    await forget_client(uow, client_id=case.client_id, staff_id=staff_id, reason=reason[:500])
    record_audit(uow, "case.forget", staff_id=staff_id, case_id=case_id)


PRUNE_BATCH = 200  # closed cases a run; a backlog is worked off over the next runs


async def prune_closed_conversations(uow: UnitOfWork, *, batch: int = PRUNE_BATCH) -> int:
    """Scheduler job: the texts of conversations closed longer ago than the retention
    (AIST_CLOSED_CASE_RETENTION_DAYS; 0 keeps them) are deleted, and the copies of sent
    messages the outbox still holds after the inbound retention. The case rows stay, without
    texts, for the centre's counts; the files the messages name that were sent through the
    web chat are deleted from the disk after the commit. Returns how many messages were
    deleted."""
    # Runs every scheduler tick: it looks first (a read never holds up the bot's writes) and
    # writes only when there is something to delete, a bounded batch at a time.
    now = uow.clock.now()
    sent_cutoff = now - timedelta(days=uow.settings.inbound_retention_days)
    old_copies = list(
        await uow.session.scalars(
            select(OutboxMessage.id)
            .where(
                OutboxMessage.status.in_((OutboxStatus.sent, OutboxStatus.failed)),
                OutboxMessage.created_at < sent_cutoff,
            )
            .limit(batch * 5)
        )
    )
    if old_copies:
        await uow.session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(old_copies)))
    days = uow.settings.closed_case_retention_days
    if days <= 0:
        return 0
    expired = list(
        await uow.session.scalars(
            select(Case.id)
            .where(
                Case.status == CaseStatus.closed,
                Case.closed_at < now - timedelta(days=days),
                exists().where(Message.case_id == Case.id),
            )
            .limit(batch)
        )
    )
    if not expired:
        return 0
    uploads.delete_uploads_after_commit(uow, await _web_files_of(uow, expired))
    await uow.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.message_id.in_(select(Message.id).where(Message.case_id.in_(expired))))
        .values(message_id=None)
    )
    result = await uow.session.execute(delete(Message).where(Message.case_id.in_(expired)))
    deleted = rows_changed(result)
    await uow.session.execute(
        update(Case).where(Case.id.in_(expired)).values(last_message_id=None, signals=[])
    )
    record_audit(uow, "retention.prune", staff_id=None, cases=len(expired), messages=deleted)
    return deleted
