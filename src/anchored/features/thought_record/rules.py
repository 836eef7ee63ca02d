"""Thought record rules on plain values: the stages, what each needs, and before → after.

A thought record is worked through one stage at a time. Some stages must be done before the
ones after them make sense (there is nothing to weigh without an automatic thought); others may
stay empty (no trap spotted, no evidence written yet). The record remembers the furthest stage
reached, so a draft resumes where the person stopped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final, Literal, Protocol

from anchored.core.limits import too_long
from anchored.core.rating import RATING_MAX, RATING_MIN, parse_rating

Stage = Literal["situation", "thought", "emotions", "traps", "evidence", "balanced", "rerate"]
STAGES: Final[tuple[Stage, ...]] = (
    "situation",
    "thought",
    "emotions",
    "traps",
    "evidence",
    "balanced",
    "rerate",
)
# Stored in ``ThoughtRecord.stage`` once every stage is done.
FINISHED: Final = "finished"

STAGE_TITLES: Final[Mapping[Stage, str]] = {
    "situation": "The situation",
    "thought": "The automatic thought",
    "emotions": "Emotions",
    "traps": "Thinking traps",
    "evidence": "Fact or feeling?",
    "balanced": "A balanced thought",
    "rerate": "Emotions now",
}

INTENSITY_MIN: Final = RATING_MIN
INTENSITY_MAX: Final = RATING_MAX
TEXT_MAX: Final = 5_000


def as_stage(value: str) -> Stage | None:
    """``value`` as a stage, or None if it is not one (e.g. from an address)."""
    for stage in STAGES:
        if stage == value:
            return stage
    return None


def stage_number(stage: Stage) -> int:
    """1 for the first stage, 7 for the last."""
    return STAGES.index(stage) + 1


def next_stage(stage: Stage) -> Stage | None:
    """The stage after ``stage``; None after the last one."""
    index = STAGES.index(stage)
    return STAGES[index + 1] if index + 1 < len(STAGES) else None


def previous_stage(stage: Stage) -> Stage | None:
    """The stage before ``stage``; None before the first one."""
    index = STAGES.index(stage)
    return STAGES[index - 1] if index > 0 else None


@dataclass(frozen=True, slots=True)
class Progress:
    """What a record holds so far, as far as moving between stages is concerned."""

    has_situation: bool = False
    has_thought: bool = False
    emotion_count: int = 0
    has_balanced: bool = False
    all_rerated: bool = False


def stage_done(stage: Stage, progress: Progress) -> bool:
    """Whether ``stage`` holds what it needs. Traps and evidence may stay empty."""
    if stage == "situation":
        return progress.has_situation
    if stage == "thought":
        return progress.has_thought
    if stage == "emotions":
        return progress.emotion_count > 0
    if stage == "balanced":
        return progress.has_balanced
    if stage == "rerate":
        return progress.emotion_count > 0 and progress.all_rerated
    return True


def missing_before(stage: Stage, progress: Progress) -> Stage | None:
    """The first earlier stage still missing what it needs, or None if ``stage`` may open."""
    for earlier in STAGES[: STAGES.index(stage)]:
        if not stage_done(earlier, progress):
            return earlier
    return None


def is_complete(progress: Progress) -> bool:
    return all(stage_done(stage, progress) for stage in STAGES)


def furthest(reached: str, stage: Stage) -> str:
    """The stage to remember after saving ``stage``: never moves back past what was reached."""
    if reached == FINISHED:
        return FINISHED
    candidate = next_stage(stage) or stage
    earlier = as_stage(reached)
    if earlier is not None and STAGES.index(earlier) > STAGES.index(candidate):
        return earlier
    return candidate


def resume_stage(reached: str, progress: Progress) -> Stage:
    """Where a draft continues: the furthest stage reached, unless something before it is
    missing (then that first)."""
    target = as_stage(reached) or STAGES[-1]
    return missing_before(target, progress) or target


def check_intensity(value: int | str, name: str = "This emotion") -> int:
    """A whole number from 0 to 10; otherwise ValueError with a message naming ``name``."""
    checked = parse_rating(
        value, f"{name} needs a whole number from {INTENSITY_MIN} to {INTENSITY_MAX}."
    )
    if checked is None:
        raise ValueError(f"{name} needs a number from {INTENSITY_MIN} to {INTENSITY_MAX}.")
    return checked


def text_too_long(value: str, limit: int = TEXT_MAX) -> str | None:
    """A message if ``value`` is over ``limit`` characters (the text itself is never quoted)."""
    return too_long(value, limit, "This box")


# -- before → after ---------------------------------------------------------------------------


class Rated(Protocol):
    @property
    def emotion(self) -> str: ...
    @property
    def before(self) -> int: ...
    @property
    def after(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class EmotionChange:
    slug: str
    name: str
    before: int
    after: int | None

    @property
    def difference(self) -> int | None:
        return None if self.after is None else self.after - self.before

    @property
    def short(self) -> str:
        """E.g. 'Abandoned 8 → 4'."""
        after = "?" if self.after is None else str(self.after)
        return f"{self.name} {self.before} → {after}"

    @property
    def spoken(self) -> str:
        """The same in words, for screen readers and plain text: no judgement, just the move."""
        if self.after is None:
            return f"{self.name}: {self.before} out of 10 before, not re-rated yet"
        difference = self.after - self.before
        if difference == 0:
            moved = "the same"
        else:
            moved = f"{abs(difference)} {'lower' if difference < 0 else 'higher'}"
        return f"{self.name}: {self.before} out of 10 before, {self.after} after ({moved})"


def emotion_changes(
    emotions: Iterable[Rated], names: Mapping[str, str] | None = None
) -> list[EmotionChange]:
    """Each emotion's before and after, in the order picked. ``names`` maps slug → name
    (an unknown slug shows as itself)."""
    names = names or {}
    return [
        EmotionChange(e.emotion, names.get(e.emotion, e.emotion), e.before, e.after)
        for e in emotions
    ]
