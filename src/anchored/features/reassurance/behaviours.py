"""The built-in behaviours the tracker offers everyone, loaded from ``content/behaviours.yaml``
and validated."""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict, Field, model_validator

from anchored.content.loader import load_yaml

NAME_MAX = 120  # the width of ReassuranceBehaviour.name


class BuiltinBehaviour(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=40)
    name: str = Field(min_length=1, max_length=NAME_MAX)
    description: str = Field(min_length=10)


class BuiltinBehaviours(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    behaviours: tuple[BuiltinBehaviour, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> BuiltinBehaviours:
        for attribute in ("slug", "name"):
            values = [getattr(b, attribute).casefold() for b in self.behaviours]
            if len(values) != len(set(values)):
                raise ValueError(f"each built-in behaviour needs its own {attribute}")
        return self

    def get(self, slug: str) -> BuiltinBehaviour | None:
        return next((b for b in self.behaviours if b.slug == slug), None)


@functools.cache
def load_behaviours() -> BuiltinBehaviours:
    return load_yaml(__package__, "content/behaviours.yaml", BuiltinBehaviours)
