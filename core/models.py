"""The domain model, mapped with SQLAlchemy 2 typed ORM.

Personal and health data never sit in clear text: channel ids, message bodies and outgoing
payloads are encrypted by ``core.crypto.Vault`` before they reach a row.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets BIGINT identities.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[datetime]):
    """Stored in UTC, read back aware: SQLite keeps no zone, so a Moscow 18:00 must not come
    back as 18:00 UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: every stored time must carry its zone")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
    }


class Role(enum.StrEnum):
    specialist = "specialist"
    coordinator = "coordinator"
    admin = "admin"


class SupportLevel(enum.StrEnum):
    emergency = "emergency"
    crisis = "crisis"
    basic = "basic"
    adaptation = "adaptation"


LEVEL_ORDER = {
    SupportLevel.emergency: 0,
    SupportLevel.crisis: 1,
    SupportLevel.basic: 2,
    SupportLevel.adaptation: 3,
}


class CaseStatus(enum.StrEnum):
    open = "open"
    # She ended the conversation herself: nothing more reaches her from the chat but one last
    # message, and the case waits for the specialist to record its outcome.
    ended = "ended"
    closed = "closed"


# The statuses that still ask something of the staff (the inbox lists them).
ACTIVE_STATUSES = (CaseStatus.open, CaseStatus.ended)


class Direction(enum.StrEnum):
    incoming = "in"
    outgoing = "out"
    note = "note"
    system = "system"


class OutboxStatus(enum.StrEnum):
    pending = "pending"
    sent = "sent"
    failed = "failed"


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(256))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    # A one-time code links the account's Telegram for escalations; only its hash is kept.
    link_code_hash: Mapped[str | None] = mapped_column(String(64))
    link_code_expires_at: Mapped[datetime | None]
    notify_channel: Mapped[str | None] = mapped_column(String(16))
    notify_address_enc: Mapped[str | None] = mapped_column(Text)
    # The second factor (TOTP): the secret encrypted by the vault, when it was enrolled, and
    # the last time step a code was accepted for (a code is never taken twice).
    totp_secret_enc: Mapped[str | None] = mapped_column(Text)
    totp_enrolled_at: Mapped[datetime | None]
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    # A one-time password reset code an administrator gave out: only its keyed hash is kept.
    reset_code_hash: Mapped[str | None] = mapped_column(String(64))
    reset_code_expires_at: Mapped[datetime | None]
    password_changed_at: Mapped[datetime | None]


class SessionKind(enum.StrEnum):
    panel = "panel"
    api = "api"


class StaffSession(Base):
    """A panel session or an API token: the cookie or bearer token carries a random token,
    the row keeps only its keyed hash. Ended by logout, by time, or by "sign out everywhere"
    (a password change, a disabled account)."""

    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    user_agent: Mapped[str] = mapped_column(String(120), default="")
    address: Mapped[str] = mapped_column(String(64), default="")
    # A keyed fingerprint of the password hash it was opened with: a password changed by any
    # means ends it too.
    password_print: Mapped[str] = mapped_column(String(24), default="")


class RecoveryCode(Base):
    """One of the ten one-time codes that stand in for the second factor; kept hashed."""

    __tablename__ = "staff_recovery_codes"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]


class Client(Base):
    """A person who writes to the bot. She is known only by a pseudonym."""

    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(32), unique=True)
    locale: Mapped[str] = mapped_column(String(8), default="ru")
    # The step of her conversation: the dialogs own its values (core only starts it over).
    dialog_state: Mapped[str] = mapped_column(String(32), default="")
    dialog_data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    unreachable_reason: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]

    identities: Mapped[list[ChannelIdentity]] = relationship(back_populates="client")


