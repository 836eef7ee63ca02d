"""Exposure ladder pages: the ladder, adding rungs (and refusing harm), a rung's chart and
table, recording, editing and deleting attempts, and another owner's records staying hidden."""

from __future__ import annotations

import re
from datetime import timedelta

from fastapi.testclient import TestClient
from markupsafe import escape

from anchored.features.ladder import service as ladder
from anchored.features.ladder.examples import load_examples
from anchored.features.ladder.service import AttemptInput
from anchored.web.state import AppState
from tests.support import PEOPLE

Client = tuple[TestClient, AppState]
CRISIS = "I can't go on like this. I want to end my life."
SITUATION = "Leave my phone in a drawer for an hour"


def _add_rung(client: TestClient, situation: str = SITUATION, rating: str = "30") -> int:
    response = client.post(
        "/ladder/new", data={"situation": situation, "rating": rating}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/ladder\?added=(\d+)#rung-\d+", response.headers["location"])
    assert match is not None, response.headers["location"]
    return int(match.group(1))


def _attempt(client: TestClient, rung_id: int, peak: str = "45", **fields: str) -> int:
    data = {"rung_id": str(rung_id), "predicted": "70", "peak": peak, "at_end": "20", **fields}
    response = client.post("/ladder/attempts/new", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    match = re.fullmatch(
        rf"/ladder/{rung_id}\?saved=attempt#attempt-(\d+)", response.headers["location"]
    )
    assert match is not None, response.headers["location"]
    return int(match.group(1))


def _error(page: str, field: str) -> str:
    match = re.search(rf'id="{field}-error">([^<]*)<', page)
    assert match is not None, f"no message next to {field}"
    return match.group(1)


# -- the ladder ---------------------------------------------------------------------------------


def test_an_empty_ladder_explains_itself_and_offers_examples(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/ladder").text
    assert "<h1>Exposure ladder</h1>" in page
    assert "Your ladder is empty." in page
    assert '<label for="situation">' in page
    assert '<label for="rating">' in page
    first = load_examples().examples[0]
    assert str(escape(first.text)) in page
    prefilled = client.get(f"/ladder?example={first.id}").text
    assert f'name="situation" value="{escape(first.text)}"' in prefilled


def test_rungs_show_from_easiest_to_hardest_with_the_next_one_first(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    hard = _add_rung(client, "A night apart without calling", "80")
    easy = _add_rung(client, "Phone in another room for twenty minutes", "20")
    page = client.get(f"/ladder?added={easy}").text
    assert 'role="status">Added to your ladder.' in page
    assert [int(i) for i in re.findall(r'<li id="rung-(\d+)"', page)] == [easy, hard]
    assert "Your next rung" in page
    assert f'href="/ladder/attempts/new?rung={easy}"' in page
    assert "Your ladder is empty." not in page


def test_a_rung_needs_a_rating_and_nothing_typed_is_lost(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post("/ladder/new", data={"situation": SITUATION, "rating": "150"})
    assert response.status_code == 422
    assert "from 0 (not at all) to 100" in _error(response.text, "rating")
    assert f'value="{SITUATION}"' in response.text
    assert 'value="150"' in response.text


def test_a_rung_mentioning_harm_is_refused_with_the_help_card(unlocked_client: Client) -> None:
    client, state = unlocked_client
    response = client.post("/ladder/new", data={"situation": CRISIS, "rating": "50"})
    assert response.status_code == 422
    page = response.text
    assert "Before anything else" in page
    assert "This was not added to your ladder" in page
    assert "What you wrote is saved" not in page
    assert "safe to face" in _error(page, "situation")
    assert str(escape(CRISIS)) in page  # the words stay, to change or copy
    with state.session() as session:
        assert ladder.ladder(session, PEOPLE.me).rungs == ()


# -- a rung and its attempts ---------------------------------------------------------------------


def test_recording_attempts_shows_the_chart_and_the_same_numbers_in_a_table(
    unlocked_client: Client,
) -> None:
    client, state = unlocked_client
    rung_id = _add_rung(client)
    first = client.get(f"/ladder/{rung_id}").text
    assert "Not tried yet." in first
    assert "ladder-chart" not in first

    today = state.now().astimezone().date()
    for days_ago, peak in ((2, "70"), (1, "50"), (0, "30")):
        on = (today - timedelta(days=days_ago)).isoformat()
        _attempt(client, rung_id, peak, attempted_on=on, learned=f"Peak {peak} this time.")
    page = client.get(f"/ladder/{rung_id}?saved=attempt").text
    assert 'role="status">Attempt saved.' in page
    assert "Getting easier." in page
    assert 'role="img" aria-label="Chart: predicted anxiety and the peak' in page
    assert page.count('class="ladder-dot ladder-dot-peak"') == 3
    assert "style=" not in page.split("<main", 1)[1]  # nothing the CSP would block
    rows = re.findall(r"<td>(\d+)</td><td>(\d+)</td><td>(\d+)</td>", page)
    assert rows == [("70", "70", "20"), ("70", "50", "20"), ("70", "30", "20")]
    assert "Peak 30 this time." in page


def test_the_attempt_form_offers_the_next_rung_and_today(unlocked_client: Client) -> None:
    client, state = unlocked_client
    empty = client.get("/ladder/attempts/new").text
    assert "Your ladder has no rungs yet." in empty
    easy = _add_rung(client, "Phone away", "10")
    hard = _add_rung(client, "Night apart", "90")
    page = client.get("/ladder/attempts/new").text
    assert f'<option value="{easy}" selected>' in page
    assert f'<option value="{hard}">' in page
    assert f'value="{state.now().astimezone().date().isoformat()}"' in page
    for field in (
        "rung_id",
        "attempted_on",
        "predicted",
        "feared",
        "peak",
        "at_end",
        "happened",
        "learned",
    ):
        assert f'<label for="{field}">' in page, field
    assert (
        f'<option value="{hard}" selected>' in client.get(f"/ladder/attempts/new?rung={hard}").text
    )


def test_an_attempt_with_missing_numbers_comes_back_with_its_words(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    rung_id = _add_rung(client)
    data = {
        "rung_id": str(rung_id),
        "predicted": "70",
        "peak": "",
        "at_end": "20",
        "happened": "He replied.",
    }
    response = client.post("/ladder/attempts/new", data=data)
    assert response.status_code == 422
    assert "highest the anxiety went" in _error(response.text, "peak")
    assert ">He replied.</textarea>" in response.text
    assert f'<option value="{rung_id}" selected>' in response.text


def test_an_attempt_with_painful_words_is_saved_and_the_card_stays_in_view(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    rung_id = _add_rung(client)
    data = {
        "rung_id": str(rung_id),
        "predicted": "70",
        "peak": "80",
        "at_end": "60",
        "happened": CRISIS,
    }
    response = client.post("/ladder/attempts/new", data=data, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/ladder/{rung_id}?saved=attempt&support=1"
    page = client.get(response.headers["location"]).text
    assert "Before anything else" in page
    assert "What you wrote is saved." in page
    assert "Before anything else" in client.get(f"/ladder/{rung_id}").text


def test_edit_and_delete_an_attempt(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    rung_id = _add_rung(client)
    attempt_id = _attempt(client, rung_id, "45", learned="before")
    form = client.get(f"/ladder/attempts/{attempt_id}/edit").text
    assert ">before</textarea>" in form
    assert 'value="45"' in form
    data = {"predicted": "60", "peak": "35", "at_end": "10", "learned": "after"}
    response = client.post(f"/ladder/attempts/{attempt_id}/edit", data=data, follow_redirects=False)
    assert response.headers["location"] == f"/ladder/{rung_id}?saved=attempt#attempt-{attempt_id}"
    assert "after" in client.get(f"/ladder/{rung_id}").text

    confirm = client.get(f"/ladder/attempts/{attempt_id}/delete").text
    assert "Delete this attempt?" in confirm
    response = client.post(f"/ladder/attempts/{attempt_id}/delete", follow_redirects=False)
    assert response.headers["location"] == f"/ladder/{rung_id}?deleted=attempt"
    page = client.get(response.headers["location"]).text
    assert "The attempt was deleted." in page
    assert "Not tried yet." in page


def test_edit_a_rung_and_refuse_harm_there_too(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    rung_id = _add_rung(client)
    assert f'value="{SITUATION}"' in client.get(f"/ladder/{rung_id}/edit").text
    refused = client.post(f"/ladder/{rung_id}/edit", data={"situation": CRISIS, "rating": "30"})
    assert refused.status_code == 422
    assert "Before anything else" in refused.text
    assert SITUATION in client.get(f"/ladder/{rung_id}").text
    response = client.post(
        f"/ladder/{rung_id}/edit",
        data={"situation": "Phone at home", "rating": "35"},
        follow_redirects=False,
    )
    assert response.headers["location"] == f"/ladder/{rung_id}?saved=rung"
    page = client.get(f"/ladder/{rung_id}").text
    assert "<h1>Phone at home</h1>" in page
    assert "Rated 35 of 100" in page


def test_delete_a_rung_asks_first_then_deletes(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    rung_id = _add_rung(client)
    _attempt(client, rung_id)
    confirm = client.get(f"/ladder/{rung_id}/delete").text
    assert "Delete this rung?" in confirm
    assert "and its 1 attempt will be deleted" in confirm
    response = client.post(f"/ladder/{rung_id}/delete", follow_redirects=False)
    assert response.headers["location"] == "/ladder?deleted=1"
    assert "The rung was deleted." in client.get("/ladder?deleted=1").text
    assert client.get(f"/ladder/{rung_id}").status_code == 404


def test_another_owners_rung_and_attempt_are_not_found(unlocked_client: Client) -> None:
    client, state = unlocked_client
    with state.session() as session:
        rung_id = ladder.add_rung(session, PEOPLE.stranger, "Theirs", 20, now=state.now()).id
        given = AttemptInput(50, 40, 10, learned="Theirs too")
        attempt_id = ladder.add_attempt(
            session, PEOPLE.stranger, rung_id, given, now=state.now()
        ).id
    for path in (f"/ladder/{rung_id}", f"/ladder/{rung_id}/edit", f"/ladder/{rung_id}/delete"):
        assert client.get(path).status_code == 404, path
    for path in (f"/ladder/attempts/{attempt_id}/edit", f"/ladder/attempts/{attempt_id}/delete"):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/ladder/{rung_id}/delete").status_code == 404
    assert client.post(f"/ladder/attempts/{attempt_id}/delete").status_code == 404
    data = {"rung_id": str(rung_id), "predicted": "1", "peak": "1", "at_end": "1"}
    assert client.post("/ladder/attempts/new", data=data).status_code == 404
    assert "Theirs" not in client.get("/ladder").text


def test_step_nine_opens_the_ladder(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    rung_id = _add_rung(client)
    page = client.get("/programme/9").text
    assert 'href="/ladder"' in page
    assert 'href="/ladder/attempts/new"' in page
    assert f'href="/ladder/{rung_id}"' in page  # what the person wrote for this step
    assert 'href="/ladder"' in client.get("/tools").text


def test_a_rung_or_an_attempt_sent_twice_is_saved_once(unlocked_client: Client) -> None:
    client, state = unlocked_client
    token = re.search(r'name="form_token" value="([^"]+)"', client.get("/ladder").text)
    assert token is not None
    data = {"situation": SITUATION, "rating": "30", "form_token": token.group(1)}
    first = client.post("/ladder/new", data=data, follow_redirects=False)
    again = client.post("/ladder/new", data=data)
    assert first.status_code == 303
    assert "wasn't saved a second time" in again.text
    with state.session() as session:
        found = ladder.ladder(session, PEOPLE.me).rungs
    assert len(found) == 1

    form = client.get(f"/ladder/attempts/new?rung={found[0].id}").text
    token = re.search(r'name="form_token" value="([^"]+)"', form)
    assert token is not None
    fields = {"rung_id": str(found[0].id), "predicted": "50", "peak": "40", "at_end": "10"}
    for _ in range(2):
        client.post("/ladder/attempts/new", data={**fields, "form_token": token.group(1)})
    with state.session() as session:
        assert len(ladder.rung_detail(session, PEOPLE.me, found[0].id).attempts) == 1
