"""Pause pages: one tap to start, the server's clock, end screen, finish, stop, history."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from anchored.core.owner import Owner
from anchored.features import FEATURES
from anchored.features.pause import rules
from anchored.features.pause import service as pause
from anchored.web.app import create_app
from anchored.web.state import AppState
from tests.support import (
    BASE_URL,
    PASSPHRASE,
    PORT,
    FakeClock,
    launch,
    onboard,
    stranger,
    unlock_for,
)

Client = tuple[TestClient, AppState]
CRISIS = "If he leaves I don't want to be here anymore."


def start(client: TestClient) -> int:
    response = client.post("/pause/start", follow_redirects=False)
    assert response.status_code == 303
    match = re.fullmatch(r"/pause/(\d+)", response.headers["location"])
    assert match is not None, response.headers["location"]
    return int(match.group(1))


def post(client: TestClient, path: str, **data: str) -> str:
    """POST a form; returns the 303 location."""
    response = client.post(path, data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def h1(page: str) -> str:
    match = re.search(r"<h1>(.*?)</h1>", page, re.DOTALL)
    assert match is not None
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def come_back(client: TestClient, clock: FakeClock, *, minutes: float) -> None:
    """Time passes with nobody at the screen (the vault locks itself); then unlock again."""
    clock.advance(minutes=minutes)
    client.post("/unlock", data={"passphrase": PASSPHRASE}, follow_redirects=False)
    assert h1(client.get("/").text) == "How are you right now?"


def episode(state: AppState, episode_id: int) -> pause.PauseEpisode:
    with state.session() as session:
        return pause.get_pause(session, Owner(1), episode_id, now=state.now())


def field_value(page: str, name: str) -> str:
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.DOTALL)
    assert match is not None, name
    return html.unescape(match.group(1))


# -- starting ---------------------------------------------------------------------------------


def test_the_header_pause_button_is_on_every_unlocked_page(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    for path in ("/", "/journal", "/safety-plan", "/pause"):
        assert '<form method="post" action="/pause/start"' in client.get(path).text, path


def test_one_tap_starts_a_twenty_minute_pause(unlocked_client: Client) -> None:
    client, state = unlocked_client
    episode_id = start(client)
    page = client.get(f"/pause/{episode_id}")
    assert page.status_code == 200
    assert h1(page.text) == "Pause"
    assert 'data-remaining="1200"' in page.text
    assert ">20:00<" in page.text
    assert "20 minutes left" in page.text
    assert '<script src="/static/pause/pause.js" defer></script>' in page.text
    assert episode(state, episode_id).status == "running"


def test_starting_again_goes_back_to_the_running_pause(unlocked_client: Client) -> None:
    client, state = unlocked_client
    first = start(client)
    assert start(client) == first
    with state.session() as session:
        assert pause.count_pauses(session, Owner(1)) == 1


def test_pause_needs_an_unlocked_vault(locked_client: Client, anonymous: TestClient) -> None:
    client, _ = locked_client
    assert client.get("/pause/1", follow_redirects=False).headers["location"] == unlock_for(
        "/pause/1"
    )
    locked = client.post("/pause/start", follow_redirects=False)
    assert "Welcome back" in locked.text  # the unlock page, with nothing lost
    assert anonymous.get("/pause", follow_redirects=False).status_code == 403
    assert anonymous.post("/pause/start", follow_redirects=False).status_code == 403


# -- the server's clock -----------------------------------------------------------------------


def test_a_reload_in_the_middle_keeps_the_right_time(
    unlocked_client: Client, clock: FakeClock
) -> None:
    client, _ = unlocked_client
    episode_id = start(client)
    clock.advance(minutes=7)
    page = client.get(f"/pause/{episode_id}").text
    assert "13 minutes left" in page
    assert ">13:00<" in page
    assert 'data-remaining="780"' in page
    clock.advance(minutes=12.5)
    assert "Less than a minute left" in client.get(f"/pause/{episode_id}").text
    clock.advance(minutes=0.5)
    ended = client.get(f"/pause/{episode_id}").text
    assert h1(ended) == "Your pause has ended"
    assert "You paused for 20 minutes" in ended


def test_a_pause_left_running_shows_its_end_screen_then_is_kept_as_stopped(
    unlocked_client: Client, clock: FakeClock
) -> None:
    client, state = unlocked_client
    episode_id = start(client)
    post(client, f"/pause/{episode_id}/save", held_message="Answer me.")
    come_back(client, clock, minutes=50)
    assert h1(client.get(f"/pause/{episode_id}").text) == "Your pause has ended"
    assert start(client) == episode_id  # no duplicate: back to its end screen
    come_back(client, clock, minutes=24 * 60)
    history = client.get("/pause").text
    assert "Stopped early" in history
    summary = client.get(f"/pause/{episode_id}").text
    assert "ended without a last step" in summary
    assert "Answer me." in summary
    assert episode(state, episode_id).status == "abandoned"
    assert start(client) != episode_id  # a new night, a new pause


# -- writing while it runs --------------------------------------------------------------------


def test_what_is_written_is_saved_and_shown_again(unlocked_client: Client) -> None:
    client, state = unlocked_client
    episode_id = start(client)
    location = post(
        client,
        f"/pause/{episode_id}/save",
        what_happened="Seen, no reply",
        urge_before="7",
        held_message="Why are you ignoring me?",
        statements="He read it at 9.\nHe doesn't care.",
        section="message",
    )
    assert location == f"/pause/{episode_id}?saved=message#message"
    page = client.get(location).text
    assert "Saved in your vault." in page
    assert field_value(page, "what_happened") == "Seen, no reply"
    assert field_value(page, "held_message") == "Why are you ignoring me?"
    assert re.search(r'name="urge_before" value="7" checked', page)
    saved = episode(state, episode_id)
    assert (saved.what_happened, saved.urge_before) == ("Seen, no reply", 7)


def test_thoughts_are_sorted_into_fact_or_feeling(unlocked_client: Client) -> None:
    client, state = unlocked_client
    episode_id = start(client)
    post(client, f"/pause/{episode_id}/save", statements="He read it at 9.\nHe doesn't care.")
    page = client.get(f"/pause/{episode_id}").text
    ids = [int(i) for i in dict.fromkeys(re.findall(r'name="kind-(\d+)"', page))]
    assert len(ids) == 2
    assert "I know this for a fact" in page
    assert "This is a feeling or a guess" in page
    post(
        client,
        f"/pause/{episode_id}/save",
        statements="He read it at 9.\nHe doesn't care.",
        **{f"kind-{ids[0]}": "fact", f"kind-{ids[1]}": "feeling"},
        section="thoughts",
    )
    page = client.get(f"/pause/{episode_id}").text
    assert f'name="kind-{ids[0]}" value="fact" checked' in page
    assert f'name="kind-{ids[1]}" value="feeling" checked' in page
    assert "not proof" in page
    with state.session() as session:
        rows = pause.statements(session, episode(state, episode_id))
        assert [(r.text, r.kind) for r in rows] == [
            ("He read it at 9.", "fact"),
            ("He doesn't care.", "feeling"),
        ]


@pytest.mark.parametrize("urge", ["11", "-1"])
def test_a_wrong_urge_is_explained_and_nothing_is_saved(unlocked_client: Client, urge: str) -> None:
    client, state = unlocked_client
    episode_id = start(client)
    response = client.post(
        f"/pause/{episode_id}/save",
        data={"urge_before": urge, "held_message": "Typed, not lost", "what_happened": "x"},
    )
    assert response.status_code == 422
    assert "Choose a number from 0 (no urge at all) to 10 (the strongest it gets)." in response.text
    assert field_value(response.text, "held_message") == "Typed, not lost"  # given back
    saved = episode(state, episode_id)
    assert (saved.held_message, saved.what_happened, saved.urge_before) == ("", "", None)


def test_every_button_on_the_running_page_saves_what_was_written(unlocked_client: Client) -> None:
    """The timer buttons belong to the same form, so typing then pressing one loses nothing."""
    client, state = unlocked_client
    episode_id = start(client)
    page = client.get(f"/pause/{episode_id}").text
    buttons = re.findall(r"<button[^>]*form=\"pause-form\"[^>]*>", page)
    assert len(buttons) >= 6
    # The first is the form's default (Enter in a field): it must save, not change the timer.
    assert "formaction" not in buttons[0]
    post(client, f"/pause/{episode_id}/timer", minutes="10", held_message="Still typing")
    saved = episode(state, episode_id)
    assert (saved.planned_minutes, saved.held_message) == (10, "Still typing")
    assert 'value="10" class="button button-quiet pause-choice" aria-pressed="true"' in (
        client.get(f"/pause/{episode_id}").text
    )


def test_timer_length_and_more_time(unlocked_client: Client, clock: FakeClock) -> None:
    client, _ = unlocked_client
    episode_id = start(client)
    post(client, f"/pause/{episode_id}/timer", minutes="5")
    assert "5 minutes left" in client.get(f"/pause/{episode_id}").text
    post(client, f"/pause/{episode_id}/extend", minutes="5")
    assert "10 minutes left" in client.get(f"/pause/{episode_id}").text
    clock.advance(minutes=12)
    assert h1(client.get(f"/pause/{episode_id}").text) == "Your pause has ended"
    post(client, f"/pause/{episode_id}/extend", minutes="10")  # from the end screen
    assert "10 minutes left" in client.get(f"/pause/{episode_id}").text
    wrong = client.post(f"/pause/{episode_id}/timer", data={"minutes": "7"})
    assert wrong.status_code == 422
    assert "Choose 5, 10, 20 or 30 minutes." in wrong.text


# -- the end ----------------------------------------------------------------------------------


def test_end_early_shows_the_held_message_and_the_choices(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    episode_id = start(client)
    post(client, f"/pause/{episode_id}/save", held_message="Fine, whatever.", urge_before="8")
    page = client.get(post(client, f"/pause/{episode_id}/end")).text
    assert h1(page) == "Your pause has ended"
    assert field_value(page, "final_message") == "Fine, whatever."
    assert "At the start it was 8." in page
    for label in rules.DECISION_CHOICES.values():
        assert str(escape(label)) in page
    assert 'data-copy="final_message" hidden' in page  # shown by pause.js only


def test_without_a_held_message_there_is_nothing_to_send_as_is(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    episode_id = start(client)
    page = client.get(post(client, f"/pause/{episode_id}/end")).text
    assert 'value="sent_as_is"' not in page
    assert 'value="not_sent"' in page


def test_finish_saves_the_episode_and_offers_the_trigger_log(unlocked_client: Client) -> None:
    client, state = unlocked_client
    episode_id = start(client)
    post(client, f"/pause/{episode_id}/save", held_message="Fine, whatever.", urge_before="8")
    post(client, f"/pause/{episode_id}/end")
    location = post(
        client,
        f"/pause/{episode_id}/finish",
        urge_after="3",
        decision="sent_changed",
        final_message="I felt hurt. Can we talk later?",
        note="Breathing helped.",
    )
    assert location == f"/pause/{episode_id}?finished=1"
    page = client.get(location).text
    assert "Saved. You gave yourself a pause" in page
    assert f'href="/trigger-log/new?from_pause={episode_id}"' in page
    assert "8 → 3" in page
    assert "Sent a changed message" in page
    assert re.search(r"<textarea[^>]*readonly>I felt hurt. Can we talk later\?</textarea>", page)
    saved = episode(state, episode_id)
    assert (saved.status, saved.urge_after, saved.decision) == ("finished", 3, "sent_changed")
    # A finished pause is read-only: a late form goes back to its summary, changing nothing.
    assert post(client, f"/pause/{episode_id}/save", held_message="late") == f"/pause/{episode_id}"
    assert episode(state, episode_id).held_message == "Fine, whatever."


def finish(client: TestClient, **data: str) -> int:
    """Start a pause, write, end and finish it; returns its id."""
    episode_id = start(client)
    post(client, f"/pause/{episode_id}/save", **data)
    post(client, f"/pause/{episode_id}/end")
    post(client, f"/pause/{episode_id}/finish", decision="not_sent")
    return episode_id


def test_the_summary_links_the_trigger_log_entry_made_from_it(unlocked_client: Client) -> None:
    """The trigger log's offer (trigger_log.entry_for_pause) finds the entry."""
    client, _ = unlocked_client
    episode_id = finish(client, what_happened="Left on read.")
    assert "a trigger-log entry from this pause" not in client.get(f"/pause/{episode_id}").text
    made = post(
        client, "/trigger-log/new", trigger="Left on read.", episode_id=str(episode_id)
    ).split("?")[0]
    page = client.get(f"/pause/{episode_id}").text
    assert f'<a href="{made}">a trigger-log entry from this pause</a>' in page
    assert f'href="/trigger-log/new?from_pause={episode_id}"' in page  # another is welcome