class ChannelIdentity(Base):
    __tablename__ = "channel_identities"
    __table_args__ = (UniqueConstraint("channel", "lookup_hash"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    lookup_hash: Mapped[str] = mapped_column(String(64))
    address_enc: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]

    client: Mapped[Client] = relationship(back_populates="identities")


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_status_level_waiting", "status", "level_rank", "waiting_since"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    topic: Mapped[str] = mapped_column(String(32))
    level: Mapped[str] = mapped_column(String(16), default=SupportLevel.basic)
    level_rank: Mapped[int] = mapped_column(Integer, default=LEVEL_ORDER[SupportLevel.basic])
    status: Mapped[str] = mapped_column(String(16), default=CaseStatus.open)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    routed_to_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    opened_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(Text)
    waiting_since: Mapped[datetime | None]
    last_message_id: Mapped[int | None] = mapped_column(BigId)
    unreachable_reason: Mapped[str | None] = mapped_column(String(200))
    # Triage: what raised the level, for the panel to explain the alarm.
    signals: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    escalation_step: Mapped[int] = mapped_column(Integer, default=0)
    urgent_since: Mapped[datetime | None]
    deadline_at: Mapped[datetime | None]

    client: Mapped[Client] = relationship()
    assignee: Mapped[Staff | None] = relationship(foreign_keys=[assignee_id])


class Message(Base):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    direction: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(16), default="text")
    body_enc: Mapped[str] = mapped_column(Text)
    attachment_enc: Mapped[str | None] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    created_at: Mapped[datetime]
    delivery: Mapped[str | None] = mapped_column(String(16))
    signals: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)

    author: Mapped[Staff | None] = relationship()


class InboundUpdate(Base):
    """Every update from a channel, stored (and de-duplicated) before it is handled."""

    __tablename__ = "inbound_updates"
    __table_args__ = (UniqueConstraint("channel", "update_key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    update_key: Mapped[str] = mapped_column(String(64))
    payload_enc: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime]
    handled_at: Mapped[datetime | None] = mapped_column(index=True)


class OutboxMessage(Base):
    """A message to a person, written with the change that causes it and sent by a worker."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "priority", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    # To a person (client + her channel identity) or, for escalations, to a staff member.
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="CASCADE"), index=True
    )
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(16))
    identity_id: Mapped[int | None] = mapped_column(
        ForeignKey("channel_identities.id", ondelete="CASCADE"), index=True
    )
    address_enc: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("messages.id", ondelete="SET NULL"), index=True
    )
    payload_enc: Mapped[str] = mapped_column(Text)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default=OutboxStatus.pending)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class DutyShift(Base):
    __tablename__ = "duty_shifts"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]

    staff: Mapped[Staff] = relationship()


class AuditEntry(Base):
    __tablename__ = "audit_log"
    # The journal reads newest first a page at a time, filtered by who, what or when.
    __table_args__ = (
        Index("ix_audit_log_staff_id_id", "staff_id", "id"),
        Index("ix_audit_log_action_id", "action", "id"),
        Index("ix_audit_log_at", "at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    action: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="SET NULL"), index=True
    )
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class CalendarDay(Base):
    """A day the coordinator marks as off or working where the production calendar is wrong."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    is_working: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(String(200), default="")
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class ChannelCursor(Base):
    """Where a channel's update stream was read to (VK long-poll ``ts``), so a restart resumes
    from there instead of skipping what arrived while the adapter was down."""

    __tablename__ = "channel_cursors"

    channel: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime]


class Consent(Base):
    """A person's consent to the processing of her personal data for one purpose (152-FZ):
    which text she saw (its version) and when; withdrawn consents stay as a record."""

    __tablename__ = "consents"
    __table_args__ = (Index("ix_consents_client_purpose", "client_id", "purpose"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(16))
    text_version: Mapped[str] = mapped_column(String(32))
    given_at: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None]


