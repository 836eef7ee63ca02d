"""Default contributing-factor tags for check-ins, loaded from ``factors.yaml`` and validated."""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict, Field, model_validator

from anchored.content.loader import load_yaml
from anchored.features.check_in.rules import FACTOR_NAME_MAX

__all__ = ["FACTOR_NAME_MAX", "Factor", "Factors", "load_factors"]


class Factor(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=40)
    name: str = Field(min_length=1, max_length=FACTOR_NAME_MAX)


class Factors(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    factors: tuple[Factor, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Factors:
        for attribute in ("slug", "name"):
            values = [getattr(f, attribute).casefold() for f in self.factors]
            if len(values) != len(set(values)):
                raise ValueError(f"each factor needs its own {attribute}")
        return self

    @property
    def slugs(self) -> frozenset[str]:
        return frozenset(f.slug for f in self.factors)

    def get(self, slug: str) -> Factor | None:
        return next((f for f in self.factors if f.slug == slug), None)


@functools.cache
def load_factors() -> Factors:
    return load_yaml(__package__, "content/factors.yaml", Factors)
