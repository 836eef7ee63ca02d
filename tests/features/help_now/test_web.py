"""Help now: the emergency number and crisis lines, for everyone, at any time."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from anchored.content.crisis_lines import load_crisis_lines
from anchored.features.help_now import FEATURE
from anchored.web.state import AppState

Client = tuple[TestClient, AppState]


def _main(page: str) -> str:
    match = re.search(r'<main id="main"[^>]*>(.*)</main>', page, re.DOTALL)
    assert match is not None
    return match.group(1)


def test_works_without_a_session(anonymous: TestClient) -> None:
    response = anonymous.get("/help")
    assert response.status_code == 200
    assert "<h1>Help now</h1>" in response.text


def test_works_before_setup(session_client: Client) -> None:
    client, state = session_client
    assert not state.settings.data_dir.joinpath("preferences.json").exists()
    response = client.get("/help", follow_redirects=False)
    assert response.status_code == 200
    assert "<h1>Help now</h1>" in response.text
    assert 'href="/safety-plan"' not in response.text


def test_the_manifest_keeps_help_open_to_everyone() -> None:
    assert FEATURE.public_paths == ("/help",)
    assert FEATURE.header is not None
    assert FEATURE.header.when_locked


def test_works_while_locked(locked_client: Client) -> None:
    client, _state = locked_client
    response = client.get("/help")
    assert response.status_code == 200
    assert 'href="tel:999"' in response.text


def test_emergency_number_comes_first(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    main = _main(client.get("/help").text)

    assert 'Call <a href="tel:999">999</a>' in main
    assert "Samaritans" in main
    assert 'href="tel:116123">116 123</a>' in main
    assert main.index('href="tel:999"') < main.index("Samaritans")
    assert re.findall(r'href="(tel:[^"]+)"', main)[0] == "tel:999"


def test_another_country_by_query(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    main = _main(client.get("/help?country=US").text)
    assert 'href="tel:911"' in main
    assert 'href="tel:988"' in main
    assert "Samaritans" not in main
    assert main.index('href="tel:911"') < main.index('href="tel:988"')


@pytest.mark.parametrize("country", ["GB", "US", "IE", "JP"])
def test_every_line_says_its_hours_when_known_and_when_it_was_last_checked(
    anonymous: TestClient, country: str
) -> None:
    lines = load_crisis_lines().for_country(country)
    assert lines is not None
    main = _main(anonymous.get(f"/help?country={country}").text)

    known = [line for line in lines.lines if line.hours is not None]
    assert main.count("<dt>Hours</dt>") == len(known)
    assert main.count('<p class="hint line-checked">') == len(lines.lines)
    assert "Not confirmed" not in main
    for line in lines.lines:
        assert line.source in main
        if line.phone_href:
            assert f'href="{line.phone_href}"' in main


def _line_card(main: str, name: str) -> str:
    cards = main.split('<li class="card line">')[1:]
    found = [card for card in cards if f"<h3>{name}</h3>" in card]
    assert len(found) == 1
    return found[0].split("</li>", 1)[0]


def test_a_line_with_unknown_hours_says_nothing_about_hours(anonymous: TestClient) -> None:
    main = _main(anonymous.get("/help?country=US").text)
    lifeline = _line_card(main, "988 Suicide &amp; Crisis Lifeline")
    assert "Hours" not in lifeline
    assert "confirm" not in lifeline.casefold()
    # Where the details came from stays, in small print, on this page only.
    assert (
        '<p class="hint line-checked">Last checked against our reference list on '
        '<time datetime="2026-11-01">1 November 2026</time> (source: https://988lifeline.org/).'
        "</p>"
    ) in lifeline
    text_line = _line_card(main, "Crisis Text Line")
    assert "<dt>Hours</dt><dd>24/7</dd>" in text_line


def test_says_nobody_is_monitored_or_alerted(anonymous: TestClient) -> None:
    assert "Anchored does not monitor what you write and does not alert anyone" in (
        anonymous.get("/help").text
    )


def test_unknown_country_falls_back_to_the_default(anonymous: TestClient) -> None:
    main = _main(anonymous.get("/help?country=ZZ").text)
    assert 'href="tel:911"' in main  # default (and the test locale): United States
    assert "ZZ" not in main


def test_unknown_country_falls_back_to_the_saved_one(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    main = _main(client.get("/help?country=ZZ").text)
    assert 'href="tel:999"' in main
    assert '<option value="GB" selected>' in main


def test_onboarding_country_is_the_default(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    main = _main(client.get("/help").text)
    assert re.findall(r'href="(tel:[^"]+)"', main)[0] == "tel:999"
    assert "United Kingdom" in main
    assert '<option value="GB" selected>' in main
    assert 'action="/help/country"' not in main  # already the saved country


def test_choosing_a_country_is_remembered(unlocked_client: Client) -> None:
    client, state = unlocked_client
    offered = client.get("/help?country=US").text
    assert 'action="/help/country"' in offered
    assert "Make United States my country" in offered

    response = client.post("/help/country", data={"country": "US"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/help?country=US"

    prefs = json.loads((state.settings.data_dir / "preferences.json").read_text())
    assert prefs["country"] == "US"
    main = _main(client.get("/help").text)
    assert 'href="tel:911"' in main
    assert "Samaritans" not in main


def test_unknown_country_is_not_saved(unlocked_client: Client) -> None:
    client, state = unlocked_client
    client.post("/help/country", data={"country": "ZZ"})
    prefs = json.loads((state.settings.data_dir / "preferences.json").read_text())
    assert prefs["country"] == "GB"


def test_saving_a_country_is_not_offered_while_locked(locked_client: Client) -> None:
    client, _state = locked_client
    assert 'action="/help/country"' not in client.get("/help?country=US").text


def test_without_a_session_the_country_cannot_be_changed(
    anonymous: TestClient, state: AppState
) -> None:
    response = anonymous.post("/help/country", data={"country": "US"})
    assert response.status_code == 403
    assert not (state.settings.data_dir / "preferences.json").exists()
