"""Canned replies: ready answers (the documents for a benefit, the centre's address and hours,
the helplines) a specialist picks in a case's composer and edits before sending.

Anyone on the staff reads them; coordinators and administrators add, change and remove them
(``require_manager``), each change audited.
"""

from __future__ import annotations

from sqlalchemy import select

from core.errors import InvalidInput
from core.models import CannedReply
from core.services.audit import record_audit
from core.services.lookup import get_or_404
from core.services.staff import active_staff, require_manager
from core.uow import UnitOfWork

MAX_TITLE = 120
MAX_TEXT = 4000
MANAGE_REFUSAL = "replies-manage-forbidden"
NOT_FOUND = "reply-not-found"


def _checked(title: str, text: str) -> tuple[str, str]:
    title, text = title.strip(), text.strip()
    if not title:
        raise InvalidInput("reply-title-empty")
    if len(title) > MAX_TITLE:
        raise InvalidInput("reply-title-too-long", max=MAX_TITLE)
    if not text:
        raise InvalidInput("reply-text-empty")
    if len(text) > MAX_TEXT:
        raise InvalidInput("reply-text-too-long", max=MAX_TEXT)
    return title, text


async def list_replies(uow: UnitOfWork, *, staff_id: int) -> list[CannedReply]:
    """Every canned reply, by title; anyone active on the staff reads them."""
    await active_staff(uow, staff_id)
    rows = await uow.session.scalars(
        select(CannedReply).order_by(CannedReply.title, CannedReply.id)
    )
    return list(rows)


async def create_reply(uow: UnitOfWork, *, staff_id: int, title: str, text: str) -> CannedReply:
    await require_manager(uow, staff_id, MANAGE_REFUSAL)
    title, text = _checked(title, text)
    now = uow.clock.now()
    reply = CannedReply(title=title, text=text, created_by=staff_id, created_at=now, updated_at=now)
    uow.session.add(reply)
    await uow.session.flush()
    record_audit(uow, "replies.create", staff_id=staff_id, reply_id=reply.id)
    return reply


async def update_reply(
    uow: UnitOfWork,
    *,
    staff_id: int,
    reply_id: int,
    title: str | None = None,
    text: str | None = None,
) -> CannedReply:
    """Changes the title, the text or both (None keeps the one there)."""
    await require_manager(uow, staff_id, MANAGE_REFUSAL)
    reply = await get_or_404(uow, CannedReply, reply_id, NOT_FOUND)
    reply.title, reply.text = _checked(
        reply.title if title is None else title, reply.text if text is None else text
    )
    reply.updated_at = uow.clock.now()
    await uow.session.flush()
    record_audit(uow, "replies.update", staff_id=staff_id, reply_id=reply.id)
    return reply


async def delete_reply(uow: UnitOfWork, *, staff_id: int, reply_id: int) -> None:
    await require_manager(uow, staff_id, MANAGE_REFUSAL)
    reply = await get_or_404(uow, CannedReply, reply_id, NOT_FOUND)
    await uow.session.delete(reply)
    await uow.session.flush()
    record_audit(uow, "replies.delete", staff_id=staff_id, reply_id=reply_id)


async def replies_to_manage(uow: UnitOfWork, *, staff_id: int) -> list[CannedReply]:
    """The list on the page where they are edited: coordinators and administrators only."""
    await require_manager(uow, staff_id, MANAGE_REFUSAL)
    return await list_replies(uow, staff_id=staff_id)
