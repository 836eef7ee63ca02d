"""Journal pages: write, list, read, edit, delete; what a person sees when input is wrong."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from anchored.content.programme import load_programme
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.journal import service as journal
from anchored.features.journal.prompts import Prompt, load_prompts
from anchored.web.state import AppState
from tests.support import NOW, FakeClock, write_entry

Client = tuple[TestClient, AppState]
FUTURE = "That time hasn't come yet. Choose a time up to now, or leave the box empty for now."


@pytest.fixture
def clock() -> FakeClock:
    """The app's clock at the tests' usual moment, so the dates written here are past."""
    return FakeClock(NOW.timestamp())


@pytest.fixture
def utc_plus_12() -> Iterator[None]:
    """Run the 'server' in a time zone far from UTC, so local and UTC times differ."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "NZST-12")  # POSIX form: needs no time zone database
        time.tzset()
        yield
    time.tzset()


def _entry_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<a href="/journal/(\d+)">', page)]


# -- the happy path --------------------------------------------------------------------------


def test_write_then_read(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    form = client.get("/journal/new")
    assert form.status_code == 200
    assert '<form method="post" action="/journal/new"' in form.text

    entry_id = write_entry(client, "I noticed the fear and waited.", title="A pause")
    page = client.get(f"/journal/{entry_id}?saved=1")

    assert page.status_code == 200
    assert "Saved." in page.text
    assert "<h1>A pause</h1>" in page.text
    assert "I noticed the fear and waited." in page.text


def test_list_shows_entries_newest_first(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    first = write_entry(client, "first")
    second = write_entry(client, "second", title="Second one")
    page = client.get("/journal").text
    assert _entry_ids(page) == [second, first]
    assert "Second one" in page


def test_empty_journal_says_so(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    assert "Your journal is empty." in client.get("/journal").text


def test_edit_changes_the_entry(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    entry_id = write_entry(client, "before", title="Old title")

    form = client.get(f"/journal/{entry_id}/edit")
    assert form.status_code == 200
    assert 'value="Old title"' in form.text
    assert ">before</textarea>" in form.text

    response = client.post(
        f"/journal/{entry_id}/edit",
        data={"body": "after", "title": "New title", "when": ""},
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = client.get(response.headers["location"]).text
    assert "New title" in page
    assert "after" in page
    assert "Old title" not in page


def test_delete_asks_first_then_deletes(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    entry_id = write_entry(client, "let this go", title="To delete")

    confirm = client.get(f"/journal/{entry_id}/delete")
    assert confirm.status_code == 200
    assert "Delete this entry?" in confirm.text
    assert "To delete" in confirm.text
    assert client.get(f"/journal/{entry_id}").status_code == 200  # asking changed nothing

    response = client.post(f"/journal/{entry_id}/delete", follow_redirects=False)
    assert response.status_code == 303
    listing = client.get(response.headers["location"])
    assert "The entry was deleted." in listing.text
    assert "To delete" not in listing.text
    assert client.get(f"/journal/{entry_id}").status_code == 404


@pytest.mark.usefixtures("utc_plus_12")
def test_backdated_entry_shows_that_local_date(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    entry_id = write_entry(client, "an earlier moment", when="2026-01-02T09:30")

    page = client.get(f"/journal/{entry_id}").text
    assert "Fri 2 Jan 2026, 09:30" in page
    assert 'datetime="2026-01-02T09:30+12:00"' in page
    assert 'value="2026-01-02T09:30"' in client.get(f"/journal/{entry_id}/edit").text
    assert "Fri 2 Jan 2026, 09:30" in client.get("/journal").text


@pytest.mark.usefixtures("utc_plus_12")
def test_new_entry_time_is_local(unlocked_client: Client) -> None:
    """An entry is dated by the app's clock, shown in the person's own time zone."""
    client, state = unlocked_client
    entry_id = write_entry(client, "right now")

    page = client.get(f"/journal/{entry_id}").text
    assert state.now().astimezone().strftime("%a %-d %b %Y, %H:%M") in page
    assert "+12:00" in page


def test_more_than_a_page_has_older_entries(unlocked_client: Client) -> None:
    client, state = unlocked_client
    start = datetime(2026, 3, 1, 8, 0).astimezone()
    with state.session() as session:
        for day in range(21):
            journal.add_entry(
                session, PERSONAL_OWNER, f"day {day}", when=start + timedelta(day), now=NOW
            )

    first = client.get("/journal").text
    assert len(_entry_ids(first)) == 20
    assert 'href="/journal?page=2" rel="next">Older entries' in first
    assert "Newer entries" not in first
    assert "day 20" in first
    assert "day 0<" not in first

    second = client.get("/journal?page=2").text
    assert len(_entry_ids(second)) == 1
    assert "day 0" in second
    assert "Older entries" not in second
    assert 'href="/journal?page=1" rel="prev">Newer entries' in second


def test_page_past_the_end_shows_the_last_page(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    write_entry(client, "only one")
    response = client.get("/journal?page=5", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/journal"
    assert "only one" in client.get("/journal?page=5").text


def test_absurd_page_number_is_calm(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.get("/journal?page=99999999999999999999")
    assert response.status_code == 200
    assert "Your journal is empty." in response.text


# -- input a person can fix: nothing typed is lost -------------------------------------------


def test_empty_body_is_explained_and_title_kept(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post("/journal/new", data={"body": "   ", "title": "Tuesday", "when": ""})

    assert response.status_code == 422
    assert "Write something first" in response.text
    assert 'id="body-error"' in response.text
    assert 'value="Tuesday"' in response.text
    assert "Your journal is empty." in client.get("/journal").text


def test_over_long_body_is_explained_and_kept(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    body = "w" * 50_001
    response = client.post("/journal/new", data={"body": body, "title": "Long"})

    assert response.status_code == 422
    error = re.search(r'id="body-error">([^<]*)<', response.text)
    assert error is not None
    assert "50,000" in error.group(1)
    assert f">{body}</textarea>" in response.text
    assert "Your journal is empty." in client.get("/journal").text


def test_body_at_the_limit_is_saved(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    entry_id = write_entry(client, "w" * 50_000)
    assert "w" * 50_000 in client.get(f"/journal/{entry_id}").text


@pytest.mark.parametrize("when", ["yesterday-ish", "2026-13-01T10:00", "0001-01-01T00:00"])
def test_unusable_date_is_explained_and_text_kept(unlocked_client: Client, when: str) -> None:
    client, _state = unlocked_client
    response = client.post(
        "/journal/new", data={"body": "what I typed", "title": "Mine", "when": when}
    )

    assert response.status_code == 422
    assert 'id="when-error"' in response.text
    assert ">what I typed</textarea>" in response.text
    assert 'value="Mine"' in response.text
    assert "Your journal is empty." in client.get("/journal").text


@pytest.mark.parametrize("when", ["2030-01-01T10:00", "2026-12-02T09:30"])
def test_a_date_still_to_come_is_explained_and_text_kept(
    unlocked_client: Client, when: str
) -> None:
    client, _state = unlocked_client
    response = client.post(
        "/journal/new", data={"body": "what I typed", "title": "Mine", "when": when}
    )

    assert response.status_code == 422
    message = re.search(r'id="when-error">([^<]*)<', response.text)
    assert message is not None
    assert message.group(1) == escape(FUTURE)
    assert ">what I typed</textarea>" in response.text
    assert f'value="{when}"' in response.text
    assert "Your journal is empty." in client.get("/journal").text


def test_now_by_the_clock_of_the_device_is_fine(unlocked_client: Client) -> None:
    """A few minutes between the person's clock and the app's is not 'in the future'."""
    client, state = unlocked_client
    soon = (state.now() + timedelta(minutes=3)).astimezone().strftime("%Y-%m-%dT%H:%M")
    entry_id = write_entry(client, "just now", when=soon)
    assert "just now" in client.get(f"/journal/{entry_id}").text


def test_an_entry_cannot_be_moved_into_the_future(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    entry_id = write_entry(client, "original words")
    response = client.post(
        f"/journal/{entry_id}/edit", data={"body": "new words", "when": "2030-01-01T10:00"}
    )
    assert response.status_code == 422
    assert escape(FUTURE) in response.text
    assert "original words" in client.get(f"/journal/{entry_id}").text


def test_invalid_edit_keeps_the_typing_and_the_old_entry(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    entry_id = write_entry(client, "original words")

    response = client.post(
        f"/journal/{entry_id}/edit", data={"body": "new words", "when": "someday"}
    )

    assert response.status_code == 422
    assert ">new words</textarea>" in response.text
    assert f'action="/journal/{entry_id}/edit"' in response.text
    assert "original words" in client.get(f"/journal/{entry_id}").text


# -- entries that are not there --------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/journal/4242"),
        ("GET", "/journal/4242/edit"),
        ("GET", "/journal/4242/delete"),
        ("POST", "/journal/4242/delete"),
        ("POST", "/journal/4242/edit"),
    ],
)
def test_unknown_entry_is_a_calm_404(unlocked_client: Client, method: str, path: str) -> None:
    client, _state = unlocked_client
    response = client.request(method, path, data={"body": "text"})
    assert response.status_code == 404
    assert "We couldn't find that page" in response.text


def test_enormous_entry_id_is_a_calm_404(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.get("/journal/99999999999999999999999")
    assert response.status_code == 404
    assert "We couldn't find that page" in response.text


# -- guided prompts ----------------------------------------------------------------------------


def _todays_prompt(state: AppState) -> Prompt:
    return load_prompts().of_the_day(state.now().astimezone().date())


def test_journal_offers_the_prompt_of_the_day(
    unlocked_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, state = unlocked_client
    today = _todays_prompt(state)
    page = client.get("/journal").text
    assert "Prompt of the day" in page
    assert f"<h3>{today.title}</h3>" in page
    assert f'href="/journal/new?prompt={today.id}">Write about this</a>' in page
    assert f'<a href="/programme/{today.step}">Step {today.step}: ' in page
    assert 'href="/journal/prompts">Browse prompts</a>' in page

    monkeypatch.setattr(state, "lock_if_idle", lambda: False)  # a day passes, still open
    state.clock.advance(minutes=24 * 60)  # type: ignore[attr-defined]
    tomorrow = _todays_prompt(state)
    assert tomorrow != today
    assert f'href="/journal/new?prompt={tomorrow.id}"' in client.get("/journal").text


def test_write_about_a_prompt_and_see_it_on_the_entry(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    prompt = load_prompts().get("times-you-were-resilient")
    assert prompt is not None
    form = client.get(f"/journal/new?prompt={prompt.id}")
    assert form.status_code == 200
    assert prompt.text in form.text
    assert f'<input type="hidden" name="prompt_id" value="{prompt.id}">' in form.text
    assert f'value="{prompt.title}"' in form.text  # a suggested title, which can be changed

    response = client.post(
        "/journal/new",
        data={"body": "The winter I moved alone.", "title": prompt.title, "prompt_id": prompt.id},
        follow_redirects=False,
    )
    assert response.status_code == 303
    entry = client.get(response.headers["location"]).text
    assert f"Written for the prompt “{prompt.title}”" in entry
    assert '<a href="/programme/3">Step 3: Foster resilience</a>' in entry
    assert prompt.text in entry


def test_editing_an_answer_keeps_its_prompt(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post(
        "/journal/new",
        data={"body": "first go", "prompt_id": "my-calming-kit"},
        follow_redirects=False,
    )
    address = response.headers["location"].split("?")[0]
    form = client.get(f"{address}/edit").text
    assert '<input type="hidden" name="prompt_id" value="my-calming-kit">' in form
    assert "My calming kit" in form

    # Sent by the form (with the hidden field), or by an older page without it: kept either way.
    client.post(f"{address}/edit", data={"body": "second go", "prompt_id": "my-calming-kit"})
    client.post(f"{address}/edit", data={"body": "third go"})
    entry = client.get(address).text
    assert "third go" in entry
    assert "Written for the prompt “My calming kit”" in entry


def test_an_unknown_prompt_link_opens_the_plain_form_with_a_note(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.get("/journal/new?prompt=no-such-thing<b>")
    assert response.status_code == 200
    assert "We couldn't find that guided prompt" in response.text
    assert 'name="prompt_id"' not in response.text
    assert "no-such-thing" not in response.text
    assert '<form method="post" action="/journal/new"' in response.text


def test_a_plain_entry_shows_no_prompt(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    entry_id = write_entry(client, "just writing")
    assert "Written for the prompt" not in client.get(f"/journal/{entry_id}").text
    assert "We couldn't find" not in client.get("/journal/new").text


def test_saving_with_an_unknown_prompt_keeps_the_text_and_saves_nothing(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    response = client.post(
        "/journal/new", data={"body": "words to keep", "title": "Mine", "prompt_id": "gone-now"}
    )
    assert response.status_code == 422
    assert "We couldn't find that guided prompt" in response.text
    assert ">words to keep</textarea>" in response.text
    assert 'value="Mine"' in response.text
    assert 'name="prompt_id"' not in response.text  # saving again makes it a free entry
    assert "Your journal is empty." in client.get("/journal").text


def test_browse_prompts_by_step(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    prompts = load_prompts()
    page = client.get("/journal/prompts")
    assert page.status_code == 200
    for step in load_programme().steps:
        assert f'<h2 id="step-{step.number}">Step {step.number}: {step.title}</h2>' in page.text
        assert f'<a href="#step-{step.number}">Step {step.number}: {step.title}</a>' in page.text
    for prompt in prompts.prompts:
        assert (
            f'href="/journal/new?prompt={prompt.id}" '
            f'aria-label="Write about this: {escape(prompt.title)}">Write about this</a>'
        ) in page.text
    # Step by step, in order.
    headings = [int(n) for n in re.findall(r'<h2 id="step-(\d+)">', page.text)]
    assert headings == list(range(1, 14))


def test_browse_the_prompts_of_one_step(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/journal/prompts?step=3").text
    assert re.findall(r'<h2 id="step-(\d+)">', page) == ["3"]
    for prompt in load_prompts().for_step(3):
        assert f'href="/journal/new?prompt={prompt.id}"' in page
    assert "tell-your-story" not in page
    assert 'href="/journal/prompts">All steps</a>' in page
    assert 'href="/journal/prompts?step=1">Step 1: ' in page


@pytest.mark.parametrize("step", ["99", "0", "abc", "-1", "3.5", "99999999999999999999"])
def test_an_unknown_step_shows_every_prompt_with_a_note(unlocked_client: Client, step: str) -> None:
    client, _state = unlocked_client
    response = client.get(f"/journal/prompts?step={step}")
    assert response.status_code == 200
    assert "There is no step with that number" in response.text
    assert len(re.findall(r'<h2 id="step-(\d+)">', response.text)) == 13


def test_the_journal_list_has_a_search_box(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/journal").text
    assert '<form method="get" action="/search" role="search"' in page
    assert '<label for="q">Search your writing</label>' in page
    assert 'type="search" id="q" name="q"' in page


def test_an_entry_that_calls_for_help_keeps_the_card_each_time_it_is_read(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    saved = client.post(
        "/journal/new",
        data={"body": "I can't go on like this. I want to end my life."},
        follow_redirects=False,
    )
    match = re.fullmatch(r"/journal/(\d+)\?saved=1&support=1", saved.headers["location"])
    assert match is not None
    flagged = int(match.group(1))
    everyday = write_entry(client, "A slow Sunday. We walked to the river.")
    page = client.get(f"/journal/{flagged}").text
    assert "Before anything else" in page
    assert page.index("Before anything else") < page.index("I want to end my life")
    assert "Before anything else" not in client.get(f"/journal/{everyday}").text
