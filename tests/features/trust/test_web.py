"""Trust log pages: note a moment (typed name, or a support person when the people feature
offers them), the 90-day counts, read, edit, delete; wrong input; another person's moment;
the help card."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.features import FEATURES
from anchored.features.trust import service as trust
from anchored.features.trust.service import MomentText
from anchored.manifest import Feature
from anchored.web.app import create_app
from anchored.web.state import AppState
from tests.support import BASE_URL, NOW, PEOPLE, PORT, launch, onboard

Client = tuple[TestClient, AppState]
CRISIS = "I can't go on like this. I want to end my life."
OFFER = "people.choices"


def choices(_session: Session, _owner: Owner) -> list[tuple[int, str]]:
    """Stands in for the people feature's offer."""
    return [(3, "Maya"), (5, "Grandma")]


def _save(client: TestClient, **fields: str) -> int:
    response = client.post("/trust/new", data=fields, follow_redirects=False)
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/trust/(\d+)\?saved=1", response.headers["location"])
    assert match is not None
    return int(match.group(1))


def _error(page: str, field: str) -> str:
    match = re.search(rf'id="{field}-error">([^<]*)<', page)
    assert match is not None, f"no message next to {field}"
    return match.group(1)


def _features(with_people: bool) -> tuple[Feature, ...]:
    """Every feature, with the people offer replaced by the stand-in (or taken away)."""
    without = tuple(
        replace(f, offers=tuple(o for o in f.offers if o[0] != OFFER)) for f in FEATURES
    )
    stub = Feature(name="people_stub", title="People", offers=((OFFER, f"{__name__}:choices"),))
    return (*without, stub) if with_people else without


def _client(state: AppState, with_people: bool) -> Iterator[Client]:
    app = create_app(state.settings, PORT, state=state, features=_features(with_people))
    with TestClient(app, base_url=BASE_URL) as client:
        launch(client, state)
        onboard(client)
        yield client, state


@pytest.fixture
def with_people(state: AppState) -> Iterator[Client]:
    yield from _client(state, True)


@pytest.fixture
def without_people(state: AppState) -> Iterator[Client]:
    yield from _client(state, False)


def test_without_people_the_name_is_typed(without_people: Client) -> None:
    client, _state = without_people
    empty = client.get("/trust").text
    assert "Nothing here yet." in empty
    assert "For example:" in empty
    form = client.get("/trust/new").text
    assert '<label for="person_name">Who?</label>' in form
    assert 'name="person_id"' not in form
    assert "<legend>Did they do it?</legend>" in form
    moment_id = _save(client, person_name="Sam", said="Call at eight", kept="yes")
    page = client.get(f"/trust/{moment_id}?saved=1").text
    assert 'role="status">Saved.' in page
    assert "They did it" in page


def test_a_support_person_is_offered_and_kept(with_people: Client) -> None:
    client, state = with_people
    form = client.get("/trust/new").text
    assert '<option value="5">Grandma</option>' in form
    assert '<label for="person_name">Or type a name' in form
    earlier = (trust.today(state.now()) - timedelta(days=3)).isoformat()
    moment_id = _save(client, person_id="5", said="Pick me up", kept="no", day=earlier)
    assert "<h1>Grandma</h1>" in client.get(f"/trust/{moment_id}").text
    edit = client.get(f"/trust/{moment_id}/edit").text
    assert '<option value="5" selected>Grandma</option>' in edit
    assert 'id="kept-no" name="kept" value="no" checked' in edit


def test_the_list_counts_kept_and_missed_per_person(without_people: Client) -> None:
    client, state = without_people
    today = trust.today(state.now()).isoformat()
    _save(client, person_name="Sam", said="Call", kept="yes", day=today)
    _save(client, person_name="sam", said="Text back", kept="no", day=today)
    _save(client, person_name="Jo", said="Lunch", kept="yes", day=today)
    page = client.get("/trust").text
    assert "The last 90 days" in page
    rows = re.findall(r'<th scope="row">(\w+)</th><td>(\d+)</td><td>(\d+)</td>', page)
    assert rows == [("Jo", "1", "0"), ("sam", "1", "1")]
    assert "%" not in page  # counts, never a score


def test_what_is_missing_is_explained_and_kept(without_people: Client) -> None:
    client, _state = without_people
    response = client.post(
        "/trust/new", data={"person_name": "", "said": "Call at eight", "day": "2999-01-01"}
    )
    assert response.status_code == 422
    assert "Say who it was" in _error(response.text, "person_name")
    assert "Choose whether they did it." in _error(response.text, "kept")
    assert "come yet" in _error(response.text, "day")
    assert ">Call at eight</textarea>" in response.text


def test_edit_then_delete_after_asking(without_people: Client) -> None:
    client, _state = without_people
    moment_id = _save(client, person_name="Sam", said="Call", kept="yes")
    response = client.post(
        f"/trust/{moment_id}/edit",
        data={"person_name": "Sam", "said": "Call at eight", "kept": "no", "note": "Busy."},
        follow_redirects=False,
    )
    assert response.headers["location"] == f"/trust/{moment_id}?saved=1"
    page = client.get(f"/trust/{moment_id}").text
    assert "They didn&#39;t, this time" in page or "They didn't, this time" in page
    assert "Busy." in page
    assert "Delete this moment?" in client.get(f"/trust/{moment_id}/delete").text
    response = client.post(f"/trust/{moment_id}/delete", follow_redirects=False)
    assert response.headers["location"] == "/trust?deleted=1"
    assert client.get(f"/trust/{moment_id}").status_code == 404


def test_another_persons_moment_is_a_404(unlocked_client: Client) -> None:
    client, state = unlocked_client
    with state.session() as session:
        theirs = trust.add_moment(
            session, PEOPLE.stranger, MomentText("x", "yes", "Sam"), now=NOW
        ).id
    for method, path in [
        ("GET", f"/trust/{theirs}"),
        ("GET", f"/trust/{theirs}/edit"),
        ("POST", f"/trust/{theirs}/edit"),
        ("GET", f"/trust/{theirs}/delete"),
        ("POST", f"/trust/{theirs}/delete"),
    ]:
        response = client.request(method, path, data={"said": "x"})
        assert response.status_code == 404, (method, path)


def test_crisis_words_put_the_card_first(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post(
        "/trust/new",
        data={"person_name": "Sam", "said": "Call", "kept": "no", "note": CRISIS},
        follow_redirects=False,
    )
    location = response.headers["location"]
    assert re.fullmatch(r"/trust/\d+\?saved=1&support=1", location)
    page = client.get(location.split("?")[0]).text
    assert page.index("Before anything else") < page.index("What you noticed")
