"""Professional help: the decision aid (suggestion with reasons; safety first), session prep."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy.orm import Session

from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features.therapy import service as session_prep
from anchored.features.therapy.decision_aid import load_decision_aid
from anchored.features.thought_record import service as records
from anchored.web.state import AppState
from tests.support import NOW, FakeClock, People, unlock_for

Client = tuple[TestClient, AppState]
AID = load_decision_aid()
OPTIONS = {(q.slug, o.slug): o for q in AID.questions for o in q.options}
COUPLES_LEANING = {
    "partner-willing": "open-to-it",
    "where-fears-show": "this-relationship",
    "past-loss": "not-really",
    "main-struggle": "cycles-between-us",
}
INDIVIDUAL_LEANING = {
    "partner-willing": "not-taking-part",
    "where-fears-show": "many-relationships",
    "past-loss": "yes-a-lot",
    "main-struggle": "my-inner-fear",
    "feel-safe": "no-partner",
}
SAFETY_NOTICE = "Your safety comes first"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW.timestamp())


def _thought(session: Session, owner: Owner, situation: str) -> int:
    return records.add_finished_record(
        session,
        owner,
        situation=situation,
        automatic_thought="They are losing interest.",
        emotions={"anxious": 8},
        balanced_thought="They are at work.",
        after={"anxious": 3},
        now=NOW,
    ).id


def _esc(text: str) -> str:
    return str(escape(text))


def _heading(page: str) -> str:
    match = re.search(r"<h1>(.*?)</h1>", page)
    assert match is not None
    return match.group(1)


def _prep_items(page: str) -> list[str]:
    return re.findall(r'<span class="entry-body">(.*?)</span>', page, re.DOTALL)


def _prep_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'action="/therapy/prep/(\d+)/delete"', page)]


# -- the page ------------------------------------------------------------------------------


def test_page_has_every_question_finding_help_and_prep(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get("/therapy")
    assert page.status_code == 200
    for question in AID.questions:
        assert _esc(question.text) in page.text
        for option in question.options:
            assert f'name="{question.slug}" value="{option.slug}"' in page.text
    assert 'id="decide"' in page.text
    assert 'id="prep"' in page.text
    assert "<h2>Finding a therapist or counsellor</h2>" in page.text
    assert "Up to 1,000 characters." in page.text
    assert "Nothing yet." in page.text


def test_finding_help_links_to_help_now(unlocked_client: Client) -> None:
    """It names Help now by its name, as a link, not a button the page does not have."""
    from anchored.features import FEATURES
    from anchored.manifest import Registry

    client, _state = unlocked_client
    page = client.get("/therapy").text
    finding = page[page.index('id="finding-heading"') : page.index('id="prep"')]
    help_now = Registry(FEATURES).help_now
    assert f'<a href="{help_now}">Help now</a>' in finding
    assert "Need help now" not in page


# -- the decision aid ----------------------------------------------------------------------


def test_answers_give_a_suggestion_with_reasons(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post("/therapy/decide", data=INDIVIDUAL_LEANING)
    assert response.status_code == 200
    page = response.text
    assert _heading(page) == "What might fit: Individual therapy"
    assert _esc(AID.formats["individual"].description) in page
    assert "not a prescription" in page
    assert "Why, from your answers" in page
    for question, answer in INDIVIDUAL_LEANING.items():
        option = OPTIONS[(question, answer)]
        assert f"<strong>{_esc(option.text)}</strong> {_esc(option.reason)}" in page
    assert SAFETY_NOTICE not in page


def test_couples_leaning_answers_when_safe(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.post("/therapy/decide", data={**COUPLES_LEANING, "feel-safe": "safe"}).text
    assert _heading(page) in {"What might fit: Couples therapy", "What might fit: Both"}
    assert SAFETY_NOTICE not in page


def test_some_answers_are_enough(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    response = client.post("/therapy/decide", data={"main-struggle": "both-equally"})
    assert response.status_code == 200
    assert _heading(response.text) == "What might fit: Both"
    assert response.text.count("<li><strong>") == 1


@pytest.mark.parametrize("unsafe", ["not-always", "not-safe"])
def test_unsafe_answer_puts_individual_first(unlocked_client: Client, unsafe: str) -> None:
    client, _state = unlocked_client
    response = client.post("/therapy/decide", data={**COUPLES_LEANING, "feel-safe": unsafe})
    assert response.status_code == 200
    page = response.text
    assert _heading(page) == "What might fit: Individual therapy"
    assert SAFETY_NOTICE in page
    assert 'href="/help"' in page
    assert "Couples therapy" not in page
    assert _esc(OPTIONS[("feel-safe", unsafe)].reason) in page


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"feel-safe": "maybe"},
        {"no-such-question": "safe"},
        {"partner-willing": ""},
    ],
    ids=["nothing", "unknown-option", "unknown-question", "empty"],
)
def test_no_usable_answers_asks_for_one(unlocked_client: Client, data: dict[str, str]) -> None:
    client, _state = unlocked_client
    response = client.post("/therapy/decide", data=data)
    assert response.status_code == 422
    assert "Answer at least one question to see what might fit." in response.text
    assert "<h1>Professional help</h1>" in response.text
    assert "What might fit:" not in response.text


# -- session prep --------------------------------------------------------------------------


def test_prep_add_list_delete(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    for text in ["The Sunday text spiral", "Ask about <homework> & rest"]:
        response = client.post("/therapy/prep", data={"text": text}, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == "/therapy#prep"
    page = client.get("/therapy").text
    assert _prep_items(page) == ["The Sunday text spiral", "Ask about &lt;homework&gt; &amp; rest"]
    first, second = _prep_ids(page)

    response = client.post(f"/therapy/prep/{first}/delete", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/therapy#prep"
    page = client.get("/therapy").text
    assert _prep_ids(page) == [second]
    assert "The Sunday text spiral" not in page

    assert client.post(f"/therapy/prep/{first}/delete").status_code == 404


@pytest.mark.parametrize("text", ["", "   \n "])
def test_prep_empty_is_explained(unlocked_client: Client, text: str) -> None:
    client, _state = unlocked_client
    response = client.post("/therapy/prep", data={"text": text})
    assert response.status_code == 422
    assert "Write what you&#39;d like to bring up first." in response.text
    assert _prep_items(response.text) == []


def test_prep_too_long_is_explained_and_kept(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    text = "a" * 1_001
    response = client.post("/therapy/prep", data={"text": text})
    assert response.status_code == 422
    assert "A note can be up to 1,000 characters; this one has 1,001." in response.text
    assert f">{text}</textarea>" in response.text
    assert _prep_items(client.get("/therapy").text) == []


@pytest.mark.parametrize("item_id", ["999", "0", "-1", "abc", str(2**64)])
def test_deleting_a_missing_item_is_not_found(unlocked_client: Client, item_id: str) -> None:
    client, _state = unlocked_client
    assert client.post(f"/therapy/prep/{item_id}/delete").status_code == 404


# -- locked and no session -----------------------------------------------------------------


def test_locked_page_goes_to_unlock(locked_client: Client) -> None:
    client, _state = locked_client
    response = client.get("/therapy", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == unlock_for("/therapy")


def test_prep_sent_while_locked_is_handed_back_not_saved(locked_client: Client) -> None:
    client, state = locked_client
    response = client.post("/therapy/prep", data={"text": "kept in the browser"})
    assert response.status_code == 200
    assert "kept in the browser" in response.text  # returned inside the unlock page
    assert not state.is_unlocked


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/therapy"), ("POST", "/therapy/decide"), ("POST", "/therapy/prep")],
)
def test_no_session_gets_the_no_session_page(
    unlocked_client: Client, anonymous: TestClient, method: str, path: str
) -> None:
    response = anonymous.request(method, path, data={"feel-safe": "safe", "text": "x"})
    assert response.status_code == 403
    assert "Open Anchored from its own link" in response.text


# -- the session summary ---------------------------------------------------------------------


def test_the_summary_opens_with_everything_chosen_and_says_nothing_is_sent(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    page = client.get("/therapy/summary").text
    for key in ("self_checks", "signs", "triggers", "pauses", "thoughts", "prep"):
        assert f'id="include-{key}" name="include" value="{key}" checked' in page
        assert f'id="summary-{key}"' in page
    assert '<option value="12" selected>The last 12 weeks</option>' in page
    assert "Anchored sends nothing anywhere." in page
    assert "Nothing was sent anywhere." in page
    assert "No finished thought records in the weeks chosen." in page
    assert '<link rel="stylesheet" href="/static/therapy/summary.css">' in page
    assert 'href="/therapy/summary"' in client.get("/tools").text


def test_personal_mode_has_no_sharing_with_a_therapist_on_the_summary(
    unlocked_client: Client,
) -> None:
    """Keeping a summary for a therapist is hosted mode's (tests/hosted/test_sharing_records.py):
    in personal mode the page has no such button and its routes do not exist."""
    client, _state = unlocked_client
    page = client.get("/therapy/summary").text
    assert 'class="summary-sheet' in page
    assert "Share this summary with my therapist" not in page
    assert "/therapy/summary/share" not in page
    assert client.post("/therapy/summary/share", data={"weeks": "12"}).status_code == 404
    assert client.get("/therapy/summary/shared/1/delete").status_code == 404


def test_the_person_chooses_the_period_the_parts_and_the_records(
    unlocked_client: Client, people: People
) -> None:
    client, state = unlocked_client
    with state.session() as session:
        session_prep.add_item(session, PERSONAL_OWNER, "Ask about the weekend.", now=NOW)
        mine = _thought(session, PERSONAL_OWNER, "No reply all evening.")
        theirs = _thought(session, people.stranger, "Their evening.")
    form = client.get("/therapy/summary?chosen=1&include=prep&weeks=4").text
    assert f'id="record-{mine}" name="record" value="{mine}">' in form
    assert f'id="record-{theirs}"' not in form
    assert 'id="summary-prep"' in form
    assert 'id="summary-self_checks"' not in form
    assert "Ask about the weekend." in form
    assert '<option value="4" selected>' in form
    chosen = client.get(
        f"/therapy/summary?chosen=1&include=thoughts&record={mine}&record={theirs}&paper=letter"
    ).text
    assert f'id="record-{mine}" name="record" value="{mine}" checked' in chosen
    assert "No reply all evening." in chosen
    assert "Their evening." not in chosen
    assert 'class="summary-sheet paper-letter"' in chosen
    nothing = client.get("/therapy/summary?chosen=1&weeks=12")
    assert nothing.status_code == 422
    assert "Choose at least one thing to include." in nothing.text
    assert 'class="summary-sheet' not in nothing.text
