"""Self-compassion lines for the pause, loaded from ``content/self_compassion.yaml`` and
checked when loaded."""

from __future__ import annotations

import functools
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from anchored.content import yamlfile
from anchored.content.loader import load_yaml

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=140)]


class SelfCompassion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    lines: tuple[Line, ...] = Field(min_length=10, max_length=15)

    @field_validator("lines")
    @classmethod
    def _different(cls, lines: tuple[str, ...]) -> tuple[str, ...]:
        if len({line.casefold() for line in lines}) != len(lines):
            raise ValueError("every self-compassion line must be different")
        return lines

    def line_for(self, seed: int) -> str:
        """A line chosen by ``seed`` (e.g. a pause's id), so a reload shows the same one."""
        return self.lines[seed % len(self.lines)]


def parse_self_compassion(text: str) -> SelfCompassion:
    """Lines given as YAML text, checked as the file is (for tests and tools)."""
    return SelfCompassion.model_validate(yamlfile.parse(text))


@functools.cache
def load_self_compassion() -> SelfCompassion:
    return load_yaml(__package__, "content/self_compassion.yaml", SelfCompassion)
