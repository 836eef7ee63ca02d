"""The habits service: habits and their words (checked, searchable), days done in the
person's local time, the weekly review, what progress and the steps get, and owners kept
apart."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features import FEATURES
from anchored.features.habits import SEARCH, rules
from anchored.features.habits import service as habits
from anchored.features.habits.models import HabitDay
from anchored.features.habits.service import HabitInput
from anchored.features.habits.texts import load_texts
from anchored.features.search.service import search_writing
from anchored.manifest import Registry
from anchored.services.owned import delete_feature, export_feature
from anchored.storage.vault import OpenVault

ME = PERSONAL_OWNER
STRANGER = Owner(id=3)
LONDON = ZoneInfo("Europe/London")
AUCKLAND = ZoneInfo("Pacific/Auckland")
# Wednesday 25 November 2026, evening in London.
NOW = datetime(2026, 11, 25, 20, 0, tzinfo=LONDON)
TODAY = date(2026, 11, 25)
CRISIS = "I want to end my life tonight."
KINDS = {SEARCH.code: SEARCH}
FEATURE = Registry(FEATURES).feature("habits")


def _walk(session: Session, owner: Owner = ME, name: str = "A short walk", **fields: Any) -> int:
    return habits.add_habit(session, owner, HabitInput(name, **fields), now=NOW).id


# -- habits ----------------------------------------------------------------------------------


def test_a_habit_is_saved_tidied_and_listed_in_order(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        first = habits.add_habit(
            session,
            ME,
            HabitInput("  Time   for a hobby ", "  Mine.  ", " Ten   minutes. ", "some_days", 3),
            now=NOW,
        )
        assert not first.needs_help
        second = _walk(session)
        habit = habits.get_habit(session, ME, first.id)
        assert (habit.name, habit.why, habit.smallest) == (
            "Time for a hobby",
            "Mine.",
            "Ten minutes.",
        )
        assert (habit.often, habit.days_a_week) == ("some_days", 3)
        assert [h.id for h in habits.list_habits(session, ME)] == [first.id, second]


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        (HabitInput(" "), "name", "Give the habit a short name first"),
        (HabitInput("x" * 121), "name", "A name can be up to 120 characters; this one has 121."),
        (HabitInput("Walk", why="y" * 1001), "why", "up to 1,000 characters"),
        (HabitInput("Walk", smallest="s" * 301), "smallest", "up to 300 characters"),
        (HabitInput("Walk", often="some_days"), "days_a_week", "from 2 to 6"),
        (HabitInput("Walk", often="hourly"), "often", "Choose how often"),
    ],
)
def test_a_habit_that_does_not_fit_is_refused_without_repeating_it(
    open_vault: OpenVault, given: HabitInput, field: str, message: str
) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        habits.add_habit(session, ME, given, now=NOW)
    assert message in caught.value.errors[field]
    for typed in (given.name, given.why, given.smallest):
        assert not typed.strip() or typed.strip() not in caught.value.errors[field]
    with open_vault.session() as session:
        assert habits.count_habits(session, ME) == 0


def test_only_so_many_habits(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        for n in range(habits.HABITS_MAX):
            _walk(session, name=f"Habit {n}")
        with pytest.raises(InvalidInput, match="Remove one to add another"):
            _walk(session)


@pytest.mark.parametrize("field", ["name", "why", "smallest"])
def test_crisis_words_in_any_field_ask_for_the_help_card(open_vault: OpenVault, field: str) -> None:
    with open_vault.session() as session:
        fields = {"name": "A short walk", field: CRISIS}
        assert habits.add_habit(session, ME, HabitInput(**fields), now=NOW).needs_help
        habit_id = _walk(session)
        edited = HabitInput(**{"name": "A short walk", field: CRISIS})
        assert habits.update_habit(session, ME, habit_id, edited, now=NOW).needs_help


def test_a_starter_idea_is_the_apps_words_but_what_is_added_is_checked(
    open_vault: OpenVault,
) -> None:
    starter = load_texts().starter("short-walk")
    assert starter is not None
    with open_vault.session() as session:
        plain = HabitInput(starter.name, starter.why, starter.smallest)
        assert not habits.add_habit(session, ME, plain, now=NOW).needs_help
        added = HabitInput(starter.name, f"{starter.why} {CRISIS}", starter.smallest)
        assert habits.add_habit(session, ME, added, now=NOW).needs_help


def test_editing_keeps_the_days_and_deleting_takes_them(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        habit_id = _walk(session)
        habits.mark_day(session, ME, habit_id, TODAY, done=True, now=NOW, zone=LONDON)
        habits.update_habit(
            session, ME, habit_id, HabitInput("A long walk", often="weekly"), now=NOW
        )
        assert habits.days_done(session, ME, habit_id) == {TODAY}
        assert habits.get_habit(session, ME, habit_id).often == "weekly"
        habits.delete_habit(session, ME, habit_id)
        with pytest.raises(NotFound):
            habits.get_habit(session, ME, habit_id)
        assert session.scalars(select(HabitDay)).all() == []


# -- days done -------------------------------------------------------------------------------


def test_marking_today_twice_counts_once_and_undo_takes_it_back(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        habit_id = _walk(session)
        for _ in range(2):
            habits.mark_day(session, ME, habit_id, TODAY, done=True, now=NOW, zone=LONDON)
        (row,) = habits.today(session, ME, now=NOW, zone=LONDON).rows
        assert row.summary.today_done
        assert row.summary.this_week == 1
        for _ in range(2):
            habits.mark_day(session, ME, habit_id, TODAY, done=False, now=NOW, zone=LONDON)
        (row,) = habits.today(session, ME, now=NOW, zone=LONDON).rows
        assert not row.summary.today_done
        assert row.summary.this_week == 0


def test_a_day_still_to_come_is_refused(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        habit_id = _walk(session)
        with pytest.raises(InvalidInput) as caught:
            habits.mark_day(
                session, ME, habit_id, TODAY + timedelta(days=1), done=True, now=NOW, zone=LONDON
            )
        assert caught.value.errors == {"day": rules.NOT_YET}
        assert habits.days_done(session, ME, habit_id) == set()


def test_today_is_the_persons_local_day(open_vault: OpenVault) -> None:
    """At 11:30 UTC on the 25th it is already the 26th in Auckland: that is today there, and
    the 25th is yesterday."""
    moment = datetime(2026, 11, 25, 11, 30, tzinfo=UTC)
    with open_vault.session() as session:
        habit_id = _walk(session)
        habits.mark_day(
            session, ME, habit_id, date(2026, 11, 26), done=True, now=moment, zone=AUCKLAND
        )
        with pytest.raises(InvalidInput):  # in London, the 26th has not begun
            habits.mark_day(
                session, ME, habit_id, date(2026, 11, 26), done=True, now=moment, zone=LONDON
            )
        assert habits.today(session, ME, now=moment, zone=AUCKLAND).day == date(2026, 11, 26)
        assert habits.today(session, ME, now=moment, zone=AUCKLAND).rows[0].summary.today_done


def test_a_day_stays_the_day_it_was_when_the_clocks_go_back(open_vault: OpenVault) -> None:
    """Marked at 00:30 on the night the clocks change (23:30 the day before in UTC), the day
    is the 25th, and at 23:30 that evening it is still today's."""
    early = datetime(2026, 10, 25, 0, 30, tzinfo=LONDON)
    late = datetime(2026, 10, 25, 23, 30, tzinfo=LONDON)
    with open_vault.session() as session:
        habit_id = _walk(session)
        day = rules.local_date(early, LONDON)
        habits.mark_day(session, ME, habit_id, day, done=True, now=early, zone=LONDON)
        (row,) = habits.today(session, ME, now=late, zone=LONDON).rows
        assert row.summary.today_done
        assert habits.days_done(session, ME, habit_id) == {date(2026, 10, 25)}


