"""Programme: step statuses, step-tagged journal entries, signs reflections, session notes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from anchored.storage.base import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("journal_entries") as batch_op:
        batch_op.add_column(sa.Column("step", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("exercise", sa.String(length=80), nullable=True))
    op.create_table(
        "step_statuses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_step_statuses")),
        sa.UniqueConstraint("owner_id", "step", name=op.f("uq_step_statuses_owner_id")),
    )
    op.create_table(
        "signs_reflections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("recognised", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signs_reflections")),
    )
    op.create_table(
        "session_prep_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_prep_items")),
    )
    for table in ("signs_reflections", "session_prep_items"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.create_index(batch_op.f(f"ix_{table}_owner_id"), ["owner_id"])


def downgrade() -> None:
    for table in ("session_prep_items", "signs_reflections"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_owner_id"))
        op.drop_table(table)
    op.drop_table("step_statuses")
    with op.batch_alter_table("journal_entries") as batch_op:
        batch_op.drop_column("exercise")
        batch_op.drop_column("step")
