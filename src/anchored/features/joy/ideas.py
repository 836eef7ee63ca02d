"""Ideas for a joy list, for someone not sure where to start: ``content/ideas.yaml``."""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict, Field

from anchored.content.loader import load_yaml

IDEA_MAX = 80


class Ideas(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    intro: str = Field(min_length=10)
    ideas: tuple[str, ...] = Field(min_length=3)


@functools.cache
def load_ideas() -> Ideas:
    ideas = load_yaml(__package__, "content/ideas.yaml", Ideas)
    too_long = [idea for idea in ideas.ideas if len(idea) > IDEA_MAX]
    if too_long:
        raise ValueError(f"joy ideas longer than {IDEA_MAX} characters: {too_long}")
    return ideas
