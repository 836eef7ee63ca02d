"""Kind phrases to start from, loaded from ``content/phrases.yaml`` and checked when loaded."""

from __future__ import annotations

import functools
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from anchored.content.loader import load_yaml

Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=8, max_length=120)]
Group = tuple[Phrase, ...]


class Phrases(BaseModel):
    """The break's three parts, each with a few phrases."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    noticing: Group = Field(min_length=2, max_length=6)
    together: Group = Field(min_length=2, max_length=6)
    kindness: Group = Field(min_length=2, max_length=6)

    @model_validator(mode="after")
    def _different(self) -> Phrases:
        every = self.all
        if len({p.casefold() for p in every}) != len(every):
            raise ValueError("every phrase must be different")
        return self

    @property
    def all(self) -> tuple[str, ...]:
        return (*self.noticing, *self.together, *self.kindness)


@functools.cache
def load_phrases() -> Phrases:
    return load_yaml(__package__, "content/phrases.yaml", Phrases)
