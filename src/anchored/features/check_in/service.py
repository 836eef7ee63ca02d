"""Check-ins: emotion words with intensity, contributing factors, a note; history by day.

Built-in factors are stored by slug, the person's own tags by name, so removing a tag later
leaves past check-ins as they were. Every save runs the crisis check on what was written (the
result says whether the help card comes first); every save and delete keeps the search index
current.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from sqlalchemy import Row, bindparam, func, or_, select
from sqlalchemy.orm import Session

from anchored.content.emotions import load_emotions
from anchored.core.clock import NOT_YET, not_yet
from anchored.core.errors import InvalidInput
from anchored.core.own_names import clean_name, name_problem
from anchored.core.owner import Owner
from anchored.features.check_in import SEARCH, rules
from anchored.features.check_in.factors import load_factors
from anchored.features.check_in.models import CheckIn, CheckInEmotion, CheckInFactor, OwnFactor
from anchored.features.check_in.rules import OWN_FACTORS_MAX
from anchored.services.owned import get_owned
from anchored.services.search_results import Shown, first_words
from anchored.services.support import Saved, saved
from anchored.storage.search import index_document, remove_document

__all__ = ["OWN_FACTORS_MAX", "CheckIn", "OwnFactor"]

PAGE_SIZE = 25
SOURCE = "check-in"  # what the help-card record says was being saved


# -- factor choices ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FactorChoice:
    """One tag the form offers: ``value`` is what a check-in stores (slug or own name)."""

    value: str
    name: str
    own: bool


def list_own_factors(session: Session, owner: Owner) -> Sequence[OwnFactor]:
    """The person's own tags, in the order they were added."""
    query = select(OwnFactor).where(OwnFactor.owner_id == owner.id).order_by(OwnFactor.id)
    return session.scalars(query).all()


def list_factor_choices(session: Session, owner: Owner) -> list[FactorChoice]:
    """Built-in factors in content order, then the person's own tags."""
    builtins = [FactorChoice(f.slug, f.name, own=False) for f in load_factors().factors]
    own = [FactorChoice(f.name, f.name, own=True) for f in list_own_factors(session, owner)]
    return builtins + own


def _builtin_for(name: str) -> str | None:
    """The built-in factor a typed name means (by slug or name, any case), if any."""
    folded = name.casefold()
    for factor in load_factors().factors:
        if folded in (factor.slug, factor.name.casefold()):
            return factor.slug
    return None


def _own_named(own: Sequence[OwnFactor], name: str) -> OwnFactor | None:
    folded = name.casefold()
    return next((f for f in own if f.name.casefold() == folded), None)


def find_factor(session: Session, owner: Owner, text: str) -> str | None:
    """The stored value for what someone typed (a built-in's slug or name, or an own tag's
    name, in any case), or None if it matches nothing."""
    name = clean_name(text)
    if not name:
        return None
    builtin = _builtin_for(name)
    if builtin is not None:
        return builtin
    found = _own_named(list_own_factors(session, owner), name)
    return found.name if found is not None else None


def _own_name_problem(own: Sequence[OwnFactor], name: str) -> str | None:
    """Why ``name`` can't become a new own tag, given the person's ``own`` tags; None if it can."""
    builtin = [word for f in load_factors().factors for word in (f.slug, f.name)]
    return name_problem(rules.OWN_TAGS, name, builtin=builtin, own=[f.name for f in own])


def add_own_factor(session: Session, owner: Owner, name: str) -> Saved:
    """Add a tag of the person's own to the choices every check-in offers."""
    cleaned = clean_name(name)
    problem = _own_name_problem(list_own_factors(session, owner), cleaned)
    if problem is not None:
        raise InvalidInput({"name": problem})
    factor = OwnFactor(owner_id=owner.id, name=cleaned)
    session.add(factor)
    session.flush()
    return saved(session, owner, SOURCE, factor.id, cleaned)


