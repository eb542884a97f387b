"""The course read side: groups, enrolments, waiting-list positions, skipped sessions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from core.clock import as_utc
from core.errors import NotFound
from core.models import CourseGroup, Enrollment, EnrollmentStatus, GroupStatus, SessionAttendance
from core.services.courses.common import LIVE, due_info, get_group, roll_name, sessions_of
from core.services.courses.shapes import EnrollmentView, GroupView
from core.uow import UnitOfWork


async def _waiting_counts(uow: UnitOfWork, group_ids: list[int]) -> dict[int, int]:
    if not group_ids:
        return {}
    rows = await uow.session.execute(
        select(Enrollment.group_id, func.count(Enrollment.id))
        .where(
            Enrollment.group_id.in_(group_ids),
            Enrollment.status == EnrollmentStatus.waiting,
        )
        .group_by(Enrollment.group_id)
    )
    return {int(group_id): int(count) for group_id, count in rows.all()}


async def _views(uow: UnitOfWork, groups: list[CourseGroup]) -> list[GroupView]:
    waiting = await _waiting_counts(uow, [g.id for g in groups])
    views = []
    for group in groups:
        views.append(
            GroupView(
                group=group,
                sessions=await sessions_of(uow, group.id),
                waiting=waiting.get(group.id, 0),
                leader=group.leader.display_name if group.leader else None,
            )
        )
    return views


async def list_groups(uow: UnitOfWork, *, open_only: bool = False) -> list[GroupView]:
    """Groups, the open ones first; ``open_only``: those she can enrol in now (their last
    session is still ahead)."""
    query = select(CourseGroup).options(selectinload(CourseGroup.leader))
    if open_only:
        query = query.where(CourseGroup.status == GroupStatus.open)
    groups = list(await uow.session.scalars(query.order_by(CourseGroup.id)))
    views = await _views(uow, groups)
    now = uow.clock.now()
    if open_only:
        views = [v for v in views if v.upcoming and as_utc(v.upcoming[-1].starts_at) > now]

    def first_start(view: GroupView) -> datetime:
        starts = [as_utc(s.starts_at) for s in view.sessions]
        return min(starts) if starts else as_utc(view.group.created_at)

    order = {GroupStatus.open: 0, GroupStatus.closed: 1, GroupStatus.completed: 2}
    return sorted(views, key=lambda v: (order.get(GroupStatus(v.group.status), 3), first_start(v)))


async def group_view(uow: UnitOfWork, group_id: int) -> GroupView:
    group = await uow.session.scalar(
        select(CourseGroup)
        .options(selectinload(CourseGroup.leader))
        .where(CourseGroup.id == group_id)
    )
    if group is None:
        raise NotFound("course-group-not-found")
    [view] = await _views(uow, [group])
    return view


async def list_enrollments(uow: UnitOfWork, group_id: int) -> list[EnrollmentView]:
    """The group's enrolments in order (seat holders by enrolment, then the waiting list in
    its order, then the ended ones)."""
    await get_group(uow, group_id)
    rows = list(
        await uow.session.scalars(
            select(Enrollment)
            .options(selectinload(Enrollment.client))
            .where(Enrollment.group_id == group_id)
            .order_by(Enrollment.id)
        )
    )
    rank = {
        EnrollmentStatus.active: 0,
        EnrollmentStatus.offered: 0,
        EnrollmentStatus.completed: 0,
        EnrollmentStatus.waiting: 1,
    }
    rows.sort(key=lambda e: (rank.get(EnrollmentStatus(e.status), 2), e.id))
    views = []
    position = 0
    for enrollment in rows:
        place = None
        if enrollment.status == EnrollmentStatus.waiting:
            position += 1
            place = position
        views.append(
            EnrollmentView(
                id=enrollment.id,
                pseudonym=enrollment.client.pseudonym if enrollment.client else None,
                roll_name=roll_name(uow, enrollment),
                due_info=due_info(uow, enrollment),
                status=enrollment.status,
                position=place,
                note=enrollment.note,
                created_at=enrollment.created_at,
                offer_expires_at=enrollment.offer_expires_at,
            )
        )
    return views


async def my_enrollments(uow: UnitOfWork, client_id: int) -> list[Enrollment]:
    """Her live enrolments (with their groups), the earliest first."""
    return list(
        await uow.session.scalars(
            select(Enrollment)
            .options(selectinload(Enrollment.group))
            .where(Enrollment.client_id == client_id, Enrollment.status.in_(LIVE))
            .order_by(Enrollment.id)
        )
    )


async def waiting_position(uow: UnitOfWork, enrollment: Enrollment) -> int:
    count = await uow.session.scalar(
        select(func.count(Enrollment.id)).where(
            Enrollment.group_id == enrollment.group_id,
            Enrollment.status == EnrollmentStatus.waiting,
            Enrollment.id <= enrollment.id,
        )
    )
    return int(count or 0)


async def skipped_sessions(uow: UnitOfWork, enrollment_id: int) -> set[int]:
    """The sessions she said she would miss."""
    return set(
        await uow.session.scalars(
            select(SessionAttendance.session_id).where(
                SessionAttendance.enrollment_id == enrollment_id,
                SessionAttendance.answer == "no",
            )
        )
    )


async def find_group(uow: UnitOfWork, group_id: int) -> CourseGroup | None:
    """The group, or None when it no longer exists (a button from an old message)."""
    return await uow.session.get(CourseGroup, group_id)


async def find_her_enrollment(
    uow: UnitOfWork, *, client_id: int, enrollment_id: int
) -> Enrollment | None:
    """Her enrolment; someone else's is None, like one that does not exist."""
    enrollment = await uow.session.get(Enrollment, enrollment_id)
    return enrollment if enrollment is not None and enrollment.client_id == client_id else None
