"""Search index: prefix indexes for two- and three-letter beginnings.

The last word of a search also matches as a prefix ("wa" finds walk, waited, warm...). Without
a prefix index FTS5 merges the lists of every word that starts so, which at ten years of
writing took longer than the rest of the search page. The index is rebuilt inside the vault
with the same tokenizers and row ids; it grows by about a third.

Revision ID: 0018
Revises: 0017
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

# Written out rather than imported, so this migration keeps meaning what it meant today.
WITH_PREFIXES = (
    "CREATE VIRTUAL TABLE search_index_new USING fts5("
    "title, body, owner, "
    "tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3')"
)
WITHOUT_PREFIXES = (
    "CREATE VIRTUAL TABLE search_index_new USING fts5("
    "title, body, owner, "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)
COPY = (
    "INSERT INTO search_index_new (rowid, title, body, owner) "
    "SELECT rowid, title, body, owner FROM search_index"
)


def _sqlite() -> bool:
    """The search index is SQLite's FTS5, inside the vault; PostgreSQL (hosted mode) has its
    own, encrypted, made by a later migration (0020)."""
    return op.get_bind().dialect.name == "sqlite"


def _rebuild(create: str) -> None:
    op.execute(create)
    op.execute(COPY)
    op.execute("DROP TABLE search_index")
    op.execute("ALTER TABLE search_index_new RENAME TO search_index")
    # One b-tree per list, not one per batch of writes: fewer pages to read per search.
    op.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")


def upgrade() -> None:
    if _sqlite():
        _rebuild(WITH_PREFIXES)


def downgrade() -> None:
    if _sqlite():
        _rebuild(WITHOUT_PREFIXES)
