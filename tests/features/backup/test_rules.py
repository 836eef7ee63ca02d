"""Backup rules: automatic backups' names, when one is due, which stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.features.backup import rules

MOMENTS = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
).map(lambda when: when.replace(microsecond=0))
NEW_YORK = timezone(timedelta(hours=-5))


@given(MOMENTS)
def test_an_automatic_backups_name_says_when_it_was_made(when: datetime) -> None:
    name = rules.auto_name(when)
    assert name.startswith("anchored-auto-")
    assert name.endswith(".anchored")
    assert rules.made_at(name) == when


@pytest.mark.parametrize(
    "name",
    [
        "anchored-backup-2026-12-01.anchored",  # a downloaded one: the person's own
        "anchored-auto-2026-12-01-093000Z.anchored.part",
        "anchored-auto-2026-13-01-093000Z.anchored",
        "holiday photos.jpg",
        "",
    ],
)
def test_other_names_are_not_automatic_backups(name: str) -> None:
    assert rules.made_at(name) is None


@given(MOMENTS, MOMENTS)
def test_names_sort_as_the_times_they_were_made(a: datetime, b: datetime) -> None:
    assert (rules.auto_name(a) < rules.auto_name(b)) == (a < b)


def test_one_automatic_backup_a_day_in_the_persons_own_calendar() -> None:
    evening = datetime(2026, 12, 1, 23, 0, tzinfo=NEW_YORK)
    assert rules.due(None, evening, NEW_YORK)
    assert not rules.due(evening - timedelta(hours=20), evening, NEW_YORK)
    # 04:00 UTC on the 2nd is still the 1st in New York.
    assert not rules.due(evening, evening + timedelta(minutes=30), NEW_YORK)
    assert rules.due(evening, evening + timedelta(hours=1, minutes=30), NEW_YORK)


@given(st.lists(MOMENTS, unique=True, max_size=30), st.integers(1, 60))
def test_the_newest_stay_and_the_oldest_go(moments: list[datetime], keep: int) -> None:
    made = [(rules.auto_name(when), when) for when in moments]
    gone = rules.beyond_keep(made, keep)
    stay = [name for name, _when in made if name not in gone]
    assert len(stay) == min(keep, len(made))
    if gone and stay:
        assert max(rules.made_at(name) for name in gone) < min(  # type: ignore[type-var]
            rules.made_at(name)
            for name in stay  # type: ignore[type-var]
        )


@pytest.mark.parametrize(("text", "keep"), [("", 7), ("1", 1), (" 14 ", 14), ("60", 60)])
def test_how_many_to_keep(text: str, keep: int) -> None:
    assert rules.parse_keep(text) == keep


@pytest.mark.parametrize("text", ["0", "61", "-3", "seven", "2.5", "١٢"])
def test_how_many_to_keep_refuses_what_is_not_a_count(text: str) -> None:
    with pytest.raises(ValueError, match="from 1 to 60"):
        rules.parse_keep(text)


def test_the_download_is_named_for_the_persons_own_day() -> None:
    late = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # still the 1st in New York
    assert rules.download_name(late, NEW_YORK) == "anchored-backup-2026-12-01.anchored"


@pytest.mark.parametrize(
    ("size", "text"), [(10, "1 KB"), (820_400, "820 KB"), (3_400_000, "3.4 MB")]
)
def test_sizes_read_plainly(size: int, text: str) -> None:
    assert rules.size_text(size) == text
