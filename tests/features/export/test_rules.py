"""How values are written and read back, how pointers move between vaults, and cells a
spreadsheet would run as formulas."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.features.export.rules import (
    Pointer,
    Refused,
    check_header,
    csv_cell,
    decode,
    encode,
    header,
    shown,
)

AWARE = st.datetimes(
    min_value=datetime(1900, 1, 1),
    max_value=datetime(2200, 1, 1),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30))]),
)


@given(AWARE)
def test_times_are_written_in_utc_and_read_back_the_same(moment: datetime) -> None:
    written = encode("datetime", moment)
    assert written.endswith("Z")
    assert decode("datetime", written) == moment


@given(st.dates())
def test_days_round_trip(day: date) -> None:
    assert decode("date", encode("date", day)) == day


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("datetime", "2026-12-01T09:30:00"),  # no time zone
        ("datetime", "yesterday"),
        ("date", 20261201),
        ("int", True),
        ("int", "3"),
        ("bool", 1),
        ("text", 3),
        ("json", "{}"),
    ],
)
def test_values_of_the_wrong_kind_are_refused_without_repeating_them(
    kind: str, value: object
) -> None:
    with pytest.raises(ValueError, match=r"^(is|holds) ") as refused:
        decode(kind, value)  # type: ignore[arg-type]
    assert str(value) not in str(refused.value)


def test_text_longer_than_its_column_is_refused() -> None:
    assert decode("text", "abc", length=3) == "abc"
    with pytest.raises(ValueError, match="longer than 3"):
        decode("text", "abcd", length=3)


@given(st.lists(st.integers(min_value=1, max_value=10_000), unique=True, max_size=5))
def test_pointers_carry_ids_over_to_the_other_vault(ids: list[int]) -> None:
    uid_of = {i: f"u{i}" for i in ids}
    here = {f"u{i}": i + 50_000 for i in ids}
    several = Pointer("support_people", separator=",")
    written = several.written(",".join(map(str, ids)), uid_of)
    assert written == [f"u{i}" for i in ids]
    assert several.read(written, here) == ",".join(str(i + 50_000) for i in ids)


def test_a_prefixed_pointer_keeps_text_that_names_no_record() -> None:
    source = Pointer("pause_episodes", prefix="pause:")
    assert source.written("pause:12", {12: "abc"}) == "pause:abc"
    assert source.read("pause:abc", {"abc": 7}) == "pause:7"
    assert source.written("ladder:3", {3: "abc"}) == "ladder:3"
    assert source.read("ladder:3", {}) == "ladder:3"
    assert source.written("pause:99", {}) is None  # that pause is gone


def test_the_header_says_what_the_file_is() -> None:
    check_header({**header(datetime(2026, 1, 1, tzinfo=UTC)), "sections": {}})
    with pytest.raises(Refused, match="not an Anchored export"):
        check_header([1, 2])
    with pytest.raises(Refused, match="newer version"):
        check_header({"format": "anchored-export", "version": 2, "sections": {}})


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_cell_a_spreadsheet_would_run_stays_text(start: str) -> None:
    assert csv_cell("text", f"{start}SUM(A1)") == f"'{start}SUM(A1)"
    assert csv_cell("int", -3) == "-3"


def test_shown_in_the_persons_time_zone() -> None:
    moment = datetime(2026, 7, 1, 22, 15, tzinfo=UTC)
    plus_two = timezone(timedelta(hours=2))
    assert shown("datetime", moment, plus_two) == "Thu 2 Jul 2026, 00:15"
    assert shown("bool", False, None) == "no"
