"""Sharing summaries with a therapist (issue 17), on PostgreSQL through the hosted web app: the
signs of progress, the progress charts, pause and trigger-log summaries and the safety plan.
The therapist sees what the person recorded from the first day they chose (never the day
before, even in the same week) and never the words they wrote, except the safety plan, which
is words by nature and shown whole; a category not granted is a 404."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from anchored.core.owner import Owner
from anchored.core.weeks import local_midnight, weeks_from
from anchored.features.habits import service as habits
from anchored.features.ladder import service as ladder
from anchored.features.ladder.service import AttemptInput
from anchored.features.pause import service as pauses
from anchored.features.progress import service as signs
from anchored.features.safety_plan import service as safety_plan
from anchored.features.trigger_log import service as trigger_log
from anchored.features.wins import service as wins
from anchored.services.hosted import acting_as
from tests.hosted.conftest import Browser, Hosted
from tests.hosted.conftest import share as _share
from tests.support import NOW

SINCE = "2026-11-18"  # a Wednesday: the day before is in the same Monday-to-Sunday week
BEFORE = datetime(2026, 11, 17, 12, 0, tzinfo=UTC)  # the day before the first day shared
INSIDE = datetime(2026, 11, 20, 19, 0, tzinfo=UTC)  # a Friday evening after it
LATER = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
# Words the person wrote: none of them may ever reach the therapist (but the safety plan's).
WRITTEN = (
    "SIGNSNOTE",
    "PAUSEWHAT",
    "HELDMESSAGE",
    "PAUSENOTE",
    "TRIGGERWORDS",
    "NEWRESPONSEWORDS",
    "HABITNAME",
    "WINWORDS",
)
PLAN_WORDS = "Checking my phone again and again at night"


def _pause(
    hosted: Hosted, robin: int, at: datetime, before: int, after: int, decision: str
) -> None:
    with hosted.state.session() as session, acting_as(robin):
        episode, _new = pauses.start_pause(session, Owner(robin), now=at)
        pauses.save_progress(
            session,
            Owner(robin),
            episode.id,
            now=at,
            what_happened="PAUSEWHAT no reply",
            urge_before=before,
            held_message="HELDMESSAGE why",
        )
        pauses.finish_pause(
            session,
            Owner(robin),
            episode.id,
            now=at + timedelta(minutes=10),
            urge_after=after,
            decision=decision,
            note="PAUSENOTE later",
        )


@pytest.fixture
def people(hosted: Hosted) -> tuple[Hosted, Browser, Browser]:
    """Robin (a person, with records on the day before 18 November and after it) and Dr Ash
    (a therapist), both signed in."""
    robin = hosted.account("robin")
    ash = hosted.account("dr.ash", "therapist")
    me = Owner(robin)
    with hosted.state.session() as session, acting_as(robin):
        for at, calmer in ((BEFORE, 2), (INSIDE, 6), (LATER, 7)):
            signs.add_rating(
                session, me, {"calmer": calmer, "boundaries": 4}, "SIGNSNOTE", at, now=at
            )
        for at, words, new in (
            (BEFORE, "old", ""),
            (INSIDE, "", "NEWRESPONSEWORDS"),
            (LATER, "", ""),
        ):
            text = trigger_log.TriggerText(f"TRIGGERWORDS {words}", new_response=new)
            trigger_log.add_entry(session, me, text, now=at)
        habit = habits.add_habit(session, me, habits.HabitInput("HABITNAME walk"), now=BEFORE)
        for day in (BEFORE.date(), INSIDE.date()):
            habits.mark_day(session, me, habit.id, day, done=True, now=NOW)
        for day in (BEFORE.date(), INSIDE.date()):
            wins.add_win(session, me, "WINWORDS", day=day, now=NOW)
        safety_plan.save_plan(
            session, me, {"warning_signs": PLAN_WORDS, "what_matters": "My sister"}, now=BEFORE
        )
    _pause(hosted, robin, BEFORE, 10, 9, "sent_as_is")
    _pause(hosted, robin, INSIDE, 8, 3, "not_sent")
    return (
        hosted,
        hosted.browser("robin", account_id=robin),
        hosted.browser("dr.ash", account_id=ash),
    )


def _main(page: str) -> str:
    """What the category shows: the main part after the sharing page's own lead."""
    main = page.split("<main")[1].split("</main>")[0]
    return main.split('class="lead"')[1].split("</p>", 1)[1]


def _seen(ash: Browser, robin: Browser, code: str) -> str:
    response = ash.get(f"/sharing/clients/{robin.account_id}/{code}")
    assert response.status_code == 200, response.text
    shown = _main(response.text)
    assert "<form" not in shown  # read only
    assert 'href="/' not in shown  # no link into the person's pages
    for words in WRITTEN:
        assert words not in shown
    return shown


def test_signs_show_each_rating_from_the_first_day_without_the_notes(
    people: tuple[Hosted, Browser, Browser],
) -> None:
    _hosted, robin, ash = people
    _share(robin, ash.account_id, "signs", since=SINCE)
    shown = _seen(ash, robin, "signs")
    assert "20 Nov 2026" in shown
    assert "27 Nov 2026" in shown
    assert "17 Nov 2026" not in shown  # the day before the first day shared
    assert shown.count("<table") == 2
    assert "<td>6</td>" in shown
    assert "<td>7</td>" in shown
    assert "<td>2</td>" not in shown
    assert "not rated" in shown  # the signs left out that time


