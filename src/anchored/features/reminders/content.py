"""The kinds of reminder and their neutral words (``content/reminders.yaml``)."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, Field, field_validator

from anchored.content.loader import load_yaml
from anchored.features.reminders.rules import WEEKDAYS


class ReminderKind(BaseModel):
    id: str = Field(pattern=r"^[a-z_]+$")
    label: str
    about: str
    title: str = Field(min_length=1, max_length=60)
    days: list[str] = Field(min_length=1)
    time: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    every_weeks: int = 1

    @field_validator("days")
    @classmethod
    def _weekdays(cls, days: list[str]) -> list[str]:
        if not set(days) <= set(WEEKDAYS):
            raise ValueError(f"days must be among {WEEKDAYS}")
        return days


class RemindersContent(BaseModel):
    description: str
    kinds: list[ReminderKind] = Field(min_length=1)


@cache
def load_reminders() -> RemindersContent:
    return load_yaml(__package__, "content/reminders.yaml", RemindersContent)
