"""The panel's pages: thin routes that parse, call a core service, render a template.

Every form posts the session's CSRF token; a refusal of the core (``DomainError``) becomes a
flash message from locales/<lang>/panel.ftl and a redirect back, never an error page. The
routes are module-level; what they need (the caller, a unit of work, the core) they declare
as dependencies from admin/deps.py.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from admin.auth import (
    Caller,
    core_of,
    csrf_token,
)
from admin.bounds import Id, form_day, form_id, form_moment
from admin.common import error_text, text, unreachable_text
from admin.deps import (
    CoreDep,
    FormCaller,
    FragmentCaller,
    MaybeCaller,
    PageCaller,
    SettingsDep,
    Uow,
)
from core.bootstrap import Core
from core.clock import as_utc
from core.errors import DomainError, InvalidInput
from core.services import cases, duty, privacy, rental, replies, urgency
from core.services.staff import list_staff
from core.services.urgency import create_link_code
from core.uow import UnitOfWork

log = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
ROSTER_DAYS = 14
INBOX_ROWS = 100
INBOX_ALL = 500
# A person's file is shown in the browser only when it cannot run script in the panel's
# origin; anything else (HTML, SVG, PDF, archives, …) is downloaded.
INLINE_TYPES = frozenset(
    {
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "audio/ogg",
        "audio/mpeg",
        "audio/mp4",
        "audio/wav",
        "video/mp4",
    }
)
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

# A form's change: run inside ``perform``, so the core's refusal becomes a flash message.
Action = Callable[[], Awaitable[object]]


def create_templates() -> Jinja2Templates:
    return Jinja2Templates(directory=str(TEMPLATES_DIR))


def page_headers() -> dict[str, str]:
    # Case pages hold health data: never cached, never framed.
    return {
        "Cache-Control": "no-store",
        "Content-Security-Policy": PAGE_CSP,
        "X-Frame-Options": "DENY",
    }


def render(
    request: Request, name: str, caller: Caller | None, status_code: int = 200, **context: Any
) -> HTMLResponse:
    core = core_of(request)
    locale = core.settings.default_locale
    zone = ZoneInfo(core.settings.timezone)
    now = core.clock.now()

    def t(key: str, **args: Any) -> str:
        return core.i18n(locale, key, **args)

    def local(value: datetime | None, fmt: str = "%d.%m %H:%M") -> str:
        return as_utc(value).astimezone(zone).strftime(fmt) if value else ""

    def iso(value: datetime | None) -> str:
        return as_utc(value).isoformat() if value else ""

    def waiting(value: datetime | None) -> str:
        if value is None:
            return ""
        minutes = max(0, int((now - as_utc(value)).total_seconds() // 60))
        if minutes < 1:
            return t("panel-waiting-now")
        if minutes < 60:
            return t("panel-waiting-min", minutes=str(minutes))
        return t("panel-waiting-hours", hours=str(minutes // 60), minutes=str(minutes % 60))

    js_texts = {
        "waitingNow": t("panel-waiting-now"),
        "waitingMin": t("panel-waiting-min", minutes="{m}"),
        "waitingHours": t("panel-waiting-hours", hours="{h}", minutes="{m}"),
        "slaLeft": t("panel-sla-left", minutes="{m}"),
        "slaLate": t("panel-sla-late", minutes="{m}"),
        "notifyCase": t("panel-notify-case"),
        "notifyMessage": t("panel-notify-message"),
        "notifyUrgent": t("panel-notify-urgent"),
        "notifyBody": t("panel-notify-body"),
        "offline": t("panel-offline"),
        "live": t("panel-live"),
    }
    steps = core.settings.escalation_minutes
    templates: Jinja2Templates = request.app.state.templates
    response = templates.TemplateResponse(
        request,
        name,
        {
            "t": t,
            "local": local,
            "iso": iso,
            "waiting": waiting,
            "caller": caller,
            "csrf": csrf_token(request),
            # A fragment the script fetches must not eat the message meant for the page.
            "flash": None if name.startswith("_") else request.session.pop("flash", None),
            "locale": locale,
            "now": now,
            "js_texts": js_texts,
            "sla_minutes": steps[0] if steps else 0,
            "unreachable_text": lambda reason: unreachable_text(core, reason),
            **context,
        },
        status_code=status_code,
    )
    response.headers.update(page_headers())
    return response


def flash(request: Request, message: str, kind: str = "error") -> None:
    request.session["flash"] = {"kind": kind, "text": message}


def flash_key(request: Request, key: str, kind: str = "ok", **args: Any) -> None:
    flash(request, text(core_of(request), key, **args), kind)


def flash_error(request: Request, error: DomainError) -> None:
    flash(request, error_text(core_of(request), error.code, error.params), "error")


async def perform(
    request: Request, uow: UnitOfWork, action: Action, ok_key: str, back: str, **args: Any
) -> Response:
    """A change from a form (the route's ``FormCaller`` checked the login and the CSRF token):
    ``action`` run in the route's unit of work and committed, the outcome (or the core's
    refusal, rolled back) flashed, and back to ``back``. A whole number the action returns is
    offered to the message as ``count``."""
    try:
        result = await action()
        await uow.commit()
    except DomainError as error:
        await uow.rollback()
        flash_error(request, error)
    else:
        if isinstance(result, int) and not isinstance(result, bool):
            args.setdefault("count", result)
        flash_key(request, ok_key, **args)
    return RedirectResponse(back, status_code=303)


router = APIRouter(include_in_schema=False)

# --- login ------------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request, caller: MaybeCaller) -> Response:
    if caller is not None and not caller.via_token:
        return RedirectResponse("/", status_code=303)
    return render(request, "login.html", None)


# --- inbox ------------------------------------------------------------------------------


async def inbox_context(request: Request, uow: UnitOfWork) -> dict[str, Any]:
    # The most urgent rows first; a busy day's long tail is one click away.
    show_all = request.query_params.get("all") == "1"
    found = await cases.list_cases(uow, status="open", limit=INBOX_ALL if show_all else INBOX_ROWS)
    counts = await cases.inbox_counts(uow)
    return {"cases": found, "counts": counts, "show_all": show_all}


@router.get("/", response_class=HTMLResponse)
async def inbox(request: Request, caller: PageCaller, uow: Uow) -> Response:
    return render(request, "inbox.html", caller, **await inbox_context(request, uow))


@router.get("/inbox/rows", response_class=HTMLResponse)
async def inbox_rows(request: Request, caller: FragmentCaller, uow: Uow) -> Response:
    return render(request, "_inbox_rows.html", caller, **await inbox_context(request, uow))


@router.get("/closed", response_class=HTMLResponse)
async def closed(request: Request, caller: PageCaller, uow: Uow) -> Response:
    found = await cases.list_cases(uow, status="closed", limit=200)
    return render(request, "closed.html", caller, cases=found)


# --- a case -----------------------------------------------------------------------------


@router.get("/cases/{case_id}", response_class=HTMLResponse)
async def case_page(request: Request, case_id: Id, caller: PageCaller, uow: Uow) -> Response:
    detail = await cases.get_case(uow, case_id=case_id, staff_id=caller.id)
    bookings = await rental.bookings_for_case(uow, case_id)
    canned = await replies.list_replies(uow, staff_id=caller.id)
    colleagues = [s for s in await list_staff(uow) if s.is_active and s.id != caller.id]
    await uow.commit()  # the look at the case is audited
    return render(
        request,
        "case.html",
        caller,
        case=detail,
        bookings=bookings,
        canned=canned,
        colleagues=colleagues,
    )


@router.get("/cases/{case_id}/thread", response_class=HTMLResponse)
async def thread(request: Request, case_id: Id, caller: FragmentCaller, uow: Uow) -> Response:
    detail = await cases.get_case(uow, case_id=case_id, staff_id=caller.id)
    await uow.commit()
    return render(request, "_thread.html", caller, case=detail)


@router.post("/cases/{case_id}/accept")
async def accept(
    request: Request,
    case_id: Id,
    caller: FormCaller,
    uow: Uow,
    take_over: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    return await perform(
        request,
        uow,
        lambda: cases.accept_case(
            uow, staff_id=caller.id, case_id=case_id, take_over=take_over == "1"
        ),
        "panel-accepted",
        f"/cases/{case_id}",
    )


@router.post("/cases/{case_id}/reply")
async def reply(
    request: Request,
    case_id: Id,
    caller: FormCaller,
    uow: Uow,
    text: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    return await perform(
        request,
        uow,
        lambda: cases.reply_to_case(uow, staff_id=caller.id, case_id=case_id, text=text),
        "panel-reply-queued",
        f"/cases/{case_id}",
    )


@router.post("/cases/{case_id}/note")
async def note(
    request: Request,
    case_id: Id,
    caller: FormCaller,
    uow: Uow,
    text: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    return await perform(
        request,
        uow,
        lambda: cases.add_note(uow, staff_id=caller.id, case_id=case_id, text=text),
        "panel-note-saved",
        f"/cases/{case_id}",
    )


@router.post("/cases/{case_id}/close")
async def close(
    request: Request,
    case_id: Id,
    caller: FormCaller,
    uow: Uow,
    outcome: Annotated[str, Form(max_length=20_000)] = "",
    reason: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    return await perform(
        request,
        uow,
        lambda: cases.close_case(
            uow, staff_id=caller.id, case_id=case_id, outcome=outcome, reason=reason
        ),
        "panel-closed",
        f"/cases/{case_id}",
    )


@router.post("/cases/{case_id}/level")
async def correct_level(
    request: Request,
    case_id: Id,
    caller: FormCaller,
    uow: Uow,
    level: Annotated[str, Form(max_length=32)] = "",
    reason: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    return await perform(
        request,
        uow,
        lambda: urgency.correct_case_level(
            uow, staff_id=caller.id, case_id=case_id, level=level, reason=reason
        ),
        "panel-level-changed",
        f"/cases/{case_id}",
    )


@router.post("/cases/{case_id}/transfer")
async def transfer(
    request: Request,
    case_id: Id,
    caller: FormCaller,
    uow: Uow,
    to: Annotated[str, Form(max_length=20)] = "",
    note: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    async def hand_over() -> object:
        colleague = form_id(to, "case-transfer-unknown-colleague")
        return await cases.transfer_case(
            uow, staff_id=caller.id, case_id=case_id, to_staff_id=colleague, note=note
        )

    return await perform(request, uow, hand_over, "panel-transferred", f"/cases/{case_id}")


@router.post("/cases/{case_id}/forget")
async def forget(
    request: Request,
    case_id: Id,
    caller: FormCaller,
    uow: Uow,
    reason: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    return await perform(
        request,
        uow,
        lambda: privacy.forget_person_of_case(
            uow, staff_id=caller.id, case_id=case_id, reason=reason
        ),
        "panel-forgotten",
        f"/cases/{case_id}",
    )


@router.get("/cases/{case_id}/attachments/{message_id}")
async def attachment(
    request: Request, case_id: Id, message_id: Id, caller: PageCaller, uow: Uow
) -> Response:
    # The file must belong to the case in the address, not to any case.
    channel, _kind, reference = await cases.attachment_of(
        uow, case_id=case_id, message_id=message_id, staff_id=caller.id
    )
    await uow.commit()  # the look at her file is audited, whatever the channel answers
    fetcher = request.app.state.attachment_fetchers.get(channel)
    if fetcher is None:
        return error_page(request, caller, 404, "panel-attachment-unavailable")
    try:
        file = await fetcher(reference)
    except Exception:
        log.exception(
            "attachment %s of case %s: the %s channel failed", message_id, case_id, channel
        )
        return error_page(request, caller, 502, "panel-attachment-failed")
    return attachment_response(file.content, file.filename, file.content_type)


# --- duty roster: the core lets only coordinators and administrators change it -----------


@router.get("/duty", response_class=HTMLResponse)
async def duty_page(request: Request, caller: PageCaller, core: CoreDep, uow: Uow) -> Response:
    now = core.clock.now()
    zone = ZoneInfo(core.settings.timezone)
    until = now + timedelta(days=ROSTER_DAYS)
    shifts = [s for s in await duty.list_shifts(uow, since=now) if as_utc(s.starts_at) < until]
    staff = [s for s in await list_staff(uow) if s.is_active]
    now_on = await duty.on_duty(uow, now)
    days: dict[date, list[Any]] = {}
    for shift in shifts:
        start = max(as_utc(shift.starts_at), now).astimezone(zone).date()
        days.setdefault(start, []).append(shift)
    today = now.astimezone(zone)
    return render(
        request,
        "duty.html",
        caller,
        days=sorted(days.items()),
        staff=staff,
        on_duty=now_on,
        on_duty_ids={s.id for s in now_on},
        default_start=datetime.combine(today.date(), core.settings.work_start),
        default_end=datetime.combine(today.date(), core.settings.work_end),
        roster_days=ROSTER_DAYS,
        zone_name=core.settings.timezone,
    )


@router.post("/duty")
async def add_shift(
    request: Request,
    caller: FormCaller,
    settings: SettingsDep,
    uow: Uow,
    staff_id: Annotated[str, Form(max_length=20)] = "",
    starts_at: Annotated[str, Form(max_length=40)] = "",
    ends_at: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    zone = ZoneInfo(settings.timezone)

    async def action() -> None:
        await duty.schedule_shift(
            uow,
            staff_id=form_id(staff_id, "staff-not-found"),
            starts_at=parse_local(starts_at, zone),
            ends_at=parse_local(ends_at, zone),
            by_staff_id=caller.id,
        )

    return await perform(request, uow, action, "panel-shift-added", "/duty")


@router.post("/duty/{shift_id}/remove")
async def remove_shift(request: Request, shift_id: Id, caller: FormCaller, uow: Uow) -> Response:
    return await perform(
        request,
        uow,
        lambda: duty.remove_shift(uow, shift_id=shift_id, by_staff_id=caller.id),
        "panel-shift-removed",
        "/duty",
    )


@router.post("/duty/link-code")
async def link_code(request: Request, caller: FormCaller, uow: Uow) -> Response:
    code = await create_link_code(uow, staff_id=caller.id)
    await uow.commit()
    flash_key(request, "panel-link-code", code=code)
    return RedirectResponse("/duty", status_code=303)


@router.post("/duty/calendar")
async def calendar_day(
    request: Request,
    caller: FormCaller,
    uow: Uow,
    day: Annotated[str, Form(max_length=20)] = "",
    is_working: Annotated[str, Form(max_length=2)] = "0",
    note: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    async def action() -> None:
        parsed = form_day(day, "calendar-bad-day")
        if parsed is None:
            raise InvalidInput("calendar-bad-day")
        await duty.set_working_day(
            uow, day=parsed, is_working=is_working == "1", note=note.strip(), by_staff_id=caller.id
        )

    return await perform(request, uow, action, "panel-calendar-saved", "/duty")


def error_page(
    request: Request, caller: Caller | None, status: int, key: str, **args: Any
) -> HTMLResponse:
    core: Core = core_of(request)
    message = text(core, key, **args) if core.i18n.has(key) else error_text(core, key)
    return render(request, "error.html", caller, status_code=status, message=message)


def attachment_response(content: bytes, filename: str, content_type: str) -> Response:
    media = (content_type or "").split(";")[0].strip().lower()
    inline = media in INLINE_TYPES
    safe_name = "".join(ch for ch in filename if ch.isprintable() and ch not in '"\\/') or "file"
    ascii_name = safe_name.encode("ascii", "replace").decode().replace("?", "_")
    disposition = "inline" if inline else "attachment"
    return Response(
        content,
        media_type=media if inline else "application/octet-stream",
        headers={
            "Content-Disposition": (
                f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(safe_name)}"
            ),
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; img-src 'self'; media-src 'self'; sandbox",
        },
    )


def parse_local(value: str, zone: ZoneInfo) -> datetime:
    """A ``datetime-local`` field, read in the centre's time zone (inside the window)."""
    return form_moment(value, zone, "shift-bad-time")
