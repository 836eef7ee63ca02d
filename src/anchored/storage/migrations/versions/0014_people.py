"""Support people, and the safety plan's picks from them (its "people I can ask for help").

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from anchored.storage.base import UTCDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "support_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("good_for", sa.String(length=200), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_people")),
    )
    with op.batch_alter_table("support_people") as batch_op:
        batch_op.create_index(batch_op.f("ix_support_people_owner_id"), ["owner_id"])
        batch_op.create_index("ix_support_people_owner_position", ["owner_id", "position"])
    with op.batch_alter_table("safety_plans") as batch_op:
        batch_op.add_column(
            sa.Column("help_people_ids", sa.String(length=400), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("safety_plans") as batch_op:
        batch_op.drop_column("help_people_ids")
    with op.batch_alter_table("support_people") as batch_op:
        batch_op.drop_index("ix_support_people_owner_position")
        batch_op.drop_index(batch_op.f("ix_support_people_owner_id"))
    op.drop_table("support_people")
