"""The course routes of the JSON API (/api/v1); the contract is in docs/architecture.md.

``GET, POST /api/v1/courses/groups``, ``GET /api/v1/courses/groups/{id}/enrollments`` and
``PATCH /api/v1/courses/sessions/{id}`` (a session's time, place, topic, the group's capacity):
thin routes over core.services.courses. No response carries a channel id or a phone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from admin.api import error_responses
from admin.bounds import MAX_ID, WINDOW, Id, Moment
from admin.deps import ApiCaller, Uow
from core.models import CourseSession
from core.services import courses
from core.services.courses import GroupView, SessionSpec


class SessionIn(BaseModel):
    starts_at: Moment = Field(
        description=f"ISO 8601 with a zone, e.g. 2026-12-03T18:00:00+03:00; {WINDOW}"
    )
    place: str = Field("", max_length=courses.MAX_PLACE)
    topic: str = Field("", max_length=courses.MAX_TOPIC, examples=["Как проходят роды"])
    ends_at: Moment | None = Field(None, description="default: 90 minutes after the start")


class GroupIn(BaseModel):
    title: str = Field(max_length=courses.MAX_TITLE, examples=["Весенняя группа"])
    capacity: int = Field(ge=1, le=courses.MAX_CAPACITY)
    sessions: list[SessionIn] = Field(default_factory=list, max_length=courses.MAX_SESSIONS)
    place: str = Field("", max_length=courses.MAX_PLACE)
    audience: str = Field("", max_length=courses.MAX_TITLE, examples=["срок родов: март–май"])
    drop_ins: bool = Field(False, description="a seat freed for one session goes to the list")
    leader_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="the staff member who leads it"
    )


class SessionOut(BaseModel):
    id: int
    starts_at: datetime
    ends_at: datetime
    place: str
    topic: str
    cancelled: bool


class SessionPatch(BaseModel):
    """Only the fields given change."""

    starts_at: Moment | None = Field(
        None, description=f"ISO 8601 with a zone; the session keeps its length; {WINDOW}"
    )
    place: str | None = Field(None, max_length=courses.MAX_PLACE, description="empty: the group's")
    topic: str | None = Field(None, max_length=courses.MAX_TOPIC)
    capacity: int | None = Field(
        None,
        ge=1,
        le=courses.MAX_CAPACITY,
        description="the group's seats, never below those taken (coordinators, administrators)",
    )


class SessionChangeOut(SessionOut):
    group_id: int
    changed: list[str] = Field(description="starts_at, place, topic, capacity")
    told: int = Field(description="how many people were sent a notice of the change")


class GroupOut(BaseModel):
    id: int
    title: str
    audience: str
    place: str
    capacity: int
    seats_taken: int
    free_seats: int
    waiting: int = Field(description="how many are on the waiting list")
    drop_ins: bool
    status: str = Field(description="open (enrolling), closed or completed")
    leader: str | None
    sessions: list[SessionOut]


# Read from the attributes of a ``courses.EnrollmentView`` (``model_validate``).
class EnrollmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    pseudonym: str | None
    roll_name: str | None = Field(description="the name she gave for the roll")
    due_info: str | None = Field(description="due date or child's age, if she gave it")
    status: str = Field(description="active, offered, waiting, completed, cancelled, expired")
    position: int | None = Field(description="place on the waiting list, from 1")
    offer_expires_at: datetime | None
    created_at: datetime


def session_out(session: CourseSession) -> SessionOut:
    return SessionOut(
        id=session.id,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        place=session.place,
        topic=session.topic,
        cancelled=session.cancelled_at is not None,
    )


def group_out(view: GroupView) -> GroupOut:
    group = view.group
    return GroupOut(
        id=group.id,
        title=group.title,
        audience=group.audience,
        place=group.place,
        capacity=group.capacity,
        seats_taken=group.seats_taken,
        free_seats=view.free,
        waiting=view.waiting,
        drop_ins=group.drop_ins,
        status=group.status,
        leader=view.leader,
        sessions=[session_out(s) for s in view.sessions],
    )


router = APIRouter(prefix="/api/v1")


@router.get(
    "/courses/groups",
    response_model=list[GroupOut],
    tags=["courses"],
    summary="The course groups with their sessions and seats, the open ones first.",
    responses=error_responses(401, 422),
)
async def list_groups(
    caller: ApiCaller,
    uow: Uow,
    open_only: Annotated[bool, Query(description="only groups taking enrolments")] = False,
) -> list[GroupOut]:
    return [group_out(v) for v in await courses.list_groups(uow, open_only=open_only)]


@router.post(
    "/courses/groups",
    response_model=GroupOut,
    status_code=201,
    tags=["courses"],
    summary="Adds a group with its sessions (coordinators and administrators).",
    responses=error_responses(401, 403, 404, 422),
)
async def create_group(body: GroupIn, caller: ApiCaller, uow: Uow) -> GroupOut:
    group = await courses.create_group(
        uow,
        staff_id=caller.id,
        title=body.title,
        capacity=body.capacity,
        place=body.place,
        audience=body.audience,
        drop_ins=body.drop_ins,
        leader_id=body.leader_id,
        sessions=[
            SessionSpec(starts_at=s.starts_at, place=s.place, topic=s.topic, ends_at=s.ends_at)
            for s in body.sessions
        ],
    )
    await uow.commit()
    return group_out(await courses.group_view(uow, group.id))


@router.get(
    "/courses/groups/{group_id}",
    response_model=GroupOut,
    tags=["courses"],
    summary="One group with its sessions.",
    responses=error_responses(401, 404, 422),
)
async def get_group(group_id: Id, caller: ApiCaller, uow: Uow) -> GroupOut:
    return group_out(await courses.group_view(uow, group_id))


@router.get(
    "/courses/groups/{group_id}/enrollments",
    response_model=list[EnrollmentOut],
    tags=["courses"],
    summary="Enrolments and the waiting list, in order (seats first, then the list).",
    responses=error_responses(401, 404, 422),
)
async def enrollments(group_id: Id, caller: ApiCaller, uow: Uow) -> list[EnrollmentOut]:
    return [EnrollmentOut.model_validate(e) for e in await courses.list_enrollments(uow, group_id)]


@router.patch(
    "/courses/sessions/{session_id}",
    response_model=SessionChangeOut,
    tags=["courses"],
    summary="Changes a session still ahead: its time, place, topic, or the group's "
    "capacity. Those expecting it are told when the time or place moves; their reminders "
    "follow the new time.",
    responses=error_responses(401, 403, 404, 409, 422),
)
async def change_session(
    session_id: Id, body: SessionPatch, caller: ApiCaller, uow: Uow
) -> SessionChangeOut:
    change = await courses.change_session(
        uow,
        staff_id=caller.id,
        session_id=session_id,
        starts_at=body.starts_at,
        place=body.place,
        topic=body.topic,
        capacity=body.capacity,
    )
    await uow.commit()
    return SessionChangeOut(
        **session_out(change.session).model_dump(),
        group_id=change.session.group_id,
        changed=list(change.changed),
        told=change.told,
    )