def test_a_habits_page_shows_its_weeks_and_kind_numbers(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        habit_id = _walk(session)
        for day in (date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 23)):
            habits.mark_day(session, ME, habit_id, day, done=True, now=NOW, zone=LONDON)
        view = habits.habit_view(session, ME, habit_id, now=NOW, zone=LONDON)
    assert view.today == TODAY
    assert view.is_current
    assert len(view.weeks) == habits.WEEKS_SHOWN
    assert view.weeks[-1].start == date(2026, 11, 23)
    assert [c.day for w in view.weeks for c in w.cells if c.done] == [
        date(2026, 11, 20),
        date(2026, 11, 21),
        date(2026, 11, 23),
    ]
    assert view.summary.this_week == 1
    assert view.summary.this_month == 3
    assert view.summary.longest_run == 2
    assert view.summary.note == "day"  # yesterday rested: the gentle note, no alarm
    assert not view.has_earlier  # the habit began within the weeks shown
    with open_vault.session() as session:
        habits.mark_day(session, ME, habit_id, date(2026, 10, 1), done=True, now=NOW, zone=LONDON)
        earlier = habits.habit_view(session, ME, habit_id, now=NOW, zone=LONDON)
        assert earlier.has_earlier  # a day long before was marked: the weeks page back to it
        assert earlier.summary.this_month == 3


