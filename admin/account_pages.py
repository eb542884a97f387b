"""Logging in and out, and her own account: sessions, password, the second factor.

- ``POST /login``: the password; when she has a second factor, ``/login/otp`` asks for the
  code (of her app, or a recovery code) before any session exists. A role that needs a second
  factor she has not enrolled gets a session that opens nothing but ``/account/2fa``.
- ``POST /logout`` ends this session on the server, not only in the browser.
- ``/account``: her live sessions (when, where), "end" for one, "sign out everywhere", the
  password change (which ends every session), the second factor.
- ``/reset``: a new password with the one-time code an administrator gave her.

These routes are included before ``admin/pages.py``'s, so its ``/login`` and ``/logout``
handlers no longer answer.
"""

from __future__ import annotations

from typing import Annotated

import qrcode
import qrcode.image.svg
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from admin.auth import (
    PENDING,
    PENDING_TTL_S,
    AuthError,
    check_code,
    check_password,
    client_address,
    core_of,
    forget_caller,
    local_path,
    start_session,
    throttled,
)
from admin.bounds import Id
from admin.common import error_text
from admin.deps import (
    CoreDep,
    CsrfChecked,
    EnrollingCaller,
    EnrollingFormCaller,
    FormCaller,
    MaybeCaller,
    PageCaller,
    ThrottleDep,
    Uow,
)
from admin.pages import flash, flash_error, flash_key, render
from core.bootstrap import Core
from core.errors import DomainError, InvalidInput
from core.services import sessions, two_factor
from core.services.staff import active_staff, change_password, redeem_reset_code
from core.uow import UnitOfWork

router = APIRouter(include_in_schema=False)

Password = Annotated[str, Form(max_length=256)]


def _refused(request: Request, core: Core, error: AuthError, template: str) -> Response:
    """A refused login step: a throttled one answers 429 with ``Retry-After`` on the page
    itself; any other goes back to the step with the reason."""
    if error.status_code == 429:
        response = render(
            request,
            template,
            None,
            status_code=429,
            refusal=error_text(core, error.code),
        )
        response.headers.update(error.headers or {})
        return response
    flash(request, error_text(core, error.code))
    return RedirectResponse("/login/otp" if template == "login_otp.html" else "/login", 303)


async def _logged_in(request: Request, core: Core, staff_id: int) -> Response:
    async with core.uow() as uow:
        staff = await active_staff(uow, staff_id)
        must_enrol = two_factor.needs_enrolment(uow, staff)
    await start_session(request, core, staff)
    if must_enrol:
        return RedirectResponse("/account/2fa", status_code=303)
    return RedirectResponse(local_path(request.session.pop("next", None), request), 303)


