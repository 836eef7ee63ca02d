from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features.reassurance import service as reassurance
from anchored.features.reassurance.behaviours import load_behaviours
from anchored.features.reassurance.models import ReassuranceBehaviour, ReassuranceEvent
from anchored.services.records import count_records
from anchored.storage.vault import OpenVault
from tests.races import meanwhile

LONDON = ZoneInfo("Europe/London")
AUCKLAND = ZoneInfo("Pacific/Auckland")
STRANGER = Owner(id=2)
BUILTINS = load_behaviours().behaviours
# Wednesday 25 November 2026, evening in London.
NOW = datetime(2026, 11, 25, 20, 0, tzinfo=LONDON)
MONDAY = date(2026, 11, 23)


def _london(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


def _ids(session: Session, owner: Owner = PERSONAL_OWNER) -> list[int]:
    return [b.id for b in reassurance.list_behaviours(session, owner)]


# -- behaviours --------------------------------------------------------------------------------


def test_builtins_are_created_once_in_content_order(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        first = reassurance.list_behaviours(session, PERSONAL_OWNER)
        assert [b.builtin for b in first] == [b.slug for b in BUILTINS]
        assert [b.name for b in first] == [b.name for b in BUILTINS]
    with open_vault.session() as session:
        assert _ids(session) == [b.id for b in first]
        assert len(session.scalars(select(ReassuranceBehaviour)).all()) == len(BUILTINS)
        assert reassurance.description(first[0]) == BUILTINS[0].description


def test_builtins_another_request_makes_meanwhile_are_not_doubled(open_vault: OpenVault) -> None:
    """Two first page loads at once: both find no built-ins, both create them; one wins, and
    the other carries on without an error."""

    def other_request() -> None:
        with open_vault.session() as session:
            reassurance.list_behaviours(session, PERSONAL_OWNER)

    with (
        meanwhile(open_vault, "checking_behaviours", other_request),
        open_vault.session() as session,
    ):
        listed = reassurance.list_behaviours(session, PERSONAL_OWNER)
    assert [b.builtin for b in listed] == [b.slug for b in BUILTINS]
    with open_vault.session() as session:
        assert len(session.scalars(select(ReassuranceBehaviour)).all()) == len(BUILTINS)


def test_own_behaviours_come_after_the_builtins(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        done = reassurance.add_behaviour(session, PERSONAL_OWNER, "  Driving   past their house ")
        assert not done.needs_help
        added = reassurance.get_behaviour(session, PERSONAL_OWNER, done.id)
        assert added.name == "Driving past their house"
        assert added.builtin is None
        assert reassurance.description(added) is None
        names = [b.name for b in reassurance.list_behaviours(session, PERSONAL_OWNER)]
        assert names[-1] == "Driving past their house"
        assert len(names) == len(BUILTINS) + 1


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Give your behaviour a short name."),
        ("   ", "Give your behaviour a short name."),
        ("x" * 121, "120 characters"),
        ("asking FOR reassurance", "already in the list"),
    ],
)
def test_bad_own_behaviour_names(open_vault: OpenVault, name: str, message: str) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        reassurance.add_behaviour(session, PERSONAL_OWNER, name)
    assert message in caught.value.errors["name"]
    assert "xxxx" not in caught.value.errors["name"]


def test_own_behaviours_are_limited(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        for number in range(reassurance.OWN_MAX):
            reassurance.add_behaviour(session, PERSONAL_OWNER, f"my habit {number}")
        with pytest.raises(InvalidInput) as caught:
            reassurance.add_behaviour(session, PERSONAL_OWNER, "one more")
    assert f"up to {reassurance.OWN_MAX}" in caught.value.errors["name"]


def test_an_own_name_twice_is_refused(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        reassurance.add_behaviour(session, PERSONAL_OWNER, "Driving past their house")
        with pytest.raises(InvalidInput) as caught:
            reassurance.add_behaviour(session, PERSONAL_OWNER, "driving PAST their house")
    assert caught.value.errors["name"] == "You already have a behaviour with this name."


def test_an_own_name_goes_through_the_crisis_check(open_vault: OpenVault) -> None:
    """The name is the person's own words: a save that calls for the help card says so."""
    with open_vault.session() as session:
        done = reassurance.add_behaviour(session, PERSONAL_OWNER, "Wanting to end my life")
        calm = reassurance.add_behaviour(session, PERSONAL_OWNER, "Asking friends what it meant")
        assert done.needs_help
        assert not calm.needs_help
        kept = reassurance.get_own_behaviour(session, PERSONAL_OWNER, done.id)
        assert kept.name == "Wanting to end my life"


def test_removing_an_own_behaviour_removes_its_taps(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        own = reassurance.add_behaviour(session, PERSONAL_OWNER, "Asking friends what it meant")
        builtin_id = _ids(session)[0]
        reassurance.record(session, PERSONAL_OWNER, own.id, "urge", now=NOW)
        reassurance.record(session, PERSONAL_OWNER, own.id, "act", now=NOW)
        reassurance.record(session, PERSONAL_OWNER, builtin_id, "act", now=NOW)
        assert reassurance.count_taps(session, PERSONAL_OWNER, own.id) == 2
        own_id = own.id
    with open_vault.session() as session:
        reassurance.remove_behaviour(session, PERSONAL_OWNER, own_id)
    with open_vault.session() as session:
        assert own_id not in _ids(session)
        assert [e.behaviour_id for e in session.scalars(select(ReassuranceEvent))] == [builtin_id]


def test_builtins_cannot_be_removed(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        builtin_id = _ids(session)[0]
        with pytest.raises(NotFound):
            reassurance.remove_behaviour(session, PERSONAL_OWNER, builtin_id)
        with pytest.raises(NotFound):
            reassurance.get_own_behaviour(session, PERSONAL_OWNER, builtin_id)


# -- taps and counts ---------------------------------------------------------------------------


def test_today_counts_per_behaviour_and_in_all(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        asking, last_seen, *_ = _ids(session)
        for kind, behaviour, when in [
            ("urge", asking, "2026-11-25T08:00"),
            ("urge", asking, "2026-11-25T09:00"),
            ("act", asking, "2026-11-25T09:05"),
            ("urge", last_seen, "2026-11-25T00:01"),
            ("act", last_seen, "2026-11-24T23:59"),  # yesterday
        ]:
            reassurance.record(session, PERSONAL_OWNER, behaviour, kind, now=_london(when))  # type: ignore[arg-type]
    with open_vault.session() as session:
        today = reassurance.today(session, PERSONAL_OWNER, now=NOW, zone=LONDON)
    assert today.day == date(2026, 11, 25)
    counts = {row.behaviour.id: (row.urges, row.acts) for row in today.rows}
    assert counts[asking] == (2, 1)
    assert counts[last_seen] == (1, 0)
    assert (today.total.urges, today.total.acts) == (3, 1)
    assert today.goal is None
    assert today.progress is None


def test_days_are_the_persons_local_days(open_vault: OpenVault) -> None:
    # 11:30 UTC on Monday is still Monday in London but already Tuesday in Auckland.
    tap = datetime(2026, 11, 23, 11, 30, tzinfo=UTC)
    with open_vault.session() as session:
        reassurance.record(session, PERSONAL_OWNER, _ids(session)[0], "act", now=tap)
    with open_vault.session() as session:
        london = reassurance.week(session, PERSONAL_OWNER, now=NOW, zone=LONDON)
        auckland = reassurance.week(session, PERSONAL_OWNER, now=NOW, zone=AUCKLAND)
    assert [d.acts for d in london.days][:2] == [1, 0]
    assert [d.acts for d in auckland.days][:2] == [0, 1]


def test_the_week_view(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        behaviour = _ids(session)[2]
        for kind, when in [
            ("urge", "2026-11-16T10:00"),  # last week
            ("urge", "2026-11-23T10:00"),
            ("act", "2026-11-23T11:00"),
            ("urge", "2026-11-25T19:59"),
            ("urge", "2026-11-25T20:30"),  # after "now": a clock that was off
        ]:
            reassurance.record(session, PERSONAL_OWNER, behaviour, kind, now=_london(when))  # type: ignore[arg-type]
    with open_vault.session() as session:
        this = reassurance.week(session, PERSONAL_OWNER, now=NOW, zone=LONDON)
        last = reassurance.week(session, PERSONAL_OWNER, date(2026, 11, 18), now=NOW, zone=LONDON)
        later = reassurance.week(session, PERSONAL_OWNER, date(2027, 1, 4), now=NOW, zone=LONDON)
    assert this.start == MONDAY
    assert this.is_current
    assert this.has_earlier
    assert [(d.urges, d.acts) for d in this.days[:3]] == [(1, 1), (0, 0), (1, 0)]
    assert [d.future for d in this.days] == [False] * 3 + [True] * 4
    assert (this.urges, this.acts) == (2, 1)
    assert (this.previous, this.following, this.end) == (
        date(2026, 11, 16),
        date(2026, 11, 30),
        date(2026, 11, 29),
    )
    assert last.start == date(2026, 11, 16)
    assert not last.is_current
    assert not last.has_earlier
    assert (last.urges, last.acts) == (1, 0)
    assert later.start == MONDAY  # a week that has not come yet shows this one


def test_unknown_behaviours_and_kinds_are_refused(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        with pytest.raises(NotFound):
            reassurance.record(session, PERSONAL_OWNER, 999, "urge", now=NOW)
        with pytest.raises(InvalidInput):
            reassurance.record(session, PERSONAL_OWNER, _ids(session)[0], "maybe", now=NOW)  # type: ignore[arg-type]


def test_a_tap_can_be_taken_back(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        event = reassurance.record(session, PERSONAL_OWNER, _ids(session)[0], "act", now=NOW)
        assert reassurance.get_event(session, PERSONAL_OWNER, event.id).kind == "act"
        reassurance.undo(session, PERSONAL_OWNER, event.id)
        assert reassurance.today(session, PERSONAL_OWNER, now=NOW, zone=LONDON).total.acts == 0
        with pytest.raises(NotFound):
            reassurance.undo(session, PERSONAL_OWNER, event.id)


# -- the goal ----------------------------------------------------------------------------------


def test_a_goal_holds_for_its_week_only(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        goal = reassurance.set_goal(session, PERSONAL_OWNER, 3, now=NOW, zone=LONDON)
        assert goal.week_start == MONDAY
        reassurance.set_goal(
            session, PERSONAL_OWNER, 2, now=_london("2026-11-29T23:00"), zone=LONDON
        )
    with open_vault.session() as session:
        assert reassurance.get_goal(session, PERSONAL_OWNER, MONDAY) == 2
        assert reassurance.get_goal(session, PERSONAL_OWNER, date(2026, 11, 27)) == 2
        assert reassurance.get_goal(session, PERSONAL_OWNER, date(2026, 11, 30)) is None
        next_monday = _london("2026-11-30T08:00")
        assert reassurance.today(session, PERSONAL_OWNER, now=next_monday, zone=LONDON).goal is None
        assert reassurance.week(session, PERSONAL_OWNER, now=NOW, zone=LONDON).goal == 2


def test_two_first_goals_of_a_week_at_once_keep_the_later(open_vault: OpenVault) -> None:
    def other_request() -> None:
        with open_vault.session() as session:
            reassurance.set_goal(session, PERSONAL_OWNER, 2, now=NOW, zone=LONDON)

    with (
        meanwhile(open_vault, "checking_goals", other_request),
        open_vault.session() as session,
    ):
        reassurance.set_goal(session, PERSONAL_OWNER, 3, now=NOW, zone=LONDON)
    with open_vault.session() as session:
        assert reassurance.get_goal(session, PERSONAL_OWNER, MONDAY) == 3


def test_today_compares_with_the_goal(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        reassurance.set_goal(session, PERSONAL_OWNER, 3, now=NOW, zone=LONDON)
        behaviour = _ids(session)[0]
        for _ in range(2):
            reassurance.record(
                session, PERSONAL_OWNER, behaviour, "act", now=_london("2026-11-25T12:00")
            )
        progress = reassurance.today(session, PERSONAL_OWNER, now=NOW, zone=LONDON).progress
        assert progress is not None
        assert (progress.acts, progress.goal, progress.state, progress.left) == (2, 3, "under", 1)


def test_clearing_the_goal(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        reassurance.set_goal(session, PERSONAL_OWNER, 3, now=NOW, zone=LONDON)
        reassurance.clear_goal(session, PERSONAL_OWNER, now=NOW, zone=LONDON)
        assert reassurance.get_goal(session, PERSONAL_OWNER, MONDAY) is None


@pytest.mark.parametrize("value", [-1, 100])
def test_goals_outside_the_range_are_refused(open_vault: OpenVault, value: int) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        reassurance.set_goal(session, PERSONAL_OWNER, value, now=NOW, zone=LONDON)
    assert caught.value.errors["max_acts"] == "Choose a number from 0 to 99."


@pytest.mark.parametrize(
    ("text", "expected"), [(" 3 ", 3), ("0", 0), ("-1", -1), ("0004", 4), ("9" * 40, 100)]
)
def test_parse_goal_reads_whole_numbers(text: str, expected: int) -> None:
    assert reassurance.parse_goal(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "whole number"),
        ("2.5", "whole number"),
        ("", "Write a number"),
        ("٣", "whole number"),
    ],
)
def test_parse_goal_explains_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        reassurance.parse_goal(text)
    assert message in caught.value.errors["max_acts"]


def test_a_suggested_step_down_from_last_week(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert reassurance.suggested_goal(session, PERSONAL_OWNER, now=NOW, zone=LONDON) is None
        behaviour = _ids(session)[0]
        for day in range(16, 23):
            for hour in (10, 12, 15, 18):
                when = _london(f"2026-11-{day}T{hour}:00")
                reassurance.record(session, PERSONAL_OWNER, behaviour, "act", now=when)
        suggestion = reassurance.suggested_goal(session, PERSONAL_OWNER, now=NOW, zone=LONDON)
    assert suggestion is not None
    assert (suggestion.value, suggestion.last_goal, suggestion.last_week_acts) == (3, None, 28)


# -- strangers ---------------------------------------------------------------------------------


def test_strangers_see_nothing(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        mine = _ids(session)
        own = reassurance.add_behaviour(session, PERSONAL_OWNER, "My private habit")
        event = reassurance.record(session, PERSONAL_OWNER, mine[0], "act", now=NOW)
        reassurance.set_goal(session, PERSONAL_OWNER, 2, now=NOW, zone=LONDON)
        event_id, own_id = event.id, own.id
    with open_vault.session() as session:
        theirs = reassurance.list_behaviours(session, STRANGER)
        assert {b.id for b in theirs}.isdisjoint(mine)
        assert "My private habit" not in [b.name for b in theirs]
        today = reassurance.today(session, STRANGER, now=NOW, zone=LONDON)
        assert (today.total.urges, today.total.acts, today.goal) == (0, 0, None)
        week = reassurance.week(session, STRANGER, now=NOW, zone=LONDON)
        assert (week.urges, week.acts, week.goal, week.has_earlier) == (0, 0, None, False)
        assert reassurance.count_taps(session, STRANGER, mine[0]) == 0
        for action in (
            lambda: reassurance.record(session, STRANGER, mine[0], "urge", now=NOW),
            lambda: reassurance.get_behaviour(session, STRANGER, mine[0]),
            lambda: reassurance.remove_behaviour(session, STRANGER, own_id),
            lambda: reassurance.get_event(session, STRANGER, event_id),
            lambda: reassurance.undo(session, STRANGER, event_id),
        ):
            with pytest.raises(NotFound):
                action()
        assert count_records(session, STRANGER)["checking urges and acts"] == 0
        assert count_records(session, PERSONAL_OWNER)["checking urges and acts"] == 1
    with open_vault.session() as session:
        assert reassurance.today(session, PERSONAL_OWNER, now=NOW, zone=LONDON).total.acts == 1
        assert reassurance.get_goal(session, PERSONAL_OWNER, MONDAY) == 2


def test_local_time_is_the_default_zone(open_vault: OpenVault) -> None:
    """Without a zone, days are this machine's days (the server runs on the person's machine)."""
    now = datetime.now(UTC)
    with open_vault.session() as session:
        reassurance.record(
            session, PERSONAL_OWNER, _ids(session)[0], "urge", now=now - timedelta(seconds=1)
        )
        today = reassurance.today(session, PERSONAL_OWNER, now=now)
    assert today.day == now.astimezone().date()
    assert today.total.urges == 1
