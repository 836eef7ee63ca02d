"""Life-story pages: the timeline shows titles only; add, read (the note), edit, delete;
"that's enough for today" after three, set aside for the day; "stop and get support" only
when the secure-base kit offers its address, Help now always; another person's event; the
help card."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from anchored.features import FEATURES
from anchored.features.life_story import service as life_story
from anchored.features.life_story.service import EventText
from anchored.manifest import Feature
from anchored.web.app import create_app
from anchored.web.state import AppState
from tests.support import BASE_URL, NOW, PEOPLE, PORT, launch, onboard

Client = tuple[TestClient, AppState]
CRISIS = "I can't go on like this. I want to end my life."
OFFER = "secure_base.href"
ENOUGH = "enough for today"


def kit_href() -> str:
    """Stands in for the secure-base kit's offer."""
    return "/kit-stand-in"


def _features(with_kit: bool) -> tuple[Feature, ...]:
    without = tuple(
        replace(f, offers=tuple(o for o in f.offers if o[0] != OFFER)) for f in FEATURES
    )
    stub = Feature(name="kit_stub", title="Kit", offers=((OFFER, f"{__name__}:kit_href"),))
    return (*without, stub) if with_kit else without


def _client(state: AppState, with_kit: bool) -> Iterator[Client]:
    app = create_app(state.settings, PORT, state=state, features=_features(with_kit))
    with TestClient(app, base_url=BASE_URL) as client:
        launch(client, state)
        onboard(client)
        yield client, state


@pytest.fixture
def with_kit(state: AppState) -> Iterator[Client]:
    yield from _client(state, True)


@pytest.fixture
def without_kit(state: AppState) -> Iterator[Client]:
    yield from _client(state, False)


def _save(client: TestClient, **fields: str) -> int:
    response = client.post("/life-story/new", data=fields, follow_redirects=False)
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/life-story/(\d+)\?saved=1", response.headers["location"])
    assert match is not None
    return int(match.group(1))


def test_the_timeline_shows_titles_in_order_and_never_the_notes(without_kit: Client) -> None:
    client, _state = without_kit
    empty = client.get("/life-story").text
    assert "Nothing here yet." in empty
    assert "For example:" in empty
    first = _save(client, title="A new school", year="1960")
    second = _save(client, title="Dad moved out", age="7", year="1957", note="The blue car left.")
    page = client.get("/life-story").text
    assert re.findall(r'<a href="/life-story/(\d+)">', page) == [str(second), str(first)]
    assert "Age 7" not in page
    assert "1957, age 7" in page
    assert "The blue car" not in page
    assert "The blue car left." in client.get(f"/life-story/{second}").text


def test_support_links_without_and_with_the_kit(without_kit: Client) -> None:
    client, _state = without_kit
    for path in ("/life-story", "/life-story/new"):
        page = client.get(path).text
        assert "Stop and get support" not in page
        assert 'class="button button-help" href="/help">Help now</a>' in page


def test_the_kit_is_one_tap_away_when_it_exists(with_kit: Client) -> None:
    client, _state = with_kit
    event_id = _save(client, title="A move", age="5")
    for path in ("/life-story", "/life-story/new", f"/life-story/{event_id}"):
        assert '<a class="button" href="/kit-stand-in">Stop and get support</a>' in (
            client.get(path).text
        ), path


def test_after_three_today_the_form_rests_until_set_aside(without_kit: Client) -> None:
    client, _state = without_kit
    for n in range(2):
        _save(client, title=f"Event {n}", age=str(n + 3))
    assert ENOUGH not in client.get("/life-story").text
    third = _save(client, title="Event 3", age="9")
    assert ENOUGH in client.get(f"/life-story/{third}?saved=1").text
    assert ENOUGH in client.get("/life-story").text
    form = client.get("/life-story/new").text
    assert ENOUGH in form
    assert 'name="title"' not in form  # the form waits
    assert 'name="title"' in client.get(f"/life-story/{third}/edit").text  # edits do not
    response = client.post("/life-story/go-on", follow_redirects=False)
    assert response.headers["location"] == "/life-story/new"
    form = client.get("/life-story/new").text
    assert ENOUGH not in form
    assert 'name="title"' in form
    _save(client, title="Event 4", age="10")
    assert ENOUGH not in client.get("/life-story").text


def test_what_cannot_be_placed_is_explained_and_kept(without_kit: Client) -> None:
    client, _state = without_kit
    response = client.post("/life-story/new", data={"title": "A move", "note": "Boxes."})
    assert response.status_code == 422
    assert 'id="age-error">Give an age or a year' in response.text
    assert 'value="A move"' in response.text
    assert ">Boxes.</textarea>" in response.text


def test_edit_then_delete_after_asking(without_kit: Client) -> None:
    client, _state = without_kit
    event_id = _save(client, title="A move", age="5")
    edit = client.get(f"/life-story/{event_id}/edit").text
    assert 'value="A move"' in edit
    assert 'name="age" min="0" max="120"' in edit
    response = client.post(
        f"/life-story/{event_id}/edit",
        data={"title": "A move north", "year": "1960"},
        follow_redirects=False,
    )
    assert response.headers["location"] == f"/life-story/{event_id}?saved=1"
    assert "A move north" in client.get("/life-story").text
    assert "Delete this event?" in client.get(f"/life-story/{event_id}/delete").text
    response = client.post(f"/life-story/{event_id}/delete", follow_redirects=False)
    assert response.headers["location"] == "/life-story?deleted=1"
    assert client.get(f"/life-story/{event_id}").status_code == 404


def test_another_persons_event_is_a_404(unlocked_client: Client) -> None:
    client, state = unlocked_client
    with state.session() as session:
        theirs = life_story.add_event(
            session, PEOPLE.stranger, EventText("Theirs", age="3"), now=NOW
        ).id
    for method, path in [
        ("GET", f"/life-story/{theirs}"),
        ("GET", f"/life-story/{theirs}/edit"),
        ("POST", f"/life-story/{theirs}/edit"),
        ("GET", f"/life-story/{theirs}/delete"),
        ("POST", f"/life-story/{theirs}/delete"),
    ]:
        response = client.request(method, path, data={"title": "x", "age": "1"})
        assert response.status_code == 404, (method, path)
    assert "Theirs" not in client.get("/life-story").text


def test_crisis_words_put_the_card_first(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post(
        "/life-story/new",
        data={"title": "Leaving", "age": "16", "note": CRISIS},
        follow_redirects=False,
    )
    location = response.headers["location"]
    assert re.fullmatch(r"/life-story/\d+\?saved=1&support=1", location)
    page = client.get(location.split("?")[0]).text
    assert page.index("Before anything else") < page.index("<h1>Leaving</h1>")
