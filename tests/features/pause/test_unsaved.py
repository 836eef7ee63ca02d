"""A pause while locked (or before setup): it works without unlocking and keeps nothing, and at
its end what was written can be kept by unlocking, or let go."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from anchored.core.owner import Owner
from anchored.features.pause import FEATURE, rules
from anchored.features.pause import service as pause
from anchored.features.pause.web_unsaved import router as unsaved_router
from anchored.web.state import AppState
from tests.support import PASSPHRASE, FakeClock, stranger

Client = tuple[TestClient, AppState]
CRISIS = "If he leaves I don't want to be here anymore."
UNSAVED = "/pause/unsaved"


def h1(page: str) -> str:
    match = re.search(r"<h1>(.*?)</h1>", page, re.DOTALL)
    assert match is not None
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def field_value(page: str, name: str) -> str:
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.DOTALL)
    assert match is not None, name
    return html.unescape(match.group(1))


def hidden(page: str, name: str) -> str:
    match = re.search(rf'<input type="hidden" name="{re.escape(name)}" value="([^"]*)"', page)
    assert match is not None, f"no hidden {name}"
    return html.unescape(match.group(1))


def begin(client: TestClient) -> tuple[str, str]:
    """Press the header's Pause without an open vault; returns the page and its start."""
    response = client.post(UNSAVED, follow_redirects=False)
    assert response.status_code == 303
    match = re.fullmatch(r"/pause/unsaved\?started=(\d+)", response.headers["location"])
    assert match is not None, response.headers["location"]
    page = client.get(response.headers["location"])
    assert page.status_code == 200
    return page.text, match.group(1)


def carried(page: str) -> dict[str, str]:
    """The times a page carries, to send back with the next button."""
    return {"started": hidden(page, "started"), "ends": hidden(page, "ends")}


def count(state: AppState) -> int:
    with state.session() as session:
        return pause.count_pauses(session, Owner(1))


def unlock(client: TestClient) -> None:
    client.post("/unlock", data={"passphrase": PASSPHRASE}, follow_redirects=False)


# -- where it is offered ----------------------------------------------------------------------


def test_without_an_open_vault_the_header_pause_keeps_nothing(
    locked_client: Client, anonymous: TestClient
) -> None:
    client, _ = locked_client
    button = '<form method="post" action="/pause/unsaved" class="inline-form">'
    assert button in client.get("/unlock").text
    assert button in client.get("/help").text
    assert '<form method="post" action="/pause/start"' not in client.get("/unlock").text
    assert button in anonymous.get("/help").text
    unlock(client)
    assert button not in client.get("/").text
    assert '<form method="post" action="/pause/start"' in client.get("/").text


def test_before_setup_too(session_client: Client) -> None:
    client, state = session_client
    assert not state.vault.exists()
    assert '<form method="post" action="/pause/unsaved"' in client.get("/welcome").text
    page, _started = begin(client)
    assert h1(page) == "Pause"
    assert not state.vault.exists()


def test_the_locked_pages_are_public_and_nothing_else_of_the_pause_is() -> None:
    assert FEATURE.header is not None
    assert FEATURE.header.locked_path == UNSAVED
    routes = {getattr(route, "path", "") for route in unsaved_router.routes}
    unsaved = {path for path in routes if path.startswith(UNSAVED)}
    assert unsaved == set(FEATURE.public_paths)
    assert "/pause/keep" in routes


# -- while it runs ----------------------------------------------------------------------------


