"""Emotion words in families, loaded from ``emotions.yaml`` and validated.

The YAML lists emotions under their family; each loaded :class:`Emotion` also carries its
family's slug, so code holding one emotion knows where it belongs without a lookup.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from anchored.content.loader import load_yaml

INTENSITY_MIN = 0
INTENSITY_MAX = 10

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class Emotion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=SLUG_PATTERN, max_length=40)
    name: str = Field(min_length=1, max_length=40)
    hint: str = Field(min_length=10, max_length=160)
    family: str = Field(pattern=SLUG_PATTERN, max_length=40)


class EmotionFamily(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=SLUG_PATTERN, max_length=40)
    name: str = Field(min_length=1, max_length=40)
    emotions: tuple[Emotion, ...] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _tag_emotions(cls, data: Any) -> Any:
        # The YAML does not repeat the family on every emotion; fill it in from the parent.
        if isinstance(data, dict) and isinstance(data.get("emotions"), list | tuple):
            emotions = [
                {"family": data.get("slug"), **e} if isinstance(e, dict) else e
                for e in data["emotions"]
            ]
            data = {**data, "emotions": emotions}
        return data

    @model_validator(mode="after")
    def _emotions_belong_here(self) -> EmotionFamily:
        for emotion in self.emotions:
            if emotion.family != self.slug:
                raise ValueError(f"emotion {emotion.slug!r} is listed under {self.slug!r}")
        return self


class Emotions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    families: tuple[EmotionFamily, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Emotions:
        family_slugs = [f.slug for f in self.families]
        if len(family_slugs) != len(set(family_slugs)):
            raise ValueError("each emotion family needs its own slug")
        for attribute in ("slug", "name"):
            values = [getattr(e, attribute).casefold() for e in self.all]
            if len(values) != len(set(values)):
                raise ValueError(f"each emotion needs its own {attribute}, across all families")
        return self

    # Derived once per (cached, frozen) load: these are read on every page that shows feelings.
    @functools.cached_property
    def all(self) -> tuple[Emotion, ...]:
        """Every emotion, family by family, in display order."""
        return tuple(e for family in self.families for e in family.emotions)

    @functools.cached_property
    def slugs(self) -> frozenset[str]:
        return frozenset(e.slug for e in self.all)

    @functools.cached_property
    def names(self) -> dict[str, str]:
        """Slug → display name, for showing saved feelings."""
        return {e.slug: e.name for e in self.all}

    @functools.cached_property
    def _by_slug(self) -> dict[str, Emotion]:
        return {e.slug: e for e in self.all}

    def get(self, slug: str) -> Emotion | None:
        return self._by_slug.get(slug)


@functools.cache
def load_emotions() -> Emotions:
    return load_yaml(__package__, "emotions.yaml", Emotions)