@pytest.fixture
def without_trigger_log(state: AppState) -> Iterator[Client]:
    """The app as if there were no trigger log: nothing offers trigger_log.entry_for_pause."""
    features = tuple(replace(f, offers=()) if f.name == "trigger_log" else f for f in FEATURES)
    app = create_app(state.settings, PORT, state=state, features=features)
    with TestClient(app, base_url=BASE_URL) as client:
        launch(client, state)
        onboard(client)
        yield client, state


def test_without_a_trigger_log_the_summary_offers_none(without_trigger_log: Client) -> None:
    client, _ = without_trigger_log
    episode_id = finish(client, what_happened="Left on read.", held_message="Hello?")
    page = client.get(f"/pause/{episode_id}?finished=1")
    assert page.status_code == 200
    assert "Saved. You gave yourself a pause" in page.text
    assert "Hello?" in page.text
    assert "from_pause" not in page.text
    assert "Add it to my trigger log" not in page.text
    assert "Learn from this moment" not in page.text


@pytest.mark.parametrize("urge", ["11", "-1"])
def test_a_wrong_finish_keeps_the_end_screen_and_the_text(
    unlocked_client: Client, urge: str
) -> None:
    client, state = unlocked_client
    episode_id = start(client)
    post(client, f"/pause/{episode_id}/end")
    response = client.post(
        f"/pause/{episode_id}/finish",
        data={"urge_after": urge, "decision": "not_sent", "note": "My note", "final_message": "m"},
    )
    assert response.status_code == 422
    assert h1(response.text) == "Your pause has ended"
    assert "Choose a number from 0" in response.text
    assert field_value(response.text, "note") == "My note"
    assert 'value="not_sent" checked' in response.text
    assert episode(state, episode_id).status == "running"


