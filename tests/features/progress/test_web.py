"""Progress pages: charts with their tables, insights, empty states, the weekly review, and the
signs-of-progress ratings (rate, read, edit, delete; wrong input; the help card)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from anchored.core.owner import PERSONAL_OWNER
from anchored.features.check_in import service as checkins
from anchored.features.habits import service as habits
from anchored.features.ladder import service as ladder
from anchored.features.progress import service as progress
from anchored.features.self_checks import service as self_checks
from anchored.features.wins import service as wins
from anchored.web.state import AppState
from tests.support import NOW, FakeClock, People

Client = tuple[TestClient, AppState]
CRISIS = "I can't go on like this. I want to end my life."


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW.timestamp())


def _rate(client: TestClient, **fields: str) -> int:
    response = client.post("/progress/signs", data=fields, follow_redirects=False)
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/progress/signs/(\d+)\?saved=1", response.headers["location"])
    assert match is not None
    return int(match.group(1))


def test_with_nothing_recorded_each_part_says_what_to_do_instead_of_a_chart(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    page = client.get("/progress").text
    assert '<svg class="plot' not in page
    assert "To see more here" in page
    assert '<a href="/progress/signs">Rate the six signs of progress' in page
    assert '<a href="/check-in">Check in a few times' in page
    assert '<a href="/pause">Take a pause' in page


def test_a_chart_comes_with_a_table_of_the_same_numbers(unlocked_client: Client) -> None:
    client, state = unlocked_client
    with state.session() as session:
        checkins.add_check_in(session, PERSONAL_OWNER, {"anxious": 7}, now=NOW)
        checkins.add_check_in(
            session, PERSONAL_OWNER, {"anxious": 3, "calm": 6}, now=NOW - timedelta(days=7)
        )
    page = client.get("/progress").text
    section = page[page.index('id="progress-emotions"') :]
    section = section[: section.index("</section>")]
    assert 'role="img"' in section
    assert "<title" in section
    assert 'class="plot-table-title"' in section
    assert "Feelings by week: the numbers" in section
    assert re.search(r"<th scope=\"row\">23 Nov</th><td>3</td><td>6</td>", section)
    assert re.search(r"<th scope=\"row\">30 Nov</th><td>7</td><td>-</td>", section)
    assert section.count('<th scope="row">') == 12
    longer = client.get("/progress?weeks=26").text
    assert longer.count('<th scope="row">') >= 26
    assert client.get("/progress?weeks=1000").text.count('<option value="12" selected') == 1


def test_the_person_picks_which_feelings_to_show(unlocked_client: Client) -> None:
    client, state = unlocked_client
    with state.session() as session:
        for words in ({"anxious": 7}, {"lonely": 4}, {"calm": 6}, {"hopeful": 5}):
            checkins.add_check_in(session, PERSONAL_OWNER, words, now=NOW)
    page = client.get("/progress").text
    assert page.count('name="emotion"') == 4
    picked = client.get("/progress?emotion=hopeful&weeks=26").text
    section = picked[picked.index('id="progress-emotions"') :]
    section = section[: section.index("</section>")]
    assert '<th scope="col">Hopeful</th>' in section
    assert '<th scope="col">Anxious</th>' not in section
    assert 'value="hopeful" checked' in section
    assert '<input type="hidden" name="weeks" value="26">' in section


def test_insights_show_with_a_link_to_the_records(unlocked_client: Client) -> None:
    client, state = unlocked_client
    with state.session() as session:
        progress.add_rating(session, PERSONAL_OWNER, {"calmer": 2}, now=NOW - timedelta(weeks=8))
        progress.add_rating(session, PERSONAL_OWNER, {"calmer": 6}, now=NOW)
    page = client.get("/progress").text
    assert "What your records show" in page
    assert "went from 2 to 6" in page
    assert '<a class="no-print" href="/progress/signs">See your ratings</a>' in page


def test_the_weekly_review_sums_up_the_week_and_goes_back(unlocked_client: Client) -> None:
    client, state = unlocked_client
    with state.session() as session:
        checkins.add_check_in(session, PERSONAL_OWNER, {"anxious": 7}, now=NOW)
    page = client.get("/progress/week").text
    assert "This week" in page
    assert "Monday 30 November to Sunday 6 December 2026" in page
    assert "1 check-in." in page
    assert "No pauses this week." in page
    assert 'href="/progress/week?start=2026-11-23"' in page
    assert "The week after" not in page
    earlier = client.get("/progress/week?start=2026-11-18").text
    assert "Monday 16 November to Sunday 22 November 2026" in earlier
    assert "No check-ins this week yet." in earlier
    assert 'href="/progress/week?start=2026-11-23" rel="next"' in earlier
    assert "This week" in client.get("/progress/week?start=2099-01-01").text
    assert client.get("/progress/week?start=nonsense").status_code == 200


def test_a_rating_is_saved_read_edited_and_deleted(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    assert "Nothing yet." in client.get("/progress/signs").text
    rating_id = _rate(client, **{"sign-calmer": "4", "sign-openness": "7", "note": "Calmer."})
    page = client.get(f"/progress/signs/{rating_id}?saved=1").text
    assert "Saved. Only you can see it." in page
    assert re.search(r"Calmer in relationships</th><td>4</td>", page)
    assert "Calmer." in page
    listing = client.get("/progress/signs").text
    assert "2 of 6 signs rated · with a note" in listing
    assert '<svg class="plot' in listing
    form = client.get(f"/progress/signs/{rating_id}/edit").text
    assert '<option value="4" selected>' in form
    response = client.post(
        f"/progress/signs/{rating_id}/edit", data={"sign-calmer": "6"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert re.search(
        r"Calmer in relationships</th><td>6</td>", client.get(f"/progress/signs/{rating_id}").text
    )
    assert "Delete this rating?" in client.get(f"/progress/signs/{rating_id}/delete").text
    gone = client.post(f"/progress/signs/{rating_id}/delete", follow_redirects=True)
    assert "The rating was deleted." in gone.text
    assert client.get(f"/progress/signs/{rating_id}").status_code == 404


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Rate at least one sign, or write a note."),
        ({"sign-calmer": "14"}, "Choose a whole number from 0 to 10"),
    ],
)
def test_wrong_input_is_shown_again_with_what_to_change(
    unlocked_client: Client, fields: dict[str, str], message: str
) -> None:
    client, _state = unlocked_client
    response = client.post("/progress/signs", data={**fields, "note": ""})
    assert response.status_code == 422
    assert message in response.text
    assert "nothing was saved yet" in response.text


def test_a_crisis_sentence_in_the_note_puts_the_help_card_first(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post(
        "/progress/signs", data={"sign-calmer": "1", "note": CRISIS}, follow_redirects=False
    )
    location = response.headers["location"]
    assert re.fullmatch(r"/progress/signs/\d+\?saved=1&support=1", location)
    page = client.get(location.split("?", 1)[0]).text
    assert page.index("Before anything else") < page.index("I want to end my life")


def test_someone_elses_rating_is_not_found(unlocked_client: Client, people: People) -> None:
    client, state = unlocked_client
    with state.session() as session:
        theirs = progress.add_rating(session, people.stranger, {"calmer": 3}, now=NOW).id
    for path in (f"/progress/signs/{theirs}", f"/progress/signs/{theirs}/edit"):
        assert client.get(path).status_code == 404
    assert client.post(f"/progress/signs/{theirs}/delete").status_code == 404
    assert "Nothing yet." in client.get("/progress/signs").text


def test_self_checks_habits_ladder_and_wins_show_on_progress_and_the_week(
    unlocked_client: Client,
) -> None:
    client, state = unlocked_client
    page = client.get("/progress").text
    assert '<a href="/self-checks">Take a self-check questionnaire' in page
    assert '<a href="/habits">Mark the days' in page
    assert '<a href="/ladder">Try a rung' in page
    assert '<a href="/wins/new">Log a small win' in page
    with state.session() as session:
        self_checks.take(session, PERSONAL_OWNER, "gad7", dict.fromkeys(range(1, 8), 1), now=NOW)
        habit = habits.add_habit(session, PERSONAL_OWNER, habits.HabitInput("A walk"), now=NOW)
        habits.mark_day(session, PERSONAL_OWNER, habit.id, NOW.date(), done=True, now=NOW)
        rung = ladder.add_rung(session, PERSONAL_OWNER, "Leave a text unanswered", 30, now=NOW)
        attempt = ladder.AttemptInput(60, 35, 10, NOW.date())
        ladder.add_attempt(session, PERSONAL_OWNER, rung.id, attempt, now=NOW)
        wins.add_win(session, PERSONAL_OWNER, "Waited before texting.", now=NOW)
    page = client.get("/progress").text
    for key in ("self-check-gad7", "habits", "ladder", "wins"):
        assert f'id="progress-{key}"' in page
    gad7 = page[page.index('id="progress-self-check-gad7"') :]
    gad7 = gad7[: gad7.index("</section>")]
    assert "5-9: mild" in gad7  # the score ranges are drawn behind the line
    assert re.search(r'<th scope="row">1 Dec</th><td>7</td>', gad7)
    week = client.get("/progress/week").text
    assert "Self-checks taken: GAD-7." in week
    assert "Habit days done: 1 (A walk: 1 day)." in week
    assert "1 win logged." in week
