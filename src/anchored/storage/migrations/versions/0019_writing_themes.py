"""Suggestions: each piece of writing's abandonment themes, worked out once (a cache).

Revision ID: 0019
Revises: 0018
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "writing_themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("themes", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_writing_themes")),
        sa.UniqueConstraint(
            "owner_id", "source", "record_id", name=op.f("uq_writing_themes_owner_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("writing_themes")
