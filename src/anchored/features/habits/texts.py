"""The feature's words: starter ideas for a habit, the empty page's example, the weekly
review's questions. Loaded from ``content/habits.yaml`` and validated."""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict, Field, model_validator

from anchored.content.loader import load_yaml
from anchored.features.habits import rules
from anchored.features.habits.models import NAME_MAX, SMALLEST_MAX, WHY_MAX


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Starter(_Frozen):
    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=40)
    group: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=NAME_MAX)
    why: str = Field(min_length=1, max_length=WHY_MAX)
    smallest: str = Field(min_length=1, max_length=SMALLEST_MAX)
    often: str
    days_a_week: int | None = None

    @model_validator(mode="after")
    def _often_makes_sense(self) -> Starter:
        how = rules.often(self.often, self.days_a_week)  # ValueError if it does not
        if how.kind != self.often:
            raise ValueError(f"starter {self.slug!r}: say {how.kind!r} for {self.often!r}")
        return self

    @property
    def how(self) -> rules.Often:
        return rules.often(self.often, self.days_a_week)


class Example(_Frozen):
    name: str = Field(min_length=1, max_length=NAME_MAX)
    smallest: str = Field(min_length=1, max_length=SMALLEST_MAX)


class Review(_Frozen):
    intro: str = Field(min_length=20)
    worked_label: str = Field(min_length=1)
    worked_hint: str = Field(min_length=1)
    smaller_label: str = Field(min_length=1)
    smaller_hint: str = Field(min_length=1)


class Texts(_Frozen):
    starters: tuple[Starter, ...] = Field(min_length=1)
    example: Example
    review: Review

    @model_validator(mode="after")
    def _unique(self) -> Texts:
        slugs = [s.slug for s in self.starters]
        if len(slugs) != len(set(slugs)):
            raise ValueError("each starter needs its own slug")
        return self

    def starter(self, slug: str) -> Starter | None:
        return next((s for s in self.starters if s.slug == slug), None)

    @property
    def starter_words(self) -> tuple[str, ...]:
        """Everything a starter fills in (left out of the crisis check: the app wrote it)."""
        return tuple(text for s in self.starters for text in (s.name, s.why, s.smallest))


@functools.cache
def load_texts() -> Texts:
    return load_yaml(__package__, "content/habits.yaml", Texts)
