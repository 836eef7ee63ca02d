"""Reassurance tracker pages: taps from home and the tracker, today, goal, week, own behaviours,
and the old /reassurance addresses."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features.reassurance import service as reassurance
from anchored.features.reassurance.behaviours import load_behaviours
from anchored.features.reassurance.models import ReassuranceBehaviour
from anchored.web.state import AppState
from tests.support import FakeClock, unlock_for

Client = tuple[TestClient, AppState]
BUILTINS = load_behaviours().behaviours
# Wednesday 25 November 2026, 23:50 in London (GMT, so also UTC).
START = datetime(2026, 11, 25, 23, 50, tzinfo=UTC).timestamp()


@pytest.fixture(autouse=True)
def _london() -> Iterator[None]:
    """The 'server' runs in London, so local days are London days."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "Europe/London")
        time.tzset()
        yield
    time.tzset()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(now=START)


def _behaviour_ids(page: str) -> list[int]:
    found = re.findall(r'action="/reassurance/behaviours/(\d+)/urge"', page)
    return list(dict.fromkeys(int(i) for i in found))


def _tap(client: TestClient, behaviour_id: int, kind: str, back: str = "home") -> str:
    response = client.post(
        f"/reassurance/behaviours/{behaviour_id}/{kind}",
        data={"back": back},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    location: str = response.headers["location"]
    return location


def _counts(page: str) -> list[str]:
    return re.findall(r'<span class="tap-counts">([^<]*)</span>', page)


def _table(page: str) -> list[tuple[str, str, str]]:
    body = re.search(r"<tbody>(.*?)</tbody>", page, re.DOTALL)
    assert body is not None
    rows = re.findall(
        r'<th scope="row">([^<]*)</th>\s*<td>([^<]*)(?:<span[^>]*>[^<]*</span>)?</td>'
        r"<td>([^<]*)",
        body.group(1),
    )
    return [(day, urges, acts) for day, urges, acts in rows]


# -- home --------------------------------------------------------------------------------------


def test_home_has_both_taps_for_every_builtin_outside_the_quick_actions(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    page = client.get("/").text
    actions = re.search(r'<ul class="actions">(.*?)</ul>', page, re.DOTALL)
    assert actions is not None
    assert "/reassurance" not in actions.group(1)
    ids = _behaviour_ids(page)
    assert len(ids) == len(BUILTINS)
    for behaviour, behaviour_id in zip(BUILTINS, ids, strict=True):
        assert f'I felt the urge<span class="visually-hidden"> ({behaviour.name})' in page
        assert f'action="/reassurance/behaviours/{behaviour_id}/act"' in page
    assert 'href="/reassurance"' in page
    assert _counts(page) == ["Today: 0 urges, did it 0 times"] * len(BUILTINS)


def test_a_tap_from_home_without_javascript_comes_back_with_noted(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    first, second, *_ = _behaviour_ids(client.get("/").text)
    location = _tap(client, first, "urge")
    assert re.fullmatch(r"/\?noted=\d+#reassurance-taps", location)
    _tap(client, first, "urge")
    location = _tap(client, second, "act")
    page = client.get(location).text
    status = re.search(
        r'id="tap-status" class="tap-status" aria-live="polite"[^>]*>(.*?)</div>', page, re.DOTALL
    )
    assert status is not None
    assert "Noted." in status.group(1)
    assert f"Did it: {BUILTINS[1].name}." in status.group(1)
    assert _counts(page)[:2] == ["Today: 2 urges, did it 0 times", "Today: 0 urges, did it 1 time"]
    assert "Today so far: 2 urges noticed, 1 time you did it." in page
    assert "Noted." not in client.get("/").text


def test_a_tap_with_htmx_swaps_only_the_counts(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    first = _behaviour_ids(client.get("/").text)[0]
    response = client.post(
        f"/reassurance/behaviours/{first}/urge",
        data={"back": "home"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert _counts(response.text)[0] == "Today: 1 urge, did it 0 times"
    assert '<div id="tap-status" hx-swap-oob="innerHTML">' in response.text
    assert "Noted." in response.text
    assert '<p id="tap-today" hx-swap-oob="innerHTML">' in response.text
    assert 'hx-post="/reassurance/behaviours/' in client.get("/").text


def test_a_tap_can_be_undone(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    first = _behaviour_ids(client.get("/").text)[0]
    location = _tap(client, first, "act")
    event_id = re.search(r"noted=(\d+)", location).group(1)  # type: ignore[union-attr]
    assert f'action="/reassurance/events/{event_id}/undo"' in client.get(location).text
    response = client.post(
        f"/reassurance/events/{event_id}/undo", data={"back": "home"}, follow_redirects=False
    )
    assert response.headers["location"] == "/?undone=1#reassurance-taps"
    page = client.get(response.headers["location"]).text
    assert "Taken back." in page
    assert _counts(page)[0] == "Today: 0 urges, did it 0 times"
    again = client.post(f"/reassurance/events/{event_id}/undo", follow_redirects=False)
    assert again.status_code == 404


# -- the tracker page --------------------------------------------------------------------------


def test_tracker_page_shows_today_goal_week_and_behaviours(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.get("/reassurance")
    assert response.status_code == 200
    page = response.text
    assert "<h1>Checking and reassurance</h1>" in page
    for behaviour in BUILTINS:
        assert behaviour.name in page
    assert "A goal is optional." in page
    assert '<label for="max_acts">' in page
    assert '<label for="behaviour-name">' in page
    assert "Up to 120 characters" in page
    assert '<h2 id="week-heading">This week</h2>' in page
    # Only the tracker's own forms post back to it; there is no htmx on this page's taps.
    assert 'name="back" value="tracker"' in page
    assert 'hx-post="/reassurance/behaviours' not in page


def test_chart_is_an_accessible_svg_without_style_attributes(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/reassurance").text
    main = page[page.index('<main id="main"') :]  # the header's brand mark is an SVG too
    svg = re.search(r"<svg[^>]*>.*?</svg>", main, re.DOTALL)
    assert svg is not None
    chart = svg.group(0)
    opening = chart[: chart.index(">")]
    assert 'role="img"' in opening
    assert 'aria-label="Chart: urges and times you did it' in opening
    assert "<title>" in chart
    assert "<desc>" in chart
    assert "style=" not in page
    # No script of its own: only the app's script files (htmx, forms.js), never inline.
    assert "<script" not in re.sub(r'<script src="/static/[^"]+" defer></script>', "", page)
    assert not re.search(r'height="-', chart)


def test_the_week_table_and_chart_carry_the_same_numbers(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    first, second, *_ = _behaviour_ids(client.get("/").text)
    for _ in range(3):
        _tap(client, first, "urge")
    _tap(client, second, "act")
    page = client.get("/reassurance").text
    rows = _table(page)
    assert rows[:3] == [("Mon 23", "0", "0"), ("Tue 24", "0", "0"), ("Wed 25", "3", "1")]
    assert [r[1] for r in rows[3:]] == ["—"] * 4
    assert '<tfoot><tr><th scope="row">Week</th><td>3</td><td>1</td></tr></tfoot>' in page
    values = re.findall(r'<text class="chart-value"[^>]*>(\d+)</text>', page)
    assert values == ["0", "0", "0", "0", "3", "1"]
    assert "Wed: 3 urges, did it 1 time." in page


def test_days_turn_at_local_midnight(unlocked_client: Client) -> None:
    client, state = unlocked_client
    first = _behaviour_ids(client.get("/").text)[0]
    _tap(client, first, "act")  # Wednesday 23:50
    state.clock.advance(minutes=12)  # type: ignore[attr-defined]
    _tap(client, first, "act")  # Thursday 00:02
    page = client.get("/reassurance").text
    assert _table(page)[2:4] == [("Wed 25", "0", "1"), ("Thu 26", "0", "1")]
    assert "Today so far: 0 urges noticed, 1 time you did it." in page


def test_a_tap_from_the_tracker_returns_there(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    first = _behaviour_ids(client.get("/reassurance").text)[0]
    location = _tap(client, first, "urge", back="tracker")
    assert re.fullmatch(r"/reassurance\?noted=\d+#today", location)
    assert "Noted." in client.get(location).text


@pytest.mark.parametrize("back", ["https://example.org", "//evil", ""])
def test_an_odd_back_value_goes_home(unlocked_client: Client, back: str) -> None:
    client, _state = unlocked_client
    first = _behaviour_ids(client.get("/").text)[0]
    assert _tap(client, first, "urge", back=back).startswith("/?noted=")


@pytest.mark.parametrize(
    "path",
    [
        "/reassurance/behaviours/4242/urge",
        "/reassurance/behaviours/4242/act",
        "/reassurance/behaviours/0/urge",
        "/reassurance/behaviours/abc/act",
        "/reassurance/behaviours/99999999999999999999999/urge",
        "/reassurance/behaviours/1/maybe",
        "/reassurance/events/4242/undo",
        "/reassurance/behaviours/4242/remove",
    ],
)
def test_unknown_behaviours_and_taps_are_a_calm_404(unlocked_client: Client, path: str) -> None:
    client, _state = unlocked_client
    client.get("/reassurance")  # the built-ins exist
    response = client.post(path, data={"back": "home"})
    assert response.status_code == 404
    assert "We couldn't find that page" in response.text


def test_someone_elses_behaviour_is_a_404(unlocked_client: Client) -> None:
    client, state = unlocked_client
    other = Owner(id=2)
    with state.session() as session:
        theirs = ReassuranceBehaviour(owner_id=other.id, name="Their habit", builtin=None)
        session.add(theirs)
        session.flush()
        theirs_id = theirs.id
        their_tap = reassurance.record(session, other, theirs_id, "act", now=state.now()).id
    for method, path in [
        ("POST", f"/reassurance/behaviours/{theirs_id}/urge"),
        ("POST", f"/reassurance/behaviours/{theirs_id}/act"),
        ("GET", f"/reassurance/behaviours/{theirs_id}/remove"),
        ("POST", f"/reassurance/behaviours/{theirs_id}/remove"),
        ("POST", f"/reassurance/events/{their_tap}/undo"),
    ]:
        assert client.request(method, path).status_code == 404, path
    assert "Their habit" not in client.get("/reassurance").text
    assert "Their habit" not in client.get("/").text
    # Nothing changed for either person: their behaviour and tap are there, and no tap of
    # mine was made on it.
    with state.session() as session:
        assert reassurance.get_behaviour(session, other, theirs_id).name == "Their habit"
        assert reassurance.get_event(session, other, their_tap).kind == "act"
        assert reassurance.count_taps(session, other, theirs_id) == 1
        assert reassurance.today(session, PERSONAL_OWNER, now=state.now()).total.acts == 0
        assert reassurance.today(session, PERSONAL_OWNER, now=state.now()).total.urges == 0


# -- the goal ----------------------------------------------------------------------------------


def test_a_goal_is_saved_and_today_is_compared_kindly(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post("/reassurance/goal", data={"max_acts": "3"}, follow_redirects=False)
    assert response.headers["location"] == "/reassurance?goal=saved#goal"
    page = client.get("/reassurance?goal=saved").text
    assert "Your goal for this week is saved." in page
    assert "At most <strong>3 times</strong> a day" in page
    assert "0 of your 3 for today." in page
    assert 'value="3"' in page

    first = _behaviour_ids(page)[0]
    _tap(client, first, "act")
    _tap(client, first, "act")
    assert "2 of your 3 for today." in client.get("/").text
    _tap(client, first, "act")
    assert "3 of your 3 for today." in client.get("/").text
    _tap(client, first, "act")
    today = re.search(r'<p id="tap-today"[^>]*>(.*?)</p>', client.get("/").text, re.DOTALL)
    assert today is not None
    assert "Over your goal today — that's information, not failure." in today.group(1)
    for unkind in ["failed", "bad", "should", "only"]:
        assert unkind not in today.group(1).lower()


def test_a_goal_of_zero(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    client.post("/reassurance/goal", data={"max_acts": "0"})
    page = client.get("/reassurance").text
    assert "At most <strong>0 times</strong> a day" in page
    assert "None so far, in line with your goal." in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-1", "Choose a number from 0 to 99."),
        ("100", "Choose a number from 0 to 99."),
        ("abc", "Use a whole number, like 3."),
        ("2.5", "Use a whole number, like 3."),
        ("", "Write a number first, like 3."),
    ],
)
def test_a_goal_that_does_not_fit_is_explained_next_to_it(
    unlocked_client: Client, typed: str, message: str
) -> None:
    client, _state = unlocked_client
    response = client.post("/reassurance/goal", data={"max_acts": typed})
    assert response.status_code == 422
    error = re.search(r'id="max_acts-error">([^<]*)<', response.text)
    assert error is not None
    assert error.group(1) == message
    assert f'value="{typed}"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert "A goal is optional." in client.get("/reassurance").text


def test_the_goal_can_be_cleared(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    client.post("/reassurance/goal", data={"max_acts": "2"})
    response = client.post("/reassurance/goal/clear", follow_redirects=False)
    assert response.headers["location"] == "/reassurance?goal=cleared#goal"
    page = client.get("/reassurance?goal=cleared").text
    assert "No goal this week." in page
    assert "A goal is optional." in page


# -- other weeks -------------------------------------------------------------------------------


def test_earlier_weeks(unlocked_client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    client, state = unlocked_client
    first = _behaviour_ids(client.get("/").text)[0]
    assert 'rel="prev"' not in client.get("/reassurance").text
    _tap(client, first, "urge")
    monkeypatch.setattr(state, "lock_if_idle", lambda: False)  # a week passes, still open
    state.clock.advance(minutes=7 * 24 * 60)  # type: ignore[attr-defined]
    page = client.get("/reassurance").text
    assert 'href="/reassurance?week=2026-11-23#week" rel="prev"' in page
    earlier = client.get("/reassurance?week=2026-11-25").text  # any day finds its Monday
    assert "Week of Mon 23 November 2026" in earlier
    assert ("Wed 25", "1", "0") in _table(earlier)
    assert 'href="/reassurance?week=2026-11-30#week" rel="next"' in earlier


@pytest.mark.parametrize("week", ["2099-01-05", "1000-01-01"])
def test_far_weeks_are_calm(unlocked_client: Client, week: str) -> None:
    client, _state = unlocked_client
    assert client.get(f"/reassurance?week={week}").status_code == 200


def test_an_unreadable_week_is_a_calm_400(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    assert client.get("/reassurance?week=soon").status_code == 400


# -- own behaviours ----------------------------------------------------------------------------


def test_add_tap_and_remove_an_own_behaviour(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post(
        "/reassurance/behaviours", data={"name": "Driving past their house"}, follow_redirects=False
    )
    assert response.headers["location"] == "/reassurance?added=1#behaviours"
    home = client.get("/").text
    own = _behaviour_ids(home)[-1]
    assert 'I felt the urge<span class="visually-hidden"> (Driving past their house)' in home
    _tap(client, own, "urge")
    confirm = client.get(f"/reassurance/behaviours/{own}/remove").text
    assert "Stop tracking this?" in confirm
    assert "together with its 1 tap" in confirm
    response = client.post(f"/reassurance/behaviours/{own}/remove", follow_redirects=False)
    assert response.headers["location"] == "/reassurance?removed=1#behaviours"
    assert "Driving past their house" not in client.get("/").text


def test_builtins_offer_no_remove_and_refuse_it(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/reassurance").text
    first = _behaviour_ids(page)[0]
    assert f"/reassurance/behaviours/{first}/remove" not in page
    assert client.get(f"/reassurance/behaviours/{first}/remove").status_code == 404
    assert client.post(f"/reassurance/behaviours/{first}/remove").status_code == 404


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Give your behaviour a short name."),
        ("x" * 121, "can be up to 120 characters; this one has 121."),
        ("Re-reading old messages", "already in the list"),
    ],
)
def test_a_bad_name_is_explained_and_kept(unlocked_client: Client, name: str, message: str) -> None:
    client, _state = unlocked_client
    response = client.post("/reassurance/behaviours", data={"name": name})
    assert response.status_code == 422
    error = re.search(r'id="name-error">([^<]*)<', response.text)
    assert error is not None
    assert message in error.group(1)
    assert f'name="name" value="{name}"' in response.text


def test_an_own_name_that_calls_for_help_shows_the_help_card_first(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    response = client.post(
        "/reassurance/behaviours", data={"name": "Wanting to end my life"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/reassurance?added=1&support=1"
    assert "Wanting to end my life" in client.get("/reassurance").text


# -- locked ------------------------------------------------------------------------------------


def test_a_tap_after_locking_is_kept_for_after_unlock(locked_client: Client) -> None:
    client, _state = locked_client
    assert client.get("/reassurance", follow_redirects=False).headers["location"] == unlock_for(
        "/reassurance"
    )
    response = client.post("/reassurance/behaviours/1/urge", data={"back": "home"})
    assert response.status_code == 200
    assert "/reassurance/behaviours/1/urge" in response.text  # handed back to the unlock page


# -- the old /checking addresses ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/checking", "/reassurance"),
        ("/checking?week=2026-11-23", "/reassurance?week=2026-11-23"),
        ("/checking?goal=saved&x=%C3%A9", "/reassurance?goal=saved&x=%C3%A9"),
        ("/checking/behaviours/5/remove", "/reassurance/behaviours/5/remove"),
        ("/checking/anything/at/all?a=1", "/reassurance/anything/at/all?a=1"),
        ("/checking//evil.example", "/reassurance//evil.example"),
    ],
)
def test_old_addresses_move_for_good(unlocked_client: Client, old: str, new: str) -> None:
    client, _state = unlocked_client
    response = client.get(old, follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == new


def test_an_old_bookmark_opens_the_tracker(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.get("/checking?week=2026-11-23")
    assert response.status_code == 200
    assert str(response.url).endswith("/reassurance?week=2026-11-23")
    assert "<h1>Checking and reassurance</h1>" in response.text


def test_an_old_bookmark_while_locked_still_asks_to_unlock(locked_client: Client) -> None:
    client, _state = locked_client
    response = client.get("/checking", follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == "/reassurance"
    assert client.get("/reassurance", follow_redirects=False).headers["location"] == unlock_for(
        "/reassurance"
    )
