"""The help card shown first after painful writing: hours only when known, no review notes."""

from __future__ import annotations

from fastapi.testclient import TestClient

from anchored.web.state import AppState

Client = tuple[TestClient, AppState]


def _card(page: str) -> str:
    start = page.index('<section class="card support-card"')
    return page[start : page.index("</section>", start)]


def test_the_card_shows_hours_only_when_they_are_known(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    client.post("/help/country", data={"country": "US"})
    card = _card(client.get("/journal?support=1").text)

    assert "988 Suicide &amp; Crisis Lifeline" in card
    assert 'href="tel:988"' in card
    assert "Crisis Text Line" in card
    assert "(24/7)" in card  # the text line's hours are known
    assert "confirm" not in card.casefold()
    assert "()" not in card
    assert "Last checked" not in card  # small print belongs on /help only
