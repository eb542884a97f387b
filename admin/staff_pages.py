"""The staff page of the panel (administrators): the accounts, a new one, a role, a password
reset code, disable and re-enable, removing a lost second factor. Every change is a service
of ``core/services/staff.py`` or ``two_factor.py``, which checks the right and audits it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from admin.bounds import Id
from admin.deps import FormCaller, PageCaller, Uow
from admin.pages import flash_error, perform, render
from core.errors import DomainError
from core.services import two_factor
from core.services.staff import (
    RESET_CODE_TTL,
    change_role,
    create_staff,
    disable_staff,
    enable_staff,
    issue_reset_code,
    staff_roster,
)

router = APIRouter(include_in_schema=False)
BACK = "/staff"
Role = Annotated[str, Form(max_length=16)]


@router.get("/staff", response_class=HTMLResponse)
async def staff_page(request: Request, caller: PageCaller, uow: Uow) -> Response:
    people = await staff_roster(uow, by_staff_id=caller.id)
    return render(request, "staff.html", caller, people=people, enrolled=two_factor.is_enrolled)


@router.post("/staff")
async def add(
    request: Request,
    caller: FormCaller,
    uow: Uow,
    login: Annotated[str, Form(max_length=64)] = "",
    name: Annotated[str, Form(max_length=128)] = "",
    role: Role = "specialist",
    password: Annotated[str, Form(max_length=256)] = "",
) -> Response:
    async def action() -> object:
        return await create_staff(
            uow,
            login=login,
            password=password,
            role=role,
            display_name=name.strip() or None,
            by_staff_id=caller.id,
        )

    return await perform(request, uow, action, "panel-staff-created", BACK, login=login)


@router.post("/staff/{staff_id}/role")
async def set_role(
    request: Request, staff_id: Id, caller: FormCaller, uow: Uow, role: Role = ""
) -> Response:
    async def action() -> object:
        return await change_role(uow, staff_id=staff_id, role=role, by_staff_id=caller.id)

    return await perform(request, uow, action, "panel-staff-role-changed", BACK)


@router.post("/staff/{staff_id}/disable")
async def disable(request: Request, staff_id: Id, caller: FormCaller, uow: Uow) -> Response:
    async def action() -> object:
        return await disable_staff(uow, staff_id=staff_id, by_staff_id=caller.id)

    return await perform(request, uow, action, "panel-staff-disabled", BACK)


@router.post("/staff/{staff_id}/enable")
async def enable(request: Request, staff_id: Id, caller: FormCaller, uow: Uow) -> Response:
    async def action() -> object:
        return await enable_staff(uow, staff_id=staff_id, by_staff_id=caller.id)

    return await perform(request, uow, action, "panel-staff-enabled", BACK)


@router.post("/staff/{staff_id}/2fa-reset")
async def reset_second_factor(
    request: Request, staff_id: Id, caller: FormCaller, uow: Uow
) -> Response:
    async def action() -> object:
        return await two_factor.reset_two_factor(uow, staff_id=staff_id, by_staff_id=caller.id)

    return await perform(request, uow, action, "panel-staff-2fa-was-reset", BACK)


@router.post("/staff/{staff_id}/reset-code", response_class=HTMLResponse)
async def reset_code(request: Request, staff_id: Id, caller: FormCaller, uow: Uow) -> Response:
    """The one-time code, shown on this answer only: she types it at /reset with her login."""
    try:
        code = await issue_reset_code(uow, staff_id=staff_id, by_staff_id=caller.id)
        await uow.commit()
    except DomainError as error:
        await uow.rollback()
        flash_error(request, error)
        return RedirectResponse(BACK, status_code=303)
    people = await staff_roster(uow, by_staff_id=caller.id)
    person = next(p for p in people if p.id == staff_id)
    return render(
        request,
        "staff_reset_code.html",
        caller,
        person=person,
        code=code,
        minutes=int(RESET_CODE_TTL.total_seconds() // 60),
    )