def test_progress_charts_count_weeks_that_start_on_the_first_day(
    people: tuple[Hosted, Browser, Browser],
) -> None:
    _hosted, robin, ash = people
    _share(robin, ash.account_id, "progress", since=SINCE)
    shown = _seen(ash, robin, "progress")
    assert "The urge, before and after a pause" in shown
    assert "Triggers you logged, and new responses you tried" in shown
    assert "Habit days done, by week" in shown
    assert "Signs of progress, in your own view" in shown
    # Weeks from Wednesday 18 November: the habit day and the trigger of the 17th are not in
    # them (a Monday-to-Sunday week would hold them).
    assert "18 Nov" in shown
    assert "16 Nov" not in shown
    habit_table = shown.split("Habit days done, by week: the numbers")[1].split("</table>")[0]
    assert "<td>1</td>" in habit_table
    assert "<td>2</td>" not in habit_table
    # By month, the first month counts from the first day shared: not the win of the 17th.
    wins_table = shown.split("Wins, by month: the numbers")[1].split("</table>")[0]
    assert "From 18 Nov" in wins_table
    assert "<td>1</td>" in wins_table
    assert "<td>2</td>" not in wins_table
    # Too little from the first day on for any sentence about patterns.
    assert "What their records show" not in shown


def test_progress_insights_count_nothing_before_the_first_day(
    hosted: Hosted, people: tuple[Hosted, Browser, Browser]
) -> None:
    _hosted, robin, ash = people
    me = Owner(robin.account_id)
    with hosted.state.session() as session, acting_as(robin.account_id):
        rung = ladder.add_rung(session, me, "LADDERWORDS wait before replying", 40, now=BEFORE).id
        # Two attempts the day before the first day shared, when the fear peaked higher than
        # predicted, and five after it, when it peaked lower.
        tries = [(BEFORE.date(), 30, 70)] * 2 + [(INSIDE.date(), 70, 40)] * 5
        for day, predicted, peak in tries:
            ladder.add_attempt(session, me, rung, AttemptInput(predicted, peak, 10, day), now=NOW)
    assert "In 5 of your 7 ladder attempts" in robin.get("/progress").text  # their own page
    _share(robin, ash.account_id, "progress", since=SINCE)
    shown = _seen(ash, robin, "progress")
    assert "What their records show" in shown
    assert "In 5 of your 5 ladder attempts, the fear peaked lower" in shown
    assert "LADDERWORDS" not in shown


def test_pause_summaries_count_weeks_urges_and_choices_never_words(
    people: tuple[Hosted, Browser, Browser],
) -> None:
    _hosted, robin, ash = people
    _share(robin, ash.account_id, "pauses", since=SINCE)
    shown = _seen(ash, robin, "pauses")
    assert "Pauses by week" in shown
    assert "18 Nov 2026" in shown
    assert "<td>8.0</td>" in shown  # the urge before, the week's average
    assert "<td>3.0</td>" in shown  # and after
    assert "Didn&#39;t send it" in shown or "Didn't send it" in shown
    assert "Sent it as it was" not in shown  # the pause on the day before
    assert "<td>10.0</td>" not in shown
    assert "1 from 18 Nov 2026" in shown


def test_trigger_log_summaries_count_weeks_and_times_never_words(
    people: tuple[Hosted, Browser, Browser],
) -> None:
    _hosted, robin, ash = people
    _share(robin, ash.account_id, "trigger_log", since=SINCE)
    shown = _seen(ash, robin, "trigger_log")
    assert "2 from 18 Nov 2026, 1 of them with a new response" in shown
    weeks = shown.split("Triggers by week")[1].split("</table>")[0]
    assert weeks.count("<tr>") == 1 + 2  # a header and the two weeks with an entry
    assert "18 Nov 2026" in weeks
    assert "25 Nov 2026" in weeks


def test_the_safety_plan_is_shown_as_written_and_says_nothing_alerts_the_therapist(
    people: tuple[Hosted, Browser, Browser],
) -> None:
    _hosted, robin, ash = people
    offered = robin.get("/sharing").text
    assert "Safety plan" in offered
    assert "nothing in Anchored ever alerts them" in offered
    _share(robin, ash.account_id, "safety_plan", since=SINCE)
    response = ash.get(f"/sharing/clients/{robin.account_id}/safety_plan")
    shown = _main(response.text)
    assert "<form" not in shown
    # A plan is one living document: shown whole, though it was written before the first day.
    assert PLAN_WORDS in shown
    assert "My sister" in shown
    assert "Nothing in Anchored alerts you" in shown
    assert "You see it only while they share it" in shown
    assert "Nothing written here." in shown  # the sections left empty


def test_each_category_is_a_404_unless_granted_and_after_stopping(
    people: tuple[Hosted, Browser, Browser],
) -> None:
    _hosted, robin, ash = people
    codes = ("signs", "progress", "pauses", "trigger_log", "safety_plan")
    grant = _share(robin, ash.account_id, "pauses", since=NOW.date().isoformat())
    for code in codes:
        expected = 200 if code == "pauses" else 404
        assert ash.get(f"/sharing/clients/{robin.account_id}/{code}").status_code == expected
    # Nothing since today: the page says so in one line.
    today = ash.get(f"/sharing/clients/{robin.account_id}/pauses").text
    assert "Nothing here since 1 Dec 2026" in today
    robin.post(f"/sharing/{grant}/stop")
    assert ash.get(f"/sharing/clients/{robin.account_id}/pauses").status_code == 404


def test_weeks_from_a_chosen_day() -> None:
    now = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)  # a Tuesday
    period = weeks_from(date(2026, 11, 18), now)
    assert period is not None
    assert period.starts == (date(2026, 11, 18), date(2026, 11, 25))
    assert period.since == local_midnight(date(2026, 11, 18))
    assert period.week_of(now) == 1
    today = weeks_from(date(2026, 12, 1), now)
    assert today is not None
    assert today.starts == (date(2026, 12, 1),)
    assert weeks_from(date(2026, 12, 2), now) is None  # a first day still to come
