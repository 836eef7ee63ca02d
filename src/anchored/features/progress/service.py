"""Progress: the signs-of-progress ratings (rate, read, edit, delete), and the progress pages
gathered from what every feature contributes (``Feature.progress``).

A rating's note is words the person wrote: every save runs the crisis check and keeps the
note in the search index in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.core.clock import NOT_YET, not_yet
from anchored.core.errors import InvalidInput
from anchored.core.limits import check_length
from anchored.core.owner import Owner
from anchored.core.weeks import Period
from anchored.features.progress import SEARCH, rules
from anchored.features.progress.models import SignScore, SignsRating
from anchored.features.progress.signs import load_signs
from anchored.manifest import Insight, ProgressPart, Registry, Series, WeekLine
from anchored.services.owned import get_owned
from anchored.services.search_results import TITLE_CHARS, Shown, first_words
from anchored.services.support import Saved, saved
from anchored.storage.base import opening_of
from anchored.storage.search import index_document, remove_document

__all__ = ["SignScore", "SignsRating"]

SOURCE = "signs of progress"
TITLE = "Signs of progress"
PAGE_SIZE = 20
# The person's time zone for dates and times of day: the machine's own (in personal mode the
# server runs on their machine).
ZONE: tzinfo | None = None


def _clean(
    scores: Mapping[str, str | int | None], note: str, when: datetime | None, now: datetime
) -> tuple[dict[str, int], str]:
    chosen, errors = rules.check_scores(scores, load_signs().slugs)
    note = note.strip()
    check_length(errors, "note", note, rules.NOTE_MAX, "A note")
    if not errors and not chosen and not note:
        errors["signs"] = rules.NOTHING_RATED
    if when is not None and when.tzinfo is None:
        errors["when"] = "The date needs a time zone."
    elif when is not None and not_yet(when, now):
        errors["when"] = NOT_YET
    if errors:
        raise InvalidInput(errors)
    return chosen, note


def _apply(rating: SignsRating, scores: Mapping[str, int]) -> None:
    rating.scores = [
        SignScore(position=position, sign=slug, value=value)
        for position, (slug, value) in enumerate(scores.items())
    ]


def _index(session: Session, rating: SignsRating) -> None:
    if rating.note:
        index_document(session, rating.owner_id, SEARCH.code, rating.id, TITLE, rating.note)
    else:
        remove_document(session, SEARCH.code, rating.id)


def reindex(session: Session, owner: Owner) -> None:
    """Write the search text of ``owner``'s rating notes again (after an import)."""
    for rating in session.scalars(select(SignsRating).where(SignsRating.owner_id == owner.id)):
        _index(session, rating)


def add_rating(
    session: Session,
    owner: Owner,
    scores: Mapping[str, str | int | None],
    note: str = "",
    when: datetime | None = None,
    *,
    now: datetime,
) -> Saved:
    """Save a rating of the signs (slug → 0-10; a sign left empty is not rated this time) and
    an optional note, dated ``when`` (default ``now``; not later than now)."""
    chosen, note = _clean(scores, note, when, now)
    rating = SignsRating(owner_id=owner.id, rated_at=when or now, updated_at=now, note=note)
    _apply(rating, chosen)
    session.add(rating)
    session.flush()
    _index(session, rating)
    return saved(session, owner, SOURCE, rating.id, note)


def update_rating(
    session: Session,
    owner: Owner,
    rating_id: int,
    scores: Mapping[str, str | int | None],
    note: str = "",
    *,
    now: datetime,
) -> Saved:
    """Change a rating's scores and note (its date stays)."""
    rating = get_rating(session, owner, rating_id)
    chosen, note = _clean(scores, note, None, now)
    rating.scores.clear()
    session.flush()  # the old rows go before the new ones meet the unique constraint
    _apply(rating, chosen)
    rating.note, rating.updated_at = note, now
    session.flush()
    _index(session, rating)
    return saved(session, owner, SOURCE, rating.id, note)


def delete_rating(session: Session, owner: Owner, rating_id: int) -> None:
    """Delete a rating and its searchable note."""
    session.delete(get_rating(session, owner, rating_id))
    remove_document(session, SEARCH.code, rating_id)
    session.flush()


