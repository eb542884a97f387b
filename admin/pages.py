"""The panel's pages: thin routes that parse, call a core service, render a template."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from admin.auth import Caller, LoginThrottle, caller_from, check_csrf, core_of, csrf_token
from core.calendar import set_calendar_day
from core.clock import as_utc
from core.errors import DomainError, Forbidden, InvalidInput
from core.services import cases, duty
from core.services.audit import record_audit
from core.services.staff import authenticate, list_staff
from core.services.urgency import create_link_code

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))


class LoginRequired(Exception):
    pass


def render(request: Request, name: str, caller: Caller | None, **context: Any) -> HTMLResponse:
    core = core_of(request)
    locale = core.settings.default_locale
    zone = ZoneInfo(core.settings.timezone)

    def t(key: str, **args: Any) -> str:
        return core.i18n(locale, key, **args)

    def local(value: datetime | None, fmt: str = "%d.%m %H:%M") -> str:
        return as_utc(value).astimezone(zone).strftime(fmt) if value else ""

    def iso(value: datetime | None) -> str:
        return as_utc(value).isoformat() if value else ""

    flash = request.session.pop("flash", None)
    return TEMPLATES.TemplateResponse(
        request,
        name,
        {
            "t": t, "local": local, "iso": iso, "caller": caller, "csrf": csrf_token(request),
            "flash": flash, "locale": locale, "now": core.clock.now(), **context,
        },
    )


async def require(request: Request) -> Caller:
    caller = await caller_from(request)
    if caller is None or caller.via_token:
        raise LoginRequired
    return caller


def flash(request: Request, key: str, kind: str = "error", **args: Any) -> None:
    core = core_of(request)
    request.session["flash"] = {
        "kind": kind, "text": core.i18n(core.settings.default_locale, key, **args)
    }


def error_key(core: Any, error: DomainError) -> str:
    key = f"panel-error-{error.code}"
    return key if core.i18n.has(key) else "panel-error-generic"


def create_pages_router(throttle: LoginThrottle) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/login", response_class=HTMLResponse)
    async def login_page(request: Request) -> Response:
        return render(request, "login.html", None)

    @router.post("/login")
    async def login(
        request: Request,
        username: Annotated[str, Form(max_length=64)] = "",
        password: Annotated[str, Form(max_length=256)] = "",
        csrf: Annotated[str, Form()] = "",
    ) -> Response:
        check_csrf(request, csrf)
        core = core_of(request)
        key = f"{username.lower()}|{request.client.host if request.client else ''}"
        if throttle.blocked(key):
            flash(request, "panel-login-throttled")
            return RedirectResponse("/login", status_code=303)
        async with core.uow() as uow:
            staff = await authenticate(uow, username, password)
            if staff is not None:
                record_audit(uow, "auth.login", staff_id=staff.id)
            await uow.commit()
        if staff is None:
            throttle.failed(key)
            flash(request, "panel-login-failed")
            return RedirectResponse("/login", status_code=303)
        throttle.succeeded(key)
        request.session.clear()
        request.session["staff_id"] = staff.id
        return RedirectResponse("/", status_code=303)

    @router.post("/logout")
    async def logout(request: Request, csrf: Annotated[str, Form()] = "") -> Response:
        check_csrf(request, csrf)
        caller = await caller_from(request)
        if caller is not None:
            async with core_of(request).uow() as uow:
                record_audit(uow, "auth.logout", staff_id=caller.id)
                await uow.commit()
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    @router.get("/", response_class=HTMLResponse)
    async def inbox(request: Request) -> Response:
        caller = await require(request)
        return render(request, "inbox.html", caller, cases=await _open_cases(request))

    @router.get("/inbox/rows", response_class=HTMLResponse)
    async def inbox_rows(request: Request) -> Response:
        caller = await require(request)
        return render(request, "_inbox_rows.html", caller, cases=await _open_cases(request))

    @router.get("/closed", response_class=HTMLResponse)
    async def closed(request: Request) -> Response:
        caller = await require(request)
        async with core_of(request).uow() as uow:
            found = await cases.list_cases(uow, status="closed", limit=200)
        return render(request, "closed.html", caller, cases=found)

    @router.get("/cases/{case_id}", response_class=HTMLResponse)
    async def case_page(request: Request, case_id: int) -> Response:
        caller = await require(request)
        core = core_of(request)
        try:
            async with core.uow() as uow:
                detail = await cases.get_case(uow, case_id=case_id, staff_id=caller.id)
                await uow.commit()
        except DomainError as error:
            flash(request, error_key(core, error))
            return RedirectResponse("/", status_code=303)
        return render(request, "case.html", caller, case=detail)

    @router.get("/cases/{case_id}/thread", response_class=HTMLResponse)
    async def thread(request: Request, case_id: int) -> Response:
        caller = await require(request)
        async with core_of(request).uow() as uow:
            detail = await cases.get_case(uow, case_id=case_id, staff_id=caller.id)
            await uow.commit()
        return render(request, "_thread.html", caller, case=detail)

    async def act(request: Request, case_id: int, csrf: str, action: Any, ok_key: str) -> Response:
        check_csrf(request, csrf)
        caller = await require(request)
        core = core_of(request)
        try:
            async with core.uow() as uow:
                await action(uow, caller)
                await uow.commit()
            flash(request, ok_key, kind="ok")
        except DomainError as error:
            flash(request, error_key(core, error), **error.params)
        return RedirectResponse(f"/cases/{case_id}", status_code=303)

    @router.post("/cases/{case_id}/accept")
    async def accept(request: Request, case_id: int, csrf: Annotated[str, Form()] = "") -> Response:
        return await act(
            request, case_id, csrf,
            lambda uow, c: cases.accept_case(uow, staff_id=c.id, case_id=case_id),
            "panel-accepted",
        )

    @router.post("/cases/{case_id}/reply")
    async def reply(
        request: Request, case_id: int, text: Annotated[str, Form(max_length=8000)] = "",
        csrf: Annotated[str, Form()] = "",
    ) -> Response:
        return await act(
            request, case_id, csrf,
            lambda uow, c: cases.reply_to_case(uow, staff_id=c.id, case_id=case_id, text=text),
            "panel-reply-queued",
        )

    @router.post("/cases/{case_id}/note")
    async def note(
        request: Request, case_id: int, text: Annotated[str, Form(max_length=8000)] = "",
        csrf: Annotated[str, Form()] = "",
    ) -> Response:
        return await act(
            request, case_id, csrf,
            lambda uow, c: cases.add_note(uow, staff_id=c.id, case_id=case_id, text=text),
            "panel-note-saved",
        )

    @router.post("/cases/{case_id}/close")
    async def close(
        request: Request, case_id: int, outcome: Annotated[str, Form(max_length=2000)] = "",
        csrf: Annotated[str, Form()] = "",
    ) -> Response:
        return await act(
            request, case_id, csrf,
            lambda uow, c: cases.close_case(uow, staff_id=c.id, case_id=case_id, outcome=outcome),
            "panel-closed",
        )

    @router.get("/cases/{case_id}/attachments/{message_id}")
    async def attachment(request: Request, case_id: int, message_id: int) -> Response:
        caller = await require(request)
        core = core_of(request)
        async with core.uow() as uow:
            channel, _kind, reference = await cases.attachment_of(
                uow, message_id=message_id, staff_id=caller.id
            )
            await uow.commit()
        fetcher = request.app.state.attachment_fetchers.get(channel)
        if fetcher is None:
            return Response(
                core.i18n(core.settings.default_locale, "panel-attachment-unavailable"),
                status_code=404, media_type="text/plain; charset=utf-8",
            )
        file = await fetcher(reference)
        return Response(
            file.content, media_type=file.content_type,
            headers={"Content-Disposition": f'inline; filename="{file.filename}"',
                     "Cache-Control": "no-store"},
        )

    @router.get("/duty", response_class=HTMLResponse)
    async def duty_page(request: Request) -> Response:
        caller = await require(request)
        core = core_of(request)
        async with core.uow() as uow:
            shifts = await duty.list_shifts(uow, since=core.clock.now() - timedelta(hours=12))
            staff = await list_staff(uow)
            now_on = await duty.on_duty(uow, core.clock.now())
        return render(
            request, "duty.html", caller, shifts=shifts, staff=staff,
            on_duty_ids={s.id for s in now_on},
        )

    async def manage(request: Request, csrf: str, action: Any, ok_key: str) -> Response:
        """A roster change by a coordinator or an administrator: checked, done, flashed."""
        check_csrf(request, csrf)
        caller = await require(request)
        core = core_of(request)
        try:
            if not caller.can_manage:
                raise Forbidden("duty-manage-forbidden")
            async with core.uow() as uow:
                await action(uow, caller)
                await uow.commit()
            flash(request, ok_key, kind="ok")
        except DomainError as error:
            flash(request, error_key(core, error))
        return RedirectResponse("/duty", status_code=303)

    @router.post("/duty")
    async def add_shift(
        request: Request,
        staff_id: Annotated[int, Form()],
        starts_at: Annotated[str, Form()],
        ends_at: Annotated[str, Form()],
        csrf: Annotated[str, Form()] = "",
    ) -> Response:
        zone = ZoneInfo(core_of(request).settings.timezone)

        async def action(uow: Any, caller: Caller) -> None:
            await duty.add_shift(
                uow, staff_id=staff_id, starts_at=_parse_local(starts_at, zone),
                ends_at=_parse_local(ends_at, zone), by_staff_id=caller.id,
            )

        return await manage(request, csrf, action, "panel-shift-added")

    @router.post("/duty/{shift_id}/remove")
    async def remove_shift(
        request: Request, shift_id: int, csrf: Annotated[str, Form()] = ""
    ) -> Response:
        return await manage(
            request, csrf,
            lambda uow, c: duty.remove_shift(uow, shift_id=shift_id, by_staff_id=c.id),
            "panel-shift-removed",
        )

    @router.post("/duty/link-code")
    async def link_code(request: Request, csrf: Annotated[str, Form()] = "") -> Response:
        check_csrf(request, csrf)
        caller = await require(request)
        async with core_of(request).uow() as uow:
            code = await create_link_code(uow, staff_id=caller.id)
            await uow.commit()
        flash(request, "panel-link-code", kind="ok", code=code)
        return RedirectResponse("/duty", status_code=303)

    @router.post("/duty/calendar")
    async def calendar_day(
        request: Request,
        day: Annotated[str, Form()],
        is_working: Annotated[str, Form()] = "0",
        note: Annotated[str, Form(max_length=200)] = "",
        csrf: Annotated[str, Form()] = "",
    ) -> Response:
        async def action(uow: Any, caller: Caller) -> None:
            try:
                parsed = date.fromisoformat(day)
            except ValueError:
                raise InvalidInput("calendar-bad-day") from None
            await set_calendar_day(
                uow, day=parsed, is_working=is_working == "1", note=note.strip(),
                by_staff_id=caller.id,
            )

        return await manage(request, csrf, action, "panel-calendar-saved")

    return router


def _parse_local(value: str, zone: ZoneInfo) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput("shift-bad-time") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


async def _open_cases(request: Request) -> list[cases.CaseSummary]:
    async with core_of(request).uow() as uow:
        return await cases.list_cases(uow, status="open", limit=300)