def _pending(request: Request, core: Core) -> int | None:
    """The staff member whose password was right and whose code is asked, if still fresh."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict):
        return None
    staff_id, at = pending.get("sid"), pending.get("at")
    if not isinstance(staff_id, int) or not isinstance(at, int | float):
        return None
    if core.clock.now().timestamp() - at > PENDING_TTL_S:
        request.session.pop(PENDING, None)
        return None
    return staff_id


@router.post("/login")
async def login(
    request: Request,
    _: CsrfChecked,
    core: CoreDep,
    throttle: ThrottleDep,
    username: Annotated[str, Form(max_length=64)] = "",
    password: Password = "",
) -> Response:
    try:
        staff = await check_password(
            core,
            throttle,
            username=username,
            password=password,
            address=client_address(request),
            via="panel",
        )
    except AuthError as error:
        return _refused(request, core, error, "login.html")
    if two_factor.is_enrolled(staff):
        request.session[PENDING] = {"sid": staff.id, "at": core.clock.now().timestamp()}
        return RedirectResponse("/login/otp", status_code=303)
    throttle.succeeded(staff.login)
    return await _logged_in(request, core, staff.id)


@router.get("/login/otp", response_class=HTMLResponse)
async def login_otp_page(request: Request, core: CoreDep) -> Response:
    if _pending(request, core) is None:
        return RedirectResponse("/login", status_code=303)
    return render(request, "login_otp.html", None)


@router.post("/login/otp")
async def login_otp(
    request: Request,
    _: CsrfChecked,
    core: CoreDep,
    throttle: ThrottleDep,
    code: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    staff_id = _pending(request, core)
    if staff_id is None:
        flash_key(request, "panel-login-otp-expired", kind="error")
        return RedirectResponse("/login", status_code=303)
    try:
        staff = await check_code(
            core,
            throttle,
            staff_id=staff_id,
            code=code,
            address=client_address(request),
            via="panel",
        )
    except AuthError as error:
        return _refused(request, core, error, "login_otp.html")
    except DomainError:  # her account was disabled in between
        request.session.pop(PENDING, None)
        return RedirectResponse("/login", status_code=303)
    request.session.pop(PENDING, None)
    return await _logged_in(request, core, staff.id)


def _logged_out(request: Request, key: str, kind: str = "ok") -> Response:
    request.session.clear()
    forget_caller(request)
    flash_key(request, key, kind=kind)
    return RedirectResponse("/login", status_code=303)


@router.post("/logout")
async def logout(request: Request, _: CsrfChecked, caller: MaybeCaller, uow: Uow) -> Response:
    if caller is not None and caller.session_id is not None:
        await sessions.end_session(
            uow, staff_id=caller.id, session_id=caller.session_id, logout=True
        )
        await uow.commit()
    return _logged_out(request, "panel-logged-out")


# --- her account ------------------------------------------------------------------------


async def _account_context(uow: UnitOfWork, caller_id: int) -> dict[str, object]:
    staff = await active_staff(uow, caller_id)
    return {
        "sessions": await sessions.list_sessions(uow, caller_id),
        "enrolled": two_factor.is_enrolled(staff),
        "codes_left": await two_factor.recovery_codes_left(uow, caller_id),
        "required": staff.role in uow.settings.require_2fa_roles,
        "idle_minutes": uow.settings.panel_idle_minutes,
    }


@router.get("/account", response_class=HTMLResponse)
async def account(request: Request, caller: PageCaller, uow: Uow) -> Response:
    return render(request, "account.html", caller, **await _account_context(uow, caller.id))


@router.post("/account/sessions/{session_id}/end")
async def end_one(request: Request, session_id: Id, caller: FormCaller, uow: Uow) -> Response:
    try:
        await sessions.end_session(uow, staff_id=caller.id, session_id=session_id)
        await uow.commit()
    except DomainError as error:
        flash_error(request, error)
        return RedirectResponse("/account", status_code=303)
    if session_id == caller.session_id:
        return _logged_out(request, "panel-logged-out")
    flash_key(request, "panel-account-session-ended")
    return RedirectResponse("/account", status_code=303)


@router.post("/account/sessions/end-all")
async def end_all(request: Request, caller: EnrollingFormCaller, uow: Uow) -> Response:
    await sessions.sign_out_everywhere(uow, staff_id=caller.id)
    await uow.commit()
    return _logged_out(request, "panel-account-signed-out-everywhere")


@router.post("/account/password")
async def new_password(
    request: Request,
    caller: FormCaller,
    uow: Uow,
    current: Password = "",
    new: Password = "",
    again: Password = "",
) -> Response:
    try:
        if new != again:
            raise InvalidInput("password-mismatch")
        await change_password(uow, staff_id=caller.id, current=current, new=new)
        await uow.commit()
    except DomainError as error:
        await uow.rollback()
        flash_error(request, error)
        return RedirectResponse("/account", status_code=303)
    return _logged_out(request, "panel-account-password-changed")


def qr_svg(uri: str) -> str:
    """The enrolment QR code as inline SVG: drawn here, nothing fetched from elsewhere."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg: str = image.to_string(encoding="unicode")
    return svg


@router.get("/account/2fa", response_class=HTMLResponse)
async def enrol_page(request: Request, caller: EnrollingCaller, uow: Uow) -> Response:
    staff = await active_staff(uow, caller.id)
    if two_factor.is_enrolled(staff):
        return RedirectResponse("/account", status_code=303)
    secret = two_factor.pending_secret(uow, staff)
    if secret is None:
        secret = await two_factor.begin_enrolment(uow, staff_id=caller.id)
        await uow.commit()
    uri = two_factor.otpauth_uri(uow, staff, secret)
    return render(
        request,
        "account_2fa.html",
        caller,
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        uri=uri,
        qr=qr_svg(uri),
    )


@router.post("/account/2fa")
async def enrol(
    request: Request,
    caller: EnrollingFormCaller,
    uow: Uow,
    code: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    try:
        codes = await two_factor.confirm_enrolment(uow, staff_id=caller.id, code=code)
        await uow.commit()
    except DomainError as error:
        await uow.rollback()
        flash_error(request, error)
        return RedirectResponse("/account/2fa", status_code=303)
    forget_caller(request)
    # Shown once, on this answer only (never cached: page_headers' no-store).
    return render(request, "account_recovery_codes.html", caller, codes=codes)


# --- a password reset with the administrator's code ------------------------------------


@router.get("/reset", response_class=HTMLResponse)
async def reset_page(request: Request) -> Response:
    return render(request, "reset.html", None)


@router.post("/reset")
async def reset(
    request: Request,
    _: CsrfChecked,
    throttle: ThrottleDep,
    uow: Uow,
    login: Annotated[str, Form(max_length=64)] = "",
    code: Annotated[str, Form(max_length=64)] = "",
    new: Password = "",
    again: Password = "",
) -> Response:
    core = core_of(request)
    address = client_address(request)
    try:
        throttled(throttle, login, address, "panel")
    except AuthError as error:
        return _refused(request, core, error, "reset.html")
    try:
        if new != again:
            raise InvalidInput("password-mismatch")
        await redeem_reset_code(uow, login=login, code=code, password=new)
        await uow.commit()
    except DomainError as error:
        await uow.rollback()
        if error.code == "reset-code-invalid":
            throttle.failed(login, address)
        flash_error(request, error)
        return RedirectResponse("/reset", status_code=303)
    flash_key(request, "panel-reset-done")
    return RedirectResponse("/login", status_code=303)
