"""Pause episodes and their fact-or-feeling statements, trigger log, checking tracker.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from anchored.storage.base import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pause_episodes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("ended_at", UTCDateTime(), nullable=True),
        sa.Column("planned_minutes", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("what_happened", sa.Text(), nullable=False),
        sa.Column("held_message", sa.Text(), nullable=False),
        sa.Column("final_message", sa.Text(), nullable=False),
        sa.Column("urge_before", sa.Integer(), nullable=True),
        sa.Column("urge_after", sa.Integer(), nullable=True),
        sa.Column("decision", sa.String(length=30), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pause_episodes")),
    )
    op.create_table(
        "pause_statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("episode_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["episode_id"],
            ["pause_episodes.id"],
            name=op.f("fk_pause_statements_episode_id_pause_episodes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pause_statements")),
    )
    op.create_table(
        "trigger_log_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("trigger", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("usual_response", sa.Text(), nullable=False),
        sa.Column("new_response", sa.Text(), nullable=False),
        sa.Column("episode_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["episode_id"],
            ["pause_episodes.id"],
            name=op.f("fk_trigger_log_entries_episode_id_pause_episodes"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trigger_log_entries")),
    )
    op.create_table(
        "checking_behaviours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("builtin", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checking_behaviours")),
        sa.UniqueConstraint("owner_id", "name", name=op.f("uq_checking_behaviours_owner_id")),
    )
    op.create_table(
        "checking_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("behaviour_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["behaviour_id"],
            ["checking_behaviours.id"],
            name=op.f("fk_checking_events_behaviour_id_checking_behaviours"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checking_events")),
    )
    op.create_table(
        "checking_goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("max_acts_per_day", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checking_goals")),
        sa.UniqueConstraint("owner_id", "week_start", name=op.f("uq_checking_goals_owner_id")),
    )
    for table, column in (
        ("pause_episodes", "owner_id"),
        ("pause_statements", "episode_id"),
        ("trigger_log_entries", "owner_id"),
        ("checking_events", "owner_id"),
    ):
        with op.batch_alter_table(table) as batch_op:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column])


def downgrade() -> None:
    for table in (
        "checking_goals",
        "checking_events",
        "checking_behaviours",
        "trigger_log_entries",
        "pause_statements",
        "pause_episodes",
    ):
        op.drop_table(table)
