"""Default contributing-factor tags for check-ins."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from anchored.features.check_in.factors import FACTOR_NAME_MAX, Factor, Factors, load_factors

EXPECTED = {
    "partner", "texting", "time-alone", "family", "work", "sleep", "friends", "health",
    "money", "social-media", "memories", "weekend",
}  # fmt: skip


def _data() -> dict[str, Any]:
    return load_factors().model_dump(mode="json")


def test_default_factors() -> None:
    factors = load_factors()
    assert 10 <= len(factors.factors) <= 12
    assert factors.slugs == EXPECTED
    for factor in factors.factors:
        assert factor.name.strip()
        assert len(factor.name) <= FACTOR_NAME_MAX


def test_get() -> None:
    factors = load_factors()
    time_alone = factors.get("time-alone")
    assert time_alone is not None
    assert time_alone.name == "Time alone"
    assert factors.get("weather") is None


def test_real_data_round_trips() -> None:
    assert Factors.model_validate(_data()) == load_factors()


def test_duplicate_slug_is_refused() -> None:
    data = _data()
    data["factors"].append({**data["factors"][0], "name": "Something else"})
    with pytest.raises(ValidationError, match="own slug"):
        Factors.model_validate(data)


def test_duplicate_name_is_refused_whatever_the_case() -> None:
    data = _data()
    data["factors"].append({"slug": "something-else", "name": data["factors"][0]["name"].lower()})
    with pytest.raises(ValidationError, match="own name"):
        Factors.model_validate(data)


def test_name_longer_than_the_limit_is_refused() -> None:
    with pytest.raises(ValidationError):
        Factor(slug="long", name="x" * (FACTOR_NAME_MAX + 1))
