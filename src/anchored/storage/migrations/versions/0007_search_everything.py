"""Search every tool's writing: index what was written before the trigger log, the pause, the
safety plan and session notes were searched.

Each document: rowid = record id * 64 + the kind's code, title empty, body the record's texts
one per line (empty ones left out), private-use marker characters removed (as in 0005):

- 4 trigger log: trigger, origin, usual response, new response;
- 5 pause: what happened, held message, final message, note, then the thoughts sorted during
  it in their order;
- 6 safety plan (one per person): its seven sections;
- 7 session notes: the note.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Written out rather than imported, so this migration keeps meaning what it meant today.
# concat_ws skips NULLs, and nullif turns an empty text into NULL, so empty fields leave no
# blank lines. char(57344) and char(57345) are U+E000 and U+E001, the snippet markers.
BACKFILL = (
    "INSERT INTO search_index (rowid, title, body, owner) "
    "SELECT id * 64 + 4, '', replace(replace(concat_ws(char(10), nullif(\"trigger\", ''), "
    "nullif(origin, ''), nullif(usual_response, ''), nullif(new_response, '')), "
    "char(57344), ''), char(57345), ''), 'o' || owner_id FROM trigger_log_entries",
    "INSERT INTO search_index (rowid, title, body, owner) "
    "SELECT e.id * 64 + 5, '', replace(replace(concat_ws(char(10), nullif(e.what_happened, ''), "
    "nullif(e.held_message, ''), nullif(e.final_message, ''), nullif(e.note, ''), "
    "(SELECT group_concat(s.text, char(10) ORDER BY s.position, s.id) FROM pause_statements s "
    "WHERE s.episode_id = e.id AND s.text != '')), char(57344), ''), char(57345), ''), "
    "'o' || e.owner_id FROM pause_episodes e",
    "INSERT INTO search_index (rowid, title, body, owner) "
    "SELECT id * 64 + 6, '', replace(replace(concat_ws(char(10), nullif(warning_signs, ''), "
    "nullif(coping_alone, ''), nullif(distractions, ''), nullif(help_people, ''), "
    "nullif(professionals, ''), nullif(safer_surroundings, ''), nullif(what_matters, '')), "
    "char(57344), ''), char(57345), ''), 'o' || owner_id FROM safety_plans",
    "INSERT INTO search_index (rowid, title, body, owner) "
    "SELECT id * 64 + 7, '', replace(replace(text, char(57344), ''), char(57345), ''), "
    "'o' || owner_id FROM session_prep_items",
)
REMOVE = "DELETE FROM search_index WHERE rowid % 64 IN (4, 5, 6, 7)"


def _sqlite() -> bool:
    """The search index is SQLite's FTS5, inside the vault; PostgreSQL (hosted mode) has its
    own, encrypted, made by a later migration (0020)."""
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    if not _sqlite():
        return
    op.execute(REMOVE)  # nothing should be there yet; never index a record twice
    for statement in BACKFILL:
        op.execute(statement)


def downgrade() -> None:
    if _sqlite():
        op.execute(REMOVE)
