"""The six signs of progress a person rates from 0 to 10 (``content/signs.yaml``)."""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict, Field

from anchored.content.loader import load_yaml


class Sign(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=r"^[a-z][a-z-]{1,38}$")
    name: str
    question: str


class Signs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    intro: str
    reminder: str
    signs: tuple[Sign, ...] = Field(min_length=6, max_length=6)

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(sign.slug for sign in self.signs)

    @property
    def names(self) -> dict[str, str]:
        return {sign.slug: sign.name for sign in self.signs}


@functools.cache
def load_signs() -> Signs:
    return load_yaml(__package__, "content/signs.yaml", Signs)
