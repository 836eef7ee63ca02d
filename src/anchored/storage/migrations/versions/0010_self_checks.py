"""Self-checks: questionnaire results (answers by item number) and reminder choices.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from anchored.storage.base import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "self_check_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("instrument_id", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=40), nullable=True),
        sa.Column("taken_at", UTCDateTime(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("unscored", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_self_check_results")),
    )
    op.create_index(op.f("ix_self_check_results_owner_id"), "self_check_results", ["owner_id"])
    op.create_index(
        "ix_self_check_results_owner_taken",
        "self_check_results",
        ["owner_id", "instrument_id", "taken_at"],
    )
    op.create_table(
        "self_check_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("instrument_id", sa.String(length=40), nullable=False),
        sa.Column("every_days", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_self_check_reminders")),
        sa.UniqueConstraint(
            "owner_id", "instrument_id", name=op.f("uq_self_check_reminders_owner_id")
        ),
    )
    op.create_table(
        "self_check_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("reminders", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_self_check_settings")),
        sa.UniqueConstraint("owner_id", name=op.f("uq_self_check_settings_owner_id")),
    )


def downgrade() -> None:
    op.drop_table("self_check_settings")
    op.drop_table("self_check_reminders")
    op.drop_index("ix_self_check_results_owner_taken", table_name="self_check_results")
    op.drop_index(op.f("ix_self_check_results_owner_id"), table_name="self_check_results")
    op.drop_table("self_check_results")
