"""The step-13 decision aid's questions, answers and formats, ``content/decision_aid.yaml``,
validated when loaded (the adding up is in :mod:`rules`)."""

from __future__ import annotations

import functools
from typing import Literal

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, model_validator

from anchored.content.loader import load_yaml
from anchored.content.markdown import render_markdown

Format = Literal["individual", "couples", "both"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Frozen):
    slug: str
    text: str
    points: dict[Format, int]
    reason: str


class Question(_Frozen):
    slug: str
    text: str
    options: tuple[Option, ...] = Field(min_length=2)


class FormatInfo(_Frozen):
    title: str
    description: str


class DecisionAid(_Frozen):
    intro: str
    questions: tuple[Question, ...] = Field(min_length=2)
    formats: dict[Format, FormatInfo]
    finding_help: str

    @model_validator(mode="after")
    def _consistent(self) -> DecisionAid:
        for question in self.questions:
            for option in question.options:
                if set(option.points) != {"individual", "couples", "both"}:
                    raise ValueError(f"option {option.slug!r} must give points to all formats")
        return self

    @property
    def points(self) -> dict[tuple[str, str], dict[str, int]]:
        """Each answer's points per format, by (question, option): what ``rules.suggest``
        adds up."""
        return {
            (q.slug, o.slug): {name: value for name, value in o.points.items()}
            for q in self.questions
            for o in q.options
        }

    @property
    def finding_help_html(self) -> Markup:
        return render_markdown(self.finding_help)


@functools.cache
def load_decision_aid() -> DecisionAid:
    return load_yaml(__package__, "content/decision_aid.yaml", DecisionAid)
