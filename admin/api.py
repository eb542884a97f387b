"""The JSON API, /api/v1: the same core services the pages call (the contract is in
docs/architecture.md).

Errors are ``{"detail": <text from the catalogue>, "code": <stable code>}`` with a 4xx status
(validation errors: ``detail`` is a list of ``{"loc", "msg"}``). No response carries a channel
user id, a username or a phone number: the core never hands them to the read side.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import JSONResponse
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from admin.auth import Caller, client_address, open_session, verify_login
from admin.bounds import Id, Limit, Offset
from admin.common import scrub
from admin.deps import ApiCaller, CoreDep, ThrottleDep, Uow
from core.models import Message
from core.services import cases, privacy, urgency
from core.services.health import database_answers
from core.uow import UnitOfWork

HEALTH_TIMEOUT_S = 5.0
# The services give the precise, translated refusal; this bound only stops huge bodies.
MAX_BODY_TEXT = 20_000


# The response models carry no docstring: it would become their description in the OpenAPI
# document. Those marked "read from the attributes" are built with ``Model.model_validate(obj)``
# (``from_attributes``), so a field is named once, here.


class ErrorOut(BaseModel):
    detail: str | list[dict[str, Any]]
    code: str | None = None


class Health(BaseModel):
    status: str


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


class Signal(BaseModel):
    model_config = ConfigDict(extra="ignore", from_attributes=True)
    group: str
    phrase: str = ""
    level: str = ""


# Read from the attributes of a ``cases.CaseSummary`` (``model_validate``).
class CaseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    pseudonym: str
    channel: str = Field(description="telegram, vk or web: the channel, never its user id")
    topic: str
    level: str = Field(description="emergency, crisis, basic or adaptation")
    status: str = Field(description="open, ended (by the person; waits for the outcome) or closed")
    assignee: str | None = Field(description="the curator's display name")
    waiting_since: datetime | None = Field(
        description="since when the person waits for an answer; null when answered"
    )
    last_message: str | None
    assignee_id: int | None = None
    routed_to_id: int | None = Field(None, description="the on-duty specialist it was routed to")
    opened_at: datetime
    # A channel's error text may hold a chat or user id: any long number is cut out.
    unreachable: Annotated[str | None, AfterValidator(scrub)] = Field(
        None, description="why messages do not reach the person"
    )
    signals: list[Signal] = []
    urgent_since: datetime | None = None
    deadline_at: datetime | None = None
    escalation_step: int = 0


# Read from the attributes of a ``cases.ThreadMessage`` (``model_validate``).
class MessageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    direction: str = Field(description="in, out, note or system")
    by: str = Field(
        "", description="who wrote it: person, staff, bot (what the bot told her) or system"
    )
    kind: str = Field(description="text, photo, document, voice, …; bot: what the bot told her")
    text: str
    at: datetime
    author: str | None = None
    delivery: str | None = Field(None, description="pending, sent or failed (outgoing only)")
    has_attachment: bool = False
    signals: list[Signal] = []


# Read from the attributes of a ``cases.PastCase``.
class PastCaseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    topic: str
    level: str
    status: str
    opened_at: datetime
    closed_at: datetime | None = None
    outcome: str | None = None


class CaseDetailOut(CaseOut):
    outcome: str | None = None
    closed_at: datetime | None = None
    messages: list[MessageOut]
    history: list[PastCaseOut] = Field(
        default_factory=list,
        description="her earlier cases (the same pseudonym), newest first, at most 20",
    )


class TextIn(BaseModel):
    text: str = Field(
        max_length=MAX_BODY_TEXT, examples=["Я вас слышу. Расскажите, что случилось?"]
    )


class OutcomeIn(BaseModel):
    outcome: str = Field(max_length=MAX_BODY_TEXT, examples=["Консультация дана"])
    reason: str = Field(
        "",
        max_length=MAX_BODY_TEXT,
        description="required to close an emergency or crisis case before its deadline",
        examples=["Уехала к родителям в другой город, помощь там получает"],
    )


class LevelIn(BaseModel):
    level: str = Field(
        max_length=32,
        description="emergency, crisis, basic or adaptation",
        examples=["crisis"],
    )
    reason: str = Field(max_length=MAX_BODY_TEXT, examples=["Угрозы нет: вопрос о прошлом"])


class TransferIn(BaseModel):
    to: int = Field(ge=1, le=2**53, description="the colleague's staff id", examples=[2])
    note: str = Field("", max_length=MAX_BODY_TEXT, examples=["Просила перезвонить в 18:00"])


class ReasonIn(BaseModel):
    reason: str = Field(
        max_length=500, examples=["Попросила по телефону 25.11, личность подтверждена"]
    )


def case_out(summary: cases.CaseSummary) -> CaseOut:
    return CaseOut.model_validate(summary)


def detail_out(detail: cases.CaseDetail) -> CaseDetailOut:
    """The summary's fields, then the outcome and the thread, in one flat object."""
    return CaseDetailOut.model_validate(
        {
            **case_out(detail.summary).model_dump(),
            "outcome": detail.outcome,
            "closed_at": detail.closed_at,
            "messages": detail.messages,
            "history": [PastCaseOut.model_validate(c) for c in detail.history],
        }
    )


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorOut} for status in statuses}


