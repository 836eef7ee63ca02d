"""Hosted mode's storage: wrapped data keys (both engines), and on PostgreSQL the encrypted
search documents, the keyed blind index, and ``Text`` for every free-text column.

In a personal vault ``owner_keys`` stays empty (SQLCipher encrypts the whole file) and
nothing else changes. On PostgreSQL every word is stored encrypted (``storage/atrest.py``),
which is longer than the words, so the free-text columns declared with a length become
``Text`` there (the app's own limits on the words still apply). See docs/hosting.md.

Revision ID: 0020
Revises: 0019
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

# Free-text columns declared with a length when this migration was written (each table's
# ``free_text(N)`` columns); ``tests/storage/test_migrations_postgres.py`` compares the
# migrated schema with the models, so a later one cannot be forgotten.
FREE_TEXT_WITH_LENGTH = (
    ("affirmations", ("text",)),
    ("checking_behaviours", ("name",)),
    ("habit_reviews", ("worked", "smaller")),
    ("habits", ("name", "why", "smallest")),
    ("journal_entries", ("title",)),
    ("joy_items", ("what",)),
    ("kind_phrases", ("text",)),
    ("ladder_rungs", ("situation",)),
    ("life_story_events", ("title",)),
    ("own_factors", ("name",)),
    ("own_traps", ("name",)),
    ("scripts", ("title",)),
    ("support_people", ("name", "note")),
    ("trust_moments", ("person_name",)),
    ("wins", ("text", "took")),
    ("check_in_factors", ("factor",)),
)


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    op.create_table(
        "owner_keys",
        sa.Column("owner_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("wrapped", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("owner_id", name=op.f("pk_owner_keys")),
    )
    # Each built-in reassurance behaviour once per person, on both engines: the unique name
    # cannot tell on PostgreSQL (encrypted names differ every time). A plain index, so no
    # table is rebuilt in a vault (no two rows there share a built-in's slug).
    op.create_index(
        "ix_checking_behaviours_owner_builtin",
        "checking_behaviours",
        ["owner_id", "builtin"],
        unique=True,
    )
    if not _postgresql():
        return
    for table, columns in FREE_TEXT_WITH_LENGTH:
        for column in columns:
            op.alter_column(table, column, type_=sa.Text(), existing_nullable=True)
    # One row per searchable record: its title and body, encrypted like every free text.
    op.create_table(
        "search_index_documents",
        sa.Column("rowid", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("rowid", name="pk_search_index_documents"),
    )
    op.create_index("ix_search_index_documents_owner", "search_index_documents", ["owner_id"])
    # The keyed blind index: a keyed hash (HMAC under the person's search key) of each word
    # (as the FTS5 tokenizer makes it) and of each word's beginnings, per record.
    op.create_table(
        "search_index_terms",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.BigInteger(), nullable=False),
        sa.Column("rowid", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("owner_id", "term", "rowid", name="pk_search_index_terms"),
    )
    op.create_index("ix_search_index_terms_rowid", "search_index_terms", ["rowid"])


def downgrade() -> None:
    if _postgresql():
        op.drop_table("search_index_terms")
        op.drop_table("search_index_documents")
        # The words stay encrypted (longer than the old lengths): the columns stay Text.
    op.drop_index("ix_checking_behaviours_owner_builtin", table_name="checking_behaviours")
    op.drop_table("owner_keys")
