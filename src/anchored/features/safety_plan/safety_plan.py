"""The safety plan's section titles and prompts, loaded from ``content/safety_plan.yaml``."""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict

from anchored.content.loader import load_yaml


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
    return load_yaml(__package__, "content/safety_plan.yaml", SafetyPlanContent)
