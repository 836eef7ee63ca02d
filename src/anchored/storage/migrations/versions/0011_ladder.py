"""The exposure ladder (step 9): rungs rated 0-100 and the attempts at each.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from anchored.storage.base import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ladder_rungs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("situation", sa.String(length=300), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ladder_rungs")),
    )
    op.create_index(op.f("ix_ladder_rungs_owner_id"), "ladder_rungs", ["owner_id"])
    op.create_table(
        "ladder_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("rung_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("attempted_on", sa.Date(), nullable=False),
        sa.Column("predicted", sa.Integer(), nullable=False),
        sa.Column("peak", sa.Integer(), nullable=False),
        sa.Column("at_end", sa.Integer(), nullable=False),
        sa.Column("feared", sa.Text(), nullable=False),
        sa.Column("happened", sa.Text(), nullable=False),
        sa.Column("learned", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["rung_id"],
            ["ladder_rungs.id"],
            name=op.f("fk_ladder_attempts_rung_id_ladder_rungs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ladder_attempts")),
    )
    op.create_index(op.f("ix_ladder_attempts_owner_id"), "ladder_attempts", ["owner_id"])
    op.create_index("ix_ladder_attempts_rung_on", "ladder_attempts", ["rung_id", "attempted_on"])


def downgrade() -> None:
    op.drop_index("ix_ladder_attempts_rung_on", table_name="ladder_attempts")
    op.drop_index(op.f("ix_ladder_attempts_owner_id"), table_name="ladder_attempts")
    op.drop_table("ladder_attempts")
    op.drop_index(op.f("ix_ladder_rungs_owner_id"), table_name="ladder_rungs")
    op.drop_table("ladder_rungs")