def test_stop_without_finishing_still_saves(unlocked_client: Client) -> None:
    client, state = unlocked_client
    episode_id = start(client)
    location = post(
        client, f"/pause/{episode_id}/stop", held_message="Unsent draft", urge_before="9"
    )
    assert location == f"/pause/{episode_id}?stopped=1"
    page = client.get(location).text
    assert "Stopped. Everything you wrote is saved." in page
    assert "Unsent draft" in page
    assert "from_pause" not in page  # no offer to turn it into a trigger-log entry
    saved = episode(state, episode_id)
    assert (saved.status, saved.held_message, saved.urge_before) == ("abandoned", "Unsent draft", 9)


# -- help card --------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["what_happened", "held_message", "statements"])
def test_crisis_language_while_running_puts_help_first(unlocked_client: Client, field: str) -> None:
    client, _ = unlocked_client
    episode_id = start(client)
    location = post(client, f"/pause/{episode_id}/save", section="message", **{field: CRISIS})
    assert location == f"/pause/{episode_id}?saved=message&support=1"  # no #anchor past the card
    page = client.get(location).text
    assert page.index("Before anything else") < page.index("<h1>")
    assert "Nobody has been alerted" in page


@pytest.mark.parametrize("field", ["final_message", "note"])
def test_crisis_language_at_the_end_puts_help_first(unlocked_client: Client, field: str) -> None:
    client, _ = unlocked_client
    episode_id = start(client)
    post(client, f"/pause/{episode_id}/end")
    location = post(client, f"/pause/{episode_id}/finish", **{field: CRISIS})
    assert location == f"/pause/{episode_id}?finished=1&support=1"
    assert "Before anything else" in client.get(location).text


