"""The durable outbox: every message to a person is a row first, sent by the delivery worker."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from core.messages import Outgoing
from core.models import (
    Case,
    CaseStatus,
    ChannelIdentity,
    Client,
    Message,
    OutboxMessage,
    OutboxStatus,
    Staff,
)
from core.uow import UnitOfWork

LIVE = 0
BULK = 10
# A row being sent is leased: if the worker dies mid-send, the row is due again after this.
LEASE = timedelta(seconds=60)


def _queue(
    uow: UnitOfWork, message: Outgoing, *, channel: str, priority: int, **recipient: object
) -> OutboxMessage:
    now = uow.clock.now()
    row = OutboxMessage(
        channel=channel,
        payload_enc=uow.vault.encrypt(json.dumps(message.to_dict(), ensure_ascii=False)),
        priority=priority,
        status=OutboxStatus.pending,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
        **recipient,
    )
    uow.session.add(row)
    uow.outbox_touched = True
    return row


def enqueue(
    uow: UnitOfWork,
    identity: ChannelIdentity,
    message: Outgoing,
    *,
    message_id: int | None = None,
    priority: int = LIVE,
) -> OutboxMessage:
    return _queue(
        uow,
        message,
        channel=identity.channel,
        priority=priority,
        client_id=identity.client_id,
        identity_id=identity.id,
        message_id=message_id,
    )


@dataclass(frozen=True)
class Delivery:
    outbox_id: int
    channel: str
    address: str
    message: Outgoing
    attempts: int


async def claim_due(uow: UnitOfWork, channels: list[str], limit: int = 50) -> list[Delivery]:
    """Leases due rows for sending (live before bulk, oldest first)."""
    now = uow.clock.now()
    query = (
        select(OutboxMessage, ChannelIdentity.address_enc)
        .outerjoin(ChannelIdentity, ChannelIdentity.id == OutboxMessage.identity_id)
        .where(
            OutboxMessage.status == OutboxStatus.pending,
            OutboxMessage.next_attempt_at <= now,
            OutboxMessage.channel.in_(channels),
        )
        .order_by(OutboxMessage.priority, OutboxMessage.id)
        .limit(limit)
    )
    if not uow.settings.is_sqlite:
        query = query.with_for_update(skip_locked=True, of=OutboxMessage)
    rows = (await uow.session.execute(query)).all()
    deliveries = []
    for row, identity_address in rows:
        address_enc = row.address_enc or identity_address
        if address_enc is None:  # the person was forgotten after this was queued
            row.status = OutboxStatus.failed
            row.last_error = "recipient gone"
            continue
        row.next_attempt_at = now + LEASE
        row.attempts += 1
        deliveries.append(
            Delivery(
                outbox_id=row.id,
                channel=row.channel,
                address=uow.vault.decrypt(address_enc),
                message=Outgoing.from_dict(json.loads(uow.vault.decrypt(row.payload_enc))),
                attempts=row.attempts,
            )
        )
    return deliveries


def enqueue_to_staff(
    uow: UnitOfWork, staff: Staff, message: Outgoing, *, priority: int = LIVE
) -> OutboxMessage | None:
    """A notification to a staff member's linked messenger (escalations)."""
    if not staff.notify_channel or not staff.notify_address_enc:
        return None
    return _queue(
        uow,
        message,
        channel=staff.notify_channel,
        priority=priority,
        staff_id=staff.id,
        address_enc=staff.notify_address_enc,
    )


def enqueue_farewell(
    uow: UnitOfWork, channel: str, address_enc: str, message: Outgoing
) -> OutboxMessage:
    """The last message to someone who asked to be forgotten: addressed directly, linked to
    no person, since her identity is deleted in the same transaction."""
    return _queue(uow, message, channel=channel, priority=LIVE, address_enc=address_enc)


async def next_due_at(uow: UnitOfWork, channels: list[str]) -> datetime | None:
    return await uow.session.scalar(
        select(OutboxMessage.next_attempt_at)
        .where(OutboxMessage.status == OutboxStatus.pending, OutboxMessage.channel.in_(channels))
        .order_by(OutboxMessage.next_attempt_at)
        .limit(1)
    )


async def mark_sent(uow: UnitOfWork, outbox_id: int) -> None:
    """Statements, not loaded rows: "delete my data" may remove the row and her record while
    the message is on its way, and then there is simply nothing left to mark."""
    found = (
        await uow.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == outbox_id)
            .values(status=OutboxStatus.sent, sent_at=uow.clock.now(), last_error=None)
            .returning(OutboxMessage.message_id, OutboxMessage.client_id)
            .execution_options(synchronize_session=False)
        )
    ).first()
    if found is None:
        return
    message_id, client_id = found
    if message_id is not None:
        await uow.session.execute(
            update(Message).where(Message.id == message_id).values(delivery="sent")
        )
        await _emit_delivery(uow, message_id, "sent")
    if client_id is not None:
        await uow.session.execute(
            update(Client)
            .where(Client.id == client_id)
            .values(unreachable_reason=None)
            .execution_options(synchronize_session=False)
        )


async def mark_retry(uow: UnitOfWork, outbox_id: int, error: str, delay_s: float) -> None:
    """A transient failure: try again later. After ``delivery_give_up_after_s`` of trying the
    message is marked failed on its case; the person is not marked unreachable, since the
    fault may have been the network or the message, not her."""
    row = await uow.session.get(OutboxMessage, outbox_id)
    if row is None:  # forgotten meanwhile: nothing left to retry
        return
    row.last_error = error[:500]
    now = uow.clock.now()
    if now - row.created_at > timedelta(seconds=uow.settings.delivery_give_up_after_s):
        row.status = OutboxStatus.failed
        if row.message_id is not None:
            await uow.session.execute(
                update(Message).where(Message.id == row.message_id).values(delivery="failed")
            )
            await _emit_delivery(uow, row.message_id, "failed")
        return
    row.next_attempt_at = now + timedelta(seconds=delay_s)


def backoff_delay(attempts: int, base: float, ceiling: float, retry_after: float | None) -> float:
    if retry_after is not None:
        return max(float(retry_after), 0.0)
    return float(min(ceiling, base * (2.0 ** max(attempts - 1, 0))))


async def mark_undeliverable(uow: UnitOfWork, outbox_id: int, reason: str) -> None:
    """The person cannot be reached: stop trying and say so on her open cases."""
    row = await uow.session.get(OutboxMessage, outbox_id)
    if row is None:
        return
    row.status = OutboxStatus.failed
    row.last_error = reason[:500]
    client = await uow.session.get(Client, row.client_id) if row.client_id else None
    if client is None:
        return
    client.unreachable_reason = reason[:200]
    if row.message_id is not None:
        await uow.session.execute(
            update(Message).where(Message.id == row.message_id).values(delivery="failed")
        )
        await _emit_delivery(uow, row.message_id, "failed")
    open_cases = await uow.session.scalars(
        select(Case).where(Case.client_id == row.client_id, Case.status == CaseStatus.open)
    )
    for case in open_cases:
        case.unreachable_reason = reason[:200]


async def _emit_delivery(uow: UnitOfWork, message_id: int, status: str) -> None:
    from core.events import Event

    case_id = await uow.session.scalar(select(Message.case_id).where(Message.id == message_id))
    if case_id is not None:
        uow.emit(
            Event(
                "message.delivery", {"case_id": case_id, "message_id": message_id, "status": status}
            )
        )
