"""Self-check pages: the list, a questionnaire's form (every item word for word), unanswered
items named with nothing lost, the result (help card first for PHQ-9 item 9 above 0, never a
risk word), history, delete, reminders, the home panel and the programme's links."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from anchored.features.self_checks import service as self_checks
from anchored.web.state import AppState
from tests.support import NOW, PEOPLE

Client = tuple[TestClient, AppState]
PHQ9 = self_checks.get_instrument("phq9")
ITEM9_ONE = {1: 1, 2: 2, 3: 0, 4: 1, 5: 3, 6: 1, 7: 0, 8: 2, 9: 1}  # 11, moderate
ITEM9_ZERO = {1: 3, 2: 3, 3: 2, 4: 2, 5: 2, 6: 2, 7: 2, 8: 1, 9: 0}  # 17
HELP_HEADING = "Before anything else"
RISK_WORDS = re.compile(r"\b(?:risk|you are safe|alerted them|we have told)\b", re.IGNORECASE)


def _form(answers: dict[int, int], **extra: str) -> dict[str, str]:
    return {**{f"item-{n}": str(v) for n, v in answers.items()}, **extra}


def _take(client: TestClient, instrument_id: str, answers: dict[int, int], **extra: str) -> str:
    response = client.post(
        f"/self-checks/{instrument_id}", data=_form(answers, **extra), follow_redirects=False
    )
    assert response.status_code == 303, response.text
    location: str = response.headers["location"]
    assert re.fullmatch(r"/self-checks/results/\d+\?saved=1", location)
    return location


def _main(page: str) -> str:
    """The page's main part, without the header and footer every page shares."""
    return page.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_the_list_offers_complete_questionnaires_and_names_the_incomplete_one(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    page = client.get("/self-checks").text
    for instrument_id in ("phq9", "gad7", "ecr_rs", "rses", "scs_sf"):
        assert f'href="/self-checks/{instrument_id}"' in page
    assert "A-RSQ" in page
    assert "Not available" in page
    assert 'href="/self-checks/a_rsq"' not in page
    assert "You haven't taken a self-check yet" in page
    assert client.get("/self-checks/a_rsq").status_code == 404
    assert client.get("/self-checks/nope/history").status_code == 404


def test_the_form_shows_every_item_word_for_word_with_one_radio_per_answer(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    page = client.get("/self-checks/phq9").text
    assert html.escape(PHQ9.instructions or "", quote=False) in page
    for item in PHQ9.items:
        assert f'<span class="sc-text">{html.escape(item.text)}</span>' in page
        for option in PHQ9.response_scale.options:
            assert f'name="item-{item.number}" value="{option.value}"' in page
    assert PHQ9.unscored_items[0].text in page
    assert 'name="form_token"' in page
    # End-point-only scales show each choice's number (SCS-SF: 1 Almost never ... 5).
    scs = client.get("/self-checks/scs_sf").text
    assert '<span class="sc-value">1</span> Almost never' in scs
    assert '<span class="sc-value">3</span></label>' in scs
    ecr = client.get("/self-checks/ecr_rs").text
    assert "romantic partner in mind" in ecr


def test_unanswered_items_are_named_and_chosen_answers_kept(unlocked_client: Client) -> None:
    client, state = unlocked_client
    partial = {n: v for n, v in ITEM9_ZERO.items() if n not in {2, 5}}
    response = client.post("/self-checks/phq9", data=_form(partial, functional_difficulty="1"))
    assert response.status_code == 422
    page = response.text
    assert '<a href="#q-2">Question 2 has no answer yet.</a>' in page
    assert '<a href="#q-5">Question 5 has no answer yet.</a>' in page
    assert 'id="q-2" aria-describedby="item-2-error"' in page
    assert re.search(r'name="item-1" value="3" checked', page)
    assert re.search(r'name="functional_difficulty" value="1" checked', page)
    assert HELP_HEADING not in page  # item 9 is 0
    with state.session() as session:
        assert self_checks.results(session, PEOPLE.me, "phq9") == []


def test_item9_above_0_shows_the_help_card_even_on_an_unfinished_form(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    response = client.post("/self-checks/phq9", data=_form({9: 2}))
    assert response.status_code == 422
    main = _main(response.text)
    assert main.index(HELP_HEADING) < main.index("Question 1 has no answer yet.")


def test_a_result_shows_score_range_meaning_and_limits(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get(_take(client, "gad7", {1: 2, 2: 1, 3: 3, 4: 0, 5: 1, 6: 2, 7: 1})).text
    assert "Saved in your vault." in page
    assert '<span class="sc-big">10</span>' in page
    assert "Score range: <strong>moderate</strong> (10\N{EN DASH}14)" in page
    assert "What it looks at" in page
    assert "What it can't tell you" in page
    assert "Talk to a professional about your results." in page
    assert HELP_HEADING not in page
    assert not RISK_WORDS.search(_main(page))


def test_item9_above_0_puts_the_help_card_first_calmly_every_time(
    unlocked_client: Client,
) -> None:
    client, _state = unlocked_client
    location = _take(client, "phq9", ITEM9_ONE)
    for url in (location, location.split("?")[0]):
        main = _main(client.get(url).text)
        assert main.index(HELP_HEADING) < main.index("PHQ-9 result")
        assert "thoughts of being better off dead or of hurting yourself" in main
        assert "Open my safety plan" in main
        assert "Nobody has been alerted." in main
        assert "Score range: <strong>moderate</strong>" in main
        assert not RISK_WORDS.search(main)


def test_item9_at_0_has_no_help_card_and_no_risk_wording(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    main = _main(client.get(_take(client, "phq9", ITEM9_ZERO)).text)
    assert HELP_HEADING not in main
    assert "Score range: <strong>moderately severe</strong> (15\N{EN DASH}19)" in main
    assert not RISK_WORDS.search(main)
    assert "safe" not in main.lower()


def test_change_over_time_and_the_last_few_results(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    _take(client, "phq9", ITEM9_ZERO)
    page = client.get(_take(client, "phq9", {**ITEM9_ZERO, 1: 0, 2: 0, 3: 0})).text
    assert "Since your first result" in page
    assert "\N{MINUS SIGN}8: reliably better" in page
    assert "Your last few results" in page
    history = client.get("/self-checks/phq9/history").text
    assert history.count('href="/self-checks/results/') == 2
    assert "reliably better" in history
    rses = client.get(_take(client, "rses", dict.fromkeys(range(1, 11), 3))).text
    assert "reliab" not in _main(rses).lower()  # one result: no change to show yet


def test_ecr_rs_shows_both_dimensions_without_a_range(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    page = client.get(
        _take(client, "ecr_rs", {1: 5, 2: 4, 3: 6, 4: 3, 5: 2, 6: 3, 7: 6, 8: 7, 9: 5})
    ).text
    assert "<dt>Avoidance</dt>" in page
    assert '<span class="sc-big">3.17</span>' in page
    assert "<dt>Anxiety</dt>" in page
    assert "Score range" not in page


def test_the_same_form_sent_twice_saves_once(unlocked_client: Client) -> None:
    client, state = unlocked_client
    form = client.get("/self-checks/gad7").text
    token = re.search(r'name="form_token" value="([^"]+)"', form)
    assert token is not None
    data = _form(dict.fromkeys(range(1, 8), 1), form_token=token.group(1))
    first = client.post("/self-checks/gad7", data=data, follow_redirects=False)
    again = client.post("/self-checks/gad7", data=data, follow_redirects=False)
    assert first.status_code == again.status_code == 303
    assert again.headers["location"].startswith(first.headers["location"].split("?")[0])
    with state.session() as session:
        assert len(self_checks.results(session, PEOPLE.me, "gad7")) == 1


@pytest.mark.parametrize(
    ("method", "suffix"), [("GET", ""), ("GET", "/delete"), ("POST", "/delete")]
)
def test_someone_elses_or_a_missing_result_is_a_404(
    unlocked_client: Client, method: str, suffix: str
) -> None:
    client, state = unlocked_client
    with state.session() as session:
        theirs = self_checks.take(
            session, PEOPLE.stranger, "gad7", dict.fromkeys(range(1, 8), 2), now=NOW
        ).id
    for result_id in (theirs, 4242):
        response = client.request(method, f"/self-checks/results/{result_id}{suffix}")
        assert response.status_code == 404
    with state.session() as session:
        assert self_checks.get_result(session, PEOPLE.stranger, theirs)


def test_delete_asks_first_then_deletes(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    result = _take(client, "gad7", dict.fromkeys(range(1, 8), 0)).split("?")[0]
    confirm = client.get(f"{result}/delete").text
    assert "Delete this result?" in confirm
    assert f'action="{result}/delete"' in confirm
    done = client.post(f"{result}/delete", follow_redirects=False)
    assert done.headers["location"] == "/self-checks/gad7/history?deleted=1"
    assert client.get(result).status_code == 404
    assert "The result was deleted." in client.get(done.headers["location"]).text


def test_home_mentions_a_due_check_once_quietly_and_reminders_turn_it_off(
    unlocked_client: Client,
) -> None:
    client, state = unlocked_client
    answers = dict.fromkeys(range(1, 8), 0)
    with state.session() as session:
        self_checks.take(session, PEOPLE.me, "gad7", answers, now=state.now() - timedelta(days=13))
    assert "A self-check is due" not in client.get("/").text
    with state.session() as session:
        self_checks.take(session, PEOPLE.me, "gad7", answers, now=state.now() - timedelta(days=15))
        self_checks.delete_result(
            session, PEOPLE.me, self_checks.results(session, PEOPLE.me, "gad7")[0].id
        )
    home = client.get("/").text
    assert home.count("A self-check is due") == 1
    assert 'href="/self-checks/gad7">GAD-7</a>' in home
    page = client.get("/self-checks/reminders").text
    assert '<option value="14" selected>Every 2 weeks (suggested)</option>' in page
    every = {f"every-{i}": "30" for i in ("phq9", "gad7", "ecr_rs", "rses", "scs_sf")}
    saved = client.post("/self-checks/reminders", data={"on": "yes", **every, "every-gad7": "off"})
    assert "Saved. Your reminders are up to date." in saved.text
    assert "A self-check is due" not in client.get("/").text
    client.post("/self-checks/reminders", data={"on": "yes", **every, "every-gad7": "14"})
    assert "A self-check is due" in client.get("/").text
    client.post("/self-checks/reminders", data={**every, "every-gad7": "14"})  # all off
    assert "A self-check is due" not in client.get("/").text
    refused = client.post("/self-checks/reminders", data={"on": "yes", **every, "every-rses": "3"})
    assert refused.status_code == 422
    assert "Choose one of the options offered." in refused.text


def test_the_programme_and_tools_link_here(unlocked_client: Client) -> None:
    client, _state = unlocked_client
    step = client.get("/programme/13").text
    assert 'href="/self-checks?step=13"' in step
    suggested = client.get("/self-checks?step=13").text
    assert "For step 13" in suggested
    assert 'href="/programme/13"' in suggested
    assert 'href="/self-checks"' in client.get("/tools").text
    assert 'href="/self-checks"' in client.get("/programme").text
