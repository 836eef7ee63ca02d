"""Search index: room for 63 kinds of record (row id = ref id * 64 + kind code, was * 8).

Features declare their kind codes in their manifests; eight slots would have run out with
the tools to come. The index is rebuilt inside the vault with the same tokenizers.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Written out rather than imported, so this migration keeps meaning what it meant today.
CREATE = (
    "CREATE VIRTUAL TABLE search_index_new USING fts5("
    "title, body, owner, "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)


UPGRADE = (
    "INSERT INTO search_index_new (rowid, title, body, owner) "
    "SELECT (rowid / 8) * 64 + rowid % 8, title, body, owner FROM search_index"
)
DOWNGRADE = (
    "INSERT INTO search_index_new (rowid, title, body, owner) "
    "SELECT (rowid / 64) * 8 + rowid % 64, title, body, owner FROM search_index"
)


def _sqlite() -> bool:
    """The search index is SQLite's FTS5, inside the vault; PostgreSQL (hosted mode) has its
    own, encrypted, made by a later migration (0020)."""
    return op.get_bind().dialect.name == "sqlite"


def _rebuild(copy: str) -> None:
    op.execute(CREATE)
    op.execute(copy)
    op.execute("DROP TABLE search_index")
    op.execute("ALTER TABLE search_index_new RENAME TO search_index")


def upgrade() -> None:
    if _sqlite():
        _rebuild(UPGRADE)


def downgrade() -> None:
    # Only kinds 1-7 fit the old layout; later kinds are dropped from the index.
    if _sqlite():
        op.execute("DELETE FROM search_index WHERE rowid % 64 >= 8")
        _rebuild(DOWNGRADE)
