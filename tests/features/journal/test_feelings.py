"""Feeling suggestions under a journal entry: words the person may tick, added to the entry as
its last line when it is saved ("Feelings: sad."), with htmx or with the button."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features.journal import service as journal
from anchored.features.journal.rules import with_feelings
from anchored.text import encoder
from anchored.web.state import AppState
from tests.support import NOW, FakeClock

Client = tuple[TestClient, AppState]
SAD = "I cried all evening. I feel so sad and heartbroken since she left."
HTMX = {"HX-Request": "true"}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW.timestamp())


@pytest.fixture(autouse=True)
def _model_loaded() -> None:
    """Suggestions fetched as the person types never wait for the model: have it loaded."""
    assert encoder.encoder(wait=None) is not None, encoder.failure()


def _suggested(page: str) -> list[str]:
    return re.findall(r'id="suggested-([a-z-]+)"', page)


def test_ticked_words_end_the_entry_once() -> None:
    assert with_feelings("It was hard.\n", ["Sad", "Lonely"]) == (
        "It was hard.\n\nFeelings: sad, lonely."
    )
    assert with_feelings("It was hard.", []) == "It was hard."
    assert with_feelings("   ", ["Sad"]) == "   "  # nothing written: nothing added
    once = with_feelings("It was hard.", ["Sad"])
    assert with_feelings(once, ["Sad"]) == once


def test_suggestions_come_back_alone_for_htmx_and_keep_ticked_words(
    unlocked_client: Client,
) -> None:
    client, _ = unlocked_client
    form = client.get("/journal/new").text
    assert 'hx-post="/journal/feelings"' in form
    assert 'hx-params="body,feeling,asked"' in form
    page = client.post("/journal/feelings", data={"body": SAD}, headers=HTMX)
    assert "<form" not in page.text
    found = _suggested(page.text)
    assert {"sad", "hurt", "lonely", "abandoned", "disappointed"} & set(found), found
    # a word ticked earlier stays, ticked, when the person writes on and suggestions change
    again = client.post(
        "/journal/feelings", data={"body": "ok", "feeling": "jealous"}, headers=HTMX
    )
    assert re.search(r'id="suggested-jealous"[^>]* checked', again.text)


def test_without_javascript_nothing_typed_is_lost_and_ticked_words_are_saved(
    unlocked_client: Client,
) -> None:
    client, state = unlocked_client
    form = client.get("/journal/new").text
    token = re.search(r'name="form_token" value="([^"]+)"', form)
    assert token is not None
    fields = {"title": "Sunday", "body": SAD, "when": "", "form_token": token.group(1)}
    page = client.post("/journal/feelings", data=fields)
    assert page.status_code == 200
    assert "It sounds like you might be feeling" in page.text
    assert 'value="Sunday"' in page.text
    assert "I cried all evening." in page.text
    assert f'value="{token.group(1)}"' in page.text
    word = _suggested(page.text)[0]
    with state.session() as session:
        assert journal.count_entries(session, PERSONAL_OWNER) == 0  # asking saved nothing
    saved = client.post("/journal/new", data={**fields, "feeling": word}, follow_redirects=False)
    assert saved.status_code == 303
    with state.session() as session:
        (entry,) = journal.list_entries(session, PERSONAL_OWNER)
    assert entry.body.startswith(SAD)
    assert entry.body.endswith("\n\nFeelings: " + word.replace("-", " ") + ".")


def test_switched_off_there_are_none(unlocked_client: Client) -> None:
    client, state = unlocked_client
    client.post("/settings/suggest", data={})
    assert "Suggest feelings" not in client.get("/journal/new").text
    assert client.post("/journal/feelings", data={"body": SAD}, headers=HTMX).text == ""
    with state.session() as session:
        entry = journal.add_entry(session, PERSONAL_OWNER, "Fine.", now=NOW).id
    assert "Suggest feelings" not in client.get(f"/journal/{entry}/edit").text


def test_not_for_someone_elses_entry(unlocked_client: Client) -> None:
    client, state = unlocked_client
    with state.session() as session:
        theirs = journal.add_entry(session, Owner(id=2), "Theirs.", now=NOW).id
    assert client.post(f"/journal/{theirs}/feelings", data={"body": SAD}).status_code == 404