def test_everyday_words_do_not_bring_the_help_card(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    episode_id = start(client)
    location = post(client, f"/pause/{episode_id}/save", held_message="Are you coming home?")
    assert "support" not in location


# -- history and addresses --------------------------------------------------------------------


def test_empty_history_explains_what_a_pause_is(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    page = client.get("/pause").text
    assert h1(page) == "Your pauses"
    assert "No pauses yet." in page
    assert "A pause is for the hard moment" in page


def test_history_lists_date_duration_urges_and_decision(
    unlocked_client: Client, clock: FakeClock
) -> None:
    client, _ = unlocked_client
    episode_id = start(client)
    post(client, f"/pause/{episode_id}/save", urge_before="6")
    clock.advance(minutes=10)
    client.get(f"/pause/{episode_id}/time")
    clock.advance(minutes=10)
    post(client, f"/pause/{episode_id}/finish", urge_after="2", decision="not_sent")
    come_back(client, clock, minutes=60)
    running = start(client)
    page = client.get("/pause").text
    assert f'href="/pause/{episode_id}"' in page
    assert "20 minutes" in page
    assert "6 → 2" in page
    assert "Didn&#39;t send it" in page
    assert f'A pause is still open. <a href="/pause/{running}">' in page
    assert "Still open" in page


def test_someone_elses_or_unknown_pause_is_404(unlocked_client: Client) -> None:
    client, state = unlocked_client
    with state.session() as session:
        theirs, _ = pause.start_pause(session, Owner(id=2), now=state.now())
        theirs_id = theirs.id
    mine = start(client)
    assert mine != theirs_id
    for path in (f"/pause/{theirs_id}", "/pause/999", "/pause/0", f"/pause/{2**63}", "/pause/x"):
        assert client.get(path).status_code == 404, path
    for action in ("save", "timer", "extend", "end", "stop", "finish"):
        response = client.post(f"/pause/{theirs_id}/{action}", data={"minutes": "5"})
        assert response.status_code == 404, action
    with state.session() as session:
        assert pause.get_pause(session, Owner(id=2), theirs_id, now=state.now()).status == (
            "running"
        )


def test_a_browser_without_the_session_gets_nothing(unlocked_client: Client) -> None:
    client, state = unlocked_client
    episode_id = start(client)
    post(client, f"/pause/{episode_id}/save", held_message="Only mine to read.")
    with stranger(client.app) as other:
        seen = other.get(f"/pause/{episode_id}")
        assert seen.status_code == 403
        assert "Only mine to read." not in seen.text
        stopped = other.post(f"/pause/{episode_id}/stop", data={"held_message": "Replaced"})
        assert stopped.status_code == 403
        # Nothing changed: the pause runs on, with the owner's words.
        saved = episode(state, episode_id)
        assert (saved.status, saved.held_message, saved.ended_at) == (
            "running",
            "Only mine to read.",
            None,
        )


def test_the_script_and_styles_are_served(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    script = client.get("/static/pause/pause.js")
    assert script.status_code == 200
    assert "data-remaining" in script.text
    css = client.get("/static/pause/pause.css").text
    assert "prefers-reduced-motion: reduce" in css


def test_the_time_left_for_the_script(unlocked_client: Client, clock: FakeClock) -> None:
    client, _ = unlocked_client
    episode_id = start(client)
    clock.advance(minutes=7)
    assert client.get(f"/pause/{episode_id}/time").json() == {"running": True, "remaining": 780}
    post(client, f"/pause/{episode_id}/stop")
    assert client.get(f"/pause/{episode_id}/time").json() == {"running": False, "remaining": 0}
    assert client.get("/pause/999/time").status_code == 404


def test_a_pause_on_screen_keeps_the_vault_open(unlocked_client: Client, clock: FakeClock) -> None:
    """pause.js asks for the time left twice a minute; that counts as activity."""
    client, state = unlocked_client
    episode_id = start(client)
    for _ in range(2 * 19):
        clock.advance(minutes=0.5)
        assert client.get(f"/pause/{episode_id}/time").status_code == 200
    assert state.is_unlocked
    clock.advance(minutes=1)
    assert h1(client.get(f"/pause/{episode_id}").text) == "Your pause has ended"
    assert state.now() - episode(state, episode_id).started_at == timedelta(minutes=20)


# -- a win in one tap (offered by the wins: wins.add_from) ----------------------------------


def _win_form(page: str, episode_id: int) -> str | None:
    """The one-tap form's token, if the summary offers it."""
    match = re.search(
        rf'<form method="post" action="/pause/{episode_id}/win">\s*'
        r'<input type="hidden" name="form_token" value="([^"]+)">',
        page,
    )
    return match.group(1) if match else None


@pytest.mark.parametrize("decision", ["not_sent", "something_else"])
def test_a_pause_that_ended_without_sending_is_a_win_in_one_tap(
    unlocked_client: Client, decision: str
) -> None:
    client, _state = unlocked_client
    episode_id = start(client)
    post(client, f"/pause/{episode_id}/end")
    post(client, f"/pause/{episode_id}/finish", decision=decision)
    page = client.get(f"/pause/{episode_id}?finished=1").text
    token = _win_form(page, episode_id)
    assert token is not None
    assert "That was a win" in page

    location = post(client, f"/pause/{episode_id}/win", form_token=token)
    assert location == f"/pause/{episode_id}?win=1"
    page = client.get(location).text
    assert "Logged in your wins." in page
    assert _win_form(page, episode_id) is None  # logged: a link to it instead of the button
    win_link = re.search(r'You logged this pause as <a href="(/wins/\d+)">a win</a>', page)
    assert win_link is not None
    win = client.get(win_link.group(1)).text
    assert "I paused for less than a minute" in win
    assert "Logged after a pause" in win

    # The same tap sent again (a double click) leads to the same place and logs nothing more.
    assert post(client, f"/pause/{episode_id}/win", form_token=token).startswith(location)
    assert client.get("/wins").text.count("I paused for") == 1


@pytest.mark.parametrize("decision", ["sent_changed", ""])
def test_no_win_is_offered_or_logged_for_other_endings(
    unlocked_client: Client, decision: str
) -> None:
    client, _state = unlocked_client
    episode_id = start(client)
    post(client, f"/pause/{episode_id}/save", held_message="Hello?")
    post(client, f"/pause/{episode_id}/end")
    post(client, f"/pause/{episode_id}/finish", decision=decision)
    assert _win_form(client.get(f"/pause/{episode_id}").text, episode_id) is None
    assert post(client, f"/pause/{episode_id}/win") == f"/pause/{episode_id}"
    assert "I paused for" not in client.get("/wins").text


def test_a_running_or_stopped_pause_is_not_a_win(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    episode_id = start(client)
    assert post(client, f"/pause/{episode_id}/win") == f"/pause/{episode_id}"
    post(client, f"/pause/{episode_id}/stop")
    assert _win_form(client.get(f"/pause/{episode_id}").text, episode_id) is None
    assert "I paused for" not in client.get("/wins").text


@pytest.fixture
def without_wins(state: AppState) -> Iterator[Client]:
    """The app as if there were no wins: nothing offers wins.add_from."""
    features = tuple(replace(f, offers=()) if f.name == "wins" else f for f in FEATURES)
    app = create_app(state.settings, PORT, state=state, features=features)
    with TestClient(app, base_url=BASE_URL) as client:
        launch(client, state)
        onboard(client)
        yield client, state


def test_without_wins_the_summary_offers_no_win(without_wins: Client) -> None:
    client, _ = without_wins
    episode_id = finish(client, what_happened="Left on read.")
    page = client.get(f"/pause/{episode_id}").text
    assert "That was a win" not in page
    assert _win_form(page, episode_id) is None
    assert post(client, f"/pause/{episode_id}/win") == f"/pause/{episode_id}"
