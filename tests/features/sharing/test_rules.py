"""Sharing's pure rules: how long a grant lasts and when it is in force."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.features.sharing import rules

START = datetime(2026, 8, 31, 9, 30, tzinfo=UTC)


def test_six_months_is_the_default_and_a_short_month_ends_on_its_last_day() -> None:
    assert rules.DEFAULT_MONTHS == 6
    assert rules.ends_at(START, 6) == datetime(2027, 2, 28, 9, 30, tzinfo=UTC)
    assert rules.ends_at(START, 1) == datetime(2026, 9, 30, 9, 30, tzinfo=UTC)
    assert rules.ends_at(START, 12) == datetime(2027, 8, 31, 9, 30, tzinfo=UTC)
    with pytest.raises(ValueError, match="months"):
        rules.ends_at(START, 7)


@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1)),
    st.sampled_from(rules.DURATIONS),
)
def test_a_grant_always_lasts_about_the_months_chosen(start: datetime, months: int) -> None:
    start = start.replace(tzinfo=UTC)
    end = rules.ends_at(start, months)
    assert timedelta(days=28 * months) <= end - start <= timedelta(days=31 * months)


def test_in_force_until_revoked_or_ended() -> None:
    end = START + timedelta(days=30)
    assert rules.in_force(None, end, START)
    assert not rules.in_force(START, end, START + timedelta(seconds=1))
    assert not rules.in_force(None, end, end)


def test_only_known_categories_are_stored_each_once_in_order() -> None:
    known = ["self_checks", "signs", "pauses"]
    assert rules.stored(["pauses", "nope", "self_checks", "pauses"], known) == "self_checks pauses"
    assert rules.codes(" self_checks  pauses ") == ("self_checks", "pauses")
    assert rules.since_default(date(2026, 12, 7)) == date(2026, 9, 7)
