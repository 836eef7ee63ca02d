"""Thought records: worked through stage by stage, kept as a draft until finished.

Every save checks its own stage and that the stages before it hold what they need, then
writes, remembers how far the record got, and refreshes its search text, all in the caller's
transaction: a refused save changes nothing. Each save ends with the crisis check on what was
written in it (``Saved.needs_help``: the help card comes first on the next screen).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from anchored.content.emotions import load_emotions
from anchored.core.errors import InvalidInput
from anchored.core.owner import Owner
from anchored.features.thought_record import SEARCH, SOURCE, rules, traps
from anchored.features.thought_record.models import (
    ThoughtRecord,
    ThoughtRecordEmotion,
    ThoughtRecordTrap,
)
from anchored.features.thought_record.rules import EmotionChange, Progress, Stage
from anchored.services.owned import get_owned
from anchored.services.support import Saved, saved
from anchored.storage.base import opening_of
from anchored.storage.search import index_document, remove_document

__all__ = ["NewTrap", "Saved", "StageNotReady", "ThoughtRecord", "TrapsSaved"]

Rating = tuple[str, int | str]
EVIDENCE = ("evidence_for", "evidence_against", "friend_view")


class StageNotReady(InvalidInput):
    """A later stage was saved before an earlier one holds what it needs."""

    def __init__(self, missing: Stage) -> None:
        title = rules.STAGE_TITLES[missing].lower()
        super().__init__({"stage": f"This step needs {title} first; let's fill that in."})
        self.missing = missing


def progress(record: ThoughtRecord) -> Progress:
    return Progress(
        has_situation=bool(record.situation),
        has_thought=bool(record.automatic_thought),
        emotion_count=len(record.emotions),
        has_balanced=bool(record.balanced_thought),
        all_rerated=all(e.after is not None for e in record.emotions),
    )


def resume_stage(record: ThoughtRecord) -> Stage:
    """Where to carry on with this record."""
    return rules.resume_stage(record.stage, progress(record))


def is_finished(record: ThoughtRecord) -> bool:
    return record.finished_at is not None


def emotion_names() -> dict[str, str]:
    return load_emotions().names


def emotion_changes(record: ThoughtRecord) -> list[EmotionChange]:
    """Each emotion's before → after, in the order picked."""
    return rules.emotion_changes(record.emotions, emotion_names())


def record_traps(session: Session, owner: Owner, record: ThoughtRecord) -> list[traps.TrapChoice]:
    """The traps this record names, in order."""
    return traps.for_record(session, owner, record.traps)


def trap_names(session: Session, owner: Owner, record: ThoughtRecord) -> list[str]:
    return [t.name for t in record_traps(session, owner, record)]


# -- text checks -------------------------------------------------------------------------------


def _required(field: str, value: str, empty_message: str) -> tuple[str, dict[str, str]]:
    value = value.strip()
    if not value:
        return value, {field: empty_message}
    if message := rules.text_too_long(value):
        return value, {field: message}
    return value, {}


