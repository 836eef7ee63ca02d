"""Sharing with a therapist (issue 17), on PostgreSQL through the hosted web app: nothing is
shared by default; the person grants chosen categories to one therapist from a day they
choose; the therapist sees only those, read only, and every look is in the person's log; a
stopped or ended grant holds on the very next request; a therapist's note reaches the
person's home."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from anchored.core.owner import Owner
from anchored.features.self_checks import service as self_checks
from anchored.services.hosted import acting_as
from tests.hosted.conftest import PASSWORD, Browser, Hosted
from tests.hosted.conftest import share as _share
from tests.support import NOW, FakeClock


@pytest.fixture
def people(hosted: Hosted) -> tuple[Hosted, Browser, Browser]:
    """Robin (a person, with two GAD-7 results) and Dr Ash (a therapist), both signed in."""
    robin = hosted.account("robin")
    ash = hosted.account("dr.ash", "therapist")
    for days_ago, answer in ((200, 3), (10, 2), (1, 1)):
        with hosted.state.session() as session, acting_as(robin):
            self_checks.take(
                session,
                Owner(robin),
                "gad7",
                dict.fromkeys(range(1, 8), answer),
                now=NOW - timedelta(days=days_ago),
            )
    return (
        hosted,
        hosted.browser("robin", account_id=robin),
        hosted.browser("dr.ash", account_id=ash),
    )


def test_nothing_is_shared_until_the_person_chooses(
    people: tuple[Hosted, Browser, Browser],
) -> None:
    _hosted, robin, ash = people
    assert "Nobody shares with you yet" in ash.get("/sharing/clients").text
    assert ash.get(f"/sharing/clients/{robin.account_id}").status_code == 404
    assert ash.get(f"/sharing/clients/{robin.account_id}/self_checks").status_code == 404
    page = robin.get("/sharing")
    assert "You are not sharing anything" in page.text
    assert "never alerts your therapist" in page.text
    assert "dr.ash" in page.text  # the therapist to choose
    # A person is not a therapist: the therapists' pages do not exist for them.
    assert robin.get("/sharing/clients").status_code == 404


def test_the_therapist_sees_the_granted_self_checks_and_the_person_sees_the_look(
    people: tuple[Hosted, Browser, Browser],
) -> None:
    _hosted, robin, ash = people
    _share(robin, ash.account_id, "self_checks", since="2026-10-01")
    clients = ash.get("/sharing/clients")
    assert "robin" in clients.text
    assert "Self-check results; until 1 Jun 2027" in clients.text  # what, and until when
    overview = ash.get(f"/sharing/clients/{robin.account_id}")
    assert "Self-check results" in overview.text
    assert "Signs of progress" not in overview.text
    shared = ash.get(f"/sharing/clients/{robin.account_id}/self_checks")
    assert shared.status_code == 200
    assert "GAD-7" in shared.text
    assert shared.text.count("<tr>") == 1 + 2  # a header and the two results since 1 Oct
    assert "<form" not in shared.text.split("<main")[1].split("</main>")[0]  # read only
    log = robin.get("/sharing/log").text
    assert "dr.ash" in log
    assert "Self-check results" in log
    # A category not granted is a 404, like anything else that is not theirs.
    assert ash.get(f"/sharing/clients/{robin.account_id}/safety_plan").status_code == 404


def test_stopping_holds_on_the_therapists_next_request(
    people: tuple[Hosted, Browser, Browser],
) -> None:
    _hosted, robin, ash = people
    grant = _share(robin, ash.account_id, "self_checks")
    assert ash.get(f"/sharing/clients/{robin.account_id}/self_checks").status_code == 200
    confirm = robin.get(f"/sharing/{grant}/stop")
    assert "Stop sharing with dr.ash?" in confirm.text
    done = robin.post(f"/sharing/{grant}/stop")
    assert done.status_code == 303
    assert ash.get(f"/sharing/clients/{robin.account_id}/self_checks").status_code == 404
    assert ash.get(f"/sharing/clients/{robin.account_id}").status_code == 404
    assert "robin" not in ash.get("/sharing/clients").text
    assert "stopped" in robin.get("/sharing").text


def test_a_grant_ends_on_its_own_after_the_period_chosen(
    people: tuple[Hosted, Browser, Browser], clock: FakeClock
) -> None:
    hosted, robin, ash = people
    _share(robin, ash.account_id, "self_checks", months="1")
    assert ash.get(f"/sharing/clients/{robin.account_id}/self_checks").status_code == 200
    clock.advance(minutes=60 * 24 * 32)
    ash = hosted.browser("dr.ash", account_id=ash.account_id)  # a new day, a new session
    assert ash.get(f"/sharing/clients/{robin.account_id}/self_checks").status_code == 404
    robin = hosted.browser("robin", account_id=robin.account_id)
    assert "Ended" in robin.get("/sharing").text


def test_a_form_with_nothing_ticked_says_what_to_do(
    people: tuple[Hosted, Browser, Browser],
) -> None:
    _hosted, robin, ash = people
    response = robin.post("/sharing", {"therapist": str(ash.account_id), "since": "2026-10-01"})
    assert response.status_code == 422
    assert "Tick at least one thing to share." in response.text
    # Only a therapist's account can be chosen.
    other = robin.client.post(
        "/sharing",
        data={
            "therapist": str(robin.account_id),
            "categories": "self_checks",
            "since": "2026-10-01",
            "csrf_token": robin.csrf,
        },
    )
    assert other.status_code == 422
    assert "Choose the therapist to share with." in other.text
    assert "You are not sharing anything" in robin.get("/sharing").text


def test_the_therapists_note_reaches_the_persons_home_until_put_away(
    people: tuple[Hosted, Browser, Browser],
) -> None:
    _hosted, robin, ash = people
    assert ash.post(f"/sharing/clients/{robin.account_id}/note", {"body": "Hi"}).status_code == 404
    _share(robin, ash.account_id, "self_checks")
    empty = ash.post(f"/sharing/clients/{robin.account_id}/note", {"body": "  "})
    assert empty.status_code == 422
    done = ash.post(
        f"/sharing/clients/{robin.account_id}/note",
        {"body": "See you Thursday, well done this week."},
    )
    assert done.status_code == 303
    home = robin.get("/")
    assert "A note from your therapist" in home.text
    assert "See you Thursday, well done this week." in home.text
    note_id = re.search(r'action="/sharing/notes/(\d+)/dismiss"', home.text)
    assert note_id
    robin.post(f"/sharing/notes/{note_id.group(1)}/dismiss")
    assert "See you Thursday" not in robin.get("/").text
    # The therapist's home lists who shares with them.
    assert 'href="/sharing/clients/' in ash.get("/").text


def test_a_closed_therapist_account_ends_the_sharing_and_a_closed_person_leaves_no_client(
    people: tuple[Hosted, Browser, Browser],
) -> None:
    hosted, robin, ash = people
    _share(robin, ash.account_id, "self_checks")
    lee = hosted.account("dr.lee", "therapist")
    sky = hosted.account("sky")
    sky_browser = hosted.browser("sky", account_id=sky)
    _share(sky_browser, ash.account_id, "self_checks")
    assert "sky" in ash.get("/sharing/clients").text
    # Sky deletes their account: nothing of theirs is left for the therapist.
    assert sky_browser.post("/account/delete", {"password": PASSWORD}).status_code == 303
    assert "sky" not in ash.get("/sharing/clients").text
    assert ash.get(f"/sharing/clients/{sky}").status_code == 404
    # Dr Ash closes their account: Robin's sharing shows as ended, and a new therapist sees
    # nothing of Robin's.
    assert ash.post("/account/delete", {"password": PASSWORD}).status_code == 303
    page = robin.get("/sharing").text
    assert "You are not sharing anything" in page
    assert "a therapist whose account was closed" in page
    lee_browser = hosted.browser("dr.lee", account_id=lee)
    assert lee_browser.get(f"/sharing/clients/{robin.account_id}").status_code == 404
