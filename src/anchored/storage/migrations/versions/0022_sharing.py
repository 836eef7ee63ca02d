"""Sharing with a therapist (hosted mode; empty in a personal vault): grants, records picked
one by one, the person's log of looks, and therapists' notes.

Revision ID: 0022
Revises: 0021
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from anchored.storage.base import FreeText, UTCDateTime

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sharing_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("therapist_id", sa.Integer(), nullable=False),
        sa.Column("categories", sa.String(length=400), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sharing_grants")),
    )
    op.create_index(op.f("ix_sharing_grants_owner_id"), "sharing_grants", ["owner_id"])
    op.create_index("ix_sharing_grants_therapist_id", "sharing_grants", ["therapist_id"])
    op.create_table(
        "shared_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("grant_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["grant_id"],
            ["sharing_grants.id"],
            name=op.f("fk_shared_records_grant_id_sharing_grants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shared_records")),
    )
    op.create_index(op.f("ix_shared_records_owner_id"), "shared_records", ["owner_id"])
    op.create_index(op.f("ix_shared_records_grant_id"), "shared_records", ["grant_id"])
    op.create_table(
        "sharing_access",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("therapist_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sharing_access")),
    )
    op.create_index(op.f("ix_sharing_access_owner_id"), "sharing_access", ["owner_id"])
    op.create_table(
        "therapist_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("therapist_id", sa.Integer(), nullable=False),
        sa.Column("body", FreeText(length=500), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("dismissed_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_therapist_notes")),
    )
    op.create_index(op.f("ix_therapist_notes_owner_id"), "therapist_notes", ["owner_id"])


def downgrade() -> None:
    op.drop_table("therapist_notes")
    op.drop_table("sharing_access")
    op.drop_table("shared_records")
    op.drop_table("sharing_grants")
