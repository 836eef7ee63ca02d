"""Joy list items and resilience memories (step 3).

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from anchored.storage.base import UTCDateTime

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "joy_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("what", sa.String(length=300), nullable=False),
        sa.Column("last_done", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_joy_items")),
    )
    op.create_index(op.f("ix_joy_items_owner_id"), "joy_items", ["owner_id"])
    op.create_index("ix_joy_items_owner_position", "joy_items", ["owner_id", "position"])
    op.create_table(
        "resilience_memories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("happened", sa.Text(), nullable=False),
        sa.Column("did", sa.Text(), nullable=False),
        sa.Column("shows", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resilience_memories")),
    )
    op.create_index(op.f("ix_resilience_memories_owner_id"), "resilience_memories", ["owner_id"])
    op.create_index(
        "ix_resilience_memories_owner_created",
        "resilience_memories",
        ["owner_id", "created_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_resilience_memories_owner_created", table_name="resilience_memories")
    op.drop_index(op.f("ix_resilience_memories_owner_id"), table_name="resilience_memories")
    op.drop_table("resilience_memories")
    op.drop_index("ix_joy_items_owner_position", table_name="joy_items")
    op.drop_index(op.f("ix_joy_items_owner_id"), table_name="joy_items")
    op.drop_table("joy_items")
