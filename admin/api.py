"""The JSON API, /api/v1: the same core services the pages call (contract in DESIGN.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import text

from admin.auth import Caller, LoginThrottle, api_caller, core_of, issue_token
from core.services import cases
from core.services.audit import record_audit
from core.services.staff import authenticate

CallerDep = Annotated[Caller, Depends(api_caller)]


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


class Signal(BaseModel):
    group: str
    phrase: str = ""
    level: str = ""


class CaseOut(BaseModel):
    id: int
    pseudonym: str
    channel: str
    topic: str
    level: str
    status: str
    assignee: str | None
    waiting_since: datetime | None
    last_message: str | None
    opened_at: datetime
    unreachable: str | None = None
    signals: list[Signal] = []
    deadline_at: datetime | None = None
    escalation_step: int = 0


class MessageOut(BaseModel):
    id: int
    direction: str
    kind: str
    text: str
    at: datetime
    author: str | None = None
    delivery: str | None = None
    has_attachment: bool = False
    signals: list[Signal] = []


class CaseDetailOut(CaseOut):
    outcome: str | None = None
    closed_at: datetime | None = None
    messages: list[MessageOut]


class TextIn(BaseModel):
    text: str = Field(min_length=1, max_length=cases.MAX_STAFF_TEXT)


class OutcomeIn(BaseModel):
    outcome: str = Field(min_length=1, max_length=cases.MAX_OUTCOME)


def case_out(summary: cases.CaseSummary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "pseudonym": summary.pseudonym,
        "channel": summary.channel,
        "topic": summary.topic,
        "level": summary.level,
        "status": summary.status,
        "assignee": summary.assignee,
        "waiting_since": summary.waiting_since,
        "last_message": summary.last_message,
        "opened_at": summary.opened_at,
        "unreachable": summary.unreachable,
        "signals": summary.signals,
        "deadline_at": summary.deadline_at,
        "escalation_step": summary.escalation_step,
    }


def detail_out(detail: cases.CaseDetail) -> dict[str, Any]:
    return {
        **case_out(detail.summary),
        "outcome": detail.outcome,
        "closed_at": detail.closed_at,
        "messages": [m.__dict__ for m in detail.messages],
    }


def create_api_router(throttle: LoginThrottle) -> APIRouter:
    router = APIRouter(prefix="/api/v1")

    @router.get("/health", tags=["service"])
    async def health(request: Request) -> JSONResponse:
        core = core_of(request)
        try:
            async with core.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception:  # any database failure means "not healthy", never a 500
            return JSONResponse({"status": "unavailable"}, status_code=503)
        return JSONResponse({"status": "ok"})

    @router.post("/auth/token", response_model=Token, tags=["auth"])
    async def token(
        request: Request,
        username: Annotated[str, Form(max_length=64)],
        password: Annotated[str, Form(max_length=256)],
    ) -> Token:
        core = core_of(request)
        key = f"{username.lower()}|{request.client.host if request.client else ''}"
        if throttle.blocked(key):
            raise HTTPException(status_code=429, detail="too many failed logins; wait a few minutes")
        async with core.uow() as uow:
            staff = await authenticate(uow, username, password)
            if staff is None:
                throttle.failed(key)
                raise HTTPException(
                    status_code=401, detail="wrong login or password",
                    headers={"WWW-Authenticate": "Bearer"},
                )
            record_audit(uow, "auth.token", staff_id=staff.id)
            await uow.commit()
        throttle.succeeded(key)
        return Token(access_token=issue_token(core, staff))

    @router.get("/cases", response_model=list[CaseOut], tags=["cases"])
    async def list_cases(
        request: Request, caller: CallerDep, status: str | None = "open", limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        async with core_of(request).uow() as uow:
            found = await cases.list_cases(
                uow, status=None if status == "all" else status, limit=limit, offset=offset
            )
        return [case_out(s) for s in found]

    @router.get("/cases/{case_id}", response_model=CaseDetailOut, tags=["cases"])
    async def get_case(request: Request, case_id: int, caller: CallerDep) -> dict[str, Any]:
        async with core_of(request).uow() as uow:
            detail = await cases.get_case(uow, case_id=case_id, staff_id=caller.id)
            await uow.commit()
        return detail_out(detail)

    @router.post("/cases/{case_id}/accept", response_model=CaseOut, tags=["cases"])
    async def accept(request: Request, case_id: int, caller: CallerDep) -> dict[str, Any]:
        core = core_of(request)
        async with core.uow() as uow:
            await cases.accept_case(uow, staff_id=caller.id, case_id=case_id)
            await uow.commit()
        return await _summary(core, case_id, caller)

    @router.post("/cases/{case_id}/messages", response_model=MessageOut, status_code=201, tags=["cases"])
    async def reply(request: Request, case_id: int, body: TextIn, caller: CallerDep) -> dict[str, Any]:
        async with core_of(request).uow() as uow:
            message = await cases.reply_to_case(
                uow, staff_id=caller.id, case_id=case_id, text=body.text
            )
            await uow.commit()
        return _message(message, body.text, caller)

    @router.post("/cases/{case_id}/notes", response_model=MessageOut, status_code=201, tags=["cases"])
    async def note(request: Request, case_id: int, body: TextIn, caller: CallerDep) -> dict[str, Any]:
        async with core_of(request).uow() as uow:
            message = await cases.add_note(uow, staff_id=caller.id, case_id=case_id, text=body.text)
            await uow.commit()
        return _message(message, body.text, caller)

    @router.post("/cases/{case_id}/close", response_model=CaseOut, tags=["cases"])
    async def close(
        request: Request, case_id: int, body: OutcomeIn, caller: CallerDep
    ) -> dict[str, Any]:
        core = core_of(request)
        async with core.uow() as uow:
            await cases.close_case(uow, staff_id=caller.id, case_id=case_id, outcome=body.outcome)
            await uow.commit()
        return await _summary(core, case_id, caller)

    return router


async def _summary(core: Any, case_id: int, caller: Caller) -> dict[str, Any]:
    async with core.uow() as uow:
        detail = await cases.get_case(uow, case_id=case_id, staff_id=caller.id)
        await uow.commit()
    return case_out(detail.summary)


def _message(message: Any, text: str, caller: Caller) -> dict[str, Any]:
    return {
        "id": message.id,
        "direction": message.direction,
        "kind": message.kind,
        "text": text.strip(),
        "at": message.created_at,
        "author": caller.display_name,
        "delivery": message.delivery,
    }