def test_days_done_by_week_for_the_progress_page(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        walk, call = _walk(session), _walk(session, name="Call a friend", often="weekly")
        for habit_id, day in [
            (walk, date(2026, 11, 23)),
            (walk, date(2026, 11, 24)),
            (call, date(2026, 11, 24)),
            (walk, date(2026, 11, 10)),
        ]:
            habits.mark_day(session, ME, habit_id, day, done=True, now=NOW, zone=LONDON)
        _walk(session, STRANGER)
        weeks = habits.days_done_by_week(session, ME, NOW, weeks=3, zone=LONDON)
        assert habits.days_done_by_week(session, STRANGER, NOW, weeks=3, zone=LONDON)[-1].done == 0
    assert [(w.start, w.done) for w in weeks] == [
        (date(2026, 11, 9), 1),
        (date(2026, 11, 16), 0),
        (date(2026, 11, 23), 3),
    ]


# -- the weekly review -----------------------------------------------------------------------


def test_a_review_belongs_to_this_week_and_can_change(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert habits.review_this_week(session, ME, now=NOW, zone=LONDON) is None
        done = habits.add_review(session, ME, " Walking after lunch. ", "", now=NOW, zone=LONDON)
        assert not done.needs_help
        review = habits.get_review(session, ME, done.id)
        assert review.week_start == date(2026, 11, 23)
        assert (review.worked, review.smaller) == ("Walking after lunch.", None)
        assert habits.review_this_week(session, ME, now=NOW, zone=LONDON) == review
        next_week = NOW + timedelta(days=7)
        assert habits.review_this_week(session, ME, now=next_week, zone=LONDON) is None
        assert habits.update_review(session, ME, done.id, "", CRISIS, now=NOW).needs_help
        with pytest.raises(InvalidInput, match="empty review"):
            habits.update_review(session, ME, done.id, " ", "\n", now=NOW)
        habits.delete_review(session, ME, done.id)
        assert habits.count_reviews(session, ME) == 0


# -- search, steps, export, owners -----------------------------------------------------------


def test_habits_and_reviews_are_found_by_their_words(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        habit_id = _walk(session, name="Heron watching", smallest="Look out of the window.")
        review = habits.add_review(session, ME, "", "Fewer herons, more window.", now=NOW).id
        _walk(session, STRANGER, name="Their heron")
    with open_vault.session() as session:
        found = search_writing(session, ME, "heron", KINDS)
        assert {(r.url, r.kind) for r in found.results} == {
            (f"/habits/{habit_id}", "habits"),
            (f"/habits/reviews/{review}", "habits"),
        }
        titles = {r.title for r in found.results}
        assert "Heron watching" in titles
        assert "Weekly review: Fewer herons, more window." in titles
        assert search_writing(session, ME, "window", KINDS).total == 2
        habits.update_habit(session, ME, habit_id, HabitInput("Birds"), now=NOW)
        habits.delete_review(session, ME, review)
    with open_vault.session() as session:
        assert search_writing(session, ME, "heron", KINDS).total == 0
        assert search_writing(session, ME, "birds", KINDS).total == 1
        habits.delete_habit(session, ME, habit_id)
        assert search_writing(session, ME, "birds", KINDS).total == 0


def test_step_pages_list_the_habits_and_reviews(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        seven = habits.add_habit(session, ME, HabitInput("Stretch"), now=NOW, step=7).id
        plain = _walk(session)
        habits.add_review(session, ME, "Mornings.", "", now=NOW)
        _walk(session, STRANGER)
        step7 = habits.step_items(session, ME, 7)
        step10 = habits.step_items(session, ME, 10)
        assert habits.step_items(session, ME, 3) == []
    assert [item.path for item in step7] == [f"/habits/{seven}"]
    assert step7[0].detail == "A habit, every day"
    assert {item.path for item in step10} == {f"/habits/{plain}", "/habits/reviews/1"}
    assert any(item.title == "Weekly review, week of 23 November" for item in step10)


def test_export_holds_the_habits_days_and_reviews(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        habit_id = _walk(session)
        habits.mark_day(session, ME, habit_id, TODAY, done=True, now=NOW, zone=LONDON)
        habits.add_review(session, ME, "Mornings.", "", now=NOW)
        exported = export_feature(session, ME, FEATURE)
        assert [row["name"] for row in exported["habits"]] == ["A short walk"]
        assert [row["day"] for row in exported["habit_days"]] == [TODAY]
        assert [row["worked"] for row in exported["habit_reviews"]] == ["Mornings."]
        assert delete_feature(session, ME, FEATURE) == 3
        assert not any(export_feature(session, ME, FEATURE).values())


def test_someone_elses_habit_cannot_be_read_marked_or_changed(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        theirs = _walk(session, STRANGER)
        review = habits.add_review(session, STRANGER, "Theirs.", "", now=NOW).id
        calls = [
            lambda: habits.get_habit(session, ME, theirs),
            lambda: habits.mark_day(session, ME, theirs, TODAY, done=True, now=NOW),
            lambda: habits.update_habit(session, ME, theirs, HabitInput("Mine"), now=NOW),
            lambda: habits.delete_habit(session, ME, theirs),
            lambda: habits.habit_view(session, ME, theirs, now=NOW),
            lambda: habits.get_review(session, ME, review),
            lambda: habits.update_review(session, ME, review, "Mine", "", now=NOW),
            lambda: habits.delete_review(session, ME, review),
        ]
        for call in calls:
            with pytest.raises(NotFound):
                call()
        assert habits.list_habits(session, ME) == []
        assert habits.days_done(session, ME, theirs) == set()
        assert habits.get_habit(session, STRANGER, theirs).name == "A short walk"
