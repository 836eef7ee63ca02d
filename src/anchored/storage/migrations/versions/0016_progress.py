"""Signs of progress: dated self-ratings of the six signs, each 0-10, with an optional note;
and indexes by owner and time on pauses, checking taps and trigger log entries, which the
progress pages count by week.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from anchored.storage.base import UTCDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

INDEXES = (
    ("checking_events", "ix_checking_events_owner_at", ["owner_id", "at"]),
    ("pause_episodes", "ix_pause_episodes_owner_started", ["owner_id", "started_at"]),
    ("trigger_log_entries", "ix_trigger_log_entries_owner_created", ["owner_id", "created_at"]),
)


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

    for table, name, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for table, name, _columns in INDEXES:
        op.drop_index(name, table_name=table)
    op.drop_index(op.f("ix_progress_sign_scores_rating_id"), table_name="progress_sign_scores")
    op.drop_table("progress_sign_scores")
    op.drop_index("ix_progress_ratings_owner_rated", table_name="progress_ratings")
    op.drop_table("progress_ratings")