def get_rating(session: Session, owner: Owner, rating_id: int) -> SignsRating:
    """One rating; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, SignsRating, owner, rating_id)


def list_ratings(
    session: Session, owner: Owner, *, limit: int = PAGE_SIZE, offset: int = 0
) -> Sequence[SignsRating]:
    """The owner's ratings, newest first."""
    query = (
        select(SignsRating)
        .where(SignsRating.owner_id == owner.id)
        .order_by(SignsRating.rated_at.desc(), SignsRating.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return session.scalars(query).all()


def count_ratings(session: Session, owner: Owner) -> int:
    query = select(func.count()).select_from(SignsRating).where(SignsRating.owner_id == owner.id)
    return session.scalar(query) or 0


def scores_of(rating: SignsRating) -> dict[str, int]:
    return {score.sign: score.value for score in rating.scores}


def rated_between(
    session: Session, owner: Owner, since: datetime | None, until: datetime | None
) -> list[rules.Rated]:
    """The owner's ratings in [since, until), oldest first, as plain values (one query for
    the ratings and one for their scores)."""
    query = select(SignsRating.id, SignsRating.rated_at).where(SignsRating.owner_id == owner.id)
    if since is not None:
        query = query.where(SignsRating.rated_at >= since)
    if until is not None:
        query = query.where(SignsRating.rated_at < until)
    found = session.execute(query.order_by(SignsRating.rated_at, SignsRating.id)).all()
    scores: dict[int, dict[str, int]] = {rating_id: {} for rating_id, _at in found}
    if found:
        rows = session.execute(
            select(SignScore.rating_id, SignScore.sign, SignScore.value)
            .join(SignsRating, SignsRating.id == SignScore.rating_id)
            .where(SignsRating.owner_id == owner.id, SignScore.rating_id.in_(list(scores)))
        )
        for rating_id, sign, value in rows:
            scores[rating_id][sign] = value
    return [rules.Rated(rating_id, at, scores[rating_id]) for rating_id, at in found]


# -- what this feature contributes to the progress pages (its own ProgressHooks) -------------


def signs_part(ratings: Sequence[rules.Rated], zone: tzinfo | None) -> ProgressPart:
    """The signs of progress as a chart: one line per sign, one point per rating."""
    content = load_signs()
    points = rules.sign_points(ratings, content.slugs, zone)
    return ProgressPart(
        key="signs",
        title="Signs of progress, in your own view",
        kind="line",
        series=tuple(Series(sign.name, tuple(points[sign.slug])) for sign in content.signs),
        y_range=(rules.SCORE_MIN, rules.SCORE_MAX),
        x_label="Rated on",
        unit="your own rating, 0 to 10",
        text="How each sign felt to you, each time you rated them. Not a test.",
        href="/progress/signs",
        empty="Rate the six signs of progress to see how your own view moves over time.",
        order=20,
    )


def progress_parts(
    session: Session,
    owner: Owner,
    *,
    period: Period,
    asked: Mapping[str, tuple[str, ...]],
    now: datetime,
) -> list[ProgressPart]:
    """The signs of progress rated during ``period``."""
    return [signs_part(rated_between(session, owner, period.since, period.until), period.zone)]


def progress_insights(
    session: Session,
    owner: Owner,
    *,
    now: datetime,
    zone: tzinfo | None,
    since: datetime | None = None,
) -> list[Insight]:
    """A sign whose own rating moved by 2 or more between the first and the latest rating,
    at least four weeks apart (every rating from ``since``, or all)."""
    ratings = rated_between(session, owner, since, None)
    changes = rules.notable_changes(ratings, load_signs().slugs)
    if not changes:
        return []
    names = load_signs().names
    change = changes[0]
    first = next(r for r in ratings if change.slug in r.scores)
    text = rules.change_sentence(change, names[change.slug], rules.date_label(first.at, zone))
    return [Insight(text, "/progress/signs", "See your ratings", order=20)]


def progress_week(
    session: Session, owner: Owner, *, period: Period, now: datetime
) -> list[WeekLine]:
    """Whether the signs were rated this week."""
    count = len(rated_between(session, owner, period.since, period.until))
    if count:
        text = (
            "You rated the signs of progress."
            if count == 1
            else (f"You rated the signs of progress {count} times.")
        )
        return [WeekLine(text, "/progress/signs", order=90)]
    return [WeekLine("No signs-of-progress rating this week.", "/progress/signs", order=90)]


# -- the progress pages: what every feature contributes -------------------------------------


@dataclass(frozen=True, slots=True)
class Gathered:
    charts: list[ProgressPart]
    waiting: list[ProgressPart]  # parts with no data yet: one line each, what to do


def gather_parts(
    registry: Registry,
    session: Session,
    owner: Owner,
    *,
    period: Period,
    asked: Mapping[str, tuple[str, ...]],
    now: datetime,
) -> Gathered:
    """Every feature's parts over ``period``, in order; those without data set aside."""
    parts = [
        part
        for _feature, hook in registry.progress_hooks("parts")
        for part in hook(session, owner, period=period, asked=asked, now=now)
    ]
    parts.sort(key=lambda p: p.order)
    return Gathered([p for p in parts if p.has_data], [p for p in parts if not p.has_data])


def gather_insights(
    registry: Registry,
    session: Session,
    owner: Owner,
    *,
    now: datetime,
    zone: tzinfo | None,
    since: datetime | None = None,
) -> list[Insight]:
    """Every feature's insights, in order; with ``since``, from nothing before it."""
    found = [
        insight
        for _feature, hook in registry.progress_hooks("insights")
        for insight in hook(session, owner, now=now, zone=zone, since=since)
    ]
    return sorted(found, key=lambda i: i.order)


def gather_week(
    registry: Registry, session: Session, owner: Owner, *, period: Period, now: datetime
) -> list[tuple[str, list[WeekLine]]]:
    """Each contributing feature's title with its lines for the week in ``period``."""
    found = []
    for feature, hook in registry.progress_hooks("week"):
        lines = hook(session, owner, period=period, now=now)
        if lines:
            found.append((feature.title, sorted(lines, key=lambda line: line.order)))
    return found


# -- what other parts of the app show (named in the manifest) --------------------------------


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    """How search shows a rating's note: its first words."""
    query = select(
        SignsRating.id, SignsRating.rated_at, opening_of(SignsRating.note, TITLE_CHARS * 2)
    ).where(SignsRating.owner_id == owner.id, SignsRating.id.in_(list(ids)))
    return {
        rating_id: Shown(rated_at, first_words(note), f"/progress/signs/{rating_id}")
        for rating_id, rated_at, note in session.execute(query)
    }


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    yield (
        "progress_ratings.note",
        add_rating(session, owner, {"calmer": 5}, text, now=now).needs_help,
    )
