"""Abandonment themes in the person's own writing, for one gentle insight on the progress page.

The writing is read from other features' tables by name (never imported, like ``refers_to``):
journal entries, check-in notes and trigger-log entries of the last four weeks. Each record is
scored once (``anchored.text.abandonment``) and its themes kept in ``writing_themes``, so the
progress page stays fast however much was written: later visits only read that table. Scoring
takes at most :data:`BUDGET_SECONDS` per visit and never waits for a model still loading; what
is left is scored on the next visit. The insight is said only when enough writing was scored,
and never when suggestions are switched off.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.content.programme import load_programme
from anchored.core import patterns
from anchored.core.owner import Owner
from anchored.features.suggest.models import WritingThemes
from anchored.features.suggest.service import enabled
from anchored.manifest import Insight
from anchored.storage.base import Base

#: Other features' tables holding writing, and the columns with the person's words.
SOURCES: Final[dict[str, tuple[str, ...]]] = {
    "journal_entries": ("title", "body"),
    "check_ins": ("note",),
    "trigger_log_entries": ("trigger", "origin", "usual_response", "new_response"),
}
PERIOD: Final = patterns.STRETCH  # four weeks
PERIOD_WORDS: Final = "in the last four weeks"
#: At most this many records of each table are looked at (the newest).
MAX_RECORDS: Final = 300
#: Scoring time one visit of the progress page may spend on writing not yet scored.
BUDGET_SECONDS: Final = 0.5
SECOND: Final = timedelta(seconds=1)

#: How each theme is named in a sentence, and the programme step that works on it.
THEME_WORDS: Final[dict[str, tuple[str, int]]] = {
    "fear-of-being-left": ("the fear of being left", 4),
    "reassurance-seeking": ("asking for reassurance", 2),
    "checking": ("checking their messages, last seen or phone", 9),
    "protest-behaviour": ("pushing hard for a reaction (many messages, going cold)", 8),
    "jealousy-comparison": ("jealousy and comparing yourself", 6),
    "self-silencing": ("keeping your own needs quiet", 5),
}


@dataclass(frozen=True, slots=True)
class ThemeCounts:
    #: How many scored records show each theme (every theme a key).
    counts: dict[str, int]
    #: Records with writing in the period, and how many of them are scored so far.
    records: int
    scored: int


def digest(words: str, version: str) -> str:
    return hashlib.sha256(f"{version}\0{words}".encode()).hexdigest()


def writing(
    session: Session, owner: Owner, since: datetime, until: datetime
) -> list[tuple[str, int, str]]:
    """(table, id, words) of each record with writing in [since, until), newest first."""
    found: list[tuple[datetime, str, int, str]] = []
    for name, columns in SOURCES.items():
        table = Base.metadata.tables.get(name)
        if table is None:  # that feature is not installed
            continue
        query = (
            select(table.c.id, table.c.created_at, *(table.c[c] for c in columns))
            .where(table.c.owner_id == owner.id)
            .where(table.c.created_at >= since, table.c.created_at < until)
            .order_by(table.c.created_at.desc())
            .limit(MAX_RECORDS)
        )
        for row in session.execute(query):
            words = "\n".join(str(value) for value in row[2:] if value)
            if words.strip():
                found.append((row[1], name, int(row[0]), words))
    found.sort(key=lambda item: item[0], reverse=True)
    return [(name, record_id, words) for _at, name, record_id, words in found]


def theme_counts(
    session: Session,
    owner: Owner,
    *,
    since: datetime,
    until: datetime,
    budget: float = BUDGET_SECONDS,
    clock: Callable[[], float] = time.perf_counter,
) -> ThemeCounts:
    """Count the themes in the writing of [since, until), scoring what is not yet scored."""
    from anchored.text import abandonment, encoder

    version = abandonment.version()
    records = writing(session, owner, since, until)
    marks = {
        (mark.source, mark.record_id): mark
        for mark in session.scalars(
            select(WritingThemes).where(
                WritingThemes.owner_id == owner.id,
                WritingThemes.record_id.in_({record_id for _, record_id, _ in records}),
            )
        )
    }
    counts = dict.fromkeys(abandonment.THEMES, 0)
    scored = 0
    start = clock()
    model_ready = encoder.status() == "ready"
    for source, record_id, words in records:
        mark = marks.get((source, record_id))
        wanted = digest(words, version)
        if mark is None or mark.digest != wanted:
            if not model_ready or clock() - start > budget:
                continue  # scored on a later visit
            found = abandonment.of_text(words, wait=0)
            if found is None:
                continue
            if mark is None:
                mark = WritingThemes(owner_id=owner.id, source=source, record_id=record_id)
                session.add(mark)
            mark.digest, mark.themes = wanted, ",".join(sorted(found))
        scored += 1
        for theme in filter(None, mark.themes.split(",")):
            if theme in counts:
                counts[theme] += 1
    session.flush()
    return ThemeCounts(counts, len(records), scored)


def insight_text(theme: str, count: int, scored: int) -> tuple[str, str, str]:
    """(sentence, link, link text) for the theme that came up most often."""
    words, number = THEME_WORDS[theme]
    step = load_programme().step(number)
    title = step.title if step else f"Step {number}"
    text = (
        f"In your writing {PERIOD_WORDS}, {words} came up most often "
        f"({patterns.share_words(count, scored)} entries). Many people who fear being left "
        f"know this pattern; step {number}, “{title}”, has ideas that may help."
    )
    return text, f"/programme/{number}", f"Step {number}: {title}"


def progress_insights(
    session: Session,
    owner: Owner,
    *,
    now: datetime,
    zone: tzinfo | None,
    since: datetime | None = None,
) -> list[Insight]:
    """The abandonment theme that came up most often in the last four weeks' writing: in 3 or
    more of at least 5 scored entries (and 30 % of them), with no tie; never when switched
    off."""
    if not enabled(session, owner) or not patterns.covers(since, now - PERIOD):
        return []
    found = theme_counts(session, owner, since=now - PERIOD, until=now + SECOND)
    top = patterns.recurring(list(found.counts.items()), found.scored)
    if top is None:
        return []
    text, href, link = insight_text(*top, found.scored)
    return [Insight(text, href, link, order=65, from_writing=True)]
