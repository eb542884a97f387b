"""Staff accounts and sessions in the JSON API.

``GET /api/v1/staff`` and ``PATCH /api/v1/staff/{id}`` (``role``, ``active``), and
``POST /api/v1/staff/{id}/password-reset`` (a one-time code valid 30 minutes, which she types
at /reset with her login: never a password, and never in an address): administrators only.
``POST /api/v1/auth/logout`` ends the token (or panel session) the request came with;
``POST /api/v1/auth/sign-out-everywhere`` every session and token of the caller.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from admin.api import error_responses
from admin.bounds import Id
from admin.deps import ApiCaller, Uow
from core.models import Role, Staff
from core.services import sessions, two_factor
from core.services.staff import (
    change_role,
    disable_staff,
    enable_staff,
    find_staff,
    issue_reset_code,
    require_admin,
    staff_roster,
)

router = APIRouter(prefix="/api/v1")


class StaffOut(BaseModel):
    id: int
    login: str
    display_name: str
    role: str
    active: bool
    two_factor: bool = Field(description="a second factor (TOTP) is enrolled")
    created_at: datetime


class StaffPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role | None = None
    active: bool | None = Field(default=None, description="false disables the account")


class ResetCodeOut(BaseModel):
    code: str = Field(description="shown once; she types it at reset_path with her login")
    expires_at: datetime
    reset_path: str = "/reset"


def _staff_out(staff: Staff) -> StaffOut:
    return StaffOut(
        id=staff.id,
        login=staff.login,
        display_name=staff.display_name,
        role=staff.role,
        active=staff.is_active,
        two_factor=two_factor.is_enrolled(staff),
        created_at=staff.created_at,
    )


@router.get(
    "/staff",
    response_model=list[StaffOut],
    tags=["staff"],
    summary="Every staff account, active and disabled (admin).",
    responses=error_responses(401, 403),
)
async def list_staff(caller: ApiCaller, uow: Uow) -> list[StaffOut]:
    return [_staff_out(s) for s in await staff_roster(uow, by_staff_id=caller.id)]


@router.patch(
    "/staff/{staff_id}",
    response_model=StaffOut,
    tags=["staff"],
    summary=(
        "Change a role or disable / re-enable an account (admin). Disabling ends her "
        "sessions and tokens at once; the last active admin stays one."
    ),
    responses=error_responses(401, 403, 404, 409, 422),
)
async def patch_staff(staff_id: Id, body: StaffPatch, caller: ApiCaller, uow: Uow) -> StaffOut:
    await require_admin(uow, caller.id)
    if body.active is True:
        await enable_staff(uow, staff_id=staff_id, by_staff_id=caller.id)
    if body.role is not None:
        await change_role(uow, staff_id=staff_id, role=body.role.value, by_staff_id=caller.id)
    if body.active is False:
        await disable_staff(uow, staff_id=staff_id, by_staff_id=caller.id)
    return _staff_out(await find_staff(uow, staff_id))


@router.post(
    "/staff/{staff_id}/password-reset",
    response_model=ResetCodeOut,
    tags=["staff"],
    summary="A one-time password reset code for her, valid 30 minutes (admin).",
    responses=error_responses(401, 403, 404, 409),
)
async def password_reset(staff_id: Id, caller: ApiCaller, uow: Uow) -> ResetCodeOut:
    code = await issue_reset_code(uow, staff_id=staff_id, by_staff_id=caller.id)
    staff = await find_staff(uow, staff_id)
    assert staff.reset_code_expires_at is not None
    return ResetCodeOut(code=code, expires_at=staff.reset_code_expires_at)


@router.post(
    "/auth/logout",
    status_code=204,
    tags=["auth"],
    summary="End the token (or the panel session) this request came with.",
    responses=error_responses(401),
)
async def logout(caller: ApiCaller, uow: Uow) -> Response:
    if caller.session_id is not None:
        await sessions.end_session(
            uow, staff_id=caller.id, session_id=caller.session_id, logout=True
        )
    return Response(status_code=204)


@router.post(
    "/auth/sign-out-everywhere",
    status_code=204,
    tags=["auth"],
    summary="End every session and token of the caller, this one too.",
    responses=error_responses(401),
)
async def sign_out_everywhere(caller: ApiCaller, uow: Uow) -> Response:
    await sessions.sign_out_everywhere(uow, staff_id=caller.id)
    return Response(status_code=204)