def test_a_locked_pause_runs_on_the_servers_clock_and_keeps_nothing(
    locked_client: Client, clock: FakeClock
) -> None:
    client, state = locked_client
    page, started = begin(client)
    assert h1(page) == "Pause"
    assert 'data-remaining="1200"' in page
    assert ">20:00<" in page
    assert "Nothing you write here is saved" in page
    assert "Breathe slowly" in page
    assert "Come back to the room: 5, 4, 3, 2, 1" in page
    assert "Fact or feeling?" in page
    assert "data-time-url" not in page  # nothing to ask the server about
    assert hidden(page, "started") == started

    clock.advance(minutes=7)
    response = client.post(
        f"{UNSAVED}/update",
        data={
            **carried(page),
            "what_happened": "Seen at 1:40, no reply",
            "urge_before": "8",
            "held_message": "Fine. I get it.",
            "statements": "He read it at 1:40.\nHe's done with me.",
        },
    )
    assert response.status_code == 200
    page = response.text
    assert "13 minutes left" in page
    assert 'data-remaining="780"' in page
    assert field_value(page, "what_happened") == "Seen at 1:40, no reply"
    assert field_value(page, "held_message") == "Fine. I get it."
    assert re.search(r'name="urge_before" value="8" checked', page)
    assert "<legend>He read it at 1:40.</legend>" in page
    assert "I know this for a fact" in page
    assert not state.is_unlocked

    unlock(client)
    assert count(state) == 0


def test_sorted_thoughts_are_carried_by_their_text(locked_client: Client) -> None:
    client, _ = locked_client
    page, _started = begin(client)
    page = client.post(
        f"{UNSAVED}/update", data={**carried(page), "statements": "A fact.\nA fear."}
    ).text
    assert hidden(page, "thought-1") == "A fact."
    assert hidden(page, "thought-2") == "A fear."
    page = client.post(
        f"{UNSAVED}/update",
        data={
            **carried(page),
            "statements": "New one\nA fear.\nA fact.",
            "thought-1": "A fact.",
            "kind-1": "fact",
            "thought-2": "A fear.",
            "kind-2": "feeling",
        },
    ).text
    fear = r'<legend>A fear\.</legend>.*?name="kind-2" value="feeling" checked'
    fact = r'<legend>A fact\.</legend>.*?name="kind-3" value="fact" checked'
    assert re.search(fear, page, re.S)
    assert re.search(fact, page, re.S)
    assert 'name="kind-1" value="fact" checked' not in page
    assert "not proof" in page


def test_timer_length_more_time_and_the_end(locked_client: Client, clock: FakeClock) -> None:
    client, _ = locked_client
    page, _started = begin(client)
    page = client.post(f"{UNSAVED}/timer", data={**carried(page), "minutes": "10"}).text
    assert "10 minutes left" in page
    assert 'value="10" class="button button-quiet pause-choice" aria-pressed="true"' in page
    page = client.post(f"{UNSAVED}/extend", data={**carried(page), "minutes": "5"}).text
    assert "15 minutes left" in page
    wrong = client.post(f"{UNSAVED}/timer", data={**carried(page), "minutes": "7"})
    assert wrong.status_code == 422
    assert "Choose 5, 10, 20 or 30 minutes." in wrong.text

    clock.advance(minutes=16)
    page = client.post(
        f"{UNSAVED}/update", data={**carried(page), "held_message": "Answer me."}
    ).text
    assert h1(page) == "Your pause has ended"
    assert field_value(page, "final_message") == "Answer me."
    assert hidden(page, "held_message") == "Answer me."
    page = client.post(f"{UNSAVED}/extend", data={**carried(page), "minutes": "5"}).text
    assert h1(page) == "Pause"
    assert "5 minutes left" in page
    page = client.post(f"{UNSAVED}/end", data={**carried(page), "urge_before": "6"}).text
    assert h1(page) == "Your pause has ended"
    assert "At the start it was 6." in page


def test_the_end_offers_to_unlock_and_keep_or_to_let_it_go(locked_client: Client) -> None:
    client, state = locked_client
    page, _started = begin(client)
    page = client.post(f"{UNSAVED}/end", data={**carried(page), "held_message": "Hi"}).text
    assert '<form method="post" action="/pause/keep"' in page
    assert "Unlock and keep it" in page
    assert f'href="{UNSAVED}/done"' in page
    gone = client.get(f"{UNSAVED}/done")
    assert gone.status_code == 200
    assert "Nothing from this pause was kept" in gone.text
    unlock(client)
    assert count(state) == 0


