"""The search page: results with highlighted words, escaping, pages, and every empty state."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from anchored.core.owner import PERSONAL_OWNER
from anchored.features import FEATURES
from anchored.features.check_in.models import CheckIn, CheckInEmotion
from anchored.features.journal import service as journal
from anchored.features.search.service import QUERY_MAX
from anchored.features.thought_record.models import ThoughtRecord
from anchored.manifest import Registry
from anchored.storage.search import index_document
from anchored.web.state import AppState
from tests.support import NOW, unlock_for, write_entry

Client = tuple[TestClient, AppState]


REGISTRY = Registry(FEATURES)


def _result_links(page: str) -> list[str]:
    return re.findall(r'<a class="search-title" href="([^"]+)">', page)


def test_before_searching_the_page_explains_what_is_searched(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.get("/search")
    assert response.status_code == 200
    page = response.text
    assert '<form method="get" action="/search" role="search"' in page
    assert '<label for="q">Search your writing</label>' in page
    assert '<input type="search" id="q" name="q" value=""' in page
    # Every kind the features declare, named as its results are labelled.
    kinds = ", ".join(kind.label for _code, kind in sorted(REGISTRY.search_kinds.items()))
    assert f"everything you have written, in every tool: {kinds}." in page
    assert kinds.startswith("Journal, Check-in, Thought record, Trigger log")
    assert "only inside your encrypted vault" in page
    assert "<h1>Search</h1>" in page


def test_results_link_to_the_writing_with_the_words_marked(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    first = write_entry(client, "He went quiet and I felt lonely.", title="Quiet night")
    write_entry(client, "A calm walk by the river.", title="River")
    second = write_entry(client, "Lonely again after the call.")

    response = client.get("/search?q=lonely")
    assert response.status_code == 200
    page = response.text
    assert "2 results for “lonely”" in page
    assert sorted(_result_links(page)) == sorted([f"/journal/{first}", f"/journal/{second}"])
    assert "<mark>lonely</mark>" in page
    assert "<mark>Lonely</mark>" in page
    assert ">Quiet night</a>" in page
    assert ">Lonely again after the call.</a>" in page  # no title: its first words
    assert "Journal · <time" in page
    assert "River" not in page
    assert 'value="lonely"' in page  # the box keeps what was typed


def test_one_result_is_said_in_the_singular(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    write_entry(client, "The only one about herons.")
    assert "1 result for “herons”" in client.get("/search?q=herons").text


def test_check_ins_and_thought_records_are_found_too(unlocked_client: Client) -> None:
    client, state = unlocked_client
    with state.session() as session:
        check_in = CheckIn(
            owner_id=PERSONAL_OWNER.id,
            note="Waiting for a reply.",
            emotions=[CheckInEmotion(position=0, emotion="anxious", intensity=7)],
        )
        record = ThoughtRecord(
            owner_id=PERSONAL_OWNER.id,
            automatic_thought="They stopped caring",
            situation="No reply for hours.",
        )
        session.add_all([check_in, record])
        session.flush()
        index_document(session, PERSONAL_OWNER.id, 2, check_in.id, "", check_in.note)
        index_document(
            session, PERSONAL_OWNER.id, 3, record.id, record.automatic_thought,
            record.situation,
        )  # fmt: skip
        check_in_id, record_id = check_in.id, record.id
    page = client.get("/search?q=reply").text
    assert f'href="/check-in/{check_in_id}">Check-in: Anxious</a>' in page
    assert f'href="/thought-records/{record_id}">They stopped caring</a>' in page
    assert "Check-in · <time" in page
    assert "Thought record · <time" in page


def test_dates_are_local(unlocked_client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    client, state = unlocked_client
    monkeypatch.setenv("TZ", "NZST-12")
    time.tzset()
    try:
        when = datetime(2026, 1, 2, 9, 30).astimezone()  # 21:30 on 1 Jan in UTC
        with state.session() as session:
            journal.add_entry(session, PERSONAL_OWNER, "morning tea", when=when, now=NOW)
        page = client.get("/search?q=tea").text
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert '<time datetime="2026-01-02T09:30+12:00">Fri 2 Jan 2026</time>' in page


def test_html_in_the_query_is_shown_as_text(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    write_entry(client, "script kiddies")
    query = '<script>alert("x")</script> script'
    page = client.get(f"/search?q={quote(query)}").text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; script" in page
    assert 'value="&lt;script&gt;' in page


def test_html_in_the_writing_is_shown_as_text(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    write_entry(client, 'I typed <img src=x onerror="alert(1)"> and <b>bold</b> here', "<i>T</i>")
    page = client.get("/search?q=bold").text
    assert "<img" not in page
    assert "<b>" not in page
    assert "&lt;b&gt;<mark>bold</mark>&lt;/b&gt;" in page
    assert "&lt;i&gt;T&lt;/i&gt;</a>" in page


def test_results_come_in_pages(unlocked_client: Client) -> None:
    client, state = unlocked_client
    start = datetime(2026, 3, 1, 8, 0).astimezone()
    with state.session() as session:
        for day in range(25):
            journal.add_entry(
                session,
                PERSONAL_OWNER,
                f"a walk, day {day}",
                when=start + timedelta(days=day),
                now=NOW,
            )
    first = client.get("/search?q=walk").text
    assert "25 results for “walk” (page 1)" in first
    assert len(_result_links(first)) == 20
    assert '<ol class="search-list" start="1">' in first
    assert 'href="/search?q=walk&amp;page=2" rel="next">More results</a>' in first
    assert "Previous results" not in first

    second = client.get("/search?q=walk&page=2").text
    assert len(_result_links(second)) == 5
    assert '<ol class="search-list" start="21">' in second
    assert 'href="/search?q=walk&amp;page=1" rel="prev">Previous results</a>' in second
    assert "More results" not in second
    assert set(_result_links(first)).isdisjoint(_result_links(second))


def test_the_page_links_keep_an_odd_query_intact(unlocked_client: Client) -> None:
    client, state = unlocked_client
    with state.session() as session:
        for i in range(21):
            journal.add_entry(session, PERSONAL_OWNER, f"rock & roll {i}", now=NOW)
    page = client.get("/search?q=" + quote("rock & roll")).text
    assert 'href="/search?q=rock%20%26%20roll&amp;page=2" rel="next"' in page
    assert len(_result_links(client.get("/search?q=rock%20%26%20roll&page=2").text)) == 1


def test_a_page_past_the_end_shows_the_last_page(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    entry_id = write_entry(client, "just one walk")
    for page_number in ("7", "99999999999999999999", "0"):
        response = client.get(f"/search?q=walk&page={page_number}", follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == "/search?q=walk"
        page = client.get(response.headers["location"]).text
        assert _result_links(page) == [f"/journal/{entry_id}"]


def test_no_results_suggests_other_words(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    write_entry(client, "a quiet day")
    page = client.get("/search?q=thunderstorm").text
    assert "Nothing matched “thunderstorm”." in page
    assert "try fewer words, or a different word" in page


@pytest.mark.parametrize("query", ['"', "()", "*", "- -"])
def test_a_query_without_words_is_answered_kindly(unlocked_client: Client, query: str) -> None:
    client, _state = unlocked_client
    write_entry(client, "anything")
    response = client.get(f"/search?q={quote(query)}")
    assert response.status_code == 200
    assert "Type a word or two from what you wrote" in response.text


@pytest.mark.parametrize(
    ("query", "outcome"),
    [
        ('he said "soon', "found"),
        ("NEAR(", "found"),  # an operator word is searched as the word
        ("a AND", "nothing matched"),
        ("it's", "found"),
        ("-x*", "found"),
        ("((", "no words"),
    ],
)
def test_punctuation_never_breaks_the_page(
    unlocked_client: Client, query: str, outcome: str
) -> None:
    client, _state = unlocked_client
    entry_id = write_entry(client, 'he said "soon", it\'s near (x)')
    response = client.get(f"/search?q={quote(query)}")
    assert response.status_code == 200
    # Searched as plain words: the answer is the entry, or a kind word, never an error.
    found = _result_links(response.text)
    assert found == ([f"/journal/{entry_id}"] if outcome == "found" else [])
    assert ("Nothing matched" in response.text) == (outcome == "nothing matched")
    assert ("Type a word or two" in response.text) == (outcome == "no words")
    # Nothing changed: the entry is still there and still found by its words.
    assert _result_links(client.get("/search?q=soon").text) == [f"/journal/{entry_id}"]


def test_a_too_long_search_is_explained_beside_the_box(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.get("/search?q=" + "w" * 201)
    assert response.status_code == 200
    page = response.text
    assert 'role="alert">That search is too long.' in page
    error = re.search(r'<p class="field-error" id="q-error">([^<]*)</p>', page)
    assert error is not None
    assert "200 characters" in error.group(1)
    assert "www" not in error.group(1)
    assert 'aria-invalid="true" aria-describedby="q-error"' in page
    assert 'value="' + "w" * 201 + '"' in page  # kept to shorten, not lost


def test_live_results_are_an_enhancement_of_a_full_page(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    write_entry(client, "lighthouse keeper")
    page = client.get("/search?q=lighthouse", headers={"HX-Request": "true"}).text
    assert page.lstrip().startswith("<!doctype html>")  # the same full page, htmx picks a part
    assert 'hx-get="/search"' in page
    assert 'hx-select="#search-results"' in page
    assert '<div id="search-results"' in page


def _search_box(page: str) -> dict[str, str]:
    """What a search box sends, and where: the form's method and action, the box's name and
    length limit."""
    form = re.search(r'<form method="(\w+)" action="([^"]+)" role="search"', page)
    box = re.search(r'<input type="search" id="q" name="(\w+)"[^>]* maxlength="(\d+)"', page)
    assert form is not None
    assert box is not None
    return {
        "method": form.group(1),
        "action": form.group(2),
        "name": box.group(1),
        "maxlength": box.group(2),
    }


def test_the_journal_box_asks_the_search_page_as_its_own_box_does(
    unlocked_client: Client,
) -> None:
    # The journal writes its own box (a feature never includes another's templates), so this
    # keeps the two in step: same address, same field, same limit; and its answer finds.
    client, _state = unlocked_client
    entry = write_entry(client, "The kittiwakes came back to the cliff.")
    journals = _search_box(client.get("/journal").text)
    assert journals == _search_box(client.get("/search").text)
    assert journals["maxlength"] == str(QUERY_MAX)
    assert (journals["method"], journals["action"]) == ("get", "/search")
    found = client.get(journals["action"], params={journals["name"]: "kittiwakes"}).text
    assert _result_links(found) == [f"/journal/{entry}"]


def test_search_needs_the_vault_open(locked_client: Client) -> None:
    client, _state = locked_client
    response = client.get("/search?q=anything", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == unlock_for("/search?q=anything")


def test_an_emoji_alone_is_searched_for_and_marked(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    found = write_entry(client, "He replied at last 😌 and I slept.")
    write_entry(client, "No reply, and I slept badly.")
    page = client.get(f"/search?q={quote('😌')}").text
    assert "Type a word or two" not in page
    assert "1 result for “😌”" in page
    assert _result_links(page) == [f"/journal/{found}"]
    assert "<mark>😌</mark>" in page
    assert "Nothing matched “🌧”." in client.get(f"/search?q={quote('🌧')}").text
