"""Auto-lock must never cost someone what they were writing."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from anchored.web.state import AppState
from tests.support import PASSPHRASE, FakeClock

TEXT = "I waited two hours for a reply <and> felt the old panic & then it eased."


def _hidden(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert match is not None, f"no hidden {name}"
    return html.unescape(match.group(1))


def test_entry_posted_after_auto_lock_is_saved_after_unlocking(
    unlocked_client: tuple[TestClient, AppState], clock: FakeClock
) -> None:
    client, state = unlocked_client
    clock.advance(minutes=20)  # the person wrote for a long time without any request
    response = client.post("/journal/new", data={"title": "Evening", "body": TEXT})
    assert not state.is_unlocked
    assert "locked itself" in response.text
    resume = _hidden(response.text, "resume")

    wrong = client.post("/unlock", data={"passphrase": "not it at all", "resume": resume})
    assert wrong.status_code == 422
    assert _hidden(wrong.text, "resume") == resume  # still carried after a mistake

    unlocked = client.post("/unlock", data={"passphrase": PASSPHRASE, "resume": resume})
    assert "Save it now" in unlocked.text
    forms = re.findall(r'<form method="post" action="([^"]+)"', unlocked.text)
    assert forms[-1] == "/journal/new"
    assert _hidden(unlocked.text, "body") == TEXT

    saved = client.post(forms[-1], data={"title": "Evening", "body": TEXT})
    assert saved.status_code == 200
    assert html.escape(TEXT, quote=False) in saved.text
    assert "Evening" in client.get("/journal").text


def test_a_resume_pointing_elsewhere_is_ignored(
    locked_client: tuple[TestClient, AppState],
) -> None:
    client, _state = locked_client
    forged = '{"action": "//evil.example/steal", "fields": [["body", "x"]]}'
    response = client.post(
        "/unlock", data={"passphrase": PASSPHRASE, "resume": forged}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/"