def test_unlock_and_keep_goes_through_the_unlock_page(locked_client: Client) -> None:
    client, state = locked_client
    page, started = begin(client)
    fields = {
        **carried(page),
        "what_happened": "Seen, no reply <again> & again",
        "urge_before": "8",
        "held_message": "Fine. I get it.",
        "statements": "He read it.\nHe's done with me.",
        "thought-1": "He read it.",
        "kind-1": "fact",
        "thought-2": "He's done with me.",
        "kind-2": "feeling",
        "urge_after": "3",
        "decision": "not_sent",
        "final_message": "Can we talk tomorrow?",
        "note": "Breathing helped.",
    }
    locked = client.post("/pause/keep", data=fields)
    assert h1(locked.text) == "Welcome back"
    assert "not saved yet" in locked.text
    assert "It is not lost" in locked.text
    resume = hidden(locked.text, "resume")

    wrong = client.post("/unlock", data={"passphrase": "not it at all", "resume": resume})
    assert wrong.status_code == 422
    assert hidden(wrong.text, "resume") == resume
    assert "locked itself while you were away" not in wrong.text

    opened = client.post("/unlock", data={"passphrase": PASSPHRASE, "resume": resume})
    assert "Save it now" in opened.text
    forms = re.findall(r'<form method="post" action="([^"]+)"', opened.text)
    assert forms[-1] == "/pause/keep"
    assert hidden(opened.text, "what_happened") == fields["what_happened"]
    assert count(state) == 0  # not until the person says so

    kept = client.post("/pause/keep", data=fields, follow_redirects=False)
    assert kept.status_code == 303
    match = re.fullmatch(r"/pause/(\d+)\?kept=1", kept.headers["location"])
    assert match is not None, kept.headers["location"]
    summary = client.get(kept.headers["location"]).text
    assert "Kept in your vault." in summary
    assert "Can we talk tomorrow?" in summary
    assert "8 → 3" in summary
    assert "Didn&#39;t send it" in summary or "Didn't send it" in summary
    with state.session() as session:
        episode = pause.get_pause(session, Owner(1), int(match.group(1)), now=state.now())
        assert episode.status == rules.FINISHED
        assert int(episode.started_at.timestamp()) == int(started)
        assert (episode.what_happened, episode.held_message, episode.note) == (
            "Seen, no reply <again> & again",
            "Fine. I get it.",
            "Breathing helped.",
        )
        assert [(r.text, r.kind) for r in pause.statements(session, episode)] == [
            ("He read it.", "fact"),
            ("He's done with me.", "feeling"),
        ]
    assert count(state) == 1


def test_keeping_with_crisis_words_puts_help_first(locked_client: Client) -> None:
    client, _ = locked_client
    page, _started = begin(client)
    unlock(client)
    data = {**carried(page), "note": CRISIS}
    kept = client.post("/pause/keep", data=data, follow_redirects=False)
    assert kept.headers["location"].endswith("&support=1")


def test_a_wrong_answer_when_keeping_gives_the_end_back(locked_client: Client) -> None:
    client, state = locked_client
    page, _started = begin(client)
    unlock(client)
    response = client.post(
        "/pause/keep", data={**carried(page), "urge_after": "11", "note": "Still here"}
    )
    assert response.status_code == 422
    assert h1(response.text) == "Your pause has ended"
    assert "Choose a number from 0 (no urge at all) to 10" in response.text
    assert field_value(response.text, "note") == "Still here"
    assert count(state) == 0


def test_before_setup_nothing_can_be_kept_and_the_page_says_so(session_client: Client) -> None:
    client, state = session_client
    page, _started = begin(client)
    assert "Nothing you write here is saved" in page
    page = client.post(f"{UNSAVED}/end", data={**carried(page), "held_message": "Hi"}).text
    assert h1(page) == "Your pause has ended"
    assert "/pause/keep" not in page
    assert "isn't set up yet" in page
    assert f'href="{UNSAVED}/done"' in page
    kept = client.post("/pause/keep", data={**carried(page), "note": "x"})
    assert h1(kept.text) == "Your pause has ended"
    assert not state.vault.exists()


