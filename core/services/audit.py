"""The audit log: every staff action on a case, written in the same transaction as the action."""

from __future__ import annotations

from typing import Any

from core.models import AuditEntry
from core.uow import UnitOfWork


def record_audit(
    uow: UnitOfWork,
    action: str,
    *,
    staff_id: int | None,
    case_id: int | None = None,
    **details: Any,
) -> None:
    uow.session.add(
        AuditEntry(
            at=uow.clock.now(), staff_id=staff_id, action=action, case_id=case_id, details=details
        )
    )
