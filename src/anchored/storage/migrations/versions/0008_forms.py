"""Forms that created something, so one sent again (a double click, Back then Save) does not
save a copy.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from anchored.storage.base import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sent_forms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("url", sa.String(length=300), nullable=True),
        sa.Column("listing", sa.String(length=300), nullable=True),
        sa.Column("record_table", sa.String(length=64), nullable=True),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sent_forms")),
        sa.UniqueConstraint("owner_id", "token", "digest", name=op.f("uq_sent_forms_owner_id")),
    )
    op.create_index("ix_sent_forms_owner_sent", "sent_forms", ["owner_id", "sent_at"])


def downgrade() -> None:
    op.drop_index("ix_sent_forms_owner_sent", table_name="sent_forms")
    op.drop_table("sent_forms")
