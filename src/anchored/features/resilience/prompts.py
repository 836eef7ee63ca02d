"""Gentle prompts to help someone remember hard times they got through:
``content/prompts.yaml``, validated on load."""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict, Field, model_validator

from anchored.content.loader import load_yaml


class Prompt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=40)
    text: str = Field(min_length=10, max_length=160)


class Prompts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    lead: str = Field(min_length=10)  # "every one counts", in a sentence or two
    intro: str = Field(min_length=10)
    prompts: tuple[Prompt, ...] = Field(min_length=3)

    @model_validator(mode="after")
    def _unique(self) -> Prompts:
        ids = [p.id for p in self.prompts]
        if len(ids) != len(set(ids)):
            raise ValueError("each resilience prompt needs its own id")
        return self


@functools.cache
def load_prompts() -> Prompts:
    return load_yaml(__package__, "content/prompts.yaml", Prompts)
