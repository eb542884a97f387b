"""The audit journal in the panel (``GET /audit``): who did what and when, newest first, a
page at a time, filtered by who, what, case and local dates. Coordinators and admins only:
the core refuses anyone else, and the look is itself audited there.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from admin.bounds import MAX_ID, form_day
from admin.common import text
from admin.deps import CoreDep, PageCaller, Uow
from admin.pages import render
from core.bootstrap import Core
from core.clock import as_utc
from core.errors import InvalidInput
from core.services.audit_journal import GROUPS, AuditRow, day_bounds, list_audit
from core.services.staff import list_staff
from core.services.urgency import triage_corrections

PAGE_ROWS = 100
FILTERS = ("who", "what", "case", "from", "to")


def action_key(action: str) -> str:
    return "panel-audit-action-" + action.replace(".", "-").replace("_", "-")


def _number(value: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not value.isdigit() or not 1 <= int(value) <= MAX_ID:
        raise InvalidInput("audit-bad-filter")
    return int(value)


def _day(value: str) -> date | None:
    return form_day(value, "audit-bad-filter")


def _value_words(core: Core, key: str, value: Any) -> str:
    if isinstance(value, bool):
        return text(core, "panel-audit-yes" if value else "panel-audit-no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if key in ("topic", "level") and core.i18n.has(f"{key}-{value}"):
        return text(core, f"{key}-{value}")
    if key == "previous" and core.i18n.has(f"level-{value}"):
        return text(core, f"level-{value}")
    if key == "direction" and core.i18n.has(f"panel-audit-direction-{value}"):
        return text(core, f"panel-audit-direction-{value}")
    if key == "via" and core.i18n.has(f"panel-audit-via-{value}"):
        return text(core, f"panel-audit-via-{value}")
    if key in ("starts_at", "ends_at") and isinstance(value, str):
        zone = ZoneInfo(core.settings.timezone)
        return as_utc(datetime.fromisoformat(value)).astimezone(zone).strftime("%d.%m.%Y %H:%M")
    return str(value)


def row_view(core: Core, row: AuditRow) -> dict[str, Any]:
    """A row in words: who, what, the safe details as (label, value) pairs."""
    key = action_key(row.action)
    return {
        "id": row.id,
        "at": row.at,
        "who": row.actor or text(core, f"panel-audit-actor-{row.actor_kind}"),
        "by_staff": row.actor_kind == "staff",
        "what": text(core, key) if core.i18n.has(key) else row.action,
        "case_id": row.case_id,
        "details": [
            (text(core, f"panel-audit-detail-{k}"), _value_words(core, k, v))
            for k, v in row.details.items()
        ],
    }


router = APIRouter(include_in_schema=False)


@router.get("/audit", response_class=HTMLResponse)
async def journal(request: Request, caller: PageCaller, core: CoreDep, uow: Uow) -> Response:
    query = request.query_params
    chosen = {name: query.get(name, "").strip()[:40] for name in FILTERS}
    group = chosen["what"] or None
    if group is not None and group not in GROUPS:
        raise InvalidInput("audit-bad-group")
    since, until = day_bounds(core.settings.timezone, _day(chosen["from"]), _day(chosen["to"]))
    page = await list_audit(
        uow,
        staff_id_viewer=caller.id,
        actor_id=_number(chosen["who"]),
        group=group,
        case_id=_number(chosen["case"]),
        since=since,
        until=until,
        before_id=_number(query.get("before", "")),
        limit=PAGE_ROWS,
    )
    staff = await list_staff(uow)
    corrections = await triage_corrections(uow, staff_id=caller.id, since=since, until=until)
    await uow.commit()  # the look at the journal is audited
    kept = {k: v for k, v in chosen.items() if v}
    older = (
        "/audit?" + urlencode({**kept, "before": page.next_before_id})
        if page.next_before_id
        else None
    )
    newest = "/audit?" + urlencode(kept) if query.get("before") else None
    return render(
        request,
        "audit.html",
        caller,
        rows=[row_view(core, row) for row in page.rows],
        staff=staff,
        groups=list(GROUPS),
        chosen=chosen,
        older=older,
        newest=newest,
        corrections=corrections,
    )
