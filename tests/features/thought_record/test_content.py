"""The twelve thinking traps: the right ones, in order, complete, plain and first-person."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pydantic import ValidationError

from anchored.features.thought_record.trap_content import (
    TRAP_NAME_MAX,
    TRAP_TEXT_MAX,
    Trap,
    Traps,
    load_traps,
)
from tests.content.test_programme import MAX_GRADE, reading_grade

# Thought records store these slugs, so the list and its order are part of the contract.
SLUGS = [
    "all-or-nothing", "overgeneralizing", "mental-filter", "mind-reading", "fortune-telling",
    "catastrophizing", "emotional-reasoning", "should-statements", "labeling", "personalizing",
    "blaming", "comparing",
]  # fmt: skip
TRAPS = load_traps().traps
FIRST_PERSON = re.compile(r"\b(?:I|[Mm]y|[Mm]e)\b")


def _data() -> dict[str, Any]:
    return load_traps().model_dump(mode="json")


def test_the_twelve_traps_in_order() -> None:
    assert [t.slug for t in TRAPS] == SLUGS
    assert load_traps().slugs == set(SLUGS)


def test_mental_filter_name() -> None:
    trap = load_traps().get("mental-filter")
    assert trap is not None
    assert trap.name == "Mental filter / discounting the positive"
    assert load_traps().get("no-such-trap") is None


@pytest.mark.parametrize("trap", TRAPS, ids=lambda t: t.slug)
def test_trap_is_complete_and_within_limits(trap: Trap) -> None:
    assert 0 < len(trap.name.strip()) <= TRAP_NAME_MAX
    for text in (trap.definition, trap.example, trap.question):
        assert text.strip()
        assert len(text) <= TRAP_TEXT_MAX
    assert trap.question.endswith("?")


@pytest.mark.parametrize("trap", TRAPS, ids=lambda t: t.slug)
def test_example_is_first_person(trap: Trap) -> None:
    assert FIRST_PERSON.search(trap.example), trap.example


def test_examples_are_all_different() -> None:
    assert len({t.example for t in TRAPS}) == len(TRAPS)


def test_reading_level() -> None:
    text = " ".join(f"{t.definition} {t.example} {t.question}" for t in TRAPS)
    grade = reading_grade(text)
    print(f"traps: Flesch-Kincaid grade {grade:.1f}")
    assert grade <= MAX_GRADE


def test_real_data_round_trips() -> None:
    assert Traps.model_validate(_data()) == load_traps()


def test_duplicate_slug_is_refused() -> None:
    data = _data()
    data["traps"].append({**data["traps"][0], "name": "Something else"})
    with pytest.raises(ValidationError, match="own slug"):
        Traps.model_validate(data)


def test_duplicate_name_is_refused_whatever_the_case() -> None:
    data = _data()
    data["traps"].append({**data["traps"][0], "slug": "another", "name": "LABELING"})
    with pytest.raises(ValidationError, match="own name"):
        Traps.model_validate(data)


def test_overlong_field_is_refused() -> None:
    data = {**TRAPS[0].model_dump(), "example": "I " * TRAP_TEXT_MAX}
    with pytest.raises(ValidationError):
        Trap.model_validate(data)
