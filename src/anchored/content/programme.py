"""The 13-step programme, learn pages, signs reflection, partner guide and decision aid.

All text lives in Markdown/YAML files beside this module and is validated on load, so a broken
reference fails at start-up and in the tests, not in front of a person.
"""

from __future__ import annotations

import functools
from importlib.resources import files
from typing import Literal

import yaml
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, model_validator

from anchored.content.markdown import render_markdown, split_front_matter

# A tool a feature declares in its manifest (``Feature.tools``); a test checks each exists.
Tool = str
Slug = str


# Fixed addresses under /learn that a page slug must not shadow.
LEARN_ROUTES = frozenset({"signs"})


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


class LearnPage(_Frozen):
    number: int
    slug: Slug
    title: str
    summary: str
    body: str

    @property
    def body_html(self) -> Markup:
        return render_markdown(self.body)


class Sign(_Frozen):
    slug: Slug
    text: str


class SignsReflection(_Frozen):
    intro: str
    signs: tuple[Sign, ...] = Field(min_length=5)


class PartnerGuide(_Frozen):
    title: str
    summary: str
    body: str

    @property
    def body_html(self) -> Markup:
        return render_markdown(self.body)


Format = Literal["individual", "couples", "both"]


class Option(_Frozen):
    slug: Slug
    text: str
    points: dict[Format, int]
    reason: str


class Question(_Frozen):
    slug: Slug
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

    @property
    def finding_help_html(self) -> Markup:
        return render_markdown(self.finding_help)


class Programme(_Frozen):
    steps: tuple[Step, ...]
    learn: tuple[LearnPage, ...]
    signs: SignsReflection
    partner_guide: PartnerGuide
    decision_aid: DecisionAid

    @model_validator(mode="after")
    def _consistent(self) -> Programme:
        if [s.number for s in self.steps] != list(range(1, 14)):
            raise ValueError("the programme needs steps 1 to 13, each once")
        slugs = [e.slug for s in self.steps for e in s.exercises]
        if len(slugs) != len(set(slugs)):
            raise ValueError("exercise slugs must be unique across the programme")
        if [p.number for p in self.learn] != list(range(1, len(self.learn) + 1)):
            raise ValueError("learn pages must be numbered 1, 2, 3, …")
        if {p.slug for p in self.learn} & LEARN_ROUTES:
            raise ValueError(f"a learn page slug clashes with a page address: {LEARN_ROUTES}")
        for question in self.decision_aid.questions:
            for option in question.options:
                if set(option.points) != {"individual", "couples", "both"}:
                    raise ValueError(f"option {option.slug!r} must give points to all formats")
        return self

    def step(self, number: int) -> Step | None:
        return self.steps[number - 1] if 1 <= number <= len(self.steps) else None

    def learn_page(self, slug: str) -> LearnPage | None:
        return next((p for p in self.learn if p.slug == slug), None)


def _markdown_files(folder: str) -> list[tuple[str, str]]:
    directory = files("anchored.content") / folder
    return sorted(
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in directory.iterdir()
        if entry.name.endswith(".md")
    )


def _read(name: str) -> str:
    return (files("anchored.content") / name).read_text(encoding="utf-8")


@functools.cache
def load_programme() -> Programme:
    steps = []
    for name, text in _markdown_files("steps"):
        meta, body = split_front_matter(text, name)
        steps.append(Step.model_validate({**meta, "lesson": body}))
    learn = []
    for name, text in _markdown_files("learn"):
        meta, body = split_front_matter(text, name)
        learn.append(LearnPage.model_validate({**meta, "body": body}))
    guide_meta, guide_body = split_front_matter(_read("partner_guide.md"), "partner_guide.md")
    return Programme(
        steps=tuple(sorted(steps, key=lambda s: s.number)),
        learn=tuple(sorted(learn, key=lambda p: p.number)),
        signs=SignsReflection.model_validate(yaml.safe_load(_read("signs.yaml"))),
        partner_guide=PartnerGuide.model_validate({**guide_meta, "body": guide_body}),
        decision_aid=DecisionAid.model_validate(yaml.safe_load(_read("decision_aid.yaml"))),
    )
