"""Session summaries a person keeps for their therapist (hosted mode; empty in a personal
vault): the summary as it was shown, its period and when it was made.

Revision ID: 0023
Revises: 0022
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from anchored.storage.base import UTCDateTime

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shared_summaries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shared_summaries")),
    )
    op.create_index(op.f("ix_shared_summaries_owner_id"), "shared_summaries", ["owner_id"])


def downgrade() -> None:
    op.drop_table("shared_summaries")
