"""Pure rules for self-checks: checking answers, scoring (reverse keys, sums or means,
subscales), score ranges, the safety rule, reliable change and when a check is next due.

Everything about a questionnaire comes from its file (:class:`Instrument`); answers are always
keyed by item number, never by where an item was shown. Scores are exact fractions inside
(means such as 19/6 stay exact, so a boundary like SCS-SF 2.5 is never missed by rounding);
callers turn them into numbers to show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from typing import Literal

from anchored.features.self_checks.instrument import Band, Instrument, Subscale

Answers = Mapping[int, int]


class AnswersProblem(ValueError):
    """Some items are unanswered or have a value the scale does not offer."""

    def __init__(self, unanswered: Sequence[int], invalid: Sequence[int]) -> None:
        self.unanswered = tuple(unanswered)
        self.invalid = tuple(invalid)
        parts = []
        if self.unanswered:
            parts.append("unanswered: " + ", ".join(map(str, self.unanswered)))
        if self.invalid:
            parts.append("not on the scale: " + ", ".join(map(str, self.invalid)))
        super().__init__("; ".join(parts))


def problems(instrument: Instrument, answers: Answers) -> AnswersProblem | None:
    """What stops ``answers`` being scored: items left out, values not on the scale, or
    numbers that are not items. None when the set is complete (no prorating, ever)."""
    values = instrument.values
    unanswered = [n for n in instrument.numbers if n not in answers]
    invalid = sorted(
        n for n, value in answers.items() if n not in instrument.numbers or value not in values
    )
    if unanswered or invalid:
        return AnswersProblem(unanswered, invalid)
    return None


def reverse(instrument: Instrument, value: int) -> int:
    """A reverse-keyed answer: ``(item_min + item_max) - x``."""
    scoring = instrument.scoring
    return scoring.item_min + scoring.item_max - value


def keyed(instrument: Instrument, number: int, value: int) -> int:
    """The points an answer gives: reversed for a reverse-keyed item."""
    return reverse(instrument, value) if number in instrument.scoring.reverse_items else value


def subscale_score(instrument: Instrument, subscale: Subscale, answers: Answers) -> Fraction:
    """One score from complete answers: the sum or the mean of its items, reversed where the
    file says so."""
    points = [
        keyed(instrument, n, answers[n]) if subscale.apply_reverse else answers[n]
        for n in subscale.items
    ]
    total = Fraction(sum(points))
    return total / len(points) if subscale.method == "mean" else total


def band_for(instrument: Instrument, score: Fraction) -> Band | None:
    """The score range ``score`` falls in (None: the file has no ranges)."""
    bands = instrument.scoring.bands
    if bands is None:
        return None
    for band in bands.ranges:
        low, high = Fraction(str(band.min)), Fraction(str(band.max))
        above_low = score > low if band.min_exclusive else score >= low
        if above_low and score <= high:
            return band
    return None


def safety_fires(instrument: Instrument, answers: Answers) -> bool:
    """Whether a safety rule fires: an item marked ``safety_item`` answered above the lowest
    value. It looks only at that item, so it fires whatever the total, and also while the
    rest of the form is unfinished."""
    if not instrument.scoring.safety_rules:
        return False
    low = instrument.scoring.item_min
    return any(
        isinstance(answers.get(n), int) and answers[n] > low for n in instrument.safety_items
    )


@dataclass(frozen=True, slots=True)
class Score:
    """What a complete answer set gives."""

    instrument_id: str
    total: Fraction | None  # the main score; None when the file defines none (ECR-RS)
    band: Band | None
    subscales: dict[str, Fraction] = field(default_factory=dict)
    safety: bool = False

    def main_scores(self) -> dict[str, Fraction]:
        """The score(s) a result is compared by: the total, else every subscale."""
        return {"total": self.total} if self.total is not None else dict(self.subscales)


def score(instrument: Instrument, answers: Answers) -> Score:
    """Score a complete answer set; :class:`AnswersProblem` if it is not complete."""
    found = problems(instrument, answers)
    if found is not None:
        raise found
    main = instrument.main
    total = subscale_score(instrument, main, answers) if main is not None else None
    return Score(
        instrument_id=instrument.id,
        total=total,
        band=band_for(instrument, total) if total is not None else None,
        subscales={s.id: subscale_score(instrument, s, answers) for s in instrument.other_scores},
        safety=safety_fires(instrument, answers),
    )


def score_range(instrument: Instrument, subscale: Subscale) -> tuple[Fraction, Fraction]:
    """The lowest and highest score ``subscale`` can give (all-minimum and all-maximum keyed
    answers), worked out from the key rather than read from the file."""
    scoring = instrument.scoring
    size = len(subscale.items)
    low, high = Fraction(scoring.item_min * size), Fraction(scoring.item_max * size)
    if subscale.method == "mean":
        low, high = low / size, high / size
    return low, high


def composite(per_target: Mapping[str, Mapping[str, float]], dimension: str) -> float:
    """A global score over targets (ECR-RS): the mean of each target's ``dimension``."""
    scores = [scores[dimension] for scores in per_target.values()]
    return sum(scores) / len(scores)


# -- reliable change ---------------------------------------------------------------------------

Verdict = Literal["better", "same", "worse", "no_figure"]


@dataclass(frozen=True, slots=True)
class Change:
    """How a later score compares with an earlier one."""

    change: Fraction  # later minus earlier
    verdict: Verdict  # "no_figure": the file publishes no reliable-change threshold
    threshold: float | None

    @property
    def reliable(self) -> bool:
        return self.verdict in {"better", "worse"}


def reliable_change(
    instrument: Instrument, earlier: Fraction, later: Fraction, *, higher_is_better: bool
) -> Change:
    """Jacobson-Truax style: a change at least the file's threshold (inclusive) is reliable,
    better or worse by the scale's direction. Without a published threshold the verdict is
    ``no_figure`` (show the raw change only, and never the word "reliable")."""
    difference = later - earlier
    threshold = instrument.scoring.reliable_change.threshold
    if threshold is None:
        return Change(difference, "no_figure", None)
    if abs(difference) < Fraction(str(threshold)):
        return Change(difference, "same", threshold)
    rose = difference > 0
    return Change(difference, "better" if rose == higher_is_better else "worse", threshold)


# -- the gentle schedule -----------------------------------------------------------------------

INTERVALS = (7, 14, 30, 60, 90)  # days a person can choose between reminders


def next_due(last_taken: date | None, every_days: int | None) -> date | None:
    """The day a check is next due: ``every_days`` after it was last taken. None when it was
    never taken (nobody is reminded of a check they have not chosen to start) or reminders
    for it are off."""
    if last_taken is None or every_days is None:
        return None
    return last_taken + timedelta(days=every_days)


def is_due(last_taken: date | None, every_days: int | None, today: date) -> bool:
    due = next_due(last_taken, every_days)
    return due is not None and today >= due
