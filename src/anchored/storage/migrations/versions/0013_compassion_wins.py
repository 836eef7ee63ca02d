"""Self-compassion (kind phrases, breaks) and wins (wins, affirmations).

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from anchored.storage.base import UTCDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kind_phrases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kind_phrases")),
    )
    op.create_index(op.f("ix_kind_phrases_owner_id"), "kind_phrases", ["owner_id"])
    op.create_index("ix_kind_phrases_owner_position", "kind_phrases", ["owner_id", "position"])
    op.create_table(
        "compassion_breaks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("feeling_before", sa.Integer(), nullable=True),
        sa.Column("feeling_after", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_compassion_breaks")),
    )
    op.create_index(op.f("ix_compassion_breaks_owner_id"), "compassion_breaks", ["owner_id"])
    op.create_table(
        "wins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("took", sa.String(length=2000), nullable=False),
        sa.Column("source", sa.String(length=60), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wins")),
    )
    op.create_index(op.f("ix_wins_owner_id"), "wins", ["owner_id"])
    op.create_index("ix_wins_owner_day", "wins", ["owner_id", "day"])
    op.create_table(
        "affirmations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_affirmations")),
    )
    op.create_index(op.f("ix_affirmations_owner_id"), "affirmations", ["owner_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_affirmations_owner_id"), table_name="affirmations")
    op.drop_table("affirmations")
    op.drop_index("ix_wins_owner_day", table_name="wins")
    op.drop_index(op.f("ix_wins_owner_id"), table_name="wins")
    op.drop_table("wins")
    op.drop_index(op.f("ix_compassion_breaks_owner_id"), table_name="compassion_breaks")
    op.drop_table("compassion_breaks")
    op.drop_index("ix_kind_phrases_owner_position", table_name="kind_phrases")
    op.drop_index(op.f("ix_kind_phrases_owner_id"), table_name="kind_phrases")
    op.drop_table("kind_phrases")
