"""The canned replies page of the panel (``/replies``, coordinators and administrators): the
list, a new one, editing and removing. Every change is a service of
``core/services/replies.py``, which checks the right and audits it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from admin.bounds import Id
from admin.deps import FormCaller, PageCaller, Uow
from admin.pages import perform, render
from core.services import replies

router = APIRouter(include_in_schema=False)
BACK = "/replies"
# Generous bounds at the edge; the core refuses past its own (120 and 4000) in words.
Title = Annotated[str, Form(max_length=1000)]
Text = Annotated[str, Form(max_length=20_000)]


@router.get("/replies", response_class=HTMLResponse)
async def replies_page(request: Request, caller: PageCaller, uow: Uow) -> Response:
    rows = await replies.replies_to_manage(uow, staff_id=caller.id)
    return render(request, "replies.html", caller, replies=rows)


@router.post("/replies")
async def add(
    request: Request, caller: FormCaller, uow: Uow, title: Title = "", text: Text = ""
) -> Response:
    async def action() -> object:
        return await replies.create_reply(uow, staff_id=caller.id, title=title, text=text)

    return await perform(request, uow, action, "panel-replies-created", BACK)


@router.post("/replies/{reply_id}")
async def edit(
    request: Request,
    reply_id: Id,
    caller: FormCaller,
    uow: Uow,
    title: Title = "",
    text: Text = "",
) -> Response:
    async def action() -> object:
        return await replies.update_reply(
            uow, staff_id=caller.id, reply_id=reply_id, title=title, text=text
        )

    return await perform(request, uow, action, "panel-replies-saved", BACK)


@router.post("/replies/{reply_id}/delete")
async def delete(request: Request, reply_id: Id, caller: FormCaller, uow: Uow) -> Response:
    async def action() -> object:
        return await replies.delete_reply(uow, staff_id=caller.id, reply_id=reply_id)

    return await perform(request, uow, action, "panel-replies-deleted", BACK)
