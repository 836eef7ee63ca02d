"""Wins rules: the day of a win, wins by month (gaps kept), a handful, the bars."""

from __future__ import annotations

import itertools
import random
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.features.wins import rules

TODAY = date(2026, 12, 1)


def rng(seed: int) -> random.Random:
    return random.Random(seed)  # noqa: S311 (a choice, not a secret)


def test_an_empty_day_is_today_and_a_written_one_is_kept() -> None:
    assert rules.parse_day("", TODAY) == TODAY
    assert rules.parse_day(" 2026-11-23 ", TODAY) == date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("23/11/2026", rules.DAY_FORMAT_MESSAGE),
        ("2026-13-01", rules.DAY_FORMAT_MESSAGE),
        ("1850-01-01", rules.DAY_FORMAT_MESSAGE),
        ("2026-12-02", rules.DAY_LATER_MESSAGE),
    ],
)
def test_a_day_that_is_not_one_or_still_to_come_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        rules.parse_day(text, TODAY)


def test_months_without_wins_are_kept_between_the_first_and_the_last() -> None:
    months = rules.by_month([date(2026, 11, 3), date(2026, 9, 30), date(2026, 11, 20)])
    assert [(m.label, m.count) for m in months] == [
        ("September 2026", 1),
        ("October 2026", 0),
        ("November 2026", 2),
    ]
    assert rules.by_month([]) == []


def test_the_months_run_across_a_new_year() -> None:
    months = rules.by_month([date(2025, 12, 31), date(2026, 1, 1)])
    assert [m.key for m in months] == ["2025-12", "2026-01"]


@given(st.lists(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)), max_size=60))
def test_every_win_is_counted_once_in_consecutive_months(days: list[date]) -> None:
    months = rules.by_month(days)
    assert sum(m.count for m in months) == len(days)
    keys = [(m.year, m.month) for m in months]
    assert keys == sorted(keys)
    for (year, month), following in itertools.pairwise(keys):
        assert following == ((year + 1, 1) if month == 12 else (year, month + 1))
    if days:
        assert keys[0] == (min(days).year, min(days).month)
        assert keys[-1] == (max(days).year, max(days).month)


@given(st.lists(st.integers(), max_size=30, unique=True), st.integers())
def test_a_handful_is_a_few_of_the_items_in_their_order(items: list[int], seed: int) -> None:
    chosen = rules.handful(items, rng(seed))
    assert len(chosen) == min(len(items), rules.HANDFUL)
    assert len(set(chosen)) == len(chosen)
    positions = [items.index(item) for item in chosen]
    assert positions == sorted(positions)


def test_the_busiest_month_has_the_longest_bar() -> None:
    months = rules.fill_months({(2026, 1): 4, (2026, 3): 1})
    assert [rules.bar_percent(m.count, months) for m in months] == [100, 0, 25]
