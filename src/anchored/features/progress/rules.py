"""Pure rules for the progress pages: the signs ratings, their chart, and what a rating says.

Nothing here reads the clock, the database or files: ``now`` and the ratings are passed in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

SCORE_MIN = 0
SCORE_MAX = 10
NOTE_MAX = 5_000
# A change between the first and the latest rating is mentioned once they are this far apart
# and it is at least this big: smaller wobbles are just how ratings move.
APART = timedelta(weeks=4)
NOTABLE_CHANGE = 2
SCORE_PROBLEM = f"Choose a whole number from {SCORE_MIN} to {SCORE_MAX}, or leave it empty."
NOTHING_RATED = "Rate at least one sign, or write a note."


def parse_score(text: str | int | None) -> int | None:
    """A 0-10 rating from a form or a command; empty means "not rated this time"."""
    if text is None:
        return None
    if isinstance(text, int):
        value = text
    else:
        text = text.strip()
        if not text:
            return None
        if not (text.isascii() and text.isdigit()) or len(text) > 2:
            raise ValueError(SCORE_PROBLEM)
        value = int(text)
    if not SCORE_MIN <= value <= SCORE_MAX:
        raise ValueError(SCORE_PROBLEM)
    return value


def check_scores(
    raw: Mapping[str, str | int | None], slugs: Sequence[str]
) -> tuple[dict[str, int], dict[str, str]]:
    """The ratings given for known signs (in the signs' order), and a problem per sign."""
    scores: dict[str, int] = {}
    errors: dict[str, str] = {}
    for slug in slugs:
        try:
            value = parse_score(raw.get(slug))
        except ValueError as exc:
            errors[slug] = str(exc)
            continue
        if value is not None:
            scores[slug] = value
    unknown = set(raw) - set(slugs)
    if unknown:
        errors["signs"] = "Rate only the signs listed."
    return scores, errors


@dataclass(frozen=True, slots=True)
class Rated:
    """One saved rating as the rules see it."""

    id: int
    at: datetime
    scores: Mapping[str, int]


def date_label(at: datetime, zone: tzinfo | None = None) -> str:
    local = at.astimezone(zone)
    return f"{local.day} {local:%b %Y}"


def dated_labels(ratings: Sequence[Rated], zone: tzinfo | None = None) -> list[str]:
    """A label per rating (oldest first): its date, numbered when a day has more than one."""
    labels: list[str] = []
    seen: dict[str, int] = {}
    for rating in ratings:
        label = date_label(rating.at, zone)
        seen[label] = seen.get(label, 0) + 1
        labels.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return labels


def sign_points(
    ratings: Sequence[Rated], slugs: Sequence[str], zone: tzinfo | None = None
) -> dict[str, list[tuple[str, float | None]]]:
    """For each sign, (label, score or None) per rating, oldest first."""
    ordered = sorted(ratings, key=lambda r: (r.at, r.id))
    labels = dated_labels(ordered, zone)
    return {
        slug: [
            (label, float(r.scores[slug]) if slug in r.scores else None)
            for label, r in zip(labels, ordered, strict=True)
        ]
        for slug in slugs
    }


@dataclass(frozen=True, slots=True)
class Change:
    slug: str
    first: int
    latest: int

    @property
    def rose(self) -> bool:
        return self.latest > self.first


def notable_changes(ratings: Sequence[Rated], slugs: Sequence[str]) -> list[Change]:
    """Signs whose rating moved by at least :data:`NOTABLE_CHANGE` between the first and the
    latest rating of each, when those are at least :data:`APART` apart (the rises first)."""
    ordered = sorted(ratings, key=lambda r: (r.at, r.id))
    changes = []
    for slug in slugs:
        rated = [r for r in ordered if slug in r.scores]
        if len(rated) < 2 or rated[-1].at - rated[0].at < APART:
            continue
        first, latest = rated[0].scores[slug], rated[-1].scores[slug]
        if abs(latest - first) >= NOTABLE_CHANGE:
            changes.append(Change(slug, first, latest))
    return sorted(changes, key=lambda c: (not c.rose, -abs(c.latest - c.first)))


def change_sentence(change: Change, name: str, since: str) -> str:
    """A gentle sentence about one sign's change."""
    if change.rose:
        return (
            f"Your own rating of “{name}” went from {change.first} to {change.latest} "
            f"since {since}."
        )
    return (
        f"Your own rating of “{name}” went from {change.first} to {change.latest} since "
        f"{since}. Healing is not linear; a dip is worth noticing kindly, not a verdict."
    )
