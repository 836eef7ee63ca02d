"""Check-in pages: the form, history by day, one check-in, edit, delete, own tags; bad input."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from anchored.content.emotions import load_emotions
from anchored.core.owner import Owner
from anchored.features.check_in import service as checkin
from anchored.features.check_in.factors import load_factors
from anchored.web.deps import current_owner
from anchored.web.state import AppState
from tests.support import NOW, FakeClock, unlock_for

Client = tuple[TestClient, AppState]
FUTURE = "That time hasn't come yet. Choose a time up to now, or leave the box empty for now."
CRISIS = "I can't go on like this. I want to end my life."
STRANGER = Owner(id=2)
NOTE = "He said he'd call at eight & didn't."


@pytest.fixture
def clock() -> FakeClock:
    """The app's clock at the tests' usual moment, so the dates written here are past."""
    return FakeClock(NOW.timestamp())


def _post(client: TestClient, path: str = "/check-in", **fields: object) -> str:
    """Send the form; returns where it redirected to."""
    response = client.post(path, data=fields, follow_redirects=False)
    assert response.status_code == 303, response.text
    return response.headers["location"]


def _save(client: TestClient, **fields: object) -> int:
    location = _post(client, **fields)
    match = re.fullmatch(r"/check-in/history\?saved=(\d+)(?:&page=\d+)?#check-in-\1", location)
    assert match is not None, location
    return int(match.group(1))


def _error(page: str, field: str) -> str:
    match = re.search(rf'id="{field}-error">([^<]*)<', page)
    assert match is not None, f"no message next to {field}"
    return match.group(1)


def _checked(page: str, input_id: str) -> bool:
    match = re.search(rf'<input [^>]*id="{input_id}"[^>]*>', page)
    assert match is not None, input_id
    return " checked" in match.group(0)


def _selected(page: str, select_id: str) -> str:
    match = re.search(rf'<select id="{select_id}".*?</select>', page, re.DOTALL)
    assert match is not None, select_id
    chosen = re.findall(r'<option value="([^"]*)" selected>', match.group(0))
    assert len(chosen) == 1, chosen
    return chosen[0]


def _articles(page: str) -> list[int]:
    return [
        int(i) for i in re.findall(r'<article class="card check-in[^"]*" id="check-in-(\d+)"', page)
    ]


# -- the form ----------------------------------------------------------------------------------


def test_the_form_offers_every_feeling_by_family_and_every_tag(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/check-in")
    assert page.status_code == 200
    text = page.text
    assert "<h1>Check in</h1>" in text
    for family in load_emotions().families:
        assert f"<legend>{family.name}</legend>" in text
        for emotion in family.emotions:
            assert f'<label for="emotion-{emotion.slug}">{emotion.name}</label>' in text
            label = f"How strong is {emotion.name.lower()}, 0 to 10"
            assert f'<label for="intensity-{emotion.slug}">{label}</label>' in text
            assert _selected(text, f"intensity-{emotion.slug}") == "5"
            assert not _checked(text, f"emotion-{emotion.slug}")
    for factor in load_factors().factors:
        assert f'value="{factor.slug}"' in text
        assert f">{factor.name}</label>" in text
    for field in ("new_factor", "note", "when"):
        assert f'<label for="{field}">' in text
    assert "Up to 5,000 characters" in text
    assert "up to 60 characters" in text
    assert 'action="/check-in"' in text
    assert "Your check-ins (" not in text  # none yet


def test_save_then_see_it_in_the_history(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    check_in_id = _save(
        client,
        emotion=["lonely", "anxious"],
        **{"intensity-lonely": "7", "intensity-anxious": "3", "intensity-calm": "9"},
        factor=["texting", "partner"],
        new_factor="Late-night scrolling",
        note=NOTE,
    )
    page = client.get(f"/check-in/history?saved={check_in_id}").text
    assert 'role="status">Saved. Thank you for checking in.' in page
    assert _articles(page) == [check_in_id]
    article = page[page.index(f'id="check-in-{check_in_id}"') :]
    assert re.search(r"Lonely</span> <span class=\"feeling-strength\">7<", article)
    assert re.search(r"Anxious</span> <span class=\"feeling-strength\">3<", article)
    assert "Calm" not in article  # a number without a tick is not a pick
    assert "Played a part:" in article
    assert article.index("Texting") < article.index("Partner") < article.index("Late-night")
    assert str(escape(NOTE)) in article
    assert '<h2 id="day-' in page
    assert "Today, " in page
    assert "1 check-in so far" in page
    assert "Before anything else" not in page
    # The new tag is offered from now on; the form links to the history.
    form = client.get("/check-in").text
    assert ">Late-night scrolling</label>" in form
    assert 'href="/check-in/history">Your check-ins (1)</a>' in form


def test_a_ticked_feeling_without_a_number_is_saved_at_5(unlocked_client: Client) -> None:
    client, state = unlocked_client
    check_in_id = _save(client, emotion="sad")
    with state.session() as session:
        saved = checkin.get_check_in(session, current_owner(), check_in_id)
        assert [(e.emotion, e.intensity) for e in saved.emotions] == [("sad", 5)]


def test_a_note_alone_is_a_check_in(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    check_in_id = _save(client, note="Nothing to name today, just tired.")
    page = client.get("/check-in/history").text
    assert _articles(page) == [check_in_id]
    assert "Played a part" not in page


def test_history_groups_days_newest_first_and_pages(unlocked_client: Client) -> None:
    client, state = unlocked_client
    start = datetime(2026, 1, 1, 12, tzinfo=UTC)
    with state.session() as session:
        ids = [
            checkin.add_check_in(
                session, current_owner(), {"calm": 3}, when=start + timedelta(hours=9 * n), now=NOW
            ).id
            for n in range(checkin.PAGE_SIZE + 2)
        ]
    first = client.get("/check-in/history").text
    assert _articles(first) == ids[::-1][: checkin.PAGE_SIZE]
    headings = re.findall(r'<h2 id="day-(\d{4}-\d\d-\d\d)">', first)
    assert headings == sorted(set(headings), reverse=True)
    assert 'href="/check-in/history?page=2" rel="next">Older check-ins' in first
    assert 'rel="prev"' not in first
    second = client.get("/check-in/history?page=2").text
    assert _articles(second) == ids[1::-1]
    assert 'href="/check-in/history?page=1" rel="prev">Newer check-ins' in second
    assert 'rel="next"' not in second
    # A page that does not exist: the nearest one that does (here the last, or the first).
    assert _articles(client.get("/check-in/history?page=9").text) == ids[1::-1]
    assert client.get("/check-in/history?page=99999999999").status_code == 200
    assert _articles(client.get("/check-in/history?page=0").text) == _articles(first)


def test_empty_history_invites_the_first_check_in(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/check-in/history").text
    assert "No check-ins yet." in page
    assert '<a href="/check-in">Check in for the first time</a>' in page


def test_one_check_in_and_its_way_back(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    check_in_id = _save(client, emotion="hopeful", **{"intensity-hopeful": "8"})
    page = client.get(f"/check-in/{check_in_id}").text
    assert "<h1>Check-in</h1>" in page
    assert "Hopeful" in page
    assert f'href="/check-in/{check_in_id}/edit"' in page
    assert f'href="/check-in/history?page=1#check-in-{check_in_id}">All check-ins' in page


# -- edit and delete ---------------------------------------------------------------------------


def test_edit_form_is_filled_in_and_saving_changes_it(unlocked_client: Client) -> None:
    client, state = unlocked_client
    check_in_id = _save(
        client,
        emotion=["lonely", "jealous"],
        **{"intensity-lonely": "7", "intensity-jealous": "2"},
        factor="texting",
        note="before",
        when="2026-03-04T21:15",
    )
    form = client.get(f"/check-in/{check_in_id}/edit").text
    assert "<h1>Edit check-in</h1>" in form
    assert f'action="/check-in/{check_in_id}/edit"' in form
    assert _checked(form, "emotion-lonely")
    assert _checked(form, "emotion-jealous")
    assert not _checked(form, "emotion-calm")
    assert _selected(form, "intensity-lonely") == "7"
    assert _selected(form, "intensity-jealous") == "2"
    assert re.search(r'<input [^>]*value="texting" checked>', form)
    assert ">before</textarea>" in form
    assert 'value="2026-03-04T21:15"' in form

    location = _post(
        client,
        f"/check-in/{check_in_id}/edit",
        emotion=["calm", "lonely"],
        **{"intensity-calm": "6", "intensity-lonely": "3"},
        factor="sleep",
        note="after a walk",
        when="2026-03-04T21:15",
    )
    assert location == f"/check-in/history?saved={check_in_id}#check-in-{check_in_id}"
    with state.session() as session:
        saved = checkin.get_check_in(session, current_owner(), check_in_id)
        assert [(e.emotion, e.intensity) for e in saved.emotions] == [("calm", 6), ("lonely", 3)]
        assert [f.factor for f in saved.factors] == ["sleep"]
        assert saved.note == "after a walk"
        assert saved.created_at.astimezone().strftime("%Y-%m-%dT%H:%M") == "2026-03-04T21:15"


def test_delete_asks_first_then_deletes(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    check_in_id = _save(client, emotion="sad", note="to be deleted")
    confirm = client.get(f"/check-in/{check_in_id}/delete").text
    assert "<h1>Delete this check-in?</h1>" in confirm
    assert "to be deleted" in confirm
    assert "can't be undone" in confirm
    assert f'action="/check-in/{check_in_id}/delete"' in confirm
    assert client.get(f"/check-in/{check_in_id}").status_code == 200
    response = client.post(f"/check-in/{check_in_id}/delete", follow_redirects=False)
    assert response.headers["location"] == "/check-in/history?deleted=1"
    page = client.get("/check-in/history?deleted=1").text
    assert 'role="status">The check-in was deleted.' in page
    assert "No check-ins yet." in page
    assert client.get(f"/check-in/{check_in_id}").status_code == 404


# -- input a person can fix: nothing typed is lost ---------------------------------------------


def test_an_empty_check_in_is_refused_kindly_and_the_tags_kept(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post("/check-in", data={"factor": ["work", "sleep"], "note": "   "})
    assert response.status_code == 422
    assert "Pick at least one feeling, or write a few words" in _error(response.text, "emotions")
    assert 'role="alert"' in response.text
    assert 'href="#feelings-heading"' in response.text
    assert re.search(r'value="work" checked>', response.text)
    assert re.search(r'value="sleep" checked>', response.text)
    assert "No check-ins yet." in client.get("/check-in/history").text


@pytest.mark.parametrize("intensity", ["11", "-1", "7.5", "lots"])
def test_an_intensity_off_the_scale_is_explained_next_to_it(
    unlocked_client: Client, intensity: str
) -> None:
    client, _state = unlocked_client
    data = {
        "emotion": ["lonely", "calm"],
        "intensity-lonely": intensity,
        "intensity-calm": "4",
        "note": NOTE,
        "new_factor": "Gym",
    }
    response = client.post("/check-in", data=data)
    assert response.status_code == 422
    message = _error(response.text, "intensity-lonely")
    assert message.startswith("Lonely: Use a whole number from 0")
    assert 'aria-invalid="true"' in response.text
    assert 'href="#intensity-lonely"' in response.text
    # Everything else is as it was typed.
    assert _checked(response.text, "emotion-lonely")
    assert _checked(response.text, "emotion-calm")
    assert _selected(response.text, "intensity-calm") == "4"
    assert _selected(response.text, "intensity-lonely") == intensity
    assert f">{escape(NOTE)}</textarea>" in response.text
    assert 'value="Gym"' in response.text
    assert "No check-ins yet." in client.get("/check-in/history").text
    assert "Gym" not in client.get("/check-in/tags").text  # the tag was not made either


@pytest.mark.parametrize("path", ["/check-in", "/check-in/{id}/edit"])
def test_a_date_still_to_come_is_explained(unlocked_client: Client, path: str) -> None:
    client, state = unlocked_client
    check_in_id = _save(client, emotion="calm", note="already here")
    data = {"emotion": "lonely", "note": "what I typed", "when": "2031-06-01T10:00"}
    response = client.post(path.format(id=check_in_id), data=data)
    assert response.status_code == 422
    assert _error(response.text, "when") == escape(FUTURE)
    assert 'href="#when"' in response.text
    assert ">what I typed</textarea>" in response.text
    with state.session() as session:
        assert checkin.count_check_ins(session, current_owner()) == 1
        assert checkin.get_check_in(session, current_owner(), check_in_id).note == "already here"


def test_every_problem_is_listed_at_the_top(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    data = {
        "emotion": ["lonely", "not-a-feeling"],
        "intensity-lonely": "12",
        "factor": ["made-up"],
        "new_factor": "t" * 61,
        "note": "n" * 5_001,
        "when": "yesterday-ish",
    }
    response = client.post("/check-in", data=data)
    assert response.status_code == 422
    start = response.text.index('role="alert"')
    summary = response.text[start : response.text.index("</ul>", start)]
    for anchor in ("intensity-lonely", "feelings-heading", "factors", "new_factor", "note", "when"):
        assert f'href="#{anchor}"' in summary, anchor
    assert "5,000" in _error(response.text, "note")
    assert "60 characters" in _error(response.text, "new_factor")
    assert "year-month-day" in _error(response.text, "when")
    assert "not-a-feeling" not in _error(response.text, "emotions")
    assert "made-up" not in _error(response.text, "factors")
    assert f">{'n' * 5_001}</textarea>" in response.text
    assert 'value="yesterday-ish"' in response.text


def test_an_invalid_edit_keeps_the_typing_and_the_old_check_in(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    check_in_id = _save(client, emotion="sad", note="original words")
    response = client.post(
        f"/check-in/{check_in_id}/edit",
        data={"emotion": "sad", "intensity-sad": "11", "note": "new words"},
    )
    assert response.status_code == 422
    assert ">new words</textarea>" in response.text
    assert f'action="/check-in/{check_in_id}/edit"' in response.text
    assert "original words" in client.get(f"/check-in/{check_in_id}").text


# -- own tags ----------------------------------------------------------------------------------


def test_own_tags_can_be_added_and_removed_and_past_check_ins_keep_them(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    assert "You haven't added any tags of your own yet." in client.get("/check-in/tags").text
    assert _post(client, "/check-in/tags", name="  Night   shifts ") == "/check-in/tags?added=1"
    page = client.get("/check-in/tags?added=1").text
    assert "Your tag was added." in page
    match = re.search(r'href="/check-in/tags/(\d+)/remove">Remove', page)
    assert match is not None
    tag_id = int(match.group(1))
    check_in_id = _save(client, emotion="tired", factor="Night shifts")

    confirm = client.get(f"/check-in/tags/{tag_id}/remove").text
    assert "<h1>Remove this tag?</h1>" in confirm
    assert "“Night shifts” won't be offered" in confirm
    assert _post(client, f"/check-in/tags/{tag_id}/remove") == "/check-in/tags?removed=1"
    assert "Check-ins that have it keep it." in client.get("/check-in/tags?removed=1").text
    assert ">Night shifts</label>" not in client.get("/check-in").text
    assert "Night shifts" in client.get(f"/check-in/{check_in_id}").text
    # Editing that check-in still shows the tag, ticked, so saving keeps it.
    form = client.get(f"/check-in/{check_in_id}/edit").text
    assert "(a tag you removed)" in form
    assert re.search(r'value="Night shifts" checked>', form)
    _post(
        client,
        f"/check-in/{check_in_id}/edit",
        emotion="tired",
        factor="Night shifts",
        note="kept",
    )
    assert "Night shifts" in client.get(f"/check-in/{check_in_id}").text


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("", "Give your tag a short name."),
        ("x" * 61, "up to 60"),
        ("texting", "already in the list"),
    ],
)
def test_a_tag_that_cannot_be_added_is_explained(
    unlocked_client: Client, name: str, words: str
) -> None:
    client, _state = unlocked_client
    response = client.post("/check-in/tags", data={"name": name})
    assert response.status_code == 422
    assert words in _error(response.text, "name")
    assert f'value="{name}"' in response.text


# -- the help card -----------------------------------------------------------------------------


def test_crisis_language_in_the_note_saves_and_puts_the_card_first(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    location = _post(client, emotion="empty", note=CRISIS)
    assert re.fullmatch(r"/check-in/history\?saved=\d+&support=1", location)
    page = client.get(location).text
    assert page.index("Before anything else") < page.index("I want to end my life")


def test_editing_into_crisis_language_also_shows_the_card(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    check_in_id = _save(client, emotion="sad")
    location = _post(client, f"/check-in/{check_in_id}/edit", emotion="sad", note=CRISIS)
    assert location == f"/check-in/history?saved={check_in_id}&support=1"


def test_a_check_in_that_calls_for_help_keeps_the_card_when_opened_again(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    location = _post(client, emotion="empty", note=CRISIS)
    match = re.fullmatch(r"/check-in/history\?saved=(\d+)&support=1", location)
    assert match is not None
    flagged = int(match.group(1))
    everyday = _save(client, emotion="sad", note="Long day at work.")
    page = client.get(f"/check-in/{flagged}").text
    assert page.index("Before anything else") < page.index("I want to end my life")
    assert "Before anything else" not in client.get(f"/check-in/{everyday}").text


# -- what is not there, or not yours -----------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "suffix"),
    [
        ("GET", ""),
        ("GET", "/edit"),
        ("POST", "/edit"),
        ("GET", "/delete"),
        ("POST", "/delete"),
    ],
)
def test_someone_elses_or_a_missing_check_in_is_a_calm_404(
    unlocked_client: Client, method: str, suffix: str
) -> None:
    client, state = unlocked_client
    with state.session() as session:
        theirs = checkin.add_check_in(
            session, STRANGER, {"lonely": 4}, note="not yours", now=NOW
        ).id
    for check_in_id in (theirs, 4242):
        response = client.request(
            method, f"/check-in/{check_in_id}{suffix}", data={"emotion": "calm", "note": "x"}
        )
        assert response.status_code == 404
        assert "We couldn't find that page" in response.text
    with state.session() as session:
        assert checkin.get_check_in(session, STRANGER, theirs).note == "not yours"
    assert "not yours" not in client.get("/check-in/history").text


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_someone_elses_tag_cannot_be_removed(unlocked_client: Client, method: str) -> None:
    client, state = unlocked_client
    with state.session() as session:
        theirs = checkin.add_own_factor(session, STRANGER, "Their tag").id
    assert client.request(method, f"/check-in/tags/{theirs}/remove").status_code == 404
    assert "Their tag" not in client.get("/check-in").text
    with state.session() as session:
        assert [f.name for f in checkin.list_own_factors(session, STRANGER)] == ["Their tag"]


@pytest.mark.parametrize("path", ["/check-in/0", "/check-in/abc", "/check-in/99999999999999999999"])
def test_addresses_that_are_not_a_check_in(unlocked_client: Client, path: str) -> None:
    client, _state = unlocked_client
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/check-in", "/check-in/history", "/check-in/tags"])
def test_pages_need_the_vault_open(locked_client: Client, path: str) -> None:
    client, _state = locked_client
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == unlock_for(path)
