"""Sharing with a therapist (issue 17), the categories of the person's own words, on
PostgreSQL through the hosted web app: thought records and journal entries picked one by one
(only the picked ones show, never the others' words), the list of things to bring up, and the
session summaries the person keeps for their therapist with the button on /therapy/summary.
Nothing from before the grant's first day shows, and a category not granted is a 404."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from anchored.core.owner import Owner
from anchored.features.journal import service as journal
from anchored.features.journal import sharing as journal_sharing
from anchored.features.therapy import kept
from anchored.features.therapy import service as session_prep
from anchored.features.thought_record import service as thought_records
from anchored.features.thought_record import sharing as thought_sharing
from anchored.services.hosted import acting_as
from tests.hosted.conftest import Browser, Hosted
from tests.hosted.conftest import share as _share
from tests.support import NOW

SINCE = "2026-10-01"  # the grant's first day: NOW is 1 Dec 2026
OLD = NOW - timedelta(days=200)  # before it
CRISIS = "I want to end my life tonight."
CODES = ("thought_records", "journal", "session_prep", "session_summaries")


def _thought(hosted: Hosted, owner: int, words: str, when: object) -> int:
    with hosted.state.session() as session, acting_as(owner):
        return thought_records.add_finished_record(
            session,
            Owner(owner),
            situation=f"{words} situation",
            automatic_thought=f"{words} thought",
            emotions={"rejected": 8},
            traps=["labeling"],
            evidence_for=f"{words} for",
            evidence_against=f"{words} against",
            friend_view=f"{words} friend",
            balanced_thought=f"{words} balanced",
            after={"rejected": 4},
            when=when,  # type: ignore[arg-type]
            now=NOW,
        ).id


@pytest.fixture
def people(hosted: Hosted) -> tuple[Hosted, Browser, Browser, dict[str, int]]:
    """Robin (a person) and Dr Ash (a therapist), both signed in. Robin has, in each
    category, something from before 1 Oct and two things since (one of them to pick)."""
    robin = hosted.account("robin")
    ash = hosted.account("dr.ash", "therapist")
    ids = {
        "thought_old": _thought(hosted, robin, "Maytime", OLD),
        "thought_picked": _thought(hosted, robin, "Lanternfish", NOW - timedelta(days=10)),
        "thought_other": _thought(hosted, robin, "Quillwort", NOW - timedelta(days=2)),
    }
    with hosted.state.session() as session, acting_as(robin):
        me = Owner(robin)
        draft = thought_records.start_record(session, me, "Driftwood draft", now=NOW)
        ids["draft"] = draft.id
        for key, title, body, when in (
            ("entry_old", "Spring walk", "Bluebell morning words.", OLD),
            ("entry_picked", "After the call", "Marigold evening words.", NOW - timedelta(days=5)),
            ("entry_other", "Not for sharing", "Juniper secret words.", NOW - timedelta(days=1)),
        ):
            ids[key] = journal.add_entry(session, me, body, title, when, now=NOW).id
        session_prep.add_item(session, me, "Ask about the spring move.", now=OLD)
        session_prep.add_item(session, me, "Talk about the Sunday spiral.", now=NOW)
        part = kept.Part(
            "Things I'd like to bring up",
            "",
            groups=(kept.Lines("", (("", "Old summary words."),)),),
        )
        kept.keep_parts(
            session, me, [part], first_day=OLD.date(), last_day=OLD.date(), weeks=2, now=OLD
        )
    return (
        hosted,
        hosted.browser("robin", account_id=robin),
        hosted.browser("dr.ash", account_id=ash),
        ids,
    )


def _pickable(robin: Browser, grant: int, code: str) -> list[int]:
    page = robin.get(f"/sharing/{grant}").text
    return [int(i) for i in re.findall(rf'name="pick-{code}" value="(\d+)"', page)]


def _main(page: str) -> str:
    return page.split("<main")[1].split("</main>")[0]


def test_only_the_thought_records_picked_show_in_full_from_the_first_day_on(
    people: tuple[Hosted, Browser, Browser, dict[str, int]],
) -> None:
    _hosted, robin, ash, ids = people
    grant = _share(robin, ash.account_id, "thought_records", since=SINCE)
    url = f"/sharing/clients/{robin.account_id}/thought_records"
    # Finished records since the first day, newest first: not the older one, not the draft.
    assert _pickable(robin, grant, "thought_records") == [
        ids["thought_other"],
        ids["thought_picked"],
    ]
    assert "Driftwood" not in robin.get(f"/sharing/{grant}").text
    assert "Nothing here since 1 Oct 2026." in ash.get(url).text  # nothing picked yet
    # Pick one (an old record's id sent along is ignored: it cannot be picked).
    robin.client.post(
        f"/sharing/{grant}/records",
        data={
            "pick-thought_records": [str(ids["thought_picked"]), str(ids["thought_old"])],
            "csrf_token": robin.csrf,
        },
    )
    page = ash.get(url)
    assert page.status_code == 200
    shown = _main(page.text)
    # Named for the therapist, not in the words the person ticked ("you pick").
    assert "<h1>Thought records they picked</h1>" in shown
    for words in ("situation", "thought", "for", "against", "friend", "balanced"):
        assert f"Lanternfish {words}" in shown
    assert "Rejected 8 → 4" in shown
    assert "Labeling" in shown
    assert "Quillwort" not in shown
    assert "Maytime" not in shown
    assert "Driftwood" not in shown
    assert "<form" not in shown  # read only
    assert f'href="/thought-records/{ids["thought_picked"]}' not in shown


def test_only_the_journal_entries_picked_show_and_the_journal_stays_private(
    people: tuple[Hosted, Browser, Browser, dict[str, int]],
) -> None:
    _hosted, robin, ash, ids = people
    sharing_page = robin.get("/sharing").text
    assert "Journal entries you pick" in sharing_page
    assert "Your journal stays private." in sharing_page
    grant = _share(robin, ash.account_id, "journal", since=SINCE)
    assert _pickable(robin, grant, "journal") == [ids["entry_other"], ids["entry_picked"]]
    robin.client.post(
        f"/sharing/{grant}/records",
        data={
            "pick-journal": [str(ids["entry_picked"]), str(ids["entry_old"])],
            "csrf_token": robin.csrf,
        },
    )
    shown = _main(ash.get(f"/sharing/clients/{robin.account_id}/journal").text)
    assert "After the call" in shown
    assert "Marigold evening words." in shown
    assert "26 Nov 2026" in shown  # the entry's date
    for words in ("Juniper", "Not for sharing", "Bluebell", "Spring walk"):
        assert words not in shown
    assert "<form" not in shown


def test_things_to_bring_up_from_the_first_day_on(
    people: tuple[Hosted, Browser, Browser, dict[str, int]],
) -> None:
    _hosted, robin, ash, _ids = people
    _share(robin, ash.account_id, "session_prep", since=SINCE)
    shown = _main(ash.get(f"/sharing/clients/{robin.account_id}/session_prep").text)
    assert "Talk about the Sunday spiral." in shown
    assert "spring move" not in shown


def _share_form(page: str) -> dict[str, list[str]]:
    form = page.split('action="/therapy/summary/share"')[1].split("</form>")[0]
    fields: dict[str, list[str]] = {}
    for name, value in re.findall(r'name="([^"]+)" value="([^"]*)"', form):
        fields.setdefault(name, []).append(value)
    return fields


def test_a_summary_kept_with_the_button_reaches_the_therapist_until_deleted(
    people: tuple[Hosted, Browser, Browser, dict[str, int]],
) -> None:
    _hosted, robin, ash, ids = people
    url = f"/sharing/clients/{robin.account_id}/session_summaries"
    _share(robin, ash.account_id, "session_summaries", since=SINCE)
    # Before the button: only a summary kept in May, before the first day: nothing to see.
    assert "Nothing here since 1 Oct 2026." in ash.get(url).text
    page = robin.get(
        f"/therapy/summary?chosen=1&include=thoughts&include=prep&record={ids['thought_picked']}"
    ).text
    assert "Share this summary with my therapist" in page
    fields = _share_form(page)
    assert fields["include"] == ["thoughts", "prep"]
    assert fields["record"] == [str(ids["thought_picked"])]
    done = robin.client.post(
        "/therapy/summary/share",
        data={**fields, "csrf_token": robin.csrf},
        follow_redirects=False,
    )
    assert done.status_code == 303
    back = robin.get(done.headers["location"]).text
    assert "Kept for your therapist." in back
    assert "only if you share “Session summaries”" in back
    assert 'href="/sharing"' in back
    # The therapist sees the summary as it was shown, and not the one from May.
    shown = _main(ash.get(url).text)
    assert "Summary made on" in shown
    assert ">1 December 2026</time>" in shown
    assert "The 12 weeks from" in shown
    assert "Lanternfish balanced" in shown
    assert "Talk about the Sunday spiral." in shown
    assert "Quillwort" not in shown
    assert "Old summary words." not in shown
    assert "<form" not in shown
    # Sent twice (Back, then send again): kept once.
    robin.client.post(
        "/therapy/summary/share", data={**fields, "csrf_token": robin.csrf}, follow_redirects=False
    )
    assert _main(ash.get(url).text).count("Summary made on") == 1
    # The person deletes it (a page to confirm first); the therapist's next look has nothing.
    listed = robin.get("/therapy/summary").text
    found = re.findall(r'href="/therapy/summary/shared/(\d+)/delete"', listed)
    assert len(found) == 2  # this one and May's, newest first
    confirm = robin.get(f"/therapy/summary/shared/{found[0]}/delete")
    assert "Delete this summary?" in confirm.text
    assert "Lanternfish balanced" in confirm.text
    assert robin.post(f"/therapy/summary/shared/{found[0]}/delete").status_code == 303
    assert "Nothing here since 1 Oct 2026." in ash.get(url).text
    # Not the therapist's to delete, nor anyone else's.
    assert ash.post(f"/therapy/summary/shared/{found[1]}/delete").status_code == 404


def test_a_category_not_granted_is_not_found_for_the_therapist(
    people: tuple[Hosted, Browser, Browser, dict[str, int]],
) -> None:
    _hosted, robin, ash, _ids = people
    grant = _share(robin, ash.account_id, "self_checks", since=SINCE)
    for code in CODES:
        assert ash.get(f"/sharing/clients/{robin.account_id}/{code}").status_code == 404
    # Nothing of the pick categories is offered to tick either.
    assert 'name="pick-' not in robin.get(f"/sharing/{grant}").text
    # Shared, then stopped: not found again on the next request.
    grant = _share(robin, ash.account_id, *CODES, since=SINCE)
    for code in CODES:
        assert ash.get(f"/sharing/clients/{robin.account_id}/{code}").status_code == 200
    robin.post(f"/sharing/{grant}/stop")
    for code in CODES:
        assert ash.get(f"/sharing/clients/{robin.account_id}/{code}").status_code == 404


def test_sharing_a_summary_with_words_of_crisis_shows_the_help_card_first(
    people: tuple[Hosted, Browser, Browser, dict[str, int]],
) -> None:
    hosted, robin, _ash, _ids = people
    with hosted.state.session() as session, acting_as(robin.account_id):
        session_prep.add_item(session, Owner(robin.account_id), CRISIS, now=NOW)
    fields = _share_form(robin.get("/therapy/summary?chosen=1&include=prep").text)
    done = robin.client.post(
        "/therapy/summary/share", data={**fields, "csrf_token": robin.csrf}, follow_redirects=False
    )
    assert done.status_code == 303
    assert "support=1" in done.headers["location"]


def test_the_views_show_only_the_owners_records_picked_in_the_period(
    people: tuple[Hosted, Browser, Browser, dict[str, int]],
) -> None:
    """Below the pages: a view never shows someone else's record, whatever ids it is given,
    nor a picked record from before the first day."""
    hosted, robin, ash, ids = people
    everything = frozenset(ids.values())
    since = date(2026, 10, 1)
    with hosted.state.session() as session, acting_as(ash.account_id):
        for view in (thought_sharing.view, journal_sharing.view):
            part = view(session, Owner(ash.account_id), since=since, now=NOW, picked=everything)
            assert part.empty
    with hosted.state.session() as session, acting_as(robin.account_id):
        me = Owner(robin.account_id)
        shown = thought_sharing.view(session, me, since=since, now=NOW, picked=everything)
        assert [s.record.id for s in shown.context["records"]] == [
            ids["thought_other"],
            ids["thought_picked"],
        ]
        entries = journal_sharing.view(session, me, since=since, now=NOW, picked=everything)
        assert [e.id for e in entries.context["entries"]] == [
            ids["entry_other"],
            ids["entry_picked"],
        ]
        # Nothing made after "now" either (a grant's view is of the past, up to this moment).
        early = NOW - timedelta(days=3)
        later = journal_sharing.view(session, me, since=since, now=early, picked=everything)
        assert [e.id for e in later.context["entries"]] == [ids["entry_picked"]]
