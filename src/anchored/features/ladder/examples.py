"""Example rungs to start a ladder from, loaded from ``content/examples.yaml`` and validated."""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict, Field, model_validator

from anchored.content.loader import load_yaml

SITUATION_MAX = 300  # the width of LadderRung.situation


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)
    text: str = Field(min_length=10, max_length=SITUATION_MAX)


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    examples: tuple[Example, ...] = Field(min_length=3)

    @model_validator(mode="after")
    def _unique(self) -> Examples:
        for attribute in ("id", "text"):
            values = [getattr(e, attribute).casefold() for e in self.examples]
            if len(values) != len(set(values)):
                raise ValueError(f"each example needs its own {attribute}")
        return self

    def get(self, example_id: str) -> Example | None:
        return next((e for e in self.examples if e.id == example_id), None)

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(e.text for e in self.examples)


@functools.cache
def load_examples() -> Examples:
    return load_yaml(__package__, "content/examples.yaml", Examples)
