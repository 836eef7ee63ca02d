"""The twelve built-in thinking traps, loaded from ``content/traps.yaml`` and validated."""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict, Field, model_validator

from anchored.content.loader import load_yaml

TRAP_NAME_MAX = 80  # also the limit for traps a person adds
TRAP_TEXT_MAX = 300


class Trap(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=40)
    name: str = Field(min_length=1, max_length=TRAP_NAME_MAX)
    definition: str = Field(min_length=10, max_length=TRAP_TEXT_MAX)
    example: str = Field(min_length=10, max_length=TRAP_TEXT_MAX)
    question: str = Field(min_length=10, max_length=TRAP_TEXT_MAX)


class Traps(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    traps: tuple[Trap, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Traps:
        for attribute in ("slug", "name"):
            values = [getattr(t, attribute).casefold() for t in self.traps]
            if len(values) != len(set(values)):
                raise ValueError(f"each thinking trap needs its own {attribute}")
        return self

    @property
    def slugs(self) -> frozenset[str]:
        return frozenset(t.slug for t in self.traps)

    def get(self, slug: str) -> Trap | None:
        return next((t for t in self.traps if t.slug == slug), None)


@functools.cache
def load_traps() -> Traps:
    return load_yaml(__package__, "content/traps.yaml", Traps)
