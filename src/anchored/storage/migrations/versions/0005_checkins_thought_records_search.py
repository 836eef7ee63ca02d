"""Prompted journal entries, check-ins, thought records, own factors and traps; search index.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from anchored.storage.base import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Written out rather than imported, so this migration keeps meaning what it meant today.
CREATE_SEARCH_TABLE = (
    "CREATE VIRTUAL TABLE search_index USING fts5("
    "title, body, owner, "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)
# Journal entries written before search existed: rowid = id * 8 + 1 (the journal's kind code).
BACKFILL_JOURNAL = (
    "INSERT INTO search_index (rowid, title, body, owner) "
    "SELECT id * 8 + 1, coalesce(replace(replace(title, char(57344), ''), char(57345), ''), ''), "
    "replace(replace(body, char(57344), ''), char(57345), ''), 'o' || owner_id FROM journal_entries"
)


def _sqlite() -> bool:
    """The search index is SQLite's FTS5, inside the vault; PostgreSQL (hosted mode) has its
    own, encrypted, made by a later migration (0020)."""
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    with op.batch_alter_table("journal_entries") as batch_op:
        batch_op.add_column(sa.Column("prompt_id", sa.String(length=80), nullable=True))
    op.create_table(
        "check_ins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_ins")),
    )
    op.create_index("ix_check_ins_owner_created", "check_ins", ["owner_id", "created_at"])
    op.create_table(
        "check_in_emotions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_in_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("emotion", sa.String(length=40), nullable=False),
        sa.Column("intensity", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_in_id"],
            ["check_ins.id"],
            name=op.f("fk_check_in_emotions_check_in_id_check_ins"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_in_emotions")),
        sa.UniqueConstraint(
            "check_in_id", "emotion", name=op.f("uq_check_in_emotions_check_in_id")
        ),
    )
    op.create_table(
        "check_in_factors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_in_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("factor", sa.String(length=60), nullable=False),
        sa.Column("own", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_in_id"],
            ["check_ins.id"],
            name=op.f("fk_check_in_factors_check_in_id_check_ins"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_in_factors")),
        sa.UniqueConstraint("check_in_id", "factor", name=op.f("uq_check_in_factors_check_in_id")),
    )
    op.create_table(
        "own_factors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_own_factors")),
        sa.UniqueConstraint("owner_id", "name", name=op.f("uq_own_factors_owner_id")),
    )
    op.create_table(
        "thought_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("situation", sa.Text(), nullable=False),
        sa.Column("automatic_thought", sa.Text(), nullable=False),
        sa.Column("evidence_for", sa.Text(), nullable=False),
        sa.Column("evidence_against", sa.Text(), nullable=False),
        sa.Column("friend_view", sa.Text(), nullable=False),
        sa.Column("balanced_thought", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_thought_records")),
    )
    op.create_index(
        "ix_thought_records_owner_created", "thought_records", ["owner_id", "created_at"]
    )
    op.create_table(
        "thought_record_emotions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("emotion", sa.String(length=40), nullable=False),
        sa.Column("before", sa.Integer(), nullable=False),
        sa.Column("after", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["thought_records.id"],
            name=op.f("fk_thought_record_emotions_record_id_thought_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_thought_record_emotions")),
        sa.UniqueConstraint(
            "record_id", "emotion", name=op.f("uq_thought_record_emotions_record_id")
        ),
    )
    op.create_table(
        "own_traps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_own_traps")),
        sa.UniqueConstraint("owner_id", "name", name=op.f("uq_own_traps_owner_id")),
    )
    op.create_table(
        "thought_record_traps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("trap", sa.String(length=40), nullable=True),
        sa.Column("own_trap_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["thought_records.id"],
            name=op.f("fk_thought_record_traps_record_id_thought_records"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["own_trap_id"],
            ["own_traps.id"],
            name=op.f("fk_thought_record_traps_own_trap_id_own_traps"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_thought_record_traps")),
    )
    for table, column in (
        ("check_in_emotions", "check_in_id"),
        ("check_in_factors", "check_in_id"),
        ("thought_record_emotions", "record_id"),
        ("thought_record_traps", "record_id"),
        ("thought_record_traps", "own_trap_id"),
    ):
        with op.batch_alter_table(table) as batch_op:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column])
    if _sqlite():
        op.execute(CREATE_SEARCH_TABLE)
        op.execute(BACKFILL_JOURNAL)


def downgrade() -> None:
    if _sqlite():
        op.execute("DROP TABLE search_index")
    for table in (
        "thought_record_traps",
        "own_traps",
        "thought_record_emotions",
        "thought_records",
        "own_factors",
        "check_in_factors",
        "check_in_emotions",
        "check_ins",
    ):
        op.drop_table(table)
    with op.batch_alter_table("journal_entries") as batch_op:
        batch_op.drop_column("prompt_id")
