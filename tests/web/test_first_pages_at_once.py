"""The first pages after unlocking, asked for all at once (a browser restoring its tabs, or
the person clicking quickly): every one opens, and none has to create anything first."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from anchored.features import FEATURES
from anchored.manifest import Registry
from anchored.web.state import AppState
from tests.support import PASSPHRASE, onboard

Client = tuple[TestClient, AppState]
# Home, every page in the navigation, and an old address that leads to one of them.
PATHS = ["/", *(entry.path for entry in Registry(FEATURES).nav), "/checking"]


def _fresh(session_client: Client, unlock: str) -> Client:
    """A new vault, open, with no page visited yet."""
    client, state = session_client
    onboard(client)
    if unlock == "after unlocking again":
        client.post("/lock", follow_redirects=False)
        unlocked = client.post("/unlock", data={"passphrase": PASSPHRASE}, follow_redirects=False)
        assert unlocked.status_code == 303
    return client, state


@pytest.mark.parametrize("unlock", ["after onboarding", "after unlocking again"])
def test_every_first_page_opens_when_all_are_asked_for_at_once(
    session_client: Client, unlock: str
) -> None:
    client, _state = _fresh(session_client, unlock)
    start = threading.Barrier(len(PATHS))

    def first_visit(path: str) -> tuple[str, int]:
        start.wait(timeout=30)
        return path, client.get(path).status_code

    with ThreadPoolExecutor(len(PATHS)) as pool:
        statuses = dict(pool.map(first_visit, PATHS))
    assert statuses == dict.fromkeys(PATHS, 200)


@pytest.mark.parametrize("unlock", ["after onboarding", "after unlocking again"])
def test_the_first_pages_create_nothing(session_client: Client, unlock: str) -> None:
    """What every owner starts with is made while unlocking, so opening a page never waits
    for a write (nor can two of them try the same one)."""
    client, state = _fresh(session_client, unlock)
    with state.session() as session:
        engine = session.get_bind()
    inserts: list[str] = []

    def note_inserts(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT"):
            inserts.append(statement.split("(")[0])

    event.listen(engine, "before_cursor_execute", note_inserts)
    try:
        for path in PATHS:
            assert client.get(path).status_code == 200, path
    finally:
        event.remove(engine, "before_cursor_execute", note_inserts)
    assert inserts == []
