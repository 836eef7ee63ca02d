"""The breathing guide on a page of its own (what the programme's breathing and grounding
exercises open): the same guide a running pause shows, with no pause started."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from anchored.core.owner import PERSONAL_OWNER
from anchored.features.pause import service as pause
from anchored.web.state import AppState
from tests.support import unlock_for

Client = tuple[TestClient, AppState]


def _main(page: str) -> str:
    return page[page.index('<main id="main"') : page.index("</main>")]


def test_breathing_guide_opens_without_starting_a_pause(unlocked_client: Client) -> None:
    client, state = unlocked_client
    response = client.get("/pause/breathe")
    assert response.status_code == 200
    page = _main(response.text)
    assert re.search(r"<h1>[^<]+</h1>", page)
    assert '<section class="card breathe" id="breathe"' in page
    assert "Breathe in 4 … hold 4 … out 6" in page  # the steps, readable without animation
    assert '<details class="card ground" id="ground" open>' in page
    assert "5 things you can see." in page
    # Someone in the hard moment can go on to a whole pause from here.
    assert '<form method="post" action="/pause/start"' in page
    with state.session() as session:
        assert pause.count_pauses(session, PERSONAL_OWNER) == 0


def test_a_running_pause_shows_the_same_guide(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    guide = _main(client.get("/pause/breathe").text)
    running = _main(client.get(client.post("/pause/start").url).text)
    for part in (
        r'<section class="card breathe" id="breathe".*?</section>',
        r'<ol class="ground-steps">.*?</ol>',
    ):
        found = re.search(part, guide, re.S)
        assert found is not None
        assert found.group(0) in running


def test_breathing_guide_needs_the_vault_open(locked_client: Client) -> None:
    client, _state = locked_client
    response = client.get("/pause/breathe", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == unlock_for("/pause/breathe")


def test_breathing_guide_needs_a_session(unlocked_client: Client, anonymous: TestClient) -> None:
    assert anonymous.get("/pause/breathe", follow_redirects=False).status_code == 403
