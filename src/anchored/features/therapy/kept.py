"""Session summaries kept for a therapist (hosted mode): a snapshot of the summary as the
person saw it when they pressed "Share this summary with my therapist", kept in
``shared_summaries``. A therapist sees the snapshots only while the person shares "Session
summaries" with them (``therapy.sharing``); the person can delete any of them.

A snapshot holds what the page showed, as words and numbers: each section's title, intro,
lines (the person's own words among them), its charts as tables of numbers, and its insights.
Snapshots are not in search: they repeat what the person's own records already hold, and each
record stays findable where it was written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.features.therapy.models import SharedSummary
from anchored.services.owned import get_owned
from anchored.services.support import Saved, saved

SOURCE = "session summary"
SHOWN_MAX = 50  # snapshots listed on the summary page (and shown to a therapist), newest first


@dataclass(frozen=True, slots=True)
class Numbers:
    """A chart as the summary showed it, kept as its table of numbers."""

    title: str
    text: str
    x_label: str
    names: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class Lines:
    """A heading (may be empty) and its rows: (label, words); no label: a plain line."""

    heading: str
    rows: tuple[tuple[str, str], ...]

    @property
    def labelled(self) -> bool:
        return any(label for label, _words in self.rows)


@dataclass(frozen=True, slots=True)
class Part:
    """One section of the summary as it was shown."""

    title: str
    intro: str
    note: str = ""
    groups: tuple[Lines, ...] = ()
    tables: tuple[Numbers, ...] = ()
    quiet: tuple[str, ...] = ()
    insights: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Kept:
    id: int
    made: datetime
    first_day: date
    last_day: date
    weeks: int
    parts: tuple[Part, ...]


def _dumps(parts: Sequence[Part]) -> str:
    return json.dumps(
        [
            {
                "title": p.title,
                "intro": p.intro,
                "note": p.note,
                "groups": [{"heading": g.heading, "rows": g.rows} for g in p.groups],
                "tables": [
                    {
                        "title": t.title,
                        "text": t.text,
                        "x_label": t.x_label,
                        "names": t.names,
                        "rows": t.rows,
                    }
                    for t in p.tables
                ],
                "quiet": p.quiet,
                "insights": p.insights,
            }
            for p in parts
        ],
        ensure_ascii=False,
    )


def _loads(body: str) -> tuple[Part, ...]:
    raw: list[dict[str, Any]] = json.loads(body)
    return tuple(
        Part(
            str(p["title"]),
            str(p["intro"]),
            str(p.get("note", "")),
            tuple(
                Lines(str(g["heading"]), tuple((str(a), str(b)) for a, b in g["rows"]))
                for g in p.get("groups", [])
            ),
            tuple(
                Numbers(
                    str(t["title"]),
                    str(t["text"]),
                    str(t["x_label"]),
                    tuple(str(n) for n in t["names"]),
                    tuple((str(x), tuple(str(v) for v in values)) for x, values in t["rows"]),
                )
                for t in p.get("tables", [])
            ),
            tuple(str(q) for q in p.get("quiet", [])),
            tuple(str(i) for i in p.get("insights", [])),
        )
        for p in raw
    )


def _kept(row: SharedSummary) -> Kept:
    return Kept(row.id, row.created_at, row.first_day, row.last_day, row.weeks, _loads(row.body))


def keep_parts(
    session: Session,
    owner: Owner,
    parts: Sequence[Part],
    *,
    first_day: date,
    last_day: date,
    weeks: int,
    now: datetime,
) -> Saved:
    """Keep ``parts`` as a snapshot made ``now``; the crisis check reads its lines (the
    person's own words among them: thought records, things to bring up)."""
    row = SharedSummary(
        owner_id=owner.id,
        created_at=now,
        first_day=first_day,
        last_day=last_day,
        weeks=weeks,
        body=_dumps(parts),
    )
    session.add(row)
    session.flush()
    words = [w for p in parts for g in p.groups for _label, w in g.rows]
    return saved(session, owner, SOURCE, row.id, *words)


def list_kept(
    session: Session,
    owner: Owner,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = SHOWN_MAX,
) -> list[Kept]:
    """The owner's snapshots, newest first; made in [since, until] when given."""
    query = select(SharedSummary).where(SharedSummary.owner_id == owner.id)
    if since is not None:
        query = query.where(SharedSummary.created_at >= since)
    if until is not None:
        query = query.where(SharedSummary.created_at <= until)
    query = query.order_by(SharedSummary.created_at.desc(), SharedSummary.id.desc()).limit(limit)
    return [_kept(row) for row in session.scalars(query)]


def get_kept(session: Session, owner: Owner, kept_id: int) -> Kept:
    """One snapshot; :class:`NotFound` if it is missing or someone else's."""
    return _kept(get_owned(session, SharedSummary, owner, kept_id))


def delete_kept(session: Session, owner: Owner, kept_id: int) -> None:
    """Delete a snapshot: no therapist sees it again, from the next request on."""
    session.delete(get_owned(session, SharedSummary, owner, kept_id))
    session.flush()
