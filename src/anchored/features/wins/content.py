"""Affirmation starters, loaded from ``content/affirmations.yaml`` and checked when loaded."""

from __future__ import annotations

import functools
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from anchored.content.loader import load_yaml

Starter = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=140)]


class Starters(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    starters: tuple[Starter, ...] = Field(min_length=3, max_length=12)

    @field_validator("starters")
    @classmethod
    def _different(cls, starters: tuple[str, ...]) -> tuple[str, ...]:
        if len({s.casefold() for s in starters}) != len(starters):
            raise ValueError("every starter must be different")
        return starters


@functools.cache
def load_starters() -> Starters:
    return load_yaml(__package__, "content/affirmations.yaml", Starters)
