"""“Forget me”: a person's personal data and messages are deleted at her request; what stays
is anonymous (a case's topic, level and dates, for the centre's figures).
"""

from __future__ import annotations

from sqlalchemy import delete, select, update

from core.events import Event
from core.models import (
    Case,
    CaseStatus,
    ChannelIdentity,
    Client,
    Message,
    OutboxMessage,
    Reminder,
)
from core.services import courses, rental
from core.services.audit import record_audit
from core.uow import UnitOfWork


async def forget_client(uow: UnitOfWork, *, client_id: int) -> None:
    """Deletes her channel identities, her messages, what she gave the rental point and the
    course, her pending messages and reminders; closes her open cases. Her next message
    starts as a new person under a new pseudonym."""
    client = await uow.session.get_one(Client, client_id)
    await rental.withdraw_rental_consent(uow, client_id=client_id)
    await courses.withdraw(uow, client_id=client_id)
    now = uow.clock.now()
    case_ids = list(await uow.session.scalars(select(Case.id).where(Case.client_id == client_id)))
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
            case.outcome = uow.i18n(uow.settings.default_locale, "case-outcome-forgotten")
            case.waiting_since = None
            uow.emit(Event("case.closed", {"case_id": case.id}))
    # Sent or not, an outbox row holds the text of a message to her.
    await uow.session.execute(delete(OutboxMessage).where(OutboxMessage.client_id == client_id))
    await uow.session.execute(delete(Reminder).where(Reminder.client_id == client_id))
    await uow.session.execute(delete(ChannelIdentity).where(ChannelIdentity.client_id == client_id))
    client.dialog_state = "menu"
    client.dialog_data = {}
    client.unreachable_reason = None
    record_audit(uow, "client.forget", staff_id=None, cases=len(case_ids))
