"""The audit journal in the JSON API: ``GET /api/v1/audit``, coordinators and admins only.

Newest first; ``next_before_id`` asks for the next (older) page. The details of a row hold
only the keys its action may show: never a channel user id, a phone, a name or a text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from admin.api import error_responses
from admin.bounds import WINDOW, Day, Limit, OptionalId
from admin.deps import ApiCaller, SettingsDep, Uow
from core.services.audit_journal import day_bounds, list_audit
from core.services.urgency import triage_corrections

Group = Literal["cases", "privacy", "rental", "course", "logins", "duty", "system", "replies"]


# Read from the attributes of a ``core.services.audit_journal.AuditRow`` (``model_validate``).
class AuditEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    actor: str | None = Field(
        description="the staff member's name; null for the system or the person"
    )
    actor_kind: str = Field(
        description="staff, system, person (herself) or unknown (a failed login)"
    )
    action: str = Field(examples=["rental.contacts.view"])
    case_id: int | None
    details: dict[str, Any] = Field(description="only the keys this action may show")


class LevelChangeOut(BaseModel):
    previous: str
    level: str
    count: int


class TriageCorrectionsOut(BaseModel):
    raised: int = Field(description="levels a specialist raised: alarms triage missed")
    lowered: int = Field(description="levels a specialist lowered: false alarms")
    alarms: int = Field(description="cases triage itself raised in the period")
    changes: list[LevelChangeOut]


class AuditPageOut(BaseModel):
    items: list[AuditEntryOut]
    next_before_id: int | None = Field(description="pass as before_id for the older page")


router = APIRouter(prefix="/api/v1", tags=["audit"])


@router.get(
    "/audit",
    response_model=AuditPageOut,
    summary="The audit journal, newest first (coordinator, admin; the read is audited).",
    responses=error_responses(401, 403, 422),
)
async def audit(
    caller: ApiCaller,
    settings: SettingsDep,
    uow: Uow,
    actor_id: OptionalId = None,
    group: Annotated[Group | None, Query(description="a group of actions")] = None,
    action: Annotated[
        str | None,
        Query(max_length=64, description='an action ("auth.login") or a prefix ("rental.")'),
    ] = None,
    case_id: OptionalId = None,
    date_from: Annotated[
        Day | None, Query(description=f"a local day of the centre, {WINDOW}")
    ] = None,
    date_to: Annotated[Day | None, Query(description=f"included, {WINDOW}")] = None,
    before_id: OptionalId = None,
    limit: Limit = 100,
) -> AuditPageOut:
    since, until = day_bounds(settings.timezone, date_from, date_to)
    page = await list_audit(
        uow,
        staff_id_viewer=caller.id,
        actor_id=actor_id,
        group=group,
        action_prefix=action,
        case_id=case_id,
        since=since,
        until=until,
        before_id=before_id,
        limit=limit,
    )
    await uow.commit()  # the read is audited
    return AuditPageOut(
        items=[AuditEntryOut.model_validate(r) for r in page.rows],
        next_before_id=page.next_before_id,
    )


@router.get(
    "/triage/corrections",
    response_model=TriageCorrectionsOut,
    tags=["cases"],
    summary="How often specialists corrected the level triage gave, and which way "
    "(coordinator, admin). Without dates: the last 91 days.",
    responses=error_responses(401, 403, 422),
)
async def corrections(
    caller: ApiCaller,
    settings: SettingsDep,
    uow: Uow,
    date_from: Annotated[
        Day | None, Query(description=f"a local day of the centre, {WINDOW}")
    ] = None,
    date_to: Annotated[Day | None, Query(description=f"included, {WINDOW}")] = None,
) -> TriageCorrectionsOut:
    since, until = day_bounds(settings.timezone, date_from, date_to)
    counted = await triage_corrections(uow, staff_id=caller.id, since=since, until=until)
    return TriageCorrectionsOut(
        raised=counted.raised,
        lowered=counted.lowered,
        alarms=counted.urgent_cases,
        changes=[
            LevelChangeOut(previous=a, level=b, count=n)
            for (a, b), n in sorted(counted.by_levels.items())
        ],
    )