def get_own_factor(session: Session, owner: Owner, factor_id: int) -> OwnFactor:
    """One of the person's own tags; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, OwnFactor, owner, factor_id)


def remove_own_factor(session: Session, owner: Owner, factor_id: int) -> None:
    """Stop offering one of the person's own tags. Past check-ins keep the tag's text."""
    session.delete(get_own_factor(session, owner, factor_id))
    session.flush()


# -- checking what was given -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Clean:
    emotions: tuple[tuple[str, int], ...]
    factors: tuple[tuple[str, bool], ...]  # (value, own)
    note: str
    new_factor: str  # '' or a new own tag to create


def _clean(
    session: Session,
    owner: Owner,
    emotions: Mapping[str, int],
    factors: Sequence[str],
    note: str,
    when: datetime | None,
    new_factor: str,
    *,
    now: datetime,
    kept: Iterable[CheckInFactor] = (),
    extra_errors: Mapping[str, str] | None = None,
) -> _Clean:
    """Everything checked before anything is written, so a refusal saves nothing."""
    errors: dict[str, str] = dict(extra_errors or {})
    known = load_emotions()
    picked: list[tuple[str, int]] = []
    for slug, intensity in emotions.items():
        emotion = known.get(slug)
        if emotion is None:
            errors["emotions"] = "One of the feelings isn't in Anchored's list; pick from the list."
            continue
        try:
            picked.append((slug, rules.check_intensity(intensity)))
        except ValueError as exc:
            errors.setdefault(f"intensity-{slug}", f"{emotion.name}: {exc}")

    builtins = load_factors().slugs
    own = list_own_factors(session, owner)
    own_names = {f.name for f in own}
    # A tag removed since this check-in was saved can stay on it.
    own_names |= {f.factor for f in kept if f.own}
    chosen: list[tuple[str, bool]] = []
    for value in factors:
        if value in builtins:
            pair = (value, False)
        elif value in own_names:
            pair = (value, True)
        else:
            errors["factors"] = "One of the tags isn't one of your choices; pick from the list."
            continue
        if pair not in chosen:
            chosen.append(pair)

    # A typed tag that is already a choice is simply ticked; otherwise it becomes a new one.
    new_name = clean_name(new_factor)
    if new_name:
        builtin = _builtin_for(new_name)
        existing = _own_named(own, new_name)
        typed: tuple[str, bool] | None = None
        if builtin is not None:
            typed, new_name = (builtin, False), ""
        elif existing is not None:
            typed, new_name = (existing.name, True), ""
        elif (problem := _own_name_problem(own, new_name)) is not None:
            errors["new_factor"] = problem
        else:
            typed = (new_name, True)
        if typed is not None and typed not in chosen:
            chosen.append(typed)

    note = note.strip()
    if (problem := rules.note_problem(note)) is not None:
        errors["note"] = problem
    if when is not None and when.tzinfo is None:
        errors["when"] = "The date needs a time zone."
    elif when is not None and not_yet(when, now):
        errors["when"] = NOT_YET
    if not picked and not note and not any(k.startswith("intensity-") for k in errors):
        errors.setdefault(
            "emotions",
            "Pick at least one feeling, or write a few words in the note. "
            "An empty check-in isn't saved.",
        )
    if errors:
        raise InvalidInput(errors)
    return _Clean(tuple(picked), tuple(chosen), note, new_name)


def check_input(
    session: Session,
    owner: Owner,
    emotions: Mapping[str, int],
    factors: Sequence[str],
    note: str = "",
    when: datetime | None = None,
    *,
    now: datetime,
    new_factor: str = "",
    check_in_id: int | None = None,
    extra_errors: Mapping[str, str] | None = None,
) -> None:
    """Raise :class:`InvalidInput` with every problem at once (``extra_errors`` included),
    as adding or updating would. Lets a form report its own parsing errors alongside ours."""
    kept = get_check_in(session, owner, check_in_id).factors if check_in_id is not None else ()
    _clean(
        session,
        owner,
        emotions,
        factors,
        note,
        when,
        new_factor,
        now=now,
        kept=kept,
        extra_errors=extra_errors,
    )


# -- saving --------------------------------------------------------------------------------------


def _search_text(check_in: CheckIn) -> str:
    """The note, then the feeling words and tags as a short list ("Lonely, Anxious · Texting"),
    so a search for a feeling finds the check-ins where it was picked."""
    names = emotion_names()
    feelings = [names.get(e.emotion, e.emotion) for e in check_in.emotions]
    tags = [factor_label(f) for f in check_in.factors]
    labels = " · ".join(", ".join(words) for words in (feelings, tags) if words)
    return "\n".join(part for part in (check_in.note, labels) if part)


def _apply(session: Session, owner: Owner, check_in: CheckIn, clean: _Clean) -> None:
    """Make the check-in's rows match ``clean``, reusing rows so no unique key is hit twice."""
    if clean.new_factor:
        session.add(OwnFactor(owner_id=owner.id, name=clean.new_factor))
    check_in.note = clean.note

    by_emotion = {e.emotion: e for e in check_in.emotions}
    emotion_rows = []
    for position, (slug, intensity) in enumerate(clean.emotions):
        row = by_emotion.get(slug) or CheckInEmotion(emotion=slug)
        row.position, row.intensity = position, intensity
        emotion_rows.append(row)
    check_in.emotions = emotion_rows

    by_factor = {f.factor: f for f in check_in.factors}
    factor_rows = []
    for position, (value, own) in enumerate(clean.factors):
        factor = by_factor.get(value) or CheckInFactor(factor=value)
        factor.position, factor.own = position, own
        factor_rows.append(factor)
    check_in.factors = factor_rows


