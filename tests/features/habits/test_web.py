"""Small steps and habits pages: add a habit, "Done today" from home (with and without htmx),
any past day on the habit's page (never a day to come), edit and delete, the weekly review, the
help card, and someone else's records staying out of reach."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient

from anchored.core.owner import PERSONAL_OWNER
from anchored.features.habits import service as habits
from anchored.web.state import AppState
from tests.support import FakeClock, People

Client = tuple[TestClient, AppState]
# Wednesday 25 November 2026, 23:50 in London (GMT, so also UTC): today is the 25th.
START = datetime(2026, 11, 25, 23, 50, tzinfo=UTC)
TODAY = date(2026, 11, 25)
CRISIS = "I want to end my life tonight."


@pytest.fixture(autouse=True)
def _london() -> Iterator[None]:
    """The 'server' runs in London, so local days are London days."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "Europe/London")
        time.tzset()
        yield
    time.tzset()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(now=START.timestamp())


def _add(client: TestClient, name: str = "A short walk", **fields: str) -> int:
    data = {"name": name, "often": "daily", **fields}
    response = client.post("/habits/new", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/habits/(\d+)\?added=1", response.headers["location"])
    assert match is not None, response.headers["location"]
    return int(match.group(1))


def _mark(
    client: TestClient, habit_id: int, day: date | str, *, done: bool = True, back: str = "home"
) -> str:
    response = client.post(
        f"/habits/{habit_id}/days",
        data={"day": str(day), "done": "yes" if done else "no", "back": back},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    location: str = response.headers["location"]
    return location


def _pressed(page: str) -> list[str]:
    """The days shown ticked on a habit's page (buttons pressed), as YYYY-MM-DD."""
    return re.findall(r'id="day-([\d-]+)" class="[^"]*" aria-pressed="true"', page)


def _counts(page: str) -> list[str]:
    return re.findall(r'<span class="habit-counts">([^<]*)</span>', page)


# -- adding and reading ----------------------------------------------------------------------


def test_empty_page_says_what_to_add_first(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/habits").text
    assert "Start with one small habit" in page
    assert "A short walk after lunch" in page  # the example, in our words
    assert 'id="habits-today"' not in client.get("/").text  # home stays quiet before a habit


def test_add_a_habit_then_read_it(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    form = client.get("/habits/new")
    assert form.status_code == 200
    assert 'name="form_token"' in form.text
    habit_id = _add(
        client,
        "Time for a hobby",
        why="Something of my own.",
        smallest="Ten minutes with it.",
        often="some_days",
        days_a_week="3",
    )
    page = client.get(f"/habits/{habit_id}?added=1").text
    assert '<h1 class="habit-title">Time for a hobby</h1>' in page
    assert "3 days a week" in page
    assert "Something of my own." in page
    assert "Ten minutes with it." in page
    assert "This week: 0 of 3 days" in page


def test_a_form_without_a_name_or_with_an_odd_number_keeps_the_words(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    response = client.post(
        "/habits/new",
        data={"name": "  ", "why": "Kept words.", "often": "some_days", "days_a_week": "9"},
    )
    assert response.status_code == 422
    assert "Give the habit a short name first" in response.text
    assert "Say how many days a week, from 2 to 6." in response.text
    assert "Kept words." in response.text
    assert client.get("/habits").text.count('class="habit-row"') == 0


def test_an_idea_fills_the_form_in(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/habits/new?idea=friend-time").text
    assert 'value="Time with a friend"' in page
    assert 'value="weekly" checked' in page


def test_an_exercise_shows_its_prompt_and_tags_the_step(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/habits/new?step=10&exercise=tiny-habit-plan").text
    assert "Step 10: Make it a tiny habit" in page
    habit_id = _add(client, "Stretch after coffee", step="10", exercise="tiny-habit-plan")
    assert 'href="/programme/10">Step 10</a>' in client.get(f"/habits/{habit_id}").text
    assert f'href="/habits/{habit_id}"' in client.get("/programme/10").text


# -- "Done today" ----------------------------------------------------------------------------


def test_done_today_from_home_without_javascript(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    habit_id = _add(client)
    home = client.get("/").text
    assert 'id="habits-today"' in home
    assert f'id="habit-{habit_id}-today"' in home
    assert f'value="{TODAY.isoformat()}"' in home

    location = _mark(client, habit_id, TODAY)
    assert location == f"/?habit={habit_id}&marked=done#habits-today"
    home = client.get(location).text
    assert "Done: A short walk." in home
    assert 'aria-pressed="true"' in home
    assert _counts(home) == ["This week: 1 day · every day"]

    _mark(client, habit_id, TODAY)  # sent twice (a double tap): still one day
    assert _counts(client.get("/").text) == ["This week: 1 day · every day"]

    location = _mark(client, habit_id, TODAY, done=False)
    home = client.get(location).text
    assert "Taken back." in home
    assert _counts(home) == ["This week: 0 days · every day"]


def test_done_today_with_htmx_answers_the_list_and_the_status(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    habit_id = _add(client)
    response = client.post(
        f"/habits/{habit_id}/days",
        data={"day": TODAY.isoformat(), "done": "yes", "back": "home"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'class="habit-row"' in response.text
    assert f'id="habit-{habit_id}-today"' in response.text
    assert 'id="habits-status" hx-swap-oob="innerHTML"' in response.text
    assert "Done: A short walk." in response.text


def test_a_day_still_to_come_is_refused(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    habit_id = _add(client)
    location = _mark(client, habit_id, date(2026, 11, 26), back="habit")
    page = client.get(location).text
    assert "That day hasn't come yet, so nothing was marked." in page
    assert _pressed(page) == []
    assert "still to come" in page  # the days after today are shown, not buttons
    assert 'id="day-2026-11-26"' not in page


def test_a_day_that_cannot_be_read_changes_nothing(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    habit_id = _add(client)
    page = client.get(_mark(client, habit_id, "next tuesday", back="list")).text
    assert "That day could not be read, so nothing changed." in page


# -- the habit's page: any past day ----------------------------------------------------------


def test_past_days_can_be_marked_and_taken_back(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    habit_id = _add(client)
    for day in (date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 2)):
        location = _mark(client, habit_id, day, back="habit")
    assert location == f"/habits/{habit_id}?habit={habit_id}&marked=done&until=2026-11-02#days"
    page = client.get(f"/habits/{habit_id}").text
    assert _pressed(page) == ["2026-11-02", "2026-11-23", "2026-11-24"]
    assert "This week: 2 days" in page
    assert "This month: 3 days" in page
    assert "Longest run: 2 days in a row" in page
    # Yesterday was done: no note about a missed day.
    assert "rest day" not in page

    _mark(client, habit_id, date(2026, 11, 24), done=False, back="habit")
    page = client.get(f"/habits/{habit_id}").text
    assert _pressed(page) == ["2026-11-02", "2026-11-23"]
    assert "Yesterday was a rest day, and a missed day is just a day." in page
    assert "Longest run: 1 day in a row" in page  # runs are never shown as broken


def test_marking_a_day_with_htmx_answers_the_weeks(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    habit_id = _add(client)
    response = client.post(
        f"/habits/{habit_id}/days",
        data={"day": "2026-11-20", "done": "yes", "back": "habit"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert _pressed(response.text) == ["2026-11-20"]
    assert 'id="days-status" hx-swap-oob="innerHTML"' in response.text
    assert "Marked done:" in response.text
    assert "Friday 20 November" in response.text


def test_earlier_weeks_page_back_to_where_the_habit_began(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    habit_id = _add(client)
    page = client.get(f"/habits/{habit_id}").text
    assert "Earlier weeks" not in page  # it began today
    _mark(client, habit_id, date(2026, 9, 1), back="habit")
    page = client.get(f"/habits/{habit_id}").text
    assert 'rel="prev">Earlier weeks' in page
    earlier = client.get(f"/habits/{habit_id}?until=2026-09-02").text
    assert _pressed(earlier) == ["2026-09-01"]
    assert 'rel="next">Later weeks' in earlier
    # A week still to come is never shown: the address is brought back to this week.
    assert "Later weeks" not in client.get(f"/habits/{habit_id}?until=2027-05-01").text
    # Nor one before 1900, or a date that is not one.
    for until in ("0001-01-01", "1899-12-31", "soon"):
        assert client.get(f"/habits/{habit_id}?until={until}").status_code == 200, until
    page = client.get(_mark(client, habit_id, "0001-01-01", back="habit")).text
    assert "That day could not be read, so nothing changed." in page


# -- edit and delete -------------------------------------------------------------------------


def test_edit_keeps_the_days(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    habit_id = _add(client)
    _mark(client, habit_id, TODAY)
    form = client.get(f"/habits/{habit_id}/edit").text
    assert 'value="A short walk"' in form
    response = client.post(
        f"/habits/{habit_id}/edit",
        data={"name": "A longer walk", "often": "weekly"},
        follow_redirects=False,
    )
    assert response.headers["location"] == f"/habits/{habit_id}?saved=1"
    page = client.get(f"/habits/{habit_id}?saved=1").text
    assert "A longer walk" in page
    assert "Once a week" in page
    assert "This week: done" in page


def test_delete_asks_first_then_deletes(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    habit_id = _add(client)
    _mark(client, habit_id, TODAY)
    confirm = client.get(f"/habits/{habit_id}/delete").text
    assert "Delete this habit?" in confirm
    assert "with the 1 day you marked done" in confirm
    response = client.post(f"/habits/{habit_id}/delete", follow_redirects=False)
    assert response.headers["location"] == "/habits?deleted=1"
    assert client.get(f"/habits/{habit_id}").status_code == 404


# -- the weekly review -----------------------------------------------------------------------


def test_weekly_review_from_the_habits_page(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/habits").text
    assert "What worked this week?" in page
    assert 'action="/habits/reviews/new"' in page
    response = client.post(
        "/habits/reviews/new",
        data={"worked": "Walking after lunch.", "smaller": "Stretch for two minutes."},
        follow_redirects=False,
    )
    assert response.status_code == 303
    review_url = response.headers["location"].split("?")[0]
    review = client.get(review_url).text
    assert "Walking after lunch." in review
    assert "Stretch for two minutes." in review
    page = client.get("/habits").text
    assert "You looked back on this week on Wednesday." in page
    assert "Your weekly reviews (1)" in page

    client.post(f"{review_url}/edit", data={"worked": "Mornings.", "smaller": ""})
    assert "Mornings." in client.get(review_url).text
    assert "Delete this review?" in client.get(f"{review_url}/delete").text
    client.post(f"{review_url}/delete")
    assert client.get(review_url).status_code == 404
    assert "No reviews yet." in client.get("/habits/reviews").text


def test_an_empty_review_is_not_saved(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post("/habits/reviews/new", data={"worked": " ", "smaller": ""})
    assert response.status_code == 422
    assert "an empty review is not saved" in response.text


@pytest.mark.parametrize("field", ["name", "why", "smallest"])
def test_crisis_words_in_a_habit_bring_the_help_card(unlocked_client: Client, field: str) -> None:
    client, _state = unlocked_client
    data = {"name": "A short walk", "often": "daily", field: CRISIS}
    response = client.post("/habits/new", data=data, follow_redirects=False)
    assert response.headers["location"].endswith("?added=1&support=1")
    page = client.get(response.headers["location"]).text
    assert "support-card" in page


def test_crisis_words_in_a_review_bring_the_help_card(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    data = {"worked": "Not much.", "smaller": CRISIS}
    response = client.post("/habits/reviews/new", data=data, follow_redirects=False)
    location = response.headers["location"]
    assert location.endswith("?saved=1&support=1")
    # The card stays with the review each time it is read, not only after saving.
    assert "support-card" in client.get(location.split("?")[0]).text


# -- someone else's records ------------------------------------------------------------------


def test_another_owners_habit_and_review_are_not_found(
    unlocked_client: Client, people: People
) -> None:
    client, state = unlocked_client
    with state.session() as session:
        theirs = habits.add_habit(
            session, people.stranger, habits.HabitInput("Their walk"), now=START
        ).id
        review = habits.add_review(session, people.stranger, "Theirs.", "", now=START).id
    for path in (f"/habits/{theirs}", f"/habits/{theirs}/edit", f"/habits/{theirs}/delete"):
        assert client.get(path).status_code == 404, path
    for path in (f"/habits/reviews/{review}", f"/habits/reviews/{review}/edit"):
        assert client.get(path).status_code == 404, path
    marked = client.post(f"/habits/{theirs}/days", data={"day": TODAY.isoformat(), "done": "yes"})
    assert marked.status_code == 404
    assert client.post(f"/habits/{theirs}/delete").status_code == 404
    assert client.post(f"/habits/reviews/{review}/delete").status_code == 404
    assert "Their walk" not in client.get("/habits").text
    with state.session() as session:
        assert habits.days_done(session, people.stranger, theirs) == set()
        assert habits.get_habit(session, people.stranger, theirs).name == "Their walk"


def test_a_habit_form_sent_twice_saves_once(unlocked_client: Client) -> None:
    client, state = unlocked_client
    token = re.search(r'name="form_token" value="([^"]+)"', client.get("/habits/new").text)
    assert token is not None
    data = {"name": "A short walk", "often": "daily", "form_token": token.group(1)}
    first = client.post("/habits/new", data=data, follow_redirects=False)
    again = client.post("/habits/new", data=data, follow_redirects=False)
    habit_id = first.headers["location"].split("?")[0].rsplit("/", 1)[1]
    assert again.headers["location"].startswith(f"/habits/{habit_id}")
    assert "already=1" in again.headers["location"]
    with state.session() as session:
        assert habits.count_habits(session, PERSONAL_OWNER) == 1


def test_search_finds_habits_and_reviews(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    habit_id = _add(client, "Heron watching")
    client.post("/habits/reviews/new", data={"worked": "The heron came back.", "smaller": ""})
    page = client.get("/search?q=heron").text
    assert f'href="/habits/{habit_id}"' in page
    assert 'href="/habits/reviews/1"' in page
    assert "Small steps and habits" in page
