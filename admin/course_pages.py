"""The course pages of the panel: thin routes over core.services (see admin/pages.py).

``/courses`` (groups, a new group), ``/courses/groups/{id}`` (sessions, enrolments, the
waiting list, a message to the group), ``/courses/sessions/{id}/edit`` (a session's date,
time, place, topic; the group's capacity), ``/courses/sessions/{id}/roll`` (the roll call, made
for a phone) and ``/courses/ics/<token>.ics`` (her calendar file: no login, the token is a
keyed hash of the enrolment).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from admin.auth import check_csrf
from admin.bounds import Id, form_moment
from admin.deps import CoreDep, FormCaller, PageCaller, SettingsDep, Uow
from admin.pages import perform, render
from core.errors import InvalidInput, NotFound
from core.models import Enrollment, GroupStatus
from core.services import courses
from core.services.lookup import get_or_404
from core.services.staff import list_staff
from core.uow import UnitOfWork


def _int(value: str, code: str, *, required: bool = True) -> int | None:
    value = value.strip()
    if not value and not required:
        return None
    if not value.isdigit() or len(value) > 9:
        raise InvalidInput(code)
    return int(value)


def _start(value: str, zone: ZoneInfo) -> datetime:
    """A session's start from the form, in the centre's time zone (inside the window)."""
    return form_moment(value, zone, "course-session-bad-time")


router = APIRouter(include_in_schema=False)

# --- groups ---------------------------------------------------------------------------


@router.get("/courses", response_class=HTMLResponse)
async def groups_page(request: Request, caller: PageCaller, uow: Uow) -> Response:
    views = await courses.list_groups(uow)
    staff = [s for s in await list_staff(uow) if s.is_active]
    return render(request, "course_list.html", caller, groups=views, staff=staff)


@router.post("/courses/groups")
async def create_group(
    request: Request,
    caller: FormCaller,
    uow: Uow,
    title: Annotated[str, Form(max_length=1000)] = "",
    capacity: Annotated[str, Form(max_length=10)] = "",
    place: Annotated[str, Form(max_length=1000)] = "",
    audience: Annotated[str, Form(max_length=1000)] = "",
    leader_id: Annotated[str, Form(max_length=20)] = "",
    drop_ins: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    created: dict[str, int] = {}

    async def action() -> None:
        group = await courses.create_group(
            uow,
            staff_id=caller.id,
            title=title,
            capacity=_int(capacity, "course-capacity-invalid") or 0,
            place=place,
            audience=audience,
            leader_id=_int(leader_id, "staff-not-found", required=False),
            drop_ins=bool(drop_ins),
        )
        created["id"] = group.id

    response = await perform(request, uow, action, "panel-course-group-created", "/courses")
    if "id" in created:
        return RedirectResponse(f"/courses/groups/{created['id']}", status_code=303)
    return response


@router.get("/courses/groups/{group_id}", response_class=HTMLResponse)
async def group_page(
    request: Request, group_id: Id, caller: PageCaller, core: CoreDep, uow: Uow
) -> Response:
    view = await courses.group_view(uow, group_id)
    enrollments = await courses.list_enrollments(uow, group_id)
    staff = [s for s in await list_staff(uow) if s.is_active]
    now = core.clock.now()
    zone = ZoneInfo(core.settings.timezone)
    last = view.sessions[-1].starts_at if view.sessions else now
    default_start = (max(last, now) + timedelta(days=7)).astimezone(zone)
    can_run = await courses.may_run_group(uow, staff_id=caller.id, group_id=group_id)
    return render(
        request,
        "course_group.html",
        caller,
        view=view,
        group=view.group,
        seat_holders=[e for e in enrollments if e.status in ("active", "offered", "completed")],
        waiting=[e for e in enrollments if e.status == "waiting"],
        ended=[e for e in enrollments if e.status in ("cancelled", "expired")],
        staff=staff,
        can_run=can_run,
        default_start=default_start.strftime("%Y-%m-%dT%H:%M"),
        zone_name=core.settings.timezone,
        statuses=list(GroupStatus),
    )


@router.post("/courses/groups/{group_id}/sessions")
async def add_session(
    request: Request,
    group_id: Id,
    caller: FormCaller,
    settings: SettingsDep,
    uow: Uow,
    starts_at: Annotated[str, Form(max_length=40)] = "",
    minutes: Annotated[str, Form(max_length=5)] = "90",
    place: Annotated[str, Form(max_length=1000)] = "",
    topic: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    zone = ZoneInfo(settings.timezone)

    async def action() -> None:
        start = _start(starts_at, zone)
        length = _int(minutes or "90", "course-session-too-long") or 0
        await courses.add_session(
            uow,
            staff_id=caller.id,
            group_id=group_id,
            spec=courses.SessionSpec(
                starts_at=start,
                ends_at=start + timedelta(minutes=length),
                place=place,
                topic=topic,
            ),
        )

    return await perform(
        request, uow, action, "panel-course-session-added", f"/courses/groups/{group_id}"
    )


@router.post("/courses/groups/{group_id}/settings")
async def group_settings(
    request: Request,
    group_id: Id,
    caller: FormCaller,
    uow: Uow,
    capacity: Annotated[str, Form(max_length=10)] = "",
    place: Annotated[str, Form(max_length=1000)] = "",
    leader_id: Annotated[str, Form(max_length=20)] = "",
    drop_ins: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    return await perform(
        request,
        uow,
        lambda: courses.update_group(
            uow,
            staff_id=caller.id,
            group_id=group_id,
            capacity=_int(capacity, "course-capacity-invalid"),
            place=place,
            drop_ins=bool(drop_ins),
            leader_id=_int(leader_id, "staff-not-found", required=False),
        ),
        "panel-course-group-saved",
        f"/courses/groups/{group_id}",
    )


@router.post("/courses/groups/{group_id}/status")
async def group_status(
    request: Request,
    group_id: Id,
    caller: FormCaller,
    uow: Uow,
    status: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    return await perform(
        request,
        uow,
        lambda: courses.set_group_status(uow, staff_id=caller.id, group_id=group_id, status=status),
        "panel-course-status-saved",
        f"/courses/groups/{group_id}",
    )


@router.post("/courses/groups/{group_id}/message")
async def message_group(
    request: Request,
    group_id: Id,
    caller: FormCaller,
    uow: Uow,
    text: Annotated[str, Form(max_length=20_000)] = "",
    include_waiting: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    return await perform(
        request,
        uow,
        lambda: courses.message_group(
            uow,
            staff_id=caller.id,
            group_id=group_id,
            text=text,
            include_waiting=bool(include_waiting),
        ),
        "panel-course-message-queued",
        f"/courses/groups/{group_id}",
    )


# --- sessions -------------------------------------------------------------------------


async def group_of_session(uow: UnitOfWork, session_id: int) -> int:
    return (await courses.get_session(uow, session_id)).group_id


@router.post("/courses/sessions/{session_id}/cancel")
async def cancel_session(
    request: Request,
    session_id: Id,
    caller: FormCaller,
    uow: Uow,
    reason: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    group_id = await group_of_session(uow, session_id)
    return await perform(
        request,
        uow,
        lambda: courses.cancel_session(
            uow, staff_id=caller.id, session_id=session_id, reason=reason
        ),
        "panel-course-session-cancel-done",
        f"/courses/groups/{group_id}",
    )


@router.post("/courses/sessions/{session_id}/edit")
async def change_session(
    request: Request,
    session_id: Id,
    caller: FormCaller,
    settings: SettingsDep,
    uow: Uow,
    date: Annotated[str, Form(max_length=20)] = "",
    time: Annotated[str, Form(max_length=20)] = "",
    place: Annotated[str, Form(max_length=1000)] = "",
    topic: Annotated[str, Form(max_length=1000)] = "",
    capacity: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    group_id = await group_of_session(uow, session_id)
    zone = ZoneInfo(settings.timezone)

    async def action() -> int:
        moved = date.strip() or time.strip()
        change = await courses.change_session(
            uow,
            staff_id=caller.id,
            session_id=session_id,
            starts_at=_start(f"{date.strip()}T{time.strip()}", zone) if moved else None,
            place=place,
            topic=topic,
            capacity=_int(capacity, "course-capacity-invalid", required=False),
        )
        return change.told

    return await perform(
        request, uow, action, "panel-course-session-changed", f"/courses/groups/{group_id}"
    )


@router.get("/courses/sessions/{session_id}/roll", response_class=HTMLResponse)
async def roll_page(request: Request, session_id: Id, caller: PageCaller, uow: Uow) -> Response:
    session = await courses.get_session(uow, session_id)
    group = await courses.get_group(uow, session.group_id)
    rows = await courses.roll_call(uow, session_id)
    return render(request, "course_roll.html", caller, session=session, group=group, rows=rows)


@router.post("/courses/sessions/{session_id}/roll")
async def save_roll(request: Request, session_id: Id, caller: PageCaller, uow: Uow) -> Response:
    # The form is read by hand: "present" repeats, once per ticked row.
    form = await request.form()
    check_csrf(request, str(form.get("csrf", ""))[:200])
    present: set[int] = set()
    for value in form.getlist("present")[:1000]:
        if isinstance(value, str) and value.isdigit() and len(value) <= 18:
            present.add(int(value))
    return await perform(
        request,
        uow,
        lambda: courses.mark_attendance(
            uow, staff_id=caller.id, session_id=session_id, present=present
        ),
        "panel-course-roll-saved",
        f"/courses/sessions/{session_id}/roll",
    )


# --- enrolments -----------------------------------------------------------------------


async def group_of_enrollment(uow: UnitOfWork, enrollment_id: int) -> int:
    found = await get_or_404(uow, Enrollment, enrollment_id, "course-enrollment-not-found")
    return found.group_id


@router.post("/courses/enrollments/{enrollment_id}/cancel")
async def cancel_enrollment(
    request: Request, enrollment_id: Id, caller: FormCaller, uow: Uow
) -> Response:
    group_id = await group_of_enrollment(uow, enrollment_id)
    return await perform(
        request,
        uow,
        lambda: courses.cancel_enrollment(uow, enrollment_id=enrollment_id, staff_id=caller.id),
        "panel-course-enrollment-cancelled",
        f"/courses/groups/{group_id}",
    )


@router.post("/courses/enrollments/{enrollment_id}/note")
async def note(
    request: Request,
    enrollment_id: Id,
    caller: FormCaller,
    uow: Uow,
    note: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    group_id = await group_of_enrollment(uow, enrollment_id)
    return await perform(
        request,
        uow,
        lambda: courses.set_note(uow, staff_id=caller.id, enrollment_id=enrollment_id, note=note),
        "panel-course-note-saved",
        f"/courses/groups/{group_id}",
    )


# --- her calendar file (no login: the token is the key) -------------------------------


@router.get("/courses/ics/{token}.ics")
async def calendar(token: str, uow: Uow) -> Response:
    if len(token) > 80:
        raise NotFound("course-calendar-not-found")
    body = await courses.calendar_ics(uow, token)
    return Response(
        body.encode(),
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="course.ics"',
            "Cache-Control": "no-store",
        },
    )
