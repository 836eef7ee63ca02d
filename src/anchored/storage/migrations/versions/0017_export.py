"""Export: the stable id each record carries in an export (so imports never duplicate).

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "export_ids",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("born", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_ids")),
        sa.UniqueConstraint("owner_id", "table_name", "uid", name=op.f("uq_export_ids_owner_id")),
        sa.UniqueConstraint("row_id", "table_name", name=op.f("uq_export_ids_row_id")),
    )


def downgrade() -> None:
    op.drop_table("export_ids")
