"""The 13-step programme: each step's goal, lesson and exercises.

Shared content: the programme feature shows the steps, and other features (the journal's
exercises and prompts, for one) use their titles and exercises. The text lives in
``steps/*.md`` beside this module and is validated on load, so a broken reference fails at
start-up and in the tests, not in front of a person. Each feature's own content (learn
pages, the partner guide, the decision aid) lives in that feature's ``content/`` folder.
"""

from __future__ import annotations

import functools

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, model_validator

from anchored.content.loader import load_markdown_folder
from anchored.content.markdown import render_markdown

# A tool a feature declares in its manifest (``Feature.tools``); a test checks each exists.
Tool = str
Slug = str


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Exercise(_Frozen):
    slug: Slug = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    tool: Tool = Field(pattern=r"^[a-z_]+$")
    prompt: str | None = None


class Step(_Frozen):
    number: int = Field(ge=1, le=13)
    slug: Slug
    title: str
    goal: str = Field(min_length=10)
    try_today: str = Field(min_length=10)
    exercises: tuple[Exercise, ...] = Field(min_length=2)
    lesson: str

    @property
    def lesson_html(self) -> Markup:
        return render_markdown(self.lesson)

    def exercise(self, slug: str) -> Exercise | None:
        return next((e for e in self.exercises if e.slug == slug), None)


class Programme(_Frozen):
    steps: tuple[Step, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Programme:
        if [s.number for s in self.steps] != list(range(1, 14)):
            raise ValueError("the programme needs steps 1 to 13, each once")
        slugs = [e.slug for s in self.steps for e in s.exercises]
        if len(slugs) != len(set(slugs)):
            raise ValueError("exercise slugs must be unique across the programme")
        return self

    def step(self, number: int) -> Step | None:
        return self.steps[number - 1] if 1 <= number <= len(self.steps) else None


@functools.cache
def load_programme() -> Programme:
    steps = load_markdown_folder(__package__, "steps", Step, body_field="lesson")
    return Programme(steps=tuple(sorted(steps, key=lambda s: s.number)))
