"""The suggestions' one table: each piece of writing's abandonment themes, worked out once.

A cache, so the progress page never scores years of writing again: one row per record of
another feature's (named by its table, never imported), holding the themes found and a digest
of the words and of the scoring version. Changed words or a new version make the row stale
and it is worked out again; a lost row only costs a moment of the model's time.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from anchored.storage.base import Base


class WritingThemes(Base):
    __tablename__ = "writing_themes"
    __table_args__ = (UniqueConstraint("owner_id", "source", "record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    # The table holding the writing (journal_entries, check_ins, trigger_log_entries) and its id.
    source: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[int] = mapped_column(Integer)
    # sha256 of the scoring version and the words, so an edit or new prototypes look again.
    digest: Mapped[str] = mapped_column(String(64))
    # The themes found, comma-separated slugs of anchored.text.abandonment.THEMES ("" for none).
    themes: Mapped[str] = mapped_column(String(200), default="")
