"""Feeling suggestions under the check-in's note: with htmx (only the suggestions come back)
and without JavaScript (the "Suggest feelings" button shows the form again, nothing lost)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features.check_in import service as checkin
from anchored.text import encoder
from anchored.web.state import AppState
from tests.support import NOW, FakeClock

Client = tuple[TestClient, AppState]
SAD = "I cried all evening. I feel so sad and heartbroken since she left."
HTMX = {"HX-Request": "true"}
STRANGER = Owner(id=2)
CRISIS = "I can't go on like this. I want to end my life."


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW.timestamp())


@pytest.fixture(autouse=True)
def _model_loaded() -> None:
    """Suggestions fetched as the person types never wait for the model: have it loaded."""
    assert encoder.encoder(wait=None) is not None, encoder.failure()


def _suggested(page: str) -> list[str]:
    return re.findall(r'id="suggested-([a-z-]+)"', page)


def test_a_clearly_sad_note_brings_sad_words_to_tick(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    form = client.get("/check-in").text
    assert "Suggest feelings" in form
    assert 'hx-post="/check-in/feelings"' in form  # the note asks as typing pauses
    page = client.post("/check-in/feelings", data={"note": SAD}, headers=HTMX)
    assert page.status_code == 200
    assert "<form" not in page.text  # only the suggestions, swapped in under the note
    assert "It sounds like you might be feeling" in page.text
    found = _suggested(page.text)
    assert 1 <= len(found) <= 3
    assert {"sad", "hurt", "lonely", "abandoned", "disappointed"} & set(found), found
    assert 'name="emotion"' in page.text  # ticking one ticks it into the check-in


def test_without_javascript_the_button_keeps_everything_typed(unlocked_client: Client) -> None:
    client, state = unlocked_client
    form = client.get("/check-in").text
    token = re.search(r'name="form_token" value="([^"]+)"', form)
    assert token is not None
    fields = {
        "emotion": "anxious",
        "intensity-anxious": "7",
        "factor": "texting",
        "new_factor": "Long week",
        "note": SAD,
        "when": "2026-11-20T21:30",
        "form_token": token.group(1),
    }
    page = client.post("/check-in/feelings", data=fields)
    assert page.status_code == 200
    assert "It sounds like you might be feeling" in page.text
    assert re.search(r'id="emotion-anxious"[^>]* checked', page.text)
    assert re.search(r'<option value="7" selected>', page.text)
    assert 'value="texting" checked' in page.text
    assert 'value="Long week"' in page.text
    assert "I cried all evening." in page.text
    assert 'value="2026-11-20T21:30"' in page.text
    assert f'name="form_token" value="{token.group(1)}"' in page.text  # still saves once
    with state.session() as session:
        assert checkin.count_check_ins(session, PERSONAL_OWNER) == 0  # nothing saved
    # ticking a suggested word saves it with the others
    word = _suggested(page.text)[0]
    saved = client.post("/check-in", data={**fields, "emotion": ["anxious", word]})
    assert saved.status_code == 200
    again = client.post("/check-in", data={**fields, "emotion": ["anxious", word]})
    assert again.status_code == 200
    with state.session() as session:
        (found,) = checkin.list_check_ins(session, PERSONAL_OWNER)  # saved once
        assert {e.emotion for e in found.emotions} == {"anxious", word}


def test_an_empty_note_asks_for_words_first(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    page = client.post("/check-in/feelings", data={"note": "  "})
    assert "Write a few words first" in page.text
    assert _suggested(page.text) == []


def test_switched_off_no_suggestions_and_no_button(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    client.post("/settings/suggest", data={})
    form = client.get("/check-in").text
    assert "Suggest feelings" not in form
    assert "/check-in/feelings" not in form
    assert client.post("/check-in/feelings", data={"note": SAD}, headers=HTMX).text == ""
    page = client.post("/check-in/feelings", data={"note": SAD})
    assert "It sounds like you might be feeling" not in page.text
    assert "I cried all evening." in page.text


def test_editing_suggests_too_but_not_for_someone_elses_check_in(
    unlocked_client: Client,
) -> None:
    client, state = unlocked_client
    with state.session() as session:
        mine = checkin.add_check_in(session, PERSONAL_OWNER, {"calm": 3}, note="ok", now=NOW).id
        theirs = checkin.add_check_in(session, STRANGER, {"calm": 3}, note="x", now=NOW).id
    assert f'hx-post="/check-in/{mine}/feelings"' in client.get(f"/check-in/{mine}/edit").text
    page = client.post(f"/check-in/{mine}/feelings", data={"note": SAD, "emotion": "calm"})
    assert "It sounds like you might be feeling" in page.text
    assert f'action="/check-in/{mine}/edit"' in page.text
    assert client.post(f"/check-in/{theirs}/feelings", data={"note": SAD}).status_code == 404


def test_a_model_still_loading_says_nothing_as_you_type(
    unlocked_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, _ = unlocked_client
    monkeypatch.setattr(encoder, "encoder", lambda **_: None)
    monkeypatch.setattr("anchored.web.feelings.model_status", lambda: "loading")
    live = client.post("/check-in/feelings", data={"note": SAD}, headers=HTMX)
    assert _suggested(live.text) == []
    assert "getting ready" not in live.text
    assert "stood out" not in live.text
    asked = client.post("/check-in/feelings", data={"note": SAD})
    assert "Suggestions are still getting ready on this computer." in asked.text


def test_painful_words_bring_the_way_to_help_not_feeling_words(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    page = client.post("/check-in/feelings", data={"note": CRISIS}, headers=HTMX)
    assert _suggested(page.text) == []
    assert "It sounds like you might be feeling" not in page.text
    assert "Help now" in page.text