def _index(session: Session, owner: Owner, check_in: CheckIn) -> None:
    index_document(
        session, owner.id, SEARCH.code, check_in.id, title="", body=_search_text(check_in)
    )


def add_check_in(
    session: Session,
    owner: Owner,
    emotions: Mapping[str, int],
    factors: Sequence[str] = (),
    note: str = "",
    when: datetime | None = None,
    *,
    now: datetime,
    new_factor: str = "",
) -> Saved:
    """Save a check-in: emotion slugs with 0-10 intensity (in the order given), factor slugs or
    own tag names, a note. ``new_factor`` adds an own tag and ticks it; ``when`` defaults to
    ``now`` (and may not be later, give or take a few minutes). At least one emotion or a note
    is needed."""
    clean = _clean(session, owner, emotions, factors, note, when, new_factor, now=now)
    check_in = CheckIn(owner_id=owner.id, created_at=when or now, updated_at=now)
    session.add(check_in)
    _apply(session, owner, check_in, clean)
    session.flush()
    _index(session, owner, check_in)
    return saved(session, owner, SOURCE, check_in.id, clean.note, clean_name(new_factor))


def update_check_in(
    session: Session,
    owner: Owner,
    check_in_id: int,
    emotions: Mapping[str, int],
    factors: Sequence[str] = (),
    note: str = "",
    when: datetime | None = None,
    *,
    now: datetime,
    new_factor: str = "",
) -> Saved:
    """Replace a check-in's emotions, factors and note; ``when`` (if given) moves it."""
    check_in = get_check_in(session, owner, check_in_id)
    clean = _clean(
        session, owner, emotions, factors, note, when, new_factor, now=now, kept=check_in.factors
    )
    _apply(session, owner, check_in, clean)
    if when is not None:
        check_in.created_at = when
    check_in.updated_at = now  # child rows changing does not touch the parent row
    session.flush()
    _index(session, owner, check_in)
    return saved(session, owner, SOURCE, check_in.id, clean.note, clean_name(new_factor))


def delete_check_in(session: Session, owner: Owner, check_in_id: int) -> None:
    session.delete(get_check_in(session, owner, check_in_id))
    remove_document(session, SEARCH.code, check_in_id)
    session.flush()


# -- reading -------------------------------------------------------------------------------------