def _optional(fields: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    cleaned = {field: value.strip() for field, value in fields.items()}
    errors = {f: m for f, v in cleaned.items() if (m := rules.text_too_long(v)) is not None}
    return cleaned, errors


SITUATION_EMPTY = "Write a few words about what happened; this step can't be empty."
THOUGHT_EMPTY = "Write the thought that came up, even a few words; this step can't be empty."
BALANCED_EMPTY = "Write a balanced thought, even a short one; this step can't be empty."


# -- saving -----------------------------------------------------------------------------------


def _ready(record: ThoughtRecord, stage: Stage) -> None:
    missing = rules.missing_before(stage, progress(record))
    if missing is not None:
        raise StageNotReady(missing)


def _record_progress(
    session: Session, owner: Owner, record: ThoughtRecord, stage: Stage, now: datetime
) -> None:
    """Remember how far the record got, finish or un-finish it, and refresh its search text."""
    session.flush()
    record.updated_at = now
    complete = rules.is_complete(progress(record))
    if stage == "rerate" and complete:
        record.stage = rules.FINISHED
        record.finished_at = record.finished_at or now
    elif record.finished_at is not None and not complete:
        # An edit added something still to do (a new emotion to re-rate): a draft again.
        record.finished_at = None
        record.stage = rules.resume_stage(rules.STAGES[-1], progress(record))
    else:
        record.stage = rules.furthest(record.stage, stage)
    session.flush()
    _index(session, owner, record)


def _index(session: Session, owner: Owner, record: ThoughtRecord) -> None:
    names = emotion_names()
    body = [
        record.situation,
        record.evidence_for,
        record.evidence_against,
        record.friend_view,
        record.balanced_thought,
        ", ".join(names.get(e.emotion, e.emotion) for e in record.emotions),
        ", ".join(trap_names(session, owner, record)),
    ]
    index_document(
        session,
        owner.id,
        SEARCH.code,
        record.id,
        title=record.automatic_thought,
        body="\n".join(part for part in body if part),
    )


def reindex_records(session: Session, owner: Owner, record_ids: Iterable[int]) -> None:
    """Bring the search text of these records up to date (after an own trap went away)."""
    ids = list(record_ids)
    if not ids:
        return
    query = (
        select(ThoughtRecord)
        .where(ThoughtRecord.owner_id == owner.id, ThoughtRecord.id.in_(ids))
        .execution_options(populate_existing=True)
    )
    for record in session.scalars(query):
        _index(session, owner, record)


def start_record(session: Session, owner: Owner, situation: str, *, now: datetime) -> Saved:
    """Begin a new draft with its situation."""
    situation, errors = _required("situation", situation, SITUATION_EMPTY)
    if errors:
        raise InvalidInput(errors)
    record = ThoughtRecord(
        owner_id=owner.id, situation=situation, stage="situation", created_at=now, updated_at=now
    )
    session.add(record)
    session.flush()
    _record_progress(session, owner, record, "situation", now)
    return saved(session, owner, SOURCE, record.id, situation)


def save_situation(
    session: Session, owner: Owner, record_id: int, situation: str, *, now: datetime
) -> Saved:
    record = get_record(session, owner, record_id)
    situation, errors = _required("situation", situation, SITUATION_EMPTY)
    if errors:
        raise InvalidInput(errors)
    record.situation = situation
    _record_progress(session, owner, record, "situation", now)
    return saved(session, owner, SOURCE, record.id, situation)


def save_thought(
    session: Session, owner: Owner, record_id: int, automatic_thought: str, *, now: datetime
) -> Saved:
    record = get_record(session, owner, record_id)
    _ready(record, "thought")
    thought, errors = _required("automatic_thought", automatic_thought, THOUGHT_EMPTY)
    if errors:
        raise InvalidInput(errors)
    record.automatic_thought = thought
    _record_progress(session, owner, record, "thought", now)
    return saved(session, owner, SOURCE, record.id, thought)


def check_ratings(ratings: Sequence[Rating]) -> list[tuple[str, int]]:
    """Emotions with their intensity, checked: known words, each once, 0 to 10, at least one.
    Errors are keyed ``emotions`` or ``intensity-<slug>``."""
    emotions = load_emotions()
    errors: dict[str, str] = {}
    checked: list[tuple[str, int]] = []
    seen: set[str] = set()
    for slug, value in ratings:
        emotion = emotions.get(slug)
        if emotion is None:
            errors["emotions"] = (
                "One of the emotions picked isn't in the list; please choose from the words shown."
            )
            continue
        if slug in seen:
            errors["emotions"] = "Each emotion can be picked once."
            continue
        seen.add(slug)
        try:
            checked.append((slug, rules.check_intensity(value, emotion.name)))
        except ValueError as exc:
            errors[f"intensity-{slug}"] = str(exc)
    if not ratings:
        errors["emotions"] = "Pick at least one emotion, with how strong it is from 0 to 10."
    if errors:
        raise InvalidInput(errors)
    return checked


def save_emotions(
    session: Session, owner: Owner, record_id: int, ratings: Sequence[Rating], *, now: datetime
) -> Saved:
    """The emotions felt, each with its intensity before (0 to 10). Emotions kept from an earlier
    save keep their re-rating."""
    record = get_record(session, owner, record_id)
    _ready(record, "emotions")
    checked = check_ratings(ratings)
    existing = {e.emotion: e for e in record.emotions}
    wanted = {slug for slug, _value in checked}
    for emotion in list(record.emotions):
        if emotion.emotion not in wanted:
            record.emotions.remove(emotion)
    session.flush()  # drop the removed rows before a kept slug could collide with a new one
    for position, (slug, before) in enumerate(checked):
        row = existing.get(slug)
        if row is None:
            row = ThoughtRecordEmotion(emotion=slug, before=before, after=None)
            record.emotions.append(row)
        row.position, row.before = position, before
    _record_progress(session, owner, record, "emotions", now)
    return saved(session, owner, SOURCE, record.id)


@dataclass(frozen=True, slots=True)
class NewTrap:
    """A trap of the person's own, added on the traps stage and ticked with the others."""

    name: str
    definition: str = ""
    question: str = ""


@dataclass(frozen=True, slots=True)
class TrapsSaved(Saved):
    """The traps stage saved; ``added`` is the key of the own trap added with it, if any."""

    added: str | None = None


def save_traps(
    session: Session,
    owner: Owner,
    record_id: int,
    keys: Sequence[str],
    *,
    now: datetime,
    new_trap: NewTrap | None = None,
) -> TrapsSaved:
    """The thinking traps spotted (none is fine): built-in slugs or ``own:<id>``. With
    ``new_trap``, one of the owner's own is added to the list and ticked too; a refused pick or
    a refused trap keeps nothing."""
    record = get_record(session, owner, record_id)
    _ready(record, "traps")
    keys = list(keys)
    added, needs_help = None, False
    if new_trap is not None:
        traps.resolve(session, owner, keys)  # an unknown pick is reported before the new trap
        done = traps.add_own_trap(
            session, owner, new_trap.name, new_trap.definition, new_trap.question
        )
        added, needs_help = traps.own_key(done.id), done.needs_help
        keys.append(added)
    chosen = traps.resolve(session, owner, keys)
    record.traps.clear()
    session.flush()
    for position, trap in enumerate(chosen):
        record.traps.append(
            ThoughtRecordTrap(
                position=position,
                trap=None if trap.own else trap.key,
                own_trap_id=trap.own_id,
            )
        )
    _record_progress(session, owner, record, "traps", now)
    # The only words written on this stage are the new trap's, already checked as it was added.
    return TrapsSaved(record.id, needs_help, added)


def save_evidence(
    session: Session,
    owner: Owner,
    record_id: int,
    evidence_for: str = "",
    evidence_against: str = "",
    friend_view: str = "",
    *,
    now: datetime,
) -> Saved:
    """Evidence for and against the thought, and what a friend would hear. All optional."""
    record = get_record(session, owner, record_id)
    _ready(record, "evidence")
    cleaned, errors = _optional(
        {
            "evidence_for": evidence_for,
            "evidence_against": evidence_against,
            "friend_view": friend_view,
        }
    )
    if errors:
        raise InvalidInput(errors)
    record.evidence_for = cleaned["evidence_for"]
    record.evidence_against = cleaned["evidence_against"]
    record.friend_view = cleaned["friend_view"]
    _record_progress(session, owner, record, "evidence", now)
    return saved(session, owner, SOURCE, record.id, *(cleaned[field] for field in EVIDENCE))


def save_balanced(
    session: Session, owner: Owner, record_id: int, balanced_thought: str, *, now: datetime
) -> Saved:
    record = get_record(session, owner, record_id)
    _ready(record, "balanced")
    balanced, errors = _required("balanced_thought", balanced_thought, BALANCED_EMPTY)
    if errors:
        raise InvalidInput(errors)
    record.balanced_thought = balanced
    _record_progress(session, owner, record, "balanced", now)
    return saved(session, owner, SOURCE, record.id, balanced)


def save_rerate(
    session: Session,
    owner: Owner,
    record_id: int,
    after: Mapping[str, int | str],
    *,
    now: datetime,
) -> Saved:
    """Re-rate every emotion picked (0 to 10); this finishes the record. Errors are keyed
    ``after-<slug>``."""
    record = get_record(session, owner, record_id)
    _ready(record, "rerate")
    names = emotion_names()
    errors: dict[str, str] = {}
    values: dict[str, int] = {}
    for emotion in record.emotions:
        name = names.get(emotion.emotion, emotion.emotion)
        raw = after.get(emotion.emotion)
        try:
            if raw is None:
                raise ValueError(f"{name} needs a number from 0 to 10 for how it feels now.")
            values[emotion.emotion] = rules.check_intensity(raw, name)
        except ValueError as exc:
            errors[f"after-{emotion.emotion}"] = str(exc)
    if errors:
        raise InvalidInput(errors)
    for emotion in record.emotions:
        emotion.after = values[emotion.emotion]
    _record_progress(session, owner, record, "rerate", now)
    return saved(session, owner, SOURCE, record.id)


def add_finished_record(
    session: Session,
    owner: Owner,
    *,
    situation: str,
    automatic_thought: str,
    emotions: Mapping[str, int | str],
    traps: Sequence[str] = (),
    evidence_for: str = "",
    evidence_against: str = "",
    friend_view: str = "",
    balanced_thought: str,
    after: Mapping[str, int | str],
    now: datetime,
    when: datetime | None = None,
) -> Saved:
    """A whole record in one go (imports, scripts, the benchmark), dated ``when`` (default
    ``now``): every stage is checked as if typed one by one; if any is refused, nothing of it
    is kept. ``needs_help`` if any stage's words call for the help card."""
    if when is not None and when.tzinfo is None:
        raise InvalidInput({"when": "The date needs a time zone."})
    with session.begin_nested():
        first = start_record(session, owner, situation, now=now)
        record_id = first.id
        stages = [
            first,
            save_thought(session, owner, record_id, automatic_thought, now=now),
            save_emotions(session, owner, record_id, list(emotions.items()), now=now),
            save_traps(session, owner, record_id, traps, now=now),
            save_evidence(
                session, owner, record_id, evidence_for, evidence_against, friend_view, now=now
            ),
            save_balanced(session, owner, record_id, balanced_thought, now=now),
            save_rerate(session, owner, record_id, after, now=now),
        ]
        if when is not None:
            record = get_record(session, owner, record_id)
            record.created_at = record.updated_at = record.finished_at = when
            session.flush()
    return Saved(record_id, any(done.needs_help for done in stages))


# -- reading and deleting -------------------------------------------------------------------


def get_record(session: Session, owner: Owner, record_id: int) -> ThoughtRecord:
    """One record; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, ThoughtRecord, owner, record_id)


def _finished_clause(finished: bool) -> ColumnElement[bool]:
    column = ThoughtRecord.finished_at
    return column.is_not(None) if finished else column.is_(None)


def list_records(
    session: Session, owner: Owner, *, finished: bool, limit: int = 20, offset: int = 0
) -> Sequence[ThoughtRecord]:
    """Finished records newest first, or drafts most recently worked on first."""
    order = (
        (ThoughtRecord.created_at.desc(), ThoughtRecord.id.desc())
        if finished
        else (ThoughtRecord.updated_at.desc(), ThoughtRecord.id.desc())
    )
    query = (
        select(ThoughtRecord)
        .where(ThoughtRecord.owner_id == owner.id, _finished_clause(finished))
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )
    return session.scalars(query).all()


# The list page's statements run on every view, so they are built once, on the tables rather
# than the mapped classes: building and compiling a statement (the ORM's above all) costs
# SQLAlchemy several times what SQLite spends running it, and plain rows skip loading every
# text of each record.
_RECORDS = ThoughtRecord.__table__
_EMOTIONS = ThoughtRecordEmotion.__table__
_COUNT = {
    finished: select(func.count())
    .select_from(_RECORDS)
    .where(
        _RECORDS.c.owner_id == bindparam("owner"),
        _RECORDS.c.finished_at.is_not(None) if finished else _RECORDS.c.finished_at.is_(None),
    )
    for finished in (True, False)
}
OPENING_CHARS = 86  # enough for `truncate(80)` to cut where it would cut the whole text
_FINISHED = (
    select(
        _RECORDS.c.id,
        _RECORDS.c.created_at,
        opening_of(_RECORDS.c.automatic_thought, OPENING_CHARS),
    )
    .where(_RECORDS.c.owner_id == bindparam("owner"), _RECORDS.c.finished_at.is_not(None))
    .order_by(_RECORDS.c.created_at.desc(), _RECORDS.c.id.desc())
    .limit(bindparam("limit"))
    .offset(bindparam("offset"))
)
# In no order (SQLite's sort of a few dozen rows costs more than the query); Python sorts.
_FINISHED_EMOTIONS = select(
    _EMOTIONS.c.record_id,
    _EMOTIONS.c.position,
    _EMOTIONS.c.emotion,
    _EMOTIONS.c.before,
    _EMOTIONS.c.after,
).where(_EMOTIONS.c.record_id.in_(_FINISHED.with_only_columns(_RECORDS.c.id).scalar_subquery()))
_IN_ORDER = operator.itemgetter(0, 1)  # by record, then as picked


def count_records(session: Session, owner: Owner, *, finished: bool) -> int:
    return session.connection().execute(_COUNT[finished], {"owner": owner.id}).scalar() or 0


@dataclass(frozen=True, slots=True)
class FinishedLine:
    """A finished record as the list shows it, read as plain rows: two queries a page."""

    id: int
    created_at: datetime
    opening: str  # the automatic thought's first OPENING_CHARS characters
    changes: list[EmotionChange]


def finished_lines(
    session: Session, owner: Owner, *, limit: int = 20, offset: int = 0
) -> list[FinishedLine]:
    """Finished records newest first, with each emotion's before → after."""
    connection = session.connection()
    params = {"owner": owner.id, "limit": limit, "offset": offset}
    lines = [
        FinishedLine(id_, created_at, opening, [])
        for id_, created_at, opening in connection.execute(_FINISHED, params).all()
    ]
    if lines:
        by_id = {line.id: line for line in lines}
        names = emotion_names()
        rows = sorted(connection.execute(_FINISHED_EMOTIONS, params).all(), key=_IN_ORDER)
        for record_id, _position, emotion, before, after in rows:
            by_id[record_id].changes.append(
                EmotionChange(emotion, names.get(emotion, emotion), before, after)
            )
    return lines


def newest_draft(session: Session, owner: Owner) -> ThoughtRecord | None:
    """The draft worked on most recently, if any."""
    drafts = list_records(session, owner, finished=False, limit=1)
    return drafts[0] if drafts else None


def delete_record(session: Session, owner: Owner, record_id: int) -> None:
    """Delete a record (finished or draft) and its search text."""
    record = get_record(session, owner, record_id)
    remove_document(session, SEARCH.code, record.id)
    session.delete(record)
    session.flush()


def delete_own_trap(session: Session, owner: Owner, trap_id: int) -> int:
    """Delete an own trap; records that named it keep everything else. Returns how many
    records it was removed from (their search text is brought up to date)."""
    trap = traps.get_own_trap(session, owner, trap_id)
    query = select(ThoughtRecordTrap.record_id).where(ThoughtRecordTrap.own_trap_id == trap.id)
    record_ids = sorted(set(session.scalars(query)))
    session.execute(delete(ThoughtRecordTrap).where(ThoughtRecordTrap.own_trap_id == trap.id))
    session.delete(trap)
    session.flush()
    reindex_records(session, owner, record_ids)
    return len(record_ids)


# -- what the manifest names -------------------------------------------------------------------


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    calm = "A quiet evening at home."
    yield "thought_records.situation", start_record(session, owner, text, now=now).needs_help
    record_id = start_record(session, owner, calm, now=now).id
    thought = save_thought(session, owner, record_id, text, now=now)
    yield "thought_records.automatic_thought", thought.needs_help
    save_emotions(session, owner, record_id, [("calm", 3)], now=now)
    for field in EVIDENCE:
        evidence = [text if other == field else "" for other in EVIDENCE]
        done = save_evidence(session, owner, record_id, *evidence, now=now)
        yield f"thought_records.{field}", done.needs_help
    balanced = save_balanced(session, owner, record_id, text, now=now)
    yield "thought_records.balanced_thought", balanced.needs_help
    mine = len(traps.list_own_traps(session, owner))  # names stay new when run again
    yield "own_traps.name", traps.add_own_trap(session, owner, text).needs_help
    defined = traps.add_own_trap(session, owner, f"My trap {mine + 1}", text)
    yield "own_traps.definition", defined.needs_help
    asked = traps.add_own_trap(session, owner, f"My trap {mine + 2}", "", text)
    yield "own_traps.question", asked.needs_help


def reindex(session: Session, owner: Owner) -> None:
    """Write the search text of ``owner``'s thought records again (after an import)."""
    rows = session.scalars(select(ThoughtRecord).where(ThoughtRecord.owner_id == owner.id)).all()
    for row in rows:
        _index(session, owner, row)
