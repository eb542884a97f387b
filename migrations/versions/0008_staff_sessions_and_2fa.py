"""Server-side staff sessions, the second factor (TOTP and recovery codes), password resets.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08 10:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "staff_sessions",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("staff_id", BIG_ID, nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("user_agent", sa.String(length=120), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("password_print", sa.String(length=24), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_staff_sessions_staff_id_staff"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_staff_sessions_token_hash")),
    )
    op.create_index(
        op.f("ix_staff_sessions_staff_id"), "staff_sessions", ["staff_id"], unique=False
    )
    op.create_table(
        "staff_recovery_codes",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("staff_id", BIG_ID, nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_staff_recovery_codes_staff_id_staff"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_recovery_codes")),
    )
    op.create_index(
        op.f("ix_staff_recovery_codes_staff_id"),
        "staff_recovery_codes",
        ["staff_id"],
        unique=False,
    )
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_secret_enc", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("totp_enrolled_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("totp_last_step", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("reset_code_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("reset_code_expires_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("password_changed_at")
        batch_op.drop_column("reset_code_expires_at")
        batch_op.drop_column("reset_code_hash")
        batch_op.drop_column("totp_last_step")
        batch_op.drop_column("totp_enrolled_at")
        batch_op.drop_column("totp_secret_enc")
    op.drop_index(op.f("ix_staff_recovery_codes_staff_id"), table_name="staff_recovery_codes")
    op.drop_table("staff_recovery_codes")
    op.drop_index(op.f("ix_staff_sessions_staff_id"), table_name="staff_sessions")
    op.drop_table("staff_sessions")
