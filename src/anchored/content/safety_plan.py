"""The safety plan's section titles and prompts, loaded from ``safety_plan.yaml``."""

from __future__ import annotations

import functools
from importlib.resources import files

import yaml
from pydantic import BaseModel, ConfigDict


class PlanSection(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    title: str
    prompt: str


class SafetyPlanContent(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    intro: str
    sections: tuple[PlanSection, ...]


@functools.cache
def load_safety_plan_content() -> SafetyPlanContent:
    text = (files("anchored.content") / "safety_plan.yaml").read_text(encoding="utf-8")
    return SafetyPlanContent.model_validate(yaml.safe_load(text))
