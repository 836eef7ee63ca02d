"""Learn: seven short pages, and the private signs reflection (dated, never scored)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from anchored.features.learn.pages import LearnPage, load_pages
from anchored.features.learn.signs import load_signs
from anchored.web.state import AppState
from tests.support import unlock_for

Client = tuple[TestClient, AppState]
PAGES = load_pages().pages
SIGNS = load_signs().signs
DATA_PAGES = ["/learn", "/learn/what-it-is", "/learn/signs"]


def _esc(text: str) -> str:
    return str(escape(text))


def _past(page: str) -> str:
    """The 'Earlier reflections' section."""
    match = re.search(r'<section aria-labelledby="past-heading">(.*?)</section>', page, re.DOTALL)
    assert match is not None
    return match.group(1)


def _reflect(client: TestClient, slugs: list[str]) -> str:
    response = client.post("/learn/signs", data={"sign": slugs}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/learn/signs?saved=1"
    return client.get(response.headers["location"]).text


# -- the pages -----------------------------------------------------------------------------


def test_index_lists_seven_pages_with_summaries(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/learn")
    assert page.status_code == 200
    links = re.findall(r'<li><a href="/learn/([a-z0-9-]+)">', page.text)
    assert links == [p.slug for p in PAGES]
    assert len(links) == 7
    for learn in PAGES:
        assert _esc(learn.title) in page.text
        assert _esc(learn.summary) in page.text
    assert 'href="/learn/signs"' in page.text
    assert 'href="/partner-guide"' in page.text
    assert 'href="/therapy"' in page.text


@pytest.mark.parametrize("learn", PAGES, ids=lambda p: p.slug)
def test_each_page_renders(unlocked_client: Client, learn: LearnPage) -> None:
    client, _state = unlocked_client
    page = client.get(f"/learn/{learn.slug}")
    assert page.status_code == 200
    assert f"<h1>{_esc(learn.title)}</h1>" in page.text
    assert _esc(learn.summary) in page.text
    for heading in re.findall(r"^## (.+)$", learn.body, re.MULTILINE):
        assert f"<h2>{heading}</h2>" in page.text.replace("&#39;", "'").replace("&quot;", '"')
    assert "## " not in page.text
    assert "**" not in page.text
    index = PAGES.index(learn)
    if index > 0:
        assert f'href="/learn/{PAGES[index - 1].slug}" rel="prev"' in page.text
    if index < len(PAGES) - 1:
        assert f'href="/learn/{PAGES[index + 1].slug}" rel="next"' in page.text


@pytest.mark.parametrize("learn", PAGES, ids=lambda p: p.slug)
def test_pages_point_only_to_what_exists(unlocked_client: Client, learn: LearnPage) -> None:
    """A page may send someone to a tool only if that tool is there to open."""
    client, _state = unlocked_client
    page = client.get(f"/learn/{learn.slug}").text
    article = page[page.index("<article") : page.index("</article>")]
    for href in re.findall(r'href="(/[^"#]*)', article):
        assert client.get(href).status_code == 200, href
    # The signs-of-progress self-rating comes with the self-checks; until then, no promise.
    assert "self-rating" not in article.lower()


@pytest.mark.parametrize("slug", ["nope", "signs-of-regress", "WHAT-IT-IS", "01-what-it-is"])
def test_unknown_page_is_not_found(unlocked_client: Client, slug: str) -> None:
    client, _state = unlocked_client
    assert client.get(f"/learn/{slug}").status_code == 404


# -- the signs reflection -----------------------------------------------------------------


def test_signs_form_lists_every_sign_with_no_earlier_reflections(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/learn/signs")
    assert page.status_code == 200
    assert re.findall(r'name="sign" value="([a-z-]+)"', page.text) == [s.slug for s in SIGNS]
    assert "None yet." in _past(page.text)
    assert "Saved with today" not in page.text


def test_saved_reflection_is_dated_and_counted(unlocked_client: Client) -> None:
    """A reflection is dated by the app's clock, shown in the person's own time zone."""
    client, state = unlocked_client
    chosen = [SIGNS[6].slug, SIGNS[0].slug]
    page = _reflect(client, chosen)

    assert "Saved with today's date." in page
    past = _past(page)
    assert "Earlier reflections" in page
    assert "2 of 13 felt familiar" in past
    today = state.now().astimezone().strftime("%-d %b %Y")
    assert today in past
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d', past)
    # Listed in the order of the form, not the order ticked.
    assert past.index(_esc(SIGNS[0].text)) < past.index(_esc(SIGNS[6].text))
    assert _esc(SIGNS[1].text) not in past


def test_earlier_reflections_newest_first(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    _reflect(client, [SIGNS[0].slug])
    _reflect(client, [s.slug for s in SIGNS[:5]])
    page = _reflect(client, [SIGNS[3].slug, SIGNS[4].slug])
    counts = re.findall(r"(\d+) of 13 felt familiar", _past(page))
    assert counts == ["2", "5", "1"]


@pytest.mark.parametrize("sent", [[], ["<script>x</script>"]], ids=["nothing", "unknown-only"])
def test_an_empty_reflection_is_refused(unlocked_client: Client, sent: list[str]) -> None:
    """Saving with nothing ticked asks for a sign, gently, and keeps nothing."""
    client, _state = unlocked_client
    _reflect(client, [SIGNS[0].slug])
    response = client.post("/learn/signs", data={"sign": sent}, follow_redirects=False)
    assert response.status_code == 422
    page = response.text
    assert "<h1>Which of these do you recognise?</h1>" in page
    assert 'id="signs-error"' in page
    assert "Tick at least one sign" in page
    assert 'aria-describedby="signs-error"' in page
    assert "Saved with today" not in page
    assert "<script>x" not in page
    assert re.findall(r"(\d+) of 13 felt familiar", _past(page)) == ["1"]
    assert "0 of 13" not in client.get("/learn/signs").text


def test_unknown_signs_are_ignored(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = _reflect(client, ["<script>x</script>", SIGNS[2].slug])
    assert "1 of 13 felt familiar" in _past(page)
    assert "<script>x" not in page


@pytest.mark.parametrize("chosen", [["clinging"], [s.slug for s in SIGNS]])
def test_never_a_score_or_a_label(unlocked_client: Client, chosen: list[str]) -> None:
    client, _state = unlocked_client
    page = _reflect(client, chosen)
    text = page.lower()
    for word in ["diagnos", "risk", "severity", "disorder", "result"]:
        assert word not in text, word
    # The only mention of a score is the promise that there is none.
    assert text.replace("there is no score", "").count("score") == 0
    assert "%" not in _past(page)
    assert "/13" not in page


# -- locked and no session -----------------------------------------------------------------


@pytest.mark.parametrize("path", DATA_PAGES)
def test_locked_pages_go_to_unlock(locked_client: Client, path: str) -> None:
    client, _state = locked_client
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == unlock_for(path)


@pytest.mark.parametrize("path", DATA_PAGES)
def test_no_session_gets_the_no_session_page(
    unlocked_client: Client, anonymous: TestClient, path: str
) -> None:
    response = anonymous.get(path, follow_redirects=False)
    assert response.status_code == 403
    assert "Open Anchored from its own link" in response.text


def test_reflection_without_a_session_is_refused(
    unlocked_client: Client, anonymous: TestClient
) -> None:
    client, _state = unlocked_client
    assert anonymous.post("/learn/signs", data={"sign": [SIGNS[0].slug]}).status_code == 403
    assert "None yet." in _past(client.get("/learn/signs").text)