router = APIRouter(prefix="/api/v1")


@router.get(
    "/health",
    response_model=Health,
    tags=["service"],
    summary="Is the service up (the database answers)? No login needed.",
    responses={503: {"model": Health}},
)
async def health(core: CoreDep) -> Any:
    if not await database_answers(core.engine, timeout_s=HEALTH_TIMEOUT_S):
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return Health(status="ok")


@router.post(
    "/auth/token",
    response_model=Token,
    tags=["auth"],
    summary=(
        "A bearer token for a staff login (OAuth2 password flow, and `otp`: the code of her "
        "authenticator app or a recovery code when she has a second factor), valid "
        "AIST_API_TOKEN_HOURS (12 by default) unless ended sooner."
    ),
    responses=error_responses(401, 403, 422, 429),
)
async def token(
    request: Request,
    core: CoreDep,
    throttle: ThrottleDep,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
    otp: Annotated[str, Form(max_length=64)] = "",
) -> Token:
    staff = await verify_login(
        core,
        throttle,
        username=username,
        password=password,
        address=client_address(request),
        via="api",
        otp=otp,
    )
    access_token = await open_session(core, request, staff, kind="api")
    return Token(access_token=access_token, expires_in=int(core.settings.api_token_hours * 3600))


@router.get(
    "/cases",
    response_model=list[CaseOut],
    tags=["cases"],
    summary="Cases, the most urgent and the longest waiting first.",
    responses=error_responses(401, 422),
)
async def list_cases(
    caller: ApiCaller,
    uow: Uow,
    status: Annotated[str, Query(description="open, closed or all")] = "open",
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[CaseOut]:
    found = await cases.list_cases(
        uow, status=None if status == "all" else status, limit=limit, offset=offset
    )
    return [case_out(s) for s in found]


@router.get(
    "/cases/{case_id}",
    response_model=CaseDetailOut,
    tags=["cases"],
    summary="One case with its thread.",
    responses=error_responses(401, 404, 422),
)
async def get_case(case_id: Id, caller: ApiCaller, uow: Uow) -> CaseDetailOut:
    return detail_out(await cases.get_case(uow, case_id=case_id, staff_id=caller.id))


async def case_after(uow: UnitOfWork, case_id: int, caller: Caller) -> CaseOut:
    """The case as a change of the caller left it (read in the same unit of work)."""
    return case_out((await cases.get_case(uow, case_id=case_id, staff_id=caller.id)).summary)


@router.post(
    "/cases/{case_id}/accept",
    response_model=CaseOut,
    tags=["cases"],
    summary="The caller takes the case; a colleague's case only with take_over=true "
    "(audited, the colleague is told), else 409 case-taken.",
    responses=error_responses(401, 403, 404, 409, 422),
)
async def accept(
    case_id: Id,
    caller: ApiCaller,
    uow: Uow,
    take_over: Annotated[bool, Query(description="take a colleague's case on purpose")] = False,
) -> CaseOut:
    await cases.accept_case(uow, staff_id=caller.id, case_id=case_id, take_over=take_over)
    return await case_after(uow, case_id, caller)


@router.post(
    "/cases/{case_id}/messages",
    response_model=MessageOut,
    status_code=201,
    tags=["cases"],
    summary="A reply, delivered to the person through her channel.",
    responses=error_responses(401, 403, 404, 409, 422),
)
async def reply(case_id: Id, body: TextIn, caller: ApiCaller, uow: Uow) -> MessageOut:
    message = await cases.reply_to_case(uow, staff_id=caller.id, case_id=case_id, text=body.text)
    return _written(message, body.text, caller)


@router.post(
    "/cases/{case_id}/notes",
    response_model=MessageOut,
    status_code=201,
    tags=["cases"],
    summary="An internal note; the person never sees it.",
    responses=error_responses(401, 403, 404, 422),
)
async def note(case_id: Id, body: TextIn, caller: ApiCaller, uow: Uow) -> MessageOut:
    message = await cases.add_note(uow, staff_id=caller.id, case_id=case_id, text=body.text)
    return _written(message, body.text, caller)


@router.post(
    "/cases/{case_id}/close",
    response_model=CaseOut,
    tags=["cases"],
    summary="Closes the case with an outcome.",
    responses=error_responses(401, 403, 404, 409, 422),
)
async def close(case_id: Id, body: OutcomeIn, caller: ApiCaller, uow: Uow) -> CaseOut:
    await cases.close_case(
        uow, staff_id=caller.id, case_id=case_id, outcome=body.outcome, reason=body.reason
    )
    return await case_after(uow, case_id, caller)


@router.post(
    "/cases/{case_id}/level",
    response_model=CaseOut,
    tags=["cases"],
    summary="Corrects triage: raises or lowers the case's level, with a reason. The deadline "
    "follows the new level; the change is audited and counted.",
    responses=error_responses(401, 403, 404, 409, 422),
)
async def correct_level(case_id: Id, body: LevelIn, caller: ApiCaller, uow: Uow) -> CaseOut:
    await urgency.correct_case_level(
        uow, staff_id=caller.id, case_id=case_id, level=body.level, reason=body.reason
    )
    return await case_after(uow, case_id, caller)


@router.post(
    "/cases/{case_id}/transfer",
    response_model=CaseOut,
    tags=["cases"],
    summary="Hands the case to a named colleague (the one who has it, or a coordinator); the "
    "colleague is alerted, the person hears who is with her now.",
    responses=error_responses(401, 403, 404, 409, 422),
)
async def transfer(case_id: Id, body: TransferIn, caller: ApiCaller, uow: Uow) -> CaseOut:
    await cases.transfer_case(
        uow, staff_id=caller.id, case_id=case_id, to_staff_id=body.to, note=body.note
    )
    return await case_after(uow, case_id, caller)


@router.post(
    "/cases/{case_id}/forget",
    summary="Deletes the data of the person behind the case, at her request (coordinator, "
    "admin). The case stays closed, without texts; nothing is sent to her.",
    responses=error_responses(401, 403, 404, 422),
)
async def forget(case_id: Id, body: ReasonIn, caller: ApiCaller, uow: Uow) -> CaseOut:
    await privacy.forget_person_of_case(
        uow, staff_id=caller.id, case_id=case_id, reason=body.reason
    )
    return await case_after(uow, case_id, caller)


def _written(message: Message, body: str, caller: Caller) -> MessageOut:
    """A message just written by the caller (the service stored ``body`` stripped)."""
    return MessageOut(
        id=message.id,
        direction=message.direction,
        kind=message.kind,
        text=body.strip(),
        at=message.created_at,
        author=caller.display_name,
        by="staff",
        delivery=message.delivery,
    )