def get_check_in(session: Session, owner: Owner, check_in_id: int) -> CheckIn:
    """One check-in; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, CheckIn, owner, check_in_id)


# The history's statements run on every page view, so they are built once, on the tables
# rather than the mapped classes: building and compiling a statement (the ORM's above all)
# costs SQLAlchemy several times what SQLite spends running it, and plain rows skip the ORM's
# identity map.
_CHECK_INS = CheckIn.__table__
_EMOTIONS = CheckInEmotion.__table__
_FACTORS = CheckInFactor.__table__
_COUNT = (
    select(func.count()).select_from(_CHECK_INS).where(_CHECK_INS.c.owner_id == bindparam("owner"))
)
_PAGE = (
    select(_CHECK_INS.c.id, _CHECK_INS.c.created_at, _CHECK_INS.c.note)
    .where(_CHECK_INS.c.owner_id == bindparam("owner"))
    .order_by(_CHECK_INS.c.created_at.desc(), _CHECK_INS.c.id.desc())
    .limit(bindparam("limit"))
    .offset(bindparam("offset"))
)
_PAGE_IDS = _PAGE.with_only_columns(_CHECK_INS.c.id).scalar_subquery()
# In no order: SQLite would sort them in a temporary B-tree, which costs more than the rest of
# the query; Python puts the few dozen rows in order.
_PAGE_EMOTIONS = select(
    _EMOTIONS.c.check_in_id, _EMOTIONS.c.position, _EMOTIONS.c.emotion, _EMOTIONS.c.intensity
).where(_EMOTIONS.c.check_in_id.in_(_PAGE_IDS))
_PAGE_FACTORS = select(
    _FACTORS.c.check_in_id, _FACTORS.c.position, _FACTORS.c.factor, _FACTORS.c.own
).where(_FACTORS.c.check_in_id.in_(_PAGE_IDS))
Feeling = Row[int, int, str, int]  # check_in_id, position, emotion, intensity
Factor = Row[int, int, str, bool]  # check_in_id, position, factor, own
_IN_ORDER = operator.itemgetter(0, 1)  # by check-in, then as picked


def count_check_ins(session: Session, owner: Owner) -> int:
    return session.connection().execute(_COUNT, {"owner": owner.id}).scalar() or 0


def list_check_ins(
    session: Session, owner: Owner, *, limit: int = 50, offset: int = 0
) -> Sequence[CheckIn]:
    """The owner's check-ins, newest first (emotions and factors loaded with them)."""
    query = (
        select(CheckIn)
        .where(CheckIn.owner_id == owner.id)
        .order_by(CheckIn.created_at.desc(), CheckIn.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return session.scalars(query).all()


@dataclass(frozen=True, slots=True)
class CheckInLine:
    """A check-in as history shows it: plain values, read without the ORM. ``emotions`` and
    ``factors`` are rows with the names a saved :class:`CheckIn` uses (``emotion`` and
    ``intensity``; ``factor`` and ``own``), in the order they were picked."""

    id: int
    created_at: datetime
    note: str
    emotions: list[Feeling]
    factors: list[Factor]


@dataclass(frozen=True, slots=True)
class Day:
    day: date
    check_ins: list[CheckInLine]
    continued: bool = False  # the same day also ends the page before


@dataclass(frozen=True, slots=True)
class HistoryPage:
    days: list[Day]
    page: int
    has_next: bool

    @property
    def check_ins(self) -> list[CheckInLine]:
        return [c for d in self.days for c in d.check_ins]


def check_in_lines(
    session: Session, owner: Owner, *, limit: int = 50, offset: int = 0
) -> list[CheckInLine]:
    """The owner's check-ins, newest first, with their feelings and factors: three queries."""
    connection = session.connection()
    params = {"owner": owner.id, "limit": limit, "offset": offset}
    page = connection.execute(_PAGE, params).all()
    lines = [CheckInLine(id_, created_at, note, [], []) for id_, created_at, note in page]
    if lines:
        by_id = {line.id: line for line in lines}
        for feeling in sorted(connection.execute(_PAGE_EMOTIONS, params).all(), key=_IN_ORDER):
            by_id[feeling[0]].emotions.append(feeling)
        for factor in sorted(connection.execute(_PAGE_FACTORS, params).all(), key=_IN_ORDER):
            by_id[factor[0]].factors.append(factor)
    return lines


def list_days(
    session: Session,
    owner: Owner,
    *,
    page: int = 1,
    per_page: int = PAGE_SIZE,
    zone: tzinfo | None = None,
) -> HistoryPage:
    """One page of history, newest first, grouped by local day (``zone``; None: this machine's).

    One query reads the page plus its neighbours on either side: the one before tells whether
    the first day carries on from the previous page, the one after whether there is a next page.
    """
    page = max(page, 1)
    offset = (page - 1) * per_page
    first = max(offset - 1, 0)
    rows = check_in_lines(session, owner, limit=per_page + 1 + (offset - first), offset=first)
    before = rows.pop(0) if offset > first and rows else None
    has_next = len(rows) > per_page
    rows = rows[:per_page]
    days = [Day(day, items) for day, items in rules.group_by_day(rows, _created, zone)]
    if days and before is not None and rules.local_date(before.created_at, zone) == days[0].day:
        days[0] = Day(days[0].day, days[0].check_ins, continued=True)
    return HistoryPage(days=days, page=page, has_next=has_next)


def _created(check_in: CheckInLine) -> datetime:
    return check_in.created_at


def page_of(session: Session, owner: Owner, check_in_id: int, per_page: int = PAGE_SIZE) -> int:
    """The history page a check-in is shown on (counting the newer ones before it)."""
    check_in = get_check_in(session, owner, check_in_id)
    newer = session.scalar(
        select(func.count())
        .select_from(CheckIn)
        .where(
            CheckIn.owner_id == owner.id,
            or_(
                CheckIn.created_at > check_in.created_at,
                (CheckIn.created_at == check_in.created_at) & (CheckIn.id > check_in.id),
            ),
        )
    )
    return (newer or 0) // per_page + 1


# -- words for display -----------------------------------------------------------------------


def emotion_names() -> dict[str, str]:
    """Slug → name for every emotion word (for showing saved check-ins)."""
    return load_emotions().names


def factor_label(factor: CheckInFactor | Factor) -> str:
    """A saved factor as words: a built-in's name, or the own tag's text."""
    found = None if factor.own else load_factors().get(factor.factor)
    return found.name if found is not None else factor.factor


# -- what other parts of the app show (named in the manifest) --------------------------------


_FOUND = (
    select(_CHECK_INS.c.id, _CHECK_INS.c.created_at, _EMOTIONS.c.emotion)
    .outerjoin(_EMOTIONS, _EMOTIONS.c.check_in_id == _CHECK_INS.c.id)
    .where(
        _CHECK_INS.c.owner_id == bindparam("owner"),
        _CHECK_INS.c.id.in_(bindparam("ids", expanding=True)),
    )
    .order_by(_CHECK_INS.c.id, _EMOTIONS.c.position)
)


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    """How search shows a check-in: its feelings, by name."""
    names = emotion_names()
    when: dict[int, datetime] = {}
    named: dict[int, list[str]] = {}
    rows = session.connection().execute(_FOUND, {"owner": owner.id, "ids": list(ids)})
    for check_in_id, created_at, slug in rows:
        when[check_in_id] = created_at
        found = named.setdefault(check_in_id, [])
        if slug is not None:
            found.append(names.get(slug, slug))
    return {
        check_in_id: Shown(
            created_at,
            first_words(f"Check-in: {', '.join(named[check_in_id])}")
            if named[check_in_id]
            else "Check-in",
            f"/check-in/{check_in_id}",
        )
        for check_in_id, created_at in when.items()
    }


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    yield "check_ins.note", add_check_in(session, owner, {}, note=text, now=now).needs_help
    # A new tag typed on the form: stored as an own tag and on the check-in.
    feeling = load_emotions().all[0].slug
    done = add_check_in(session, owner, {feeling: 5}, new_factor=text, now=now)
    yield "check_in_factors.factor", done.needs_help
    # Removing the tag leaves the check-in as it was; adding it again on the tags page.
    (tag,) = [f for f in list_own_factors(session, owner) if f.name == clean_name(text)]
    remove_own_factor(session, owner, tag.id)
    yield "own_factors.name", add_own_factor(session, owner, text).needs_help


def reindex(session: Session, owner: Owner) -> None:
    """Write the search text of ``owner``'s check-ins again (after an import)."""
    rows = session.scalars(select(CheckIn).where(CheckIn.owner_id == owner.id)).all()
    for row in rows:
        _index(session, owner, row)
