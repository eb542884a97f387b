"""Shared by the course modules: limits, time, cleaning, access checks, lookups, notifying."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from core.clock import as_utc
from core.errors import Forbidden, InvalidInput, NotFound
from core.local_time import centre_zone, local_moment
from core.models import (
    SEAT_HOLDING,
    Client,
    CourseGroup,
    CourseSession,
    Enrollment,
    EnrollmentStatus,
    Role,
    SessionAttendance,
    Staff,
)
from core.notices import Notice, tell
from core.services import outbox
from core.services.clients import latest_identity
from core.services.lookup import get_or_404
from core.services.staff import active_staff, require_manager
from core.uow import UnitOfWork

# The evening reminder goes out the day before (``settings.course_reminder_eve_at``), the
# second one this long before the session.
SOON_BEFORE = timedelta(hours=2)
MAX_NAME = 40
MAX_DUE = 60
MAX_TITLE = 200
MAX_PLACE = 300
MAX_TOPIC = 300
MAX_NOTE = 2000
MAX_GROUP_MESSAGE = 2000
MAX_CAPACITY = 500
MAX_SESSIONS = 60
DEFAULT_SESSION_LENGTH = timedelta(minutes=90)
# How many of the waiting list hear of a seat freed for one session (the first answer wins).
DROP_IN_NOTIFY = 20
LIVE = (EnrollmentStatus.waiting, EnrollmentStatus.offered, EnrollmentStatus.active)
KIND_EVE = "course.eve"
KIND_SOON = "course.soon"


def zone(uow: UnitOfWork) -> ZoneInfo:
    return centre_zone(uow.settings)


def local(uow: UnitOfWork, at: datetime) -> datetime:
    """``at`` in the centre's time zone."""
    return local_moment(uow.settings, at)


def clean_text(value: str | None, limit: int, code: str, *, required: bool = False) -> str:
    cleaned = " ".join((value or "").split())
    if required and not cleaned:
        raise InvalidInput(f"{code}-empty")
    if len(cleaned) > limit:
        raise InvalidInput(f"{code}-too-long", limit=limit)
    return cleaned


def clean_roll_name(value: str) -> str:
    return clean_text(value, MAX_NAME, "course-name", required=True)


def clean_due_info(value: str | None) -> str:
    return clean_text(value, MAX_DUE, "course-due")


def roll_name(uow: UnitOfWork, enrollment: Enrollment) -> str | None:
    return uow.vault.decrypt(enrollment.roll_name_enc) if enrollment.roll_name_enc else None


def due_info(uow: UnitOfWork, enrollment: Enrollment) -> str | None:
    return uow.vault.decrypt(enrollment.due_info_enc) if enrollment.due_info_enc else None


def erase_roll(enrollment: Enrollment) -> None:
    enrollment.roll_name_enc = None
    enrollment.due_info_enc = None


async def acting_staff(uow: UnitOfWork, staff_id: int) -> Staff:
    return await active_staff(uow, staff_id)


async def require_course_manager(uow: UnitOfWork, staff_id: int) -> Staff:
    return await require_manager(uow, staff_id, "course-manage-forbidden")


def may_run(staff: Staff, group: CourseGroup) -> bool:
    """Coordinators, admins and the specialist who leads the group run it."""
    return staff.role in (Role.coordinator, Role.admin) or group.leader_id == staff.id


async def require_runner(uow: UnitOfWork, staff_id: int, group: CourseGroup) -> Staff:
    staff = await acting_staff(uow, staff_id)
    if not may_run(staff, group):
        raise Forbidden("course-manage-forbidden")
    return staff


async def may_run_group(uow: UnitOfWork, *, staff_id: int, group_id: int) -> bool:
    """Whether this staff member may run the group (the panel shows its controls)."""
    return may_run(await acting_staff(uow, staff_id), await get_group(uow, group_id))


async def get_group(uow: UnitOfWork, group_id: int) -> CourseGroup:
    return await get_or_404(uow, CourseGroup, group_id, "course-group-not-found")


async def get_session(uow: UnitOfWork, session_id: int) -> CourseSession:
    return await get_or_404(uow, CourseSession, session_id, "course-session-not-found")


async def get_enrollment(uow: UnitOfWork, enrollment_id: int, client_id: int | None) -> Enrollment:
    """Her enrolment (``client_id`` given: someone else's is "not found")."""
    enrollment = await uow.session.get(Enrollment, enrollment_id)
    if enrollment is None or (client_id is not None and enrollment.client_id != client_id):
        raise NotFound("course-enrollment-not-found")
    return enrollment


async def sessions_of(uow: UnitOfWork, group_id: int) -> list[CourseSession]:
    return list(
        await uow.session.scalars(
            select(CourseSession)
            .where(CourseSession.group_id == group_id)
            .order_by(CourseSession.starts_at, CourseSession.id)
        )
    )


async def upcoming_sessions(uow: UnitOfWork, group_id: int) -> list[CourseSession]:
    now = uow.clock.now()
    return [
        s
        for s in await sessions_of(uow, group_id)
        if s.cancelled_at is None and as_utc(s.starts_at) > now
    ]


async def tell_her(
    uow: UnitOfWork, client_id: int | None, said: Notice, *, priority: int = outbox.BULK
) -> bool:
    """Queues ``said`` to her latest channel, in her language; False when unreachable."""
    if client_id is None:
        return False
    client = await uow.session.get(Client, client_id)
    identity = await latest_identity(uow, client_id)
    if client is None or identity is None:
        return False
    tell(uow, identity, client.locale, said, priority=priority)
    return True


async def attendance_of(
    uow: UnitOfWork, session_id: int, enrollment_id: int
) -> SessionAttendance | None:
    return await uow.session.scalar(
        select(SessionAttendance).where(
            SessionAttendance.session_id == session_id,
            SessionAttendance.enrollment_id == enrollment_id,
        )
    )


async def seat_holders(
    uow: UnitOfWork, group_id: int, *, active_only: bool = False
) -> list[Enrollment]:
    statuses = (EnrollmentStatus.active,) if active_only else SEAT_HOLDING
    return list(
        await uow.session.scalars(
            select(Enrollment)
            .where(Enrollment.group_id == group_id, Enrollment.status.in_(statuses))
            .order_by(Enrollment.id)
        )
    )
