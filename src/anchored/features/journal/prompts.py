"""Guided journal prompts, one step each, loaded from ``prompts.yaml`` and validated."""

from __future__ import annotations

import datetime
import functools

from pydantic import BaseModel, ConfigDict, Field, model_validator

from anchored.content.loader import load_yaml
from anchored.content.programme import load_programme

STEPS = range(1, 14)
PROMPT_TITLE_MAX = 60
PROMPT_TEXT_MAX = 400


class Prompt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)
    step: int = Field(ge=STEPS.start, le=STEPS.stop - 1)
    title: str = Field(min_length=1, max_length=PROMPT_TITLE_MAX)
    text: str = Field(min_length=20, max_length=PROMPT_TEXT_MAX)


class Prompts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    prompts: tuple[Prompt, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Prompts:
        ids = [p.id for p in self.prompts]
        if len(ids) != len(set(ids)):
            raise ValueError("each prompt needs its own id")
        missing = sorted(set(STEPS) - {p.step for p in self.prompts})
        if missing:
            raise ValueError(f"every step needs at least one prompt; missing: {missing}")
        return self

    @property
    def steps(self) -> tuple[int, ...]:
        return tuple(sorted({p.step for p in self.prompts}))

    @functools.cached_property
    def daily_order(self) -> tuple[Prompt, ...]:
        """All prompts, taking turns between steps: each step's first prompt, then each second…

        So consecutive days visit different steps, walking through the programme in order.
        Worked out once (the journal page asks on every view).
        """
        rank: dict[int, int] = {}
        ranked = []
        for prompt in self.prompts:
            rank[prompt.step] = rank.get(prompt.step, -1) + 1
            ranked.append((rank[prompt.step], prompt.step, prompt))
        return tuple(prompt for _rank, _step, prompt in sorted(ranked, key=lambda r: r[:2]))

    def get(self, id: str) -> Prompt | None:
        return next((p for p in self.prompts if p.id == id), None)

    def for_step(self, step: int) -> tuple[Prompt, ...]:
        return tuple(p for p in self.prompts if p.step == step)

    def of_the_day(self, day: datetime.date) -> Prompt:
        """The same prompt all day, a different one tomorrow, every prompt once per cycle."""
        order = self.daily_order
        return order[day.toordinal() % len(order)]


@functools.cache
def load_prompts() -> Prompts:
    prompts = load_yaml(__package__, "content/prompts.yaml", Prompts)
    known = {s.number for s in load_programme().steps}
    unknown = sorted(set(prompts.steps) - known)
    if unknown:
        raise ValueError(f"prompts refer to steps not in the programme: {unknown}")
    return prompts
