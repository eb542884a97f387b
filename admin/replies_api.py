"""Canned replies in the JSON API.

``GET /api/v1/replies``: every staff member; ``POST /api/v1/replies``,
``PATCH /api/v1/replies/{id}`` and ``DELETE /api/v1/replies/{id}`` (``title``, ``text``):
coordinators and administrators. The core checks the right and audits each change.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from admin.api import error_responses
from admin.bounds import Id
from admin.deps import ApiCaller, Uow
from core.services import replies
from core.services.replies import MAX_TEXT, MAX_TITLE

router = APIRouter(prefix="/api/v1")


# Read from the attributes of a ``core.models.CannedReply``.
class ReplyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    title: str
    text: str
    created_at: datetime
    updated_at: datetime


class ReplyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=MAX_TITLE, examples=["Адрес и часы работы"])
    text: str = Field(
        min_length=1,
        max_length=MAX_TEXT,
        examples=["Мы на ул. Садовой, 5. Работаем с понедельника по пятницу, с 9 до 18."],
    )


class ReplyPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=1, max_length=MAX_TITLE)
    text: str | None = Field(default=None, min_length=1, max_length=MAX_TEXT)


@router.get(
    "/replies",
    response_model=list[ReplyOut],
    tags=["replies"],
    summary="Every canned reply, by title (any staff member).",
    responses=error_responses(401),
)
async def list_replies(caller: ApiCaller, uow: Uow) -> list[ReplyOut]:
    return [ReplyOut.model_validate(r) for r in await replies.list_replies(uow, staff_id=caller.id)]


@router.post(
    "/replies",
    response_model=ReplyOut,
    status_code=201,
    tags=["replies"],
    summary="Add a canned reply (coordinator, admin).",
    responses=error_responses(401, 403, 422),
)
async def create_reply(body: ReplyIn, caller: ApiCaller, uow: Uow) -> ReplyOut:
    reply = await replies.create_reply(uow, staff_id=caller.id, title=body.title, text=body.text)
    return ReplyOut.model_validate(reply)


@router.patch(
    "/replies/{reply_id}",
    response_model=ReplyOut,
    tags=["replies"],
    summary="Change a canned reply's title or text (coordinator, admin).",
    responses=error_responses(401, 403, 404, 422),
)
async def update_reply(reply_id: Id, body: ReplyPatch, caller: ApiCaller, uow: Uow) -> ReplyOut:
    reply = await replies.update_reply(
        uow, staff_id=caller.id, reply_id=reply_id, title=body.title, text=body.text
    )
    return ReplyOut.model_validate(reply)


@router.delete(
    "/replies/{reply_id}",
    status_code=204,
    tags=["replies"],
    summary="Remove a canned reply (coordinator, admin).",
    responses=error_responses(401, 403, 404, 422),
)
async def delete_reply(reply_id: Id, caller: ApiCaller, uow: Uow) -> Response:
    await replies.delete_reply(uow, staff_id=caller.id, reply_id=reply_id)
    return Response(status_code=204)
