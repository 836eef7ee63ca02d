"""Signs of progress: dated self-ratings of the six signs, each 0-10, with an optional note.

Revision ID: 0009_progress
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from anchored.storage.base import UTCDateTime

revision = "0009_progress"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "progress_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("rated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_ratings")),
    )
    op.create_index("ix_progress_ratings_owner_rated", "progress_ratings", ["owner_id", "rated_at"])
    op.create_table(
        "progress_sign_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rating_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sign", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["rating_id"],
            ["progress_ratings.id"],
            name=op.f("fk_progress_sign_scores_rating_id_progress_ratings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_sign_scores")),
        sa.UniqueConstraint("rating_id", "sign", name=op.f("uq_progress_sign_scores_rating_id")),
    )
    op.create_index(
        op.f("ix_progress_sign_scores_rating_id"), "progress_sign_scores", ["rating_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_progress_sign_scores_rating_id"), table_name="progress_sign_scores")
    op.drop_table("progress_sign_scores")
    op.drop_index("ix_progress_ratings_owner_rated", table_name="progress_ratings")
    op.drop_table("progress_ratings")
