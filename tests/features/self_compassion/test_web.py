"""Self-compassion pages: the break without JavaScript (before, three screens, after), kind
phrases (add from a starter, edit, move, delete with confirmation), the letter, 404s and the
help card."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from anchored.core.owner import PERSONAL_OWNER as ME
from anchored.features import FEATURES
from anchored.features.journal import service as journal
from anchored.features.self_compassion import service as compassion
from anchored.features.self_compassion.content import load_phrases
from anchored.web.app import create_app
from anchored.web.state import AppState
from tests.support import BASE_URL, NOW, PORT, People, launch, onboard

Client = tuple[TestClient, AppState]


def post(client: TestClient, path: str, **data: str) -> str:
    response = client.post(path, data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def links(page: str) -> list[str]:
    """The button links of the page's main part (not the header's)."""
    main = page[page.index("<main") : page.index("</main>")]
    return re.findall(r'<a class="button[^"]*" href="([^"]+)">', main)


def test_a_whole_break_with_plain_links_and_forms(unlocked_client: Client) -> None:
    client, state = unlocked_client
    start = client.get("/self-compassion/break").text
    assert "How hard does this moment feel?" in start
    first = post(client, "/self-compassion/break", feeling_before="7")
    match = re.fullmatch(r"/self-compassion/break/(\d+)/notice", first)
    assert match is not None
    break_id = int(match.group(1))

    titles = []
    page = client.get(first).text
    for _screen in range(3):
        titles.append(re.search(r"<h1>(.*?)</h1>", page).group(1))  # type: ignore[union-attr]
        assert "Stay about a minute" in page
        page = client.get(links(page)[0]).text
    assert titles == ["Notice the hurt", "You are not alone in this", "A kind word for yourself"]
    assert "At the start it was 7." in page

    done = post(client, f"/self-compassion/break/{break_id}/after", feeling_after="4")
    assert done == f"/self-compassion/break/{break_id}?done=1"
    summary = client.get(done).text
    assert "You were kind to yourself" in summary
    assert "A little lighter than when you started." in summary
    assert "7 → 4" in client.get("/self-compassion").text
    # Finished: the after form leads back to what was saved, and nothing changes.
    assert post(client, f"/self-compassion/break/{break_id}/after", feeling_after="0") == (
        f"/self-compassion/break/{break_id}"
    )
    with state.session() as session:
        assert compassion.get_break(session, ME, break_id).feeling_after == 4


def test_a_wrong_rating_is_explained(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    response = client.post("/self-compassion/break", data={"feeling_before": "11"})
    assert response.status_code == 422
    assert "Choose a number from 0 (calm) to 10" in response.text
    assert client.get("/self-compassion/break/1/elsewhere").status_code == 404


def test_the_last_screen_offers_the_persons_own_phrase(unlocked_client: Client) -> None:
    client, state = unlocked_client
    first = post(client, "/self-compassion/break", feeling_before="")
    kindness = first.replace("/notice", "/kindness")
    assert "write your kind phrases" in client.get(kindness).text
    with state.session() as session:
        compassion.add_phrase(session, ME, "I am allowed to rest.", now=NOW)
    assert "I am allowed to rest." in client.get(kindness).text


def test_phrases_from_a_starter_then_edit_move_and_delete(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    assert "No phrases yet" in client.get("/self-compassion/phrases").text
    starter = load_phrases().all[0]
    assert f">{starter}</textarea>" in client.get("/self-compassion/phrases?starter=0").text
    locations = [
        post(client, "/self-compassion/phrases/new", text=text)
        for text in (starter, "I can be gentle with myself.")
    ]
    ids = [re.search(r"#phrase-(\d+)$", loc).group(1) for loc in locations]  # type: ignore[union-attr]

    def order() -> list[str]:
        page = client.get("/self-compassion/phrases").text
        return re.findall(r'<p class="sc-phrase-text">(.*?)</p>', page)

    assert order() == [starter, "I can be gentle with myself."]
    post(client, f"/self-compassion/phrases/{ids[1]}/move", direction="up")
    assert order() == ["I can be gentle with myself.", starter]
    post(client, f"/self-compassion/phrases/{ids[1]}/edit", text="I can be gentle now.")
    assert order()[0] == "I can be gentle now."
    assert "Delete this phrase?" in client.get(f"/self-compassion/phrases/{ids[0]}/delete").text
    assert post(client, f"/self-compassion/phrases/{ids[0]}/delete") == (
        "/self-compassion/phrases?deleted=1"
    )
    assert order() == ["I can be gentle now."]


def test_crisis_language_in_a_phrase_shows_the_help_card(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    location = post(client, "/self-compassion/phrases/new", text="I want to end my life.")
    assert "support=1" in location
    assert "support-card" in client.get(location).text


def test_another_owners_records_are_404(unlocked_client: Client, people: People) -> None:
    client, state = unlocked_client
    with state.session() as session:
        phrase_id = compassion.add_phrase(session, people.stranger, "Theirs", now=NOW).id
        break_id = compassion.start_break(session, people.stranger, "5", now=NOW).id
    for path in (
        f"/self-compassion/phrases/{phrase_id}/edit",
        f"/self-compassion/phrases/{phrase_id}/delete",
        f"/self-compassion/break/{break_id}",
        f"/self-compassion/break/{break_id}/notice",
        f"/self-compassion/break/{break_id}/after",
    ):
        assert client.get(path).status_code == 404, path
    for path in (
        f"/self-compassion/phrases/{phrase_id}/move",
        f"/self-compassion/phrases/{phrase_id}/delete",
        f"/self-compassion/break/{break_id}/after",
    ):
        assert client.post(path, data={"direction": "up"}).status_code == 404, path


def test_the_letter_is_saved_in_the_journal_for_step_6(unlocked_client: Client) -> None:
    client, state = unlocked_client
    page = client.get("/self-compassion/letter").text
    assert "Imagine a friend who knows everything about you" in page
    location = post(client, "/self-compassion/letter", body="Dear me, you are doing well.")
    match = re.fullmatch(r"/journal/(\d+)\?saved=1", location)
    assert match is not None
    entry = client.get(location).text
    assert "A letter from a kind friend" in entry
    assert 'href="/programme/6">Step 6</a>' in entry
    empty = client.post("/self-compassion/letter", data={"body": ""})
    assert empty.status_code == 422
    assert "an empty letter is not saved" in empty.text
    with state.session() as session:
        assert journal.count_entries(session, ME) == 1


@pytest.fixture
def without_journal_offer(state: AppState) -> Iterator[Client]:
    """The app as if the journal offered nothing: no journal.add_entry."""
    features = tuple(replace(f, offers=()) if f.name == "journal" else f for f in FEATURES)
    app = create_app(state.settings, PORT, state=state, features=features)
    with TestClient(app, base_url=BASE_URL) as client:
        launch(client, state)
        onboard(client)
        yield client, state


def test_without_the_journal_the_letter_hands_the_words_back(without_journal_offer: Client) -> None:
    client, _ = without_journal_offer
    assert "Write the letter" not in client.get("/self-compassion").text
    response = client.post("/self-compassion/letter", data={"body": "Dear me."})
    assert response.status_code == 200
    assert "can't be saved here" in response.text
    assert ">Dear me.</textarea>" in response.text


def test_step_6_opens_the_letter_and_the_phrases(unlocked_client: Client) -> None:
    client, _ = unlocked_client
    page = client.get("/programme/6").text
    assert 'href="/self-compassion/letter"' in page
    assert 'href="/self-compassion/phrases"' in page
    assert 'href="/self-compassion"' in page
    eleven = client.get("/programme/11").text
    assert 'href="/wins/new"' in eleven
    assert 'href="/wins/affirmations"' in eleven