class Reminder(Base):
    """A timed message to a person, kept in the database so a restart neither loses nor
    repeats it. ``key`` is unique: scheduling the same reminder twice is a no-op. What it
    says is built when it is due, by the handler of its ``kind``; a handler that finds its
    booking or session cancelled sends nothing."""

    __tablename__ = "reminders"
    __table_args__ = (Index("ix_reminders_due", "sent_at", "cancelled_at", "due_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    key: Mapped[str] = mapped_column(String(96), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    ref_id: Mapped[int] = mapped_column(BigId)
    due_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]


class ItemStatus(enum.StrEnum):
    available = "available"
    booked = "booked"
    issued = "issued"
    in_repair = "in_repair"
    written_off = "written_off"


class BookingStatus(enum.StrEnum):
    offered = "offered"  # held for the first in the waiting list until she answers
    requested = "requested"  # she asked; staff have not confirmed yet
    confirmed = "confirmed"
    issued = "issued"
    returned = "returned"
    cancelled = "cancelled"
    declined = "declined"
    expired = "expired"


# A booking in one of these holds its item; the database allows one such booking per item.
ACTIVE_BOOKING = (
    BookingStatus.offered,
    BookingStatus.requested,
    BookingStatus.confirmed,
    BookingStatus.issued,
)
_ACTIVE_SQL = "status IN ('offered', 'requested', 'confirmed', 'issued')"


class RentalCategory(Base):
    __tablename__ = "rental_categories"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    loan_days: Mapped[int] = mapped_column(Integer, default=30)
    sort: Mapped[int] = mapped_column(Integer, default=0)


class RentalItem(Base):
    __tablename__ = "rental_items"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("rental_categories.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    inventory_no: Mapped[str] = mapped_column(String(40), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    condition: Mapped[str] = mapped_column(String(200), default="")
    photo_url: Mapped[str | None] = mapped_column(String(500))
    branch: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[str] = mapped_column(String(16), default=ItemStatus.available, index=True)
    loan_days: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]

    category: Mapped[RentalCategory] = relationship()


class Booking(Base):
    """One loan of one item, from her request (or a waiting-list offer) to the return.

    Name and phone are asked only here, after her consent, and kept encrypted; they are
    erased when the booking ends."""

    __tablename__ = "rental_bookings"
    __table_args__ = (
        Index(
            "uq_rental_bookings_active_item",
            "item_id",
            unique=True,
            sqlite_where=text(_ACTIVE_SQL),
            postgresql_where=text(_ACTIVE_SQL),
        ),
        Index("ix_rental_bookings_status_due", "status", "due_date"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("rental_items.id"), index=True)
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(16))
    pickup_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    contact_name_enc: Mapped[str | None] = mapped_column(Text)
    phone_enc: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(String(500))
    return_condition: Mapped[str | None] = mapped_column(String(200))
    offer_expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    issued_at: Mapped[datetime | None]
    returned_at: Mapped[datetime | None]
    extensions: Mapped[int] = mapped_column(Integer, default=0)

    item: Mapped[RentalItem] = relationship()


class WaitStatus(enum.StrEnum):
    waiting = "waiting"
    offered = "offered"
    done = "done"
    cancelled = "cancelled"


class RentalWaiter(Base):
    """A place in the waiting list of a category: first come, first served, except that a
    coordinator may put an urgent case first."""

    __tablename__ = "rental_waiters"
    __table_args__ = (Index("ix_rental_waiters_queue", "category_id", "status", "urgent", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("rental_categories.id"))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=WaitStatus.waiting)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    booking_id: Mapped[int | None] = mapped_column(
        ForeignKey("rental_bookings.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime]


# --- the course for expectant mothers ---------------------------------------------------------


class GroupStatus(enum.StrEnum):
    open = "open"  # taking enrolments
    closed = "closed"  # running, no new enrolments
    completed = "completed"


class EnrollmentStatus(enum.StrEnum):
    waiting = "waiting"  # in the waiting list
    offered = "offered"  # a freed seat is held for her until offer_expires_at
    active = "active"
    completed = "completed"
    cancelled = "cancelled"
    expired = "expired"  # she did not answer an offer in time


# An enrolment in one of these holds a seat of its group (counted in seats_taken).
SEAT_HOLDING = (EnrollmentStatus.offered, EnrollmentStatus.active)
_LIVE_ENROLLMENT_SQL = "status IN ('waiting', 'offered', 'active') AND client_id IS NOT NULL"


class Course(Base):
    """A course the centre runs ("подготовка к родам и материнству")."""

    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]


class CourseGroup(Base):
    """One run of a course: its sessions, its seats and its waiting list.

    ``seats_taken`` counts the enrolments holding a seat (active or offered); the database
    refuses a value above ``capacity``, and enrolment takes a seat with a conditional UPDATE,
    so concurrent enrolments can never overfill a group."""

    __tablename__ = "course_groups"
    __table_args__ = (
        CheckConstraint("seats_taken <= capacity", name="seats_within_capacity"),
        CheckConstraint("seats_taken >= 0", name="seats_not_negative"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    audience: Mapped[str] = mapped_column(String(200), default="")
    place: Mapped[str] = mapped_column(String(300), default="")
    capacity: Mapped[int] = mapped_column(Integer)
    seats_taken: Mapped[int] = mapped_column(Integer, default=0)
    # A seat freed for one session ("I can't come") may go to the waiting list for that session.
    drop_ins: Mapped[bool] = mapped_column(Boolean, default=False)
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=GroupStatus.open)
    created_at: Mapped[datetime]
    completed_at: Mapped[datetime | None]

    course: Mapped[Course] = relationship()
    leader: Mapped[Staff | None] = relationship()


class CourseSession(Base):
    """One session (занятие) of a group. ``seats_freed`` counts those who said they cannot
    come; ``drop_ins`` those from the waiting list who took such a seat (never more)."""

    __tablename__ = "course_sessions"
    __table_args__ = (
        CheckConstraint("drop_ins <= seats_freed", name="drop_ins_within_freed"),
        CheckConstraint("drop_ins >= 0", name="drop_ins_not_negative"),
        Index("ix_course_sessions_group_starts", "group_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("course_groups.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(300), default="")
    topic: Mapped[str] = mapped_column(String(300), default="")
    seats_freed: Mapped[int] = mapped_column(Integer, default=0)
    drop_ins: Mapped[int] = mapped_column(Integer, default=0)
    cancelled_at: Mapped[datetime | None]


class Enrollment(Base):
    """Her place in a group or in its waiting list (ordered by id). The roll name (and the
    optional due date or child's age) are personal data: kept encrypted, asked only after her
    consent, erased when the enrolment is cancelled or some time after the course ends."""

    __tablename__ = "course_enrollments"
    __table_args__ = (
        Index(
            "uq_course_enrollments_live",
            "group_id",
            "client_id",
            unique=True,
            sqlite_where=text(_LIVE_ENROLLMENT_SQL),
            postgresql_where=text(_LIVE_ENROLLMENT_SQL),
        ),
        Index("ix_course_enrollments_group_status", "group_id", "status", "id"),
        Index("ix_course_enrollments_offer", "status", "offer_expires_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("course_groups.id", ondelete="CASCADE"))
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(16))
    roll_name_enc: Mapped[str | None] = mapped_column(Text)
    due_info_enc: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    offer_expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]

    group: Mapped[CourseGroup] = relationship()
    client: Mapped[Client | None] = relationship()


class SessionAttendance(Base):
    """Per session and enrolment: her answer to the reminder, a drop-in seat, and the roll
    call (present or not)."""

    __tablename__ = "course_attendance"
    __table_args__ = (UniqueConstraint("session_id", "enrollment_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("course_sessions.id", ondelete="CASCADE"))
    enrollment_id: Mapped[int] = mapped_column(
        ForeignKey("course_enrollments.id", ondelete="CASCADE"), index=True
    )
    answer: Mapped[str | None] = mapped_column(String(8))  # "yes" / "no"
    answered_at: Mapped[datetime | None]
    drop_in: Mapped[bool] = mapped_column(Boolean, default=False)
    present: Mapped[bool | None] = mapped_column(Boolean)
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    marked_at: Mapped[datetime | None]


class CannedReply(Base):
    """A ready answer the staff paste into the composer and edit before sending: the documents
    for a benefit, the centre's address and hours, the helplines."""

    __tablename__ = "canned_replies"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
