"""Small steps and habits: the habits, the days they were done, and the weekly reviews.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from anchored.storage.base import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "habits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("why", sa.String(length=1000), nullable=True),
        sa.Column("smallest", sa.String(length=300), nullable=True),
        sa.Column("often", sa.String(length=12), nullable=False),
        sa.Column("days_a_week", sa.Integer(), nullable=True),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_habits")),
    )
    op.create_index(op.f("ix_habits_owner_id"), "habits", ["owner_id"])
    op.create_table(
        "habit_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("habit_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["habit_id"],
            ["habits.id"],
            name=op.f("fk_habit_days_habit_id_habits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_habit_days")),
        sa.UniqueConstraint("habit_id", "day", name=op.f("uq_habit_days_habit_id")),
    )
    op.create_index("ix_habit_days_owner_day", "habit_days", ["owner_id", "day"])
    op.create_table(
        "habit_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("worked", sa.String(length=5000), nullable=True),
        sa.Column("smaller", sa.String(length=5000), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_habit_reviews")),
    )
    op.create_index("ix_habit_reviews_owner_created", "habit_reviews", ["owner_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_habit_reviews_owner_created", table_name="habit_reviews")
    op.drop_table("habit_reviews")
    op.drop_index("ix_habit_days_owner_day", table_name="habit_days")
    op.drop_table("habit_days")
    op.drop_index(op.f("ix_habits_owner_id"), table_name="habits")
    op.drop_table("habits")
