"""The safety plan's "people I can ask for help" offers the support people to pick, instead of
typing them again; typed entries keep working, and without support people nothing changes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from anchored.features import FEATURES
from anchored.features.people import service as people
from anchored.features.people.service import Details
from anchored.features.safety_plan import service as safety_plan
from anchored.web.app import create_app
from anchored.web.state import AppState
from tests.support import BASE_URL, NOW, PEOPLE, PORT, launch, onboard

Client = tuple[TestClient, AppState]


def _add(state: AppState, name: str, phone: str = "", owner: int = 1) -> int:
    who = PEOPLE.me if owner == 1 else PEOPLE.stranger
    with state.session() as session:
        return people.add_person(session, who, Details(name, phone=phone), now=NOW).id


def _save(client: TestClient, picked: list[int], typed: str = "") -> None:
    data = {"help_people": typed, "people_offered": "yes", "help_person": [str(i) for i in picked]}
    response = client.post("/safety-plan/edit", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text


def test_the_edit_form_offers_the_support_people_to_tick(unlocked_client: Client) -> None:
    client, state = unlocked_client
    sam, maya = _add(state, "Sam"), _add(state, "Maya")
    form = client.get("/safety-plan/edit").text
    assert "From your support people" in form
    assert f'name="help_person" value="{sam}"> Sam' in form
    assert f'name="help_person" value="{maya}"> Maya' in form
    assert 'id="help_people"' in form  # typing stays possible


def test_picked_people_show_with_their_current_number_beside_typed_ones(
    unlocked_client: Client,
) -> None:
    client, state = unlocked_client
    sam, _maya = _add(state, "Sam", "07700 900123"), _add(state, "Maya")
    _save(client, [sam], typed="Aunt Lou, 01632 960000")
    page = client.get("/safety-plan").text
    assert 'href="tel:07700900123">Call 07700 900123</a>' in page
    assert "Aunt Lou, 01632 960000" in page
    assert "Maya" not in page
    with state.session() as session:
        people.update_person(session, PEOPLE.me, sam, Details("Sam", phone="07700 900999"), now=NOW)
    assert "Call 07700 900999" in client.get("/safety-plan").text
    assert "Call 07700 900999" in client.get("/safety-plan/print").text
    assert re.search(rf'value="{sam}" checked', client.get("/safety-plan/edit").text)


def test_someone_elses_person_cannot_be_picked(unlocked_client: Client) -> None:
    client, state = unlocked_client
    theirs = _add(state, "Theirs", "07700 900777", owner=3)
    _save(client, [theirs])
    with state.session() as session:
        assert safety_plan.picked_people(safety_plan.get_plan(session, PEOPLE.me)) == []
    assert "900777" not in client.get("/safety-plan").text


def test_a_deleted_person_simply_leaves_the_plan(unlocked_client: Client) -> None:
    client, state = unlocked_client
    sam = _add(state, "Sam", "07700 900123")
    _save(client, [sam])
    client.post(f"/people/{sam}/delete")
    page = client.get("/safety-plan").text
    assert "Sam" not in page
    assert page.count("Nothing here yet.") >= 1


def test_no_support_people_yet_says_where_to_add_them(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    form = client.get("/safety-plan/edit").text
    assert "No support people yet" in form
    assert 'href="/people/new"' in form


def test_a_form_without_the_picker_keeps_the_picks(unlocked_client: Client) -> None:
    client, state = unlocked_client
    sam = _add(state, "Sam")
    _save(client, [sam])
    client.post("/safety-plan/edit", data={"help_people": "Typed only"})
    with state.session() as session:
        assert safety_plan.picked_people(safety_plan.get_plan(session, PEOPLE.me)) == [sam]


@pytest.fixture
def without_people(state: AppState) -> Iterator[Client]:
    # The programme's step 12 still needs the people tools; only the offers are gone.
    features = tuple(replace(f, offers=()) if f.name == "people" else f for f in FEATURES)
    app = create_app(state.settings, PORT, state=state, features=features)
    with TestClient(app, base_url=BASE_URL) as client:
        launch(client, state)
        onboard(client)
        yield client, state


def test_without_support_people_the_plan_is_typed_as_before(without_people: Client) -> None:
    client, _state = without_people
    form = client.get("/safety-plan/edit").text
    assert "From your support people" not in form
    data = {"help_people": "Sam, 07700 900123", "help_person": ["1"], "people_offered": "yes"}
    assert client.post("/safety-plan/edit", data=data, follow_redirects=False).status_code == 303
    assert "Sam, 07700 900123" in client.get("/safety-plan").text
