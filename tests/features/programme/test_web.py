"""The 13 steps: overview, step pages, statuses, exercises, step entries, and today's step."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from anchored.content.programme import Exercise, Step, load_programme
from anchored.core.owner import PERSONAL_OWNER
from anchored.features import FEATURES
from anchored.features.journal import service as journal
from anchored.manifest import Registry
from anchored.web.state import AppState
from tests.support import unlock_for, write_entry

Client = tuple[TestClient, AppState]
PROGRAMME = load_programme()
EXERCISES = [(step, exercise) for step in PROGRAMME.steps for exercise in step.exercises]
JOURNAL_EXERCISES = [(s, e) for s, e in EXERCISES if e.tool == "journal"]
DATA_PAGES = ["/programme", "/programme/1", "/programme/13"]


TOOLS = Registry(FEATURES).tools


def _href(number: int, exercise: Exercise) -> str:
    return TOOLS[exercise.tool].href(number, exercise.slug)


def _esc(text: str | None) -> str:
    """As Jinja escapes text on a page."""
    return str(escape(text))


def _selected(page: str, select_id: str) -> str:
    """The value of the selected option in <select id=select_id>."""
    pattern = rf'<select id="{select_id}" name="[a-z0-9-]+">(.*?)</select>'
    match = re.search(pattern, page, re.DOTALL)
    assert match is not None, select_id
    chosen = re.findall(r'<option value="([a-z_]+)" selected>', match.group(1))
    assert len(chosen) == 1, chosen
    return chosen[0]


def _write_for(client: TestClient, step: str, exercise: str, body: str, title: str = "") -> int:
    response = client.post(
        "/journal/new",
        data={"body": body, "title": title, "step": step, "exercise": exercise},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/journal/(\d+)\?saved=1", response.headers["location"])
    assert match is not None
    return int(match.group(1))


def _today(page: str) -> str | None:
    match = re.search(r'<h2 id="today-heading">(.*?)</h2>', page)
    return html.unescape(match.group(1)) if match else None


# -- overview ------------------------------------------------------------------------------


def test_overview_lists_thirteen_steps_with_a_status_each(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/programme")
    assert page.status_code == 200
    assert re.findall(r'<a href="/programme/(\d+)">', page.text) == [str(n) for n in range(1, 14)]
    for step in PROGRAMME.steps:
        assert _esc(step.title) in page.text
        assert _selected(page.text, f"status-{step.number}") == "not_started"
    for label in ["Not started", "Exploring", "Practising", "Feels solid"]:
        assert page.text.count(f">{label}</option>") == 13
    assert "Healing is not a straight line." in page.text
    assert "no grades" in page.text


def _glance(page: str) -> dict[str, str]:
    """The overview's at-a-glance summary, as {term: description}."""
    match = re.search(r'<section[^>]*aria-labelledby="glance-heading">(.*?)</section>', page, re.S)
    assert match is not None
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", match.group(1), re.S)
    return {html.unescape(k): html.unescape(re.sub(r"<[^>]+>", "", v)).strip() for k, v in pairs}


