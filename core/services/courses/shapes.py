"""Shapes for the course read side and the session description."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.models import CourseGroup, CourseSession


@dataclass(frozen=True)
class SessionSpec:
    """A session as the panel or the API describes it."""

    starts_at: datetime
    place: str = ""
    topic: str = ""
    ends_at: datetime | None = None


@dataclass(frozen=True)
class GroupView:
    group: CourseGroup
    sessions: list[CourseSession]
    waiting: int
    leader: str | None

    @property
    def free(self) -> int:
        return max(0, self.group.capacity - self.group.seats_taken)

    @property
    def upcoming(self) -> list[CourseSession]:
        return [s for s in self.sessions if s.cancelled_at is None]


@dataclass(frozen=True)
class EnrollmentView:
    id: int
    pseudonym: str | None
    roll_name: str | None
    due_info: str | None
    status: str
    position: int | None  # place in the waiting list, from 1
    note: str
    created_at: datetime
    offer_expires_at: datetime | None


@dataclass(frozen=True)
class RollRow:
    enrollment_id: int
    roll_name: str | None
    pseudonym: str | None
    answer: str | None
    drop_in: bool
    present: bool | None


@dataclass(frozen=True)
class SessionChange:
    """What ``change_session`` did: the session, the fields that changed (``starts_at``,
    ``place``, ``topic``, ``capacity``) and how many people were told."""

    session: CourseSession
    changed: tuple[str, ...]
    told: int
