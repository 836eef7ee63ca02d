"""The kit's page and home panel, and where it is offered: the end of a pause, a saved
trigger-log entry, the help card (only while unlocked) and Help now."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from anchored.features import FEATURES
from anchored.features.people import service as people
from anchored.features.people.service import Details
from anchored.web.app import create_app
from anchored.web.state import AppState
from tests.features.secure_base.fakes import JOY, JOYS, WINS
from tests.support import BASE_URL, NOW, PEOPLE, PORT, FakeClock, launch, onboard

Client = tuple[TestClient, AppState]
CRISIS = "I want to end my life tonight."


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW.timestamp())


def _add(state: AppState, name: str, phone: str = "07700 900123") -> int:
    with state.session() as session:
        return people.add_person(session, PEOPLE.me, Details(name, phone=phone), now=NOW).id


def _kit_people(page: str) -> list[str]:
    return re.findall(r'<p class="kit-text">([^<]+)</p>', page)


def test_an_empty_kit_says_what_to_add_with_a_link(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/secure-base")
    assert page.status_code == 200
    assert "<h1>Your secure base</h1>" in page.text
    assert "Nothing here yet." in page.text
    assert '<a href="/people">Add to Support people</a>' in page.text
    assert "/secure-base?another=" not in page.text


def test_the_kit_shows_a_support_person_with_call_and_text_links(unlocked_client: Client) -> None:
    client, state = unlocked_client
    person_id = _add(state, "Sam")
    page = client.get("/secure-base").text
    assert "Someone in your corner" in page
    assert _kit_people(page) == ["Sam"]
    assert 'href="tel:07700900123"' in page
    assert 'href="sms:07700900123"' in page
    assert f'<a href="/people/{person_id}">Open it in Support people</a>' in page
    assert 'href="/secure-base?another=1"' in page


def test_the_same_person_all_day_and_show_me_another_picks_again(
    unlocked_client: Client, clock: FakeClock
) -> None:
    client, state = unlocked_client
    for name in ("Sam", "Maya", "Jo", "Ali", "Kim", "Lee"):
        _add(state, name)
    today = _kit_people(client.get("/secure-base").text)
    clock.advance(minutes=10)  # (less than the idle lock)
    assert _kit_people(client.get("/secure-base").text) == today
    others = {tuple(_kit_people(client.get(f"/secure-base?another={n}").text)) for n in range(1, 9)}
    assert len(others | {tuple(today)}) > 1
    again = client.get("/secure-base?another=3").text
    assert 'href="/secure-base?another=4"' in again
    assert "Back to today" in again
    assert client.get("/secure-base?another=junk").status_code == 200


def test_home_shows_one_kit_item_or_what_to_add(unlocked_client: Client) -> None:
    client, state = unlocked_client
    home = client.get("/").text
    assert "From your secure base" in home
    # Nothing in the kit yet: home suggests what to add first, from the first part's shelf.
    first = next(f for f in FEATURES if f.kit).shelf[0]
    assert f'<a href="{first.path}">{first.label}</a>' in home
    _add(state, "Sam")
    home = client.get("/").text
    assert "Someone in your corner" in home
    assert 'href="tel:07700900123"' in home
    assert 'href="/secure-base"' in home


def test_the_kit_is_on_the_tools_page_and_behind_the_lock(locked_client: Client) -> None:
    client, _state = locked_client
    response = client.get("/secure-base", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/unlock")


# -- with the other parts of the kit (stand-ins for features still being built) ---------------


@pytest.fixture
def with_more_parts(state: AppState) -> Iterator[Client]:
    # The real joy list and wins, with stand-in kit hooks: three joys, and no win yet.
    stand_ins = {JOY.name: JOY.kit, WINS.name: WINS.kit}
    features = tuple(
        replace(f, kit=stand_ins[f.name]) if f.name in stand_ins else f for f in FEATURES
    )
    app = create_app(state.settings, PORT, state=state, features=features)
    with TestClient(app, base_url=BASE_URL) as client:
        launch(client, state)
        onboard(client)
        yield client, state


def test_every_part_shows_its_item_or_a_gentle_line(with_more_parts: Client) -> None:
    client, state = with_more_parts
    _add(state, "Sam")
    page = client.get("/secure-base").text
    texts = _kit_people(page)
    assert texts[0] in JOYS  # the kit reads joy, memory, kind phrase, win, person
    assert texts[1] == "Sam"
    wins = next(f for f in FEATURES if f.name == WINS.name)
    add = sorted(wins.shelf, key=lambda e: (e.group != "Your secure base", e.order))[0]
    assert f'<h2 id="kit-wins">{wins.title}</h2>' in page
    assert f'<a href="{add.path}">Add to {add.label}</a>' in page
    assert add.text in page


# -- where the kit is offered ------------------------------------------------------------------


def _finish_a_pause(client: TestClient) -> str:
    started = client.post("/pause/start", follow_redirects=False)
    address = started.headers["location"]
    client.post(f"{address}/end")
    finished = client.post(
        f"{address}/finish", data={"decision": "not_sent"}, follow_redirects=False
    )
    assert finished.status_code == 303, finished.text
    return str(finished.headers["location"])


def test_the_end_of_a_pause_offers_the_kit(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    location = _finish_a_pause(client)
    assert "finished=1" in location
    page = client.get(location).text
    assert "Lean on your secure base" in page
    assert '<a class="button button-primary" href="/secure-base">' in page
    # Looking back at the pause later: the summary without the offer.
    assert "Lean on your secure base" not in client.get(location.split("?")[0]).text


def test_a_saved_trigger_log_entry_offers_the_kit(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    saved = client.post("/trigger-log/new", data={"trigger": "No reply since noon."})
    assert saved.status_code == 200
    assert '<a href="/secure-base">your secure-base kit</a>' in saved.text
    entry = saved.url.path
    assert "secure-base kit" not in client.get(entry).text


def test_the_help_card_links_the_kit_while_unlocked(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.post("/journal/new", data={"body": CRISIS}).text
    card = page[page.index("Before anything else") : page.index("Nobody has been alerted")]
    assert '<a href="/secure-base">Your secure-base kit</a>' in card
    assert '<a href="/safety-plan">Open my safety plan</a>' in card
    assert "Your secure-base kit" in client.get("/help").text


def test_the_help_card_while_locked_leaves_the_kit_out(locked_client: Client) -> None:
    client, _state = locked_client
    begun = client.post("/pause/unsaved", follow_redirects=False).headers["location"]
    page = client.get(begun).text
    fields = dict(re.findall(r'<input type="hidden" name="(started|ends)" value="([^"]*)"', page))
    page = client.post("/pause/unsaved/update", data={**fields, "held_message": CRISIS}).text
    assert "Before anything else" in page
    assert "/secure-base" not in page
    assert "Open my safety plan" in page
    assert "Your secure-base kit" not in client.get("/help").text


def test_without_the_kit_nothing_points_to_it(state: AppState) -> None:
    features = tuple(f for f in FEATURES if f.name != "secure_base")
    app = create_app(state.settings, PORT, state=state, features=features)
    with TestClient(app, base_url=BASE_URL) as client:
        launch(client, state)
        onboard(client)
        assert "/secure-base" not in client.get(_finish_a_pause(client)).text
        saved = client.post("/trigger-log/new", data={"trigger": "No reply."})
        assert "/secure-base" not in saved.text
        assert "From your secure base" not in client.get("/").text
        assert client.get("/secure-base").status_code == 404


def test_people_without_its_offers_still_leaves_the_kit_working(state: AppState) -> None:
    features = tuple(replace(f, kit=None) if f.name == "people" else f for f in FEATURES)
    app = create_app(state.settings, PORT, state=state, features=features)
    with TestClient(app, base_url=BASE_URL) as client:
        launch(client, state)
        onboard(client)
        page = client.get("/secure-base").text
        assert "Your kit fills up" in page
