"""Safety plan, in-vault preferences, and the optional record of help cards shown.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from anchored.storage.base import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

PLAN_SECTIONS = (
    "warning_signs",
    "coping_alone",
    "distractions",
    "help_people",
    "professionals",
    "safer_surroundings",
    "what_matters",
)


def upgrade() -> None:
    op.create_table(
        "safety_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        *(sa.Column(name, sa.Text(), nullable=False) for name in PLAN_SECTIONS),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_plans")),
        sa.UniqueConstraint("owner_id", name=op.f("uq_safety_plans_owner_id")),
    )
    op.create_table(
        "owner_preferences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_owner_preferences")),
        sa.UniqueConstraint("owner_id", "key", name=op.f("uq_owner_preferences_owner_id")),
    )
    op.create_table(
        "support_cards_shown",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("shown_at", UTCDateTime(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_cards_shown")),
    )
    with op.batch_alter_table("support_cards_shown") as batch_op:
        batch_op.create_index(batch_op.f("ix_support_cards_shown_owner_id"), ["owner_id"])


def downgrade() -> None:
    with op.batch_alter_table("support_cards_shown") as batch_op:
        batch_op.drop_index(batch_op.f("ix_support_cards_shown_owner_id"))
    op.drop_table("support_cards_shown")
    op.drop_table("owner_preferences")
    op.drop_table("safety_plans")
