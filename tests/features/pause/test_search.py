"""Pauses are found by search: what happened, the messages, the note and the thoughts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features import FEATURES
from anchored.features.pause import FEATURE
from anchored.features.pause import service as pause
from anchored.features.search.service import search_writing
from anchored.manifest import Registry
from anchored.services.owned import delete_feature
from anchored.storage.vault import OpenVault
from anchored.web.state import AppState

ME = PERSONAL_OWNER
T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
KINDS = Registry(FEATURES).search_kinds


def found(opened: OpenVault, query: str, owner: Owner = ME) -> list[tuple[str, str, str]]:
    """(kind, title, url) of each result."""
    with opened.session() as session:
        results = search_writing(session, owner, query, KINDS).results
    return [(r.kind, r.title, r.url) for r in results]


def test_the_pause_declares_its_search_kind() -> None:
    (kind,) = FEATURE.search
    assert (kind.kind, kind.code, kind.label) == ("pause", 5, "Pause")


def test_everything_written_in_a_pause_is_searchable(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        episode, _ = pause.start_pause(session, ME, now=T0)
        episode_id = episode.id
        pause.save_progress(
            session,
            ME,
            episode_id,
            now=T0,
            what_happened="No reply since the lighthouse trip",
            held_message="Are you ignoring me on purpose, pelican?",
            statement_text="She saw the marmalade photo.\nShe is bored of me.",
        )
    url = f"/pause/{episode_id}"
    expected = [("pause", "No reply since the lighthouse trip", url)]
    for word in ("lighthouse", "pelican", "marmalade", "bored"):
        assert found(open_vault, word) == expected, word

    with open_vault.session() as session:
        pause.finish_pause(
            session,
            ME,
            episode_id,
            now=T0 + timedelta(minutes=20),
            final_message="Can we talk tomorrow, heron?",
            note="The walk to the orchard helped.",
        )
    assert found(open_vault, "heron") == expected
    assert found(open_vault, "orchard") == expected
    assert found(open_vault, "pelican") == expected  # the held message stays findable
    assert found(open_vault, "lighthouse", Owner(id=3)) == []


def test_the_index_follows_every_change(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        episode, _ = pause.start_pause(session, ME, now=T0)
        episode_id = episode.id
        pause.save_progress(session, ME, episode_id, now=T0, held_message="First: walrus")
        pause.save_progress(session, ME, episode_id, now=T0, held_message="Then: narwhal")
        pause.save_progress(session, ME, episode_id, now=T0, statement_text="A puffin thought")
        pause.save_progress(session, ME, episode_id, now=T0, statement_text="")
    assert found(open_vault, "walrus") == []
    assert found(open_vault, "puffin") == []
    (hit,) = found(open_vault, "narwhal")
    assert hit[1] == "Then: narwhal"  # without "what happened", the held message names it


def test_an_empty_pause_is_shown_with_a_plain_title(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        episode, _ = pause.start_pause(session, ME, now=T0)
        pause.finish_pause(session, ME, episode.id, now=T0, note="Only a quokka note")
    assert found(open_vault, "quokka") == [("pause", "A pause", f"/pause/{episode.id}")]


def test_deleting_everything_removes_the_searchable_text(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        episode, _ = pause.start_pause(session, ME, now=T0)
        pause.save_progress(session, ME, episode.id, now=T0, held_message="Ocelot at midnight")
    assert found(open_vault, "ocelot")
    with open_vault.session() as session:
        delete_feature(session, ME, FEATURE)
    assert found(open_vault, "ocelot") == []


def test_search_in_the_browser_lists_a_pause(
    unlocked_client: tuple[TestClient, AppState],
) -> None:
    client, _state = unlocked_client
    response = client.post("/pause/start", follow_redirects=False)
    address = response.headers["location"]
    client.post(f"{address}/save", data={"held_message": "Meet me at the capybara bridge"})
    page = client.get("/search", params={"q": "capybara"}).text
    assert f'href="{address}"' in page
    assert '<p class="meta">Pause · ' in page
