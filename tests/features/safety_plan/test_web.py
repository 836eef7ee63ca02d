"""Safety plan pages and the help card after saving crisis language."""

from __future__ import annotations

import html
import json
import re

from fastapi.testclient import TestClient

from anchored.services.country import save_country
from anchored.web.state import AppState
from tests.support import PASSPHRASE, write_entry

Client = tuple[TestClient, AppState]
CRISIS = "I can't go on like this. I want to end my life."


def test_empty_plan_invites_and_prefills_country_lines(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/safety-plan")
    assert "You haven't made a plan yet" in page.text
    form = client.get("/safety-plan/edit")
    assert form.status_code == 200
    for title in [
        "My warning signs",
        "Things I can do on my own to cope",
        "People and places that take my mind off things",
        "People I can ask for help",
        "Professionals and crisis lines",
        "Making my surroundings safer",
        "What matters most to me",
    ]:
        assert title in form.text
    assert "Samaritans" in form.text  # onboarding chose GB
    assert "999" in form.text


def test_saving_and_reading_the_plan(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    data = {
        "warning_signs": "Checking his last-seen over and over",
        "coping_alone": "Box breathing",
        "help_people": "Ana, 0161 496 0000",
        "what_matters": "My dog, Biscuit",
    }
    saved = client.post("/safety-plan/edit", data=data, follow_redirects=False)
    assert saved.status_code == 303
    assert saved.headers["location"] == "/safety-plan?saved=1"
    page = client.get("/safety-plan?saved=1")
    assert "Your safety plan is saved." in page.text
    for text in data.values():
        assert text in page.text
    printed = client.get("/safety-plan/print")
    assert "My dog, Biscuit" in printed.text
    assert "Print" in printed.text


def test_over_long_section_keeps_everything_typed(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post(
        "/safety-plan/edit",
        data={"coping_alone": "walk", "what_matters": "y" * 5_001},
    )
    assert response.status_code == 422
    assert "5,000" in response.text
    assert ">walk</textarea>" in response.text


def test_reachable_from_home_and_from_help_now_once_unlocked(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    assert 'href="/safety-plan"' in client.get("/").text
    assert 'href="/safety-plan"' in client.get("/help").text


def test_help_now_while_locked_does_not_link_the_plan(locked_client: Client) -> None:
    client, _state = locked_client
    page = client.get("/help")
    assert page.status_code == 200
    assert 'href="/safety-plan"' not in page.text


def test_while_locked_the_plan_says_it_is_behind_the_lock_and_links_help_now(
    locked_client: Client,
) -> None:
    """It holds names and numbers, so it stays locked; but the page says so plainly and
    points to Help now, which works without unlocking."""
    client, _state = locked_client
    for path in ("/safety-plan", "/safety-plan/print", "/safety-plan/edit"):
        page = client.get(path, follow_redirects=False)
        assert page.status_code == 200, path
        assert "Your safety plan is behind the lock" in page.text, path
        assert "names and numbers" in page.text
        assert '<a class="button button-primary" href="/help">Help now</a>' in page.text
        assert 'href="/unlock"' in page.text
    client.post("/unlock", data={"passphrase": PASSPHRASE}, follow_redirects=False)
    assert "Your safety plan is behind the lock" not in client.get("/safety-plan").text


def test_before_setup_the_plan_sends_the_person_to_setup(session_client: Client) -> None:
    client, _state = session_client
    response = client.get("/safety-plan", follow_redirects=False)
    assert response.headers["location"] == "/welcome"


def test_crisis_language_in_the_journal_is_saved_and_the_card_comes_first(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    response = client.post("/journal/new", data={"body": CRISIS}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].endswith("&support=1")
    page = client.get(response.headers["location"])
    card = page.text.index("Before anything else")
    assert card < page.text.index("I want to end my life")  # card first, entry kept
    assert "Nobody has been alerted" in page.text
    assert "116 123" in page.text
    assert 'href="/safety-plan"' in page.text
    for word in ["risk", "you are safe", "diagnos"]:
        assert word not in page.text[card : card + 2000].lower()


def test_ordinary_entry_shows_no_card(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    entry_id = write_entry(client, "I felt abandoned when he didn't text back.")
    assert "Before anything else" not in client.get(f"/journal/{entry_id}?saved=1").text


def test_editing_into_crisis_language_also_shows_the_card(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    entry_id = write_entry(client, "A hard evening.")
    response = client.post(
        f"/journal/{entry_id}/edit", data={"body": CRISIS}, follow_redirects=False
    )
    assert response.headers["location"] == f"/journal/{entry_id}?saved=1&support=1"


def test_keeping_a_record_is_off_by_default_and_can_be_chosen(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    client.post("/journal/new", data={"body": CRISIS})
    page = client.get("/safety-plan")
    assert 'name="keep" value="on" checked' not in page.text
    assert "Dates the help card appeared" not in page.text
    client.post("/safety-plan/record", data={"keep": "on"})
    client.post("/journal/new", data={"body": CRISIS})
    page = client.get("/safety-plan")
    assert "Dates the help card appeared" in page.text
    assert page.text.count("<time datetime=") == 1
    client.post("/safety-plan/record", data={})
    assert "Dates the help card appeared" not in client.get("/safety-plan").text


def test_nothing_about_a_match_leaves_the_vault(unlocked_client: Client) -> None:
    client, state = unlocked_client
    client.post("/journal/new", data={"body": CRISIS})
    prefs = json.loads((state.settings.data_dir / "preferences.json").read_text())
    assert set(prefs) == {"country"}


def test_session_notes_also_get_the_help_card(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post("/therapy/prep", data={"text": CRISIS}, follow_redirects=False)
    assert response.headers["location"] == "/therapy?support=1"
    page = client.get(response.headers["location"]).text
    assert page.index("Before anything else") < page.index("I want to end my life")


def test_safety_plan_text_also_gets_the_help_card(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post(
        "/safety-plan/edit", data={"warning_signs": CRISIS}, follow_redirects=False
    )
    assert response.headers["location"] == "/safety-plan?saved=1&support=1"
    assert "Before anything else" in client.get(response.headers["location"]).text


def _prefilled(form: str) -> dict[str, str]:
    """Every section of the edit form as the browser would send it, untouched."""
    found = re.findall(r'<textarea id="(\w+)" name="\1"[^>]*>(.*?)</textarea>', form, re.S)
    return {name: html.unescape(value) for name, value in found}


def test_saving_the_us_plan_as_it_was_filled_in_shows_no_card(unlocked_client: Client) -> None:
    """The app's own "988 Suicide & Crisis Lifeline" line is not the person's writing: no
    card on save, and nothing recorded even with the private record on."""
    client, state = unlocked_client
    assert save_country(state.settings, "US")
    client.post("/safety-plan/record", data={"keep": "on"})
    values = _prefilled(client.get("/safety-plan/edit").text)
    assert "988 Suicide & Crisis Lifeline" in values["professionals"]
    for _ in range(2):  # and on every later save
        saved = client.post("/safety-plan/edit", data=values, follow_redirects=False)
        assert saved.headers["location"] == "/safety-plan?saved=1"
        page = client.get(saved.headers["location"]).text
        assert "Before anything else" not in page
        assert "Some of it sounded very painful" not in page
        assert "Dates the help card appeared" not in page
    values["professionals"] += "\nI want to end my life."
    saved = client.post("/safety-plan/edit", data=values, follow_redirects=False)
    assert saved.headers["location"] == "/safety-plan?saved=1&support=1"
    assert "Dates the help card appeared" in client.get("/safety-plan").text