def test_a_browser_without_the_session_can_pause_but_not_keep(
    unlocked_client: Client, clock: FakeClock
) -> None:
    """The vault is open in the person's browser; another browser on this computer gets a
    pause that keeps nothing, and no way into the vault."""
    client, state = unlocked_client
    with stranger(client.app) as other:
        assert other.post("/pause/start").status_code == 403
        page, _started = begin(other)
        page = other.post(f"{UNSAVED}/end", data={**carried(page), "note": "mine"}).text
        assert h1(page) == "Your pause has ended"
        assert "/pause/keep" not in page
        assert other.post("/pause/keep", data={"note": "x"}).status_code == 403
        assert count(state) == 0


def test_posts_from_another_site_are_refused(locked_client: Client) -> None:
    client, _ = locked_client
    for path in (UNSAVED, f"{UNSAVED}/update", f"{UNSAVED}/end", "/pause/keep"):
        response = client.post(
            path, data={"held_message": "x"}, headers={"sec-fetch-site": "cross-site"}
        )
        assert response.status_code == 403, path


def test_what_was_typed_comes_back_escaped_and_only_into_the_page(locked_client: Client) -> None:
    client, _ = locked_client
    page, _started = begin(client)
    typed = '</textarea><script>alert("x")</script>'
    response = client.post(
        f"{UNSAVED}/update",
        data={**carried(page), "held_message": typed, "statements": typed},
    )
    assert "<script>alert" not in response.text
    assert field_value(response.text, "held_message") == typed
    assert response.headers["cache-control"] == "no-store"
    assert "set-cookie" not in response.headers


def test_too_long_text_is_explained_and_given_back(locked_client: Client) -> None:
    client, _ = locked_client
    page, _started = begin(client)
    long = "y" * (rules.MESSAGE_MAX + 1)
    response = client.post(f"{UNSAVED}/update", data={**carried(page), "held_message": long})
    assert response.status_code == 422
    assert "Nothing was lost" in response.text
    assert "5,000" in response.text
    assert field_value(response.text, "held_message") == long


def test_too_many_thoughts_are_explained_and_only_so_many_are_sorted(
    locked_client: Client,
) -> None:
    client, _ = locked_client
    page, _started = begin(client)
    lines = "\n".join(f"Thought {n}" for n in range(1, 31))
    response = client.post(f"{UNSAVED}/update", data={**carried(page), "statements": lines})
    assert response.status_code == 422
    assert f"Up to {rules.STATEMENTS_MAX} thoughts at a time; there are 30." in response.text
    assert field_value(response.text, "statements") == lines
    assert response.text.count('<fieldset class="thought">') == rules.STATEMENTS_MAX


def test_crisis_words_bring_help_first_without_claiming_a_save(locked_client: Client) -> None:
    client, _ = locked_client
    page, _started = begin(client)
    page = client.post(f"{UNSAVED}/update", data={**carried(page), "held_message": CRISIS}).text
    card = page.index("Before anything else")
    assert card < page.index("<h1>")
    assert "116 123" in page
    assert "Nothing from this pause is kept" in page
    assert "What you wrote is saved" not in page


def test_the_safety_plan_stays_locked_and_the_pause_says_so(locked_client: Client) -> None:
    client, _ = locked_client
    page, _started = begin(client)
    assert "Your safety plan stays locked" in page
    assert '<a href="/help">Help now</a>' in page


@pytest.mark.parametrize("started", ["", "tomorrow", "99999999999"])
def test_an_odd_start_is_a_fresh_pause(locked_client: Client, started: str) -> None:
    client, _ = locked_client
    page = client.get(UNSAVED, params={"started": started}).text
    assert 'data-remaining="1200"' in page


def test_an_old_start_shows_the_end(locked_client: Client, clock: FakeClock) -> None:
    client, _ = locked_client
    _page, started = begin(client)
    clock.advance(minutes=25)
    assert h1(client.get(UNSAVED, params={"started": started}).text) == "Your pause has ended"
    assert timedelta(minutes=25) < rules.ABANDON_AFTER
