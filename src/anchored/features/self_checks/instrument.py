"""What an instrument file says (``instruments/*.yaml``, schema_version 1), as checked data.

The files are vendored byte for byte from the shared ``instruments`` folder (a test compares
them). Every item text, key, range, band and threshold comes from them; nothing here knows a
particular questionnaire. A file with ``status: incomplete`` is only a :class:`Listing`: it is
named as not available and never administered.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Loose(BaseModel):
    """Files carry notes and citations the app does not use; those are allowed, not kept."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class Listing(_Loose):
    """What every file has, complete or not."""

    schema_version: Literal[1]
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    short_name: str
    status: Literal["complete", "incomplete"]
    citation: str
    licence_note: str = ""
    missing: tuple[str, ...] = ()


class Option(_Loose):
    value: int
    label: str


class ResponseScale(_Loose):
    options: tuple[Option, ...]


class Item(_Loose):
    number: int
    text: str
    reverse: bool
    subscale: str
    safety_item: bool = False


class UnscoredItem(_Loose):
    """A question on the form that never counts towards a score (PHQ-9's last one)."""

    id: str
    text: str
    options: tuple[Option, ...]


class Subscale(_Loose):
    id: str
    items: tuple[int, ...]
    method: Literal["sum", "mean"]
    # None: the file does not say; allowed only where no item of the subscale is reversed.
    apply_reverse: bool | None = None
    range: tuple[float, float]
    primary: bool = False
    exploratory: bool = False
    negative: bool = False


class Band(_Loose):
    min: float
    max: float
    label: str
    min_exclusive: bool = False


class Bands(_Loose):
    citation: str
    ranges: tuple[Band, ...]
    applies_to: str = "total"


class ReliableChange(_Loose):
    threshold: float | None
    rule: str = ""
    citation: str = ""
    note: str = ""


class SafetyRule(_Loose):
    id: str
    trigger: str
    action: str
    independent_of_total: bool = False


class Scoring(_Loose):
    method: Literal["sum", "mean"]
    item_min: int
    item_max: int
    reverse_items: tuple[int, ...]
    reverse_formula: str | None
    subscales: tuple[Subscale, ...]
    missing_data: str
    bands: Bands | None
    reliable_change: ReliableChange
    safety_rules: tuple[SafetyRule, ...] = ()


class Example(_Loose):
    """A hand-worked example; which fields it has says what it checks."""

    name: str
    answers: dict[int, int] | None = None
    target: str | None = None
    baseline_total: float | None = None
    follow_up_total: float | None = None
    per_target_scores: dict[str, dict[str, float]] | None = None
    answers_labels: dict[int, str] | None = None
    expected: dict[str, Any]


class Verification(_Loose):
    tolerance: float = 0.0
    examples: tuple[Example, ...]


class Target(_Loose):
    id: str
    description: str


class Targets(_Loose):
    primary: str
    list: tuple[Target, ...]


class Instrument(Listing):
    """A complete file: everything needed to administer and score it."""

    status: Literal["complete"]
    recall_period: str | None
    instructions: str | None
    response_scale: ResponseScale
    items: tuple[Item, ...]
    unscored_items: tuple[UnscoredItem, ...] = ()
    scoring: Scoring
    verification: Verification
    targets: Targets | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Instrument:
        numbers = [item.number for item in self.items]
        if numbers != list(range(1, len(numbers) + 1)) or not numbers:
            raise ValueError(f"{self.id}: items must be numbered 1..N in order")
        reversed_ = {item.number for item in self.items if item.reverse}
        if reversed_ != set(self.scoring.reverse_items):
            raise ValueError(f"{self.id}: reverse flags disagree with scoring.reverse_items")
        values = [option.value for option in self.response_scale.options]
        low, high = self.scoring.item_min, self.scoring.item_max
        if sorted(values) != list(range(low, high + 1)):
            raise ValueError(f"{self.id}: response values must run {low}..{high}, each once")
        for subscale in self.scoring.subscales:
            if not set(subscale.items) <= set(numbers):
                raise ValueError(f"{self.id}: subscale {subscale.id} names a missing item")
            if subscale.apply_reverse is None and reversed_ & set(subscale.items):
                raise ValueError(f"{self.id}: subscale {subscale.id} must say apply_reverse")
        if len([s for s in self.scoring.subscales if s.primary]) > 1:
            raise ValueError(f"{self.id}: at most one primary score")
        return self

    # -- what the scorer and the pages ask of it ------------------------------------------

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(item.number for item in self.items)

    @property
    def values(self) -> frozenset[int]:
        return frozenset(option.value for option in self.response_scale.options)

    @property
    def main(self) -> Subscale | None:
        """The instrument's main score: the subscale marked primary, else the one called
        ``total``; None when the file defines no total (ECR-RS reports two dimensions)."""
        subscales = self.scoring.subscales
        chosen = next((s for s in subscales if s.primary), None)
        return chosen or next((s for s in subscales if s.id == "total"), None)

    @property
    def other_scores(self) -> tuple[Subscale, ...]:
        main = self.main
        return tuple(s for s in self.scoring.subscales if s is not main)

    @property
    def safety_items(self) -> tuple[int, ...]:
        return tuple(item.number for item in self.items if item.safety_item)

    @property
    def primary_target(self) -> Target | None:
        if self.targets is None:
            return None
        return next((t for t in self.targets.list if t.id == self.targets.primary), None)
