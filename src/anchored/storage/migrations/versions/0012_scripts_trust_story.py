"""Scripts for needs and boundaries (and their rehearsals), the trust log, and the life-story
timeline (with its pacing).

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from anchored.storage.base import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scripts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("situation", sa.Text(), nullable=False),
        sa.Column("feeling", sa.Text(), nullable=False),
        sa.Column("need", sa.Text(), nullable=False),
        sa.Column("request", sa.Text(), nullable=False),
        sa.Column("wording", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scripts")),
    )
    op.create_index(op.f("ix_scripts_owner_id"), "scripts", ["owner_id"])
    op.create_index("ix_scripts_owner_created", "scripts", ["owner_id", "created_at"])
    op.create_table(
        "script_rehearsals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("script_id", sa.Integer(), nullable=False),
        sa.Column("rehearsed_at", UTCDateTime(), nullable=False),
        sa.Column("felt", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["script_id"],
            ["scripts.id"],
            name=op.f("fk_script_rehearsals_script_id_scripts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_script_rehearsals")),
    )
    op.create_index(op.f("ix_script_rehearsals_owner_id"), "script_rehearsals", ["owner_id"])
    op.create_index(op.f("ix_script_rehearsals_script_id"), "script_rehearsals", ["script_id"])
    op.create_table(
        "trust_moments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("person_name", sa.String(length=120), nullable=False),
        sa.Column("said", sa.Text(), nullable=False),
        sa.Column("kept", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trust_moments")),
    )
    op.create_index(op.f("ix_trust_moments_owner_id"), "trust_moments", ["owner_id"])
    op.create_index("ix_trust_moments_owner_day", "trust_moments", ["owner_id", "happened_on"])
    op.create_table(
        "life_story_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_life_story_events")),
    )
    op.create_index(op.f("ix_life_story_events_owner_id"), "life_story_events", ["owner_id"])
    op.create_table(
        "life_story_pace",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("dismissed_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_life_story_pace")),
        sa.UniqueConstraint("owner_id", name=op.f("uq_life_story_pace_owner_id")),
    )


def downgrade() -> None:
    op.drop_table("life_story_pace")
    op.drop_index(op.f("ix_life_story_events_owner_id"), table_name="life_story_events")
    op.drop_table("life_story_events")
    op.drop_index("ix_trust_moments_owner_day", table_name="trust_moments")
    op.drop_index(op.f("ix_trust_moments_owner_id"), table_name="trust_moments")
    op.drop_table("trust_moments")
    op.drop_index(op.f("ix_script_rehearsals_script_id"), table_name="script_rehearsals")
    op.drop_index(op.f("ix_script_rehearsals_owner_id"), table_name="script_rehearsals")
    op.drop_table("script_rehearsals")
    op.drop_index("ix_scripts_owner_created", table_name="scripts")
    op.drop_index(op.f("ix_scripts_owner_id"), table_name="scripts")
    op.drop_table("scripts")
