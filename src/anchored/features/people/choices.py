"""What someone can be good for and the reach-out helper's words, from ``content/people.yaml``."""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict, Field, model_validator

from anchored.content.loader import load_yaml

CODE = r"^[a-z_]+$"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoodFor(_Frozen):
    code: str = Field(pattern=CODE, max_length=20)
    label: str = Field(min_length=1, max_length=60)
    phrase: str = Field(min_length=1, max_length=60)


class Ask(_Frozen):
    code: str = Field(pattern=CODE, max_length=20)
    label: str = Field(min_length=1, max_length=80)
    text: str = Field(min_length=1, max_length=200)


class PeopleContent(_Frozen):
    good_for: tuple[GoodFor, ...] = Field(min_length=1)
    asks: tuple[Ask, ...] = Field(min_length=1)
    share_examples: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> PeopleContent:
        for what, codes in (
            ("good_for", [g.code for g in self.good_for]),
            ("asks", [a.code for a in self.asks]),
        ):
            if len(codes) != len(set(codes)):
                raise ValueError(f"each of {what} needs its own code")
        return self

    def good_for_codes(self) -> tuple[str, ...]:
        return tuple(g.code for g in self.good_for)

    def ask(self, code: str) -> Ask | None:
        return next((a for a in self.asks if a.code == code), None)


@functools.cache
def load_people_content() -> PeopleContent:
    return load_yaml(__package__, "content/people.yaml", PeopleContent)
