"""'Which of these do you recognise?': the signs listed in ``content/signs.yaml``."""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict, Field

from anchored.content.loader import load_yaml


class Sign(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str
    text: str


class SignsReflection(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    intro: str
    signs: tuple[Sign, ...] = Field(min_length=5)

    @property
    def slugs(self) -> list[str]:
        return [sign.slug for sign in self.signs]


@functools.cache
def load_signs() -> SignsReflection:
    return load_yaml(__package__, "content/signs.yaml", SignsReflection)