def test_overview_starts_with_an_at_a_glance_summary(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    assert _glance(client.get("/programme").text) == {
        "Exploring": "0 steps",
        "Practising": "0 steps",
        "Feels solid": "0 steps",
        "Pinned for today": "Nothing pinned",
    }
    for number, status in [(1, "solid"), (2, "practising"), (3, "exploring"), (4, "exploring")]:
        client.post(f"/programme/{number}/status", data={"status": status})
    client.post("/programme/6/pin")
    page = client.get("/programme").text
    assert _glance(page) == {
        "Exploring": "2 steps",
        "Practising": "1 step",
        "Feels solid": "1 step",
        "Pinned for today": f"6. {PROGRAMME.steps[5].title}",
    }
    assert page.index('id="glance-heading"') < page.index('id="step-1"')
    assert re.search(r'<dd><a href="/programme/6">6\. ', page)


def _all_statuses(**changes: str) -> dict[str, str]:
    return {f"status-{n}": changes.get(f"s{n}", "not_started") for n in range(1, 14)}


def test_overview_is_one_form_with_one_save_button(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/programme").text
    page = page[page.index('<main id="main"') : page.index("</main>")]
    assert page.count("<form") == 1
    assert '<form method="post" action="/programme"' in page
    assert re.findall(r'<select id="status-(\d+)" name="status-\1">', page) == [
        str(n) for n in range(1, 14)
    ]
    assert page.count('type="submit"') == 1


def test_one_form_saves_every_status(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    client.post("/programme/9/status", data={"status": "practising"})
    data = _all_statuses(s1="solid", s2="practising", s5="exploring", s13="solid")
    response = client.post("/programme", data=data, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/programme?saved=1"
    page = client.get(response.headers["location"]).text
    assert '<p class="notice" role="status">Saved.' in page
    chosen = {n: _selected(page, f"status-{n}") for n in range(1, 14)}
    assert chosen == {n: data[f"status-{n}"] for n in range(1, 14)}  # 9 went back to not started
    assert _glance(page)["Feels solid"] == "2 steps"
    assert _selected(client.get("/programme/5").text, "status") == "exploring"
    assert "Saved." not in client.get("/programme").text


def test_one_form_leaves_steps_it_does_not_send(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    client.post("/programme/7/status", data={"status": "practising"})
    client.post("/programme", data={"status-1": "exploring"})
    page = client.get("/programme").text
    assert _selected(page, "status-1") == "exploring"
    assert _selected(page, "status-7") == "practising"


@pytest.mark.parametrize(
    "bad", [{"status-3": "done"}, {"status-3": ""}, {"status-14": "solid"}, {"status-x": "solid"}]
)
def test_one_form_with_anything_wrong_saves_nothing(
    unlocked_client: Client, bad: dict[str, str]
) -> None:
    client, _state = unlocked_client
    response = client.post("/programme", data={**_all_statuses(s1="solid"), **bad})
    assert response.status_code == 400
    assert _selected(client.get("/programme").text, "status-1") == "not_started"


def test_status_changed_on_the_overview_persists(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post(
        "/programme/4/status",
        data={"status": "practising", "back": "overview"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/programme#step-4"
    page = client.get("/programme").text
    assert _selected(page, "status-4") == "practising"
    assert _selected(page, "status-3") == "not_started"
    assert _selected(client.get("/programme/4").text, "status") == "practising"


def test_status_changed_on_the_step_page_persists(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post("/programme/2/status", data={"status": "solid"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/programme/2")
    assert _selected(client.get("/programme/2").text, "status") == "solid"
    assert _selected(client.get("/programme").text, "status-2") == "solid"


@pytest.mark.parametrize("status", ["", "done", "<b>solid</b>"])
def test_unknown_status_is_refused(unlocked_client: Client, status: str) -> None:
    client, _state = unlocked_client
    response = client.post("/programme/2/status", data={"status": status})
    assert response.status_code == 400
    assert _selected(client.get("/programme/2").text, "status") == "not_started"


# -- step pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("step", PROGRAMME.steps, ids=lambda s: f"step-{s.number}")
def test_step_page_shows_lesson_and_exercises(unlocked_client: Client, step: Step) -> None:
    client, _state = unlocked_client
    number = step.number
    page = client.get(f"/programme/{number}")
    assert page.status_code == 200
    assert f"<h1>{number}. {_esc(step.title)}</h1>" in page.text
    headings = re.findall(r"^## (.+)$", step.lesson, re.MULTILINE)
    assert headings
    for heading in headings:
        assert f"<h2>{html.escape(heading, quote=False)}</h2>" in page.text
    assert "## " not in page.text
    for exercise in step.exercises:
        assert f'href="{_esc(_href(number, exercise))}"' in page.text
        assert _esc(exercise.title) in page.text
    assert "Nothing yet." in page.text


def test_step_page_links_to_its_journal_prompts(unlocked_client: Client) -> None:
    from anchored.features.journal.prompts import load_prompts

    client, _state = unlocked_client
    page = client.get("/programme/3").text
    assert '<a href="/journal/prompts?step=3">Journal prompts for this step</a>' in page
    prompts = client.get("/journal/prompts?step=3").text
    for prompt in load_prompts().for_step(3):
        assert _esc(prompt.title) in prompts


def _links(page: str) -> list[tuple[str, str]]:
    """(href, text) of every link in the page's main part."""
    main = page[page.index('<main id="main"') : page.index("</main>")]
    found = re.findall(r'<a (?:class="[^"]*" )?href="([^"]+)"[^>]*>(.*?)</a>', main, re.S)
    return [(html.unescape(h), re.sub(r"<[^>]+>", " ", text)) for h, text in found]


@pytest.mark.parametrize(
    ("number", "slug", "href"),
    [
        (2, "slow-breathing", "/pause/breathe"),
        (2, "ground-and-change-space", "/pause/breathe#ground"),
        (8, "fact-or-feeling", "/thought-records/new"),
    ],
)
def test_exercise_opens_the_tool_that_serves_it(
    unlocked_client: Client, number: int, slug: str, href: str
) -> None:
    client, _state = unlocked_client
    step = PROGRAMME.step(number)
    assert step is not None
    exercise = step.exercise(slug)
    assert exercise is not None
    links = _links(client.get(f"/programme/{number}").text)
    assert [h for h, text in links if exercise.title in html.unescape(text)] == [href]
    # The tool opens; a feature's own link on the step is not repeated beside the exercise.
    assert client.get(href.split("#", 1)[0]).status_code == 200
    assert [h for h, _text in links].count(href) == 1


# Which steps each feature's own link shows on (the steps listed in its manifest).
STEP_LINKS = {
    "/check-in": {2, 6, 7},
    "/thought-records/new": {5, 6, 8},
    "/reassurance": {2, 8, 9, 10},
    "/trigger-log": {2},
    "/habits": {7, 10},
}


@pytest.mark.parametrize("href", STEP_LINKS)
def test_tools_are_linked_from_the_steps_they_serve(unlocked_client: Client, href: str) -> None:
    client, _state = unlocked_client
    pages = {n: client.get(f"/programme/{n}").text for n in range(1, 14)}
    shown = {n for n, page in pages.items() if href in {h for h, _text in _links(page)}}
    assert shown == STEP_LINKS[href]


@pytest.mark.parametrize(
    ("number", "exercise"),
    [(s.number, e) for s, e in EXERCISES],
    ids=[f"{s.number}-{e.slug}" for s, e in EXERCISES],
)
def test_every_exercise_opens_a_page_that_exists(
    unlocked_client: Client, number: int, exercise: Exercise
) -> None:
    client, _state = unlocked_client
    href = _href(number, exercise).split("#", 1)[0]
    response = client.get(href)
    assert response.status_code == 200, href
    assert str(response.url).endswith(href), "redirected elsewhere"


@pytest.mark.parametrize(
    ("number", "exercise"),
    [(s.number, e) for s, e in JOURNAL_EXERCISES],
    ids=[f"{s.number}-{e.slug}" for s, e in JOURNAL_EXERCISES],
)
def test_journal_exercise_shows_its_prompt(
    unlocked_client: Client, number: int, exercise: Exercise
) -> None:
    client, _state = unlocked_client
    page = client.get(_href(number, exercise)).text
    assert _esc(exercise.prompt) in page
    assert f"Step {number}: {_esc(exercise.title)}" in page
    assert f'<input type="hidden" name="step" value="{number}">' in page
    slug = exercise.slug
    assert f'<input type="hidden" name="exercise" value="{slug}">' in page


def test_entry_written_for_a_step_is_listed_on_that_step_only(unlocked_client: Client) -> None:
    client, state = unlocked_client
    entry_id = _write_for(
        client, "1", "tell-your-story", "Grandma's kitchen felt steady.", title="Where I began"
    )
    write_entry(client, "An ordinary untagged entry.", title="Untagged thoughts")

    step_one = client.get("/programme/1").text
    assert f'<a href="/journal/{entry_id}">Where I began</a>' in step_one
    assert "Tell your story" in step_one
    assert "Untagged thoughts" not in step_one
    assert "Nothing yet." not in step_one

    step_two = client.get("/programme/2").text
    assert "Where I began" not in step_two
    assert f"/journal/{entry_id}" not in step_two
    assert "Nothing yet." in step_two

    with state.session() as session:
        entry = journal.get_entry(session, PERSONAL_OWNER, entry_id)
        assert (entry.step, entry.exercise) == (1, "tell-your-story")


def test_untitled_step_entry_is_listed_by_its_first_words(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    _write_for(client, "1", "tell-your-story", "The porch light was always on. " * 10)
    page = client.get("/programme/1").text
    assert "The porch light was always on." in page
    assert "…" in page


@pytest.mark.parametrize(
    ("step", "exercise"),
    [
        ("1", "no-such-exercise"),
        ("99", "tell-your-story"),
        ("0", "tell-your-story"),
        ("-1", "tell-your-story"),
        ("2", "tell-your-story"),  # a real exercise, but of another step
        ("12", "people-who-care"),  # a real exercise, but not a journal one
        ("abc", "tell-your-story"),
        ("", ""),
    ],
)
def test_bogus_exercise_shows_the_plain_form_and_saves_untagged(
    unlocked_client: Client, step: str, exercise: str
) -> None:
    client, state = unlocked_client
    page = client.get("/journal/new", params={"step": step, "exercise": exercise})
    assert page.status_code == 200
    assert "exercise-prompt" not in page.text
    assert 'name="step"' not in page.text
    assert "<h1>New entry</h1>" in page.text

    entry_id = _write_for(client, step, exercise, "Just writing today.")
    with state.session() as session:
        entry = journal.get_entry(session, PERSONAL_OWNER, entry_id)
        assert (entry.step, entry.exercise) == (None, None)
    assert "Just writing today." not in client.get("/programme/1").text


@pytest.mark.parametrize(
    "step",
    [
        "\u00b2",  # superscript two: str.isdigit() is True, int() refuses it
        "9" * 5000,  # more digits than int() converts by default
    ],
    ids=["superscript-digit", "very-long-number"],
)
def test_odd_step_numbers_are_treated_as_bogus(unlocked_client: Client, step: str) -> None:
    client, state = unlocked_client
    page = client.get("/journal/new", params={"step": step, "exercise": "tell-your-story"})
    assert page.status_code == 200
    assert "exercise-prompt" not in page.text
    response = client.post(
        "/journal/new",
        data={"body": "Still saved.", "step": step, "exercise": "tell-your-story"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    with state.session() as session:
        (entry,) = journal.list_entries(session, PERSONAL_OWNER)
        assert (entry.body, entry.step) == ("Still saved.", None)


@pytest.mark.parametrize("path", ["/programme/14", "/programme/0", "/programme/-1"])
def test_steps_outside_one_to_thirteen_are_not_found(unlocked_client: Client, path: str) -> None:
    client, _state = unlocked_client
    assert client.get(path).status_code == 404
    assert client.post(f"{path}/status", data={"status": "solid"}).status_code == 404


def test_pin_and_unpin_from_the_step_page(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    assert "Make this today's focus" in client.get("/programme/6").text
    response = client.post("/programme/6/pin", follow_redirects=False)
    assert response.status_code == 303
    page = client.get("/programme/6").text
    assert "Stop focusing on this step" in page
    overview = client.get("/programme").text
    assert overview.count("Today's focus") == 1
    assert re.search(r'href="/programme/6">[^<]*</a> <span class="badge">Today', overview)

    client.post("/programme/7/pin")  # pinning another moves the focus
    assert "Make this today's focus" in client.get("/programme/6").text
    assert "Stop focusing on this step" in client.get("/programme/7").text

    client.post("/programme/7/pin", data={"unpin": "1"})
    assert "Today's focus" not in client.get("/programme").text


# -- home: today's step --------------------------------------------------------------------


def test_home_suggests_step_one_at_first(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/").text
    step = PROGRAMME.steps[0]
    assert _today(page) == f"Today's step: 1. {step.title}"
    assert _esc(step.try_today) in page
    assert 'href="/programme/1"' in page


def test_home_suggests_the_first_step_not_feeling_solid(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    for number in (1, 2):
        client.post(f"/programme/{number}/status", data={"status": "solid"})
    client.post("/programme/3/status", data={"status": "practising"})
    page = client.get("/").text
    step = PROGRAMME.steps[2]
    assert _today(page) == f"Today's step: 3. {step.title}"
    assert _esc(step.try_today) in page


def test_home_suggests_the_pinned_step(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    client.post("/programme/9/pin")
    page = client.get("/").text
    step = PROGRAMME.steps[8]
    assert _today(page) == f"Today's step: 9. {step.title}"
    assert _esc(step.try_today) in page
    assert 'href="/programme/9"' in page


def test_home_has_no_suggestion_when_every_step_feels_solid(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    for number in range(1, 14):
        client.post(f"/programme/{number}/status", data={"status": "solid"})
    page = client.get("/")
    assert page.status_code == 200
    assert _today(page.text) is None


# -- locked and no session -----------------------------------------------------------------


@pytest.mark.parametrize("path", DATA_PAGES)
def test_locked_pages_go_to_unlock(locked_client: Client, path: str) -> None:
    client, _state = locked_client
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == unlock_for(path)


def test_status_sent_while_locked_is_not_saved(locked_client: Client) -> None:
    client, state = locked_client
    response = client.post("/programme/5/status", data={"status": "solid"})
    assert response.status_code == 200
    assert "Welcome back" in response.text or 'action="/unlock' in response.text
    assert not state.is_unlocked
    response = client.post("/programme", data={"status-5": "solid"})
    assert response.status_code == 200
    assert 'action="/unlock' in response.text or "Welcome back" in response.text
    assert not state.is_unlocked


@pytest.mark.parametrize("path", DATA_PAGES)
def test_no_session_gets_the_no_session_page(
    unlocked_client: Client, anonymous: TestClient, path: str
) -> None:
    response = anonymous.get(path, follow_redirects=False)
    assert response.status_code == 403
    assert "Open Anchored from its own link" in response.text
    refused = anonymous.post("/programme/1/status", data={"status": "solid"})
    assert refused.status_code == 403
    assert anonymous.post("/programme", data={"status-1": "solid"}).status_code == 403
