"""Every paged list: a page that does not exist (0, negative, past the end, absurd, not a
number) leads to the nearest page that does, never to an error page."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from anchored.core.owner import PERSONAL_OWNER as ME
from anchored.features.check_in import service as checkin
from anchored.features.journal import service as journal
from anchored.features.pause import service as pause
from anchored.features.thought_record import service as thought_records
from anchored.features.trigger_log import service as trigger_log
from anchored.features.trigger_log.service import TriggerText
from anchored.web.state import AppState
from tests.support import NOW, PASSPHRASE, FakeClock

Client = tuple[TestClient, AppState]


@pytest.fixture
def clock() -> FakeClock:
    """The app's clock some weeks after the records below were made."""
    return FakeClock((NOW + timedelta(days=60)).timestamp())


def _journal(session: Session, n: int) -> None:
    journal.add_entry(session, ME, f"A walk by the river, day {n}.", now=NOW + timedelta(n))


def _check_in(session: Session, n: int) -> None:
    checkin.add_check_in(session, ME, {"calm": 3}, now=NOW + timedelta(hours=n))


def _thought_record(session: Session, n: int) -> None:
    thought_records.add_finished_record(
        session,
        ME,
        situation=f"Evening {n}",
        automatic_thought="They'll leave.",
        emotions={"sad": 5},
        balanced_thought="Fair.",
        after={"sad": 4},
        now=NOW + timedelta(hours=n),
    )


def _trigger(session: Session, n: int) -> None:
    trigger_log.add_entry(session, ME, TriggerText(f"Trigger {n}"), now=NOW + timedelta(hours=n))


def _pause(session: Session, n: int) -> None:
    at = NOW + timedelta(hours=n)
    episode, _new = pause.start_pause(session, ME, now=at)
    pause.abandon_pause(session, ME, episode.id, now=at + timedelta(minutes=1))


@dataclass(frozen=True)
class Listing:
    path: str  # with any query the list needs besides the page
    per_page: int
    add: Callable[[Session, int], None]


LISTS = {
    "journal": Listing("/journal", 20, _journal),
    "check-in history": Listing("/check-in/history", checkin.PAGE_SIZE, _check_in),
    "thought records": Listing("/thought-records", 20, _thought_record),
    "trigger log": Listing("/trigger-log", 20, _trigger),
    "pauses": Listing("/pause", 30, _pause),
    "search results": Listing("/search?q=walk", 20, _journal),
}


_FILLED: dict[str, Path] = {}  # a copy of each list's filled vault, made once per process


def _fill(client: TestClient, state: AppState, name: str) -> Listing:
    """One more than a page of ``name``'s records: two pages. Saved through the services once
    per test process; later tests lock, take a copy of that vault and unlock it again (saving
    a list's records, each checked for crisis words and indexed, costs seconds)."""
    listing = LISTS[name]
    data_dir = state.settings.data_dir
    if name not in _FILLED:
        with state.session() as session:
            for n in range(listing.per_page + 1):
                listing.add(session, n)
    assert client.post("/lock", follow_redirects=False).status_code == 303
    if name in _FILLED:
        shutil.rmtree(data_dir)
        shutil.copytree(_FILLED[name], data_dir)
    else:
        folder = Path(tempfile.mkdtemp(prefix="anchored-paging-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        shutil.copytree(data_dir, folder / "vault")
        _FILLED[name] = folder / "vault"
    response = client.post("/unlock", data={"passphrase": PASSPHRASE}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return listing


def _asked(path: str, page: str) -> str:
    return path + ("&" if "?" in path else "?") + f"page={page}"


def _lands_on(client: TestClient, path: str, page: str) -> int:
    """Ask for ``page``; the number of the page it leads to (1 if the address has none)."""
    response = client.get(_asked(path, page), follow_redirects=False)
    assert response.status_code == 303, response.text
    location = urlsplit(response.headers["location"])
    assert not location.netloc
    query = parse_qs(location.query)
    assert location.path == urlsplit(path).path
    assert {k: v for k, v in query.items() if k != "page"} == {
        k: v for k, v in parse_qs(urlsplit(path).query).items()
    }
    shown = client.get(response.headers["location"])
    assert shown.status_code == 200
    return int(query.get("page", ["1"])[0])


@pytest.mark.parametrize("name", list(LISTS))
@pytest.mark.parametrize(
    ("page", "nearest"),
    [
        ("0", 1),
        ("-3", 1),
        ("", 1),
        ("abc", 1),
        ("1.5", 1),
        ("%00", 1),
        (" 2", 2),
        ("3", 2),
        ("99999999999999999999", 2),
        ("9" * 5000, 2),
    ],
)
def test_a_page_that_does_not_exist_leads_to_the_nearest(
    unlocked_client: Client, name: str, page: str, nearest: int
) -> None:
    client, state = unlocked_client
    listing = _fill(client, state, name)
    assert _lands_on(client, listing.path, page) == nearest


@pytest.mark.parametrize("name", list(LISTS))
def test_real_pages_are_shown_as_they_are(unlocked_client: Client, name: str) -> None:
    client, state = unlocked_client
    listing = _fill(client, state, name)
    for page in ("1", "2"):
        assert client.get(_asked(listing.path, page), follow_redirects=False).status_code == 200
    assert client.get(listing.path, follow_redirects=False).status_code == 200


@pytest.mark.parametrize("name", list(LISTS))
def test_an_empty_list_has_one_page(unlocked_client: Client, name: str) -> None:
    client, _state = unlocked_client
    listing = LISTS[name]
    assert client.get(_asked(listing.path, "1"), follow_redirects=False).status_code == 200
    assert _lands_on(client, listing.path, "2") == 1
    assert _lands_on(client, listing.path, "0") == 1
