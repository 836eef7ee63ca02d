"""Guided journal prompts: every step has some, they resolve, and one a day rotates."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest
from pydantic import ValidationError

from anchored.content.programme import load_programme
from anchored.features.journal.prompts import (
    PROMPT_TEXT_MAX,
    PROMPT_TITLE_MAX,
    Prompt,
    Prompts,
    load_prompts,
)
from tests.content.test_programme import MAX_GRADE, reading_grade

PROMPTS = load_prompts()
DAY = datetime.date(2026, 3, 1)


def _data() -> dict[str, Any]:
    return PROMPTS.model_dump(mode="json")


def test_every_step_has_at_least_three_prompts() -> None:
    assert PROMPTS.steps == tuple(range(1, 14))
    for step in PROMPTS.steps:
        assert len(PROMPTS.for_step(step)) >= 3, step
    assert 40 <= len(PROMPTS.prompts) <= 50


def test_every_prompt_step_is_in_the_programme() -> None:
    programme = load_programme()
    for prompt in PROMPTS.prompts:
        assert programme.step(prompt.step) is not None, prompt.id


@pytest.mark.parametrize(
    ("step", "title"),
    [(1, "Tell your story"), (3, "Times you were resilient"), (3, "Things that bring you joy")],
)
def test_required_prompts_exist(step: int, title: str) -> None:
    assert title in {p.title for p in PROMPTS.for_step(step)}


def test_there_are_gratitude_prompts() -> None:
    grateful = [p for p in PROMPTS.prompts if "grateful" in p.text.lower()]
    assert len(grateful) >= 2
    assert any(p.step == 11 for p in grateful)


def test_life_story_prompt_offers_a_way_to_stop_and_get_support() -> None:
    story = PROMPTS.get("tell-your-story")
    assert story is not None
    assert story.step == 1
    assert "stop" in story.text.lower()
    assert "help now" in story.text.lower()


def test_fields_within_limits() -> None:
    for prompt in PROMPTS.prompts:
        assert 0 < len(prompt.title.strip()) <= PROMPT_TITLE_MAX, prompt.id
        assert 0 < len(prompt.text.strip()) <= PROMPT_TEXT_MAX, prompt.id


def test_get_and_for_step() -> None:
    assert PROMPTS.get("no-such-prompt") is None
    for prompt in PROMPTS.prompts:
        assert PROMPTS.get(prompt.id) == prompt
        assert prompt in PROMPTS.for_step(prompt.step)
    assert PROMPTS.for_step(14) == ()


def test_reading_level() -> None:
    text = " ".join(p.text for p in PROMPTS.prompts)
    grade = reading_grade(text)
    print(f"prompts: Flesch-Kincaid grade {grade:.1f}")
    assert grade <= MAX_GRADE


# -- prompt of the day -------------------------------------------------------------------------


def _days(count: int) -> list[datetime.date]:
    return [DAY + datetime.timedelta(days=n) for n in range(count)]


def test_prompt_of_the_day_is_the_same_all_day() -> None:
    assert PROMPTS.of_the_day(DAY) == PROMPTS.of_the_day(datetime.date(2026, 3, 1))
    assert load_prompts().of_the_day(DAY) == PROMPTS.of_the_day(DAY)


def test_prompt_of_the_day_cycles_through_every_prompt() -> None:
    count = len(PROMPTS.prompts)
    shown = [PROMPTS.of_the_day(day) for day in _days(2 * count)]
    assert set(shown[:count]) == set(PROMPTS.prompts)
    assert shown[count:] == shown[:count]


def test_consecutive_days_differ_in_prompt_and_step() -> None:
    shown = [PROMPTS.of_the_day(day) for day in _days(2 * len(PROMPTS.prompts))]
    for today, tomorrow in itertools.pairwise(shown):
        assert today != tomorrow
        assert today.step != tomorrow.step, (today.id, tomorrow.id)


def test_daily_order_walks_the_steps() -> None:
    assert [p.step for p in PROMPTS.daily_order[:13]] == list(range(1, 14))
    assert sorted(PROMPTS.daily_order, key=lambda p: p.id) == sorted(
        PROMPTS.prompts, key=lambda p: p.id
    )


# -- broken data is refused --------------------------------------------------------------------


def test_real_data_round_trips() -> None:
    assert Prompts.model_validate(_data()) == PROMPTS


@pytest.mark.parametrize("step", [0, 14])
def test_prompt_outside_the_programme_is_refused(step: int) -> None:
    with pytest.raises(ValidationError):
        Prompt.model_validate({**PROMPTS.prompts[0].model_dump(), "step": step})
    data = _data()
    data["prompts"][0]["step"] = step
    with pytest.raises(ValidationError):
        Prompts.model_validate(data)


def test_duplicate_id_is_refused() -> None:
    data = _data()
    data["prompts"].append({**data["prompts"][0], "title": "Another title"})
    with pytest.raises(ValidationError, match="own id"):
        Prompts.model_validate(data)


def test_step_without_prompts_is_refused() -> None:
    data = _data()
    data["prompts"] = [p for p in data["prompts"] if p["step"] != 13]
    with pytest.raises(ValidationError, match=r"missing: \[13\]"):
        Prompts.model_validate(data)
