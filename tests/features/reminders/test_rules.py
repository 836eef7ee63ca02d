"""The calendar file's rules: plans as the form sends them, kept and read back, the first
day, folding, and time zones whose summer time is written as a yearly rule."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, time

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from anchored.features.reminders import rules

NOW = datetime(2025, 6, 4, 12, 0, tzinfo=UTC)  # a Wednesday


def plan(**changes: object) -> rules.Plan:
    values: dict[str, object] = {
        "kind": "check_in",
        "on": True,
        "days": ("MO", "WE"),
        "at": time(20, 30),
        "every_weeks": 1,
    }
    return rules.Plan(**{**values, **changes})  # type: ignore[arg-type]


def test_a_plan_from_the_form_keeps_week_order_and_refuses_what_cannot_be() -> None:
    made = rules.checked("check_in", True, ["we", "MO"], "20:30", "1")
    assert made == plan()
    for days, at, every, field in [
        (["XX"], "09:00", "1", "days"),
        ([], "09:00", "1", "days"),
        (["MO"], "9", "1", "time"),
        (["MO"], "25:00", "1", "time"),
        (["MO"], "09:00:30", "1", "time"),
        (["MO"], "09:00", "3", "every"),
    ]:
        with pytest.raises(ValueError, match=field):
            rules.checked("check_in", True, days, at, every)
    # A reminder that is off may have no days yet.
    assert not rules.checked("habits", False, [], "09:00", "1").on


@given(
    on=st.booleans(),
    days=st.sets(st.sampled_from(rules.WEEKDAYS), min_size=1),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    every=st.sampled_from(rules.EVERY_WEEKS),
)
def test_a_kept_plan_reads_back_the_same(
    on: bool, days: set[str], hour: int, minute: int, every: int
) -> None:
    kept = rules.Plan("habits", on, tuple(d for d in rules.WEEKDAYS if d in days),
                      time(hour, minute), every)  # fmt: skip
    default = plan(kind="habits", on=False)
    assert rules.decode("habits", kept.encode(), default) == kept


@pytest.mark.parametrize("text", [None, "", "on", "on|MO|nonsense|1", "on||09:00|1", "on|MO|9|7"])
def test_an_unreadable_kept_plan_is_the_default(text: str | None) -> None:
    default = plan(on=False)
    assert rules.decode("check_in", text, default) == default


def test_the_first_day_is_today_or_the_next_chosen_day() -> None:
    wednesday = date(2025, 6, 4)
    assert rules.first_day(wednesday, ("WE",)) == wednesday
    assert rules.first_day(wednesday, ("MO",)) == date(2025, 6, 9)
    assert rules.first_day(wednesday, ("TH", "SU")) == date(2025, 6, 5)


@given(st.text(min_size=0, max_size=400))
def test_folded_lines_fit_75_octets_and_unfold_to_the_original(text: str) -> None:
    line = "DESCRIPTION:" + rules.escape(text)
    folded = rules.fold(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def _ics(zone: str, *plans: rules.Plan) -> str:
    title = "Anchored: a moment for you"
    events = [rules.Event(f"{i}@test", title, p) for i, p in enumerate(plans)]
    return rules.calendar_text(
        events, zone=zone, tz=zoneinfo.ZoneInfo(zone), now=NOW, description="A reminder."
    )


def test_summer_time_is_a_yearly_rule_in_europe_and_north_america() -> None:
    london = _ics("Europe/London")
    assert "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" in london
    assert "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU" in london
    assert "TZOFFSETTO:+0100" in london
    new_york = _ics("America/New_York")
    assert "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU" in new_york
    assert "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU" in new_york
    assert "TZOFFSETTO:-0400" in new_york
    tokyo = _ics("Asia/Tokyo")
    assert tokyo.count("BEGIN:STANDARD") == 1
    assert "BEGIN:DAYLIGHT" not in tokyo


@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York", "Australia/Lord_Howe",
                                  "Asia/Kolkata", "Europe/Berlin", "UTC"])  # fmt: skip
def test_the_events_keep_to_local_time_across_the_year(zone: str) -> None:
    """Read back by a real calendar parser, each reminder is at 20:30 local time on its days,
    and the zone the file describes has the real zone's offsets in winter and in summer."""
    parsed = icalendar.Calendar.from_ical(_ics(zone, plan()))
    event = parsed.walk("VEVENT")[0]
    start = event.decoded("DTSTART")
    assert event["DTSTART"].params["TZID"] == zone
    assert start.date() == date(2025, 6, 4)  # today is a Wednesday, one of the days
    assert (start.hour, start.minute) == (20, 30)
    tz = zoneinfo.ZoneInfo(zone)
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event["RRULE"]["BYDAY"] == ["MO", "WE"]
    timezone = parsed.walk("VTIMEZONE")[0]
    assert timezone["TZID"] == zone
    # The zone as the file describes it gives the same offsets as the real zone.
    described = timezone.to_tz()
    for moment in (datetime(2026, 1, 15, 20, 30), datetime(2026, 7, 15, 20, 30)):
        assert described.utcoffset(moment) == moment.replace(tzinfo=tz).utcoffset()


def test_every_few_weeks_is_an_interval() -> None:
    assert rules.rrule(plan(every_weeks=4, days=("SU",))) == (
        "FREQ=WEEKLY;INTERVAL=4;BYDAY=SU;WKST=MO"
    )


def test_text_values_are_escaped() -> None:
    assert rules.escape("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne"
