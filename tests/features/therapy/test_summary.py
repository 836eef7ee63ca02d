"""The session summary's use cases on a real vault: the period and the parts chosen, charts and
sentences from other features' progress hooks and offers, only the thought records ticked,
never another person's records, and the self-contained file `anchored summary` writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.features import FEATURES
from anchored.features.pause import service as pauses
from anchored.features.self_checks import service as self_checks
from anchored.features.therapy import document
from anchored.features.therapy import service as session_prep
from anchored.features.therapy import summary as summaries
from anchored.features.thought_record import service as records
from anchored.features.trigger_log import service as trigger_log
from anchored.manifest import Registry
from anchored.services.vault import OpenVault
from tests.support import NOW, People

REGISTRY = Registry(FEATURES)
PHQ9_15 = {1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2, 7: 1, 8: 2, 9: 0}
PHQ9_5 = {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 0, 7: 0, 8: 0, 9: 0}


def _record(session: Session, owner: Owner, situation: str, days: int) -> int:
    return records.add_finished_record(
        session,
        owner,
        situation=situation,
        automatic_thought="They are losing interest.",
        emotions={"anxious": 8},
        balanced_thought="They are at work; they said so.",
        after={"anxious": 3},
        now=NOW,
        when=NOW - timedelta(days=days),
    ).id


def _build(session: Session, owner: Owner, **choice: object) -> summaries.Summary:
    return summaries.build_summary(
        REGISTRY,
        session,
        owner,
        summaries.Choice(**choice),
        now=NOW,
        zone=UTC,  # type: ignore[arg-type]
    )


def test_reading_a_choice_keeps_only_what_is_offered() -> None:
    chosen = summaries.read_choice("26", ["prep", "nope", "self_checks"], ["3", "x", "-1"], "us")
    assert chosen == summaries.Choice(26, ("self_checks", "prep"), (3,), "a4")
    assert summaries.read_choice("1000", [], [], "letter").weeks == summaries.DEFAULT_WEEKS
    link = summaries.query_of(chosen)
    assert ("include", "prep") in link
    assert ("record", "3") in link


def test_self_checks_with_reliable_change_and_their_charts(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        self_checks.take(session, people.me, "phq9", PHQ9_15, now=NOW - timedelta(weeks=8))
        self_checks.take(session, people.me, "phq9", PHQ9_5, now=NOW)
        self_checks.take(session, people.stranger, "gad7", dict.fromkeys(range(1, 8), 3), now=NOW)
        made = _build(session, people.me, include=("self_checks",))
        short = _build(session, people.me, include=("self_checks",), weeks=4)
    (shown,) = made.sections
    assert [p.key for p in shown.parts] == ["self-check-phq9"]  # not the stranger's GAD-7
    (group,) = shown.groups
    lines = [words for _label, words in group.rows]
    assert group.heading.startswith("PHQ-9")
    assert lines[0] == "Taken 2 times in this period; the latest, on 1 Dec 2026: 5 (mild)."
    assert "Change from 6 Oct 2026 to 1 Dec 2026: \N{MINUS SIGN}10 (reliably better)." in lines
    assert "A change of 6 or more counts as reliable for the PHQ-9." in lines
    (recent,) = short.sections
    # Four weeks hold only the latest: it is compared with the result before the period.
    assert "Change from 6 Oct 2026 to 1 Dec 2026" in " ".join(w for _l, w in recent.groups[0].rows)
    assert "Taken once in this period" in recent.groups[0].rows[0][1]


def test_only_ticked_thought_records_of_the_owner_are_written_out(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        mine = _record(session, people.me, "No reply all evening.", 3)
        other = _record(session, people.me, "A short message back.", 5)
        old = _record(session, people.me, "Long ago.", 200)
        theirs = _record(session, people.stranger, "Their evening.", 1)
        period = summaries.period_for(summaries.Choice(), NOW, UTC)
        listed = summaries.pickable(REGISTRY, session, people.me, period, UTC)
        made = _build(session, people.me, include=("thoughts",), records=(mine, theirs))
        none = _build(session, people.me, include=("thoughts",))
    assert [record_id for record_id, _label in listed] == [mine, other]  # not old, not theirs
    assert listed[0][1] == "Sat 28 Nov 2026: No reply all evening."
    assert old not in dict(listed)
    (shown,) = made.sections
    (group,) = shown.groups  # the stranger's record is never shown
    assert group.heading == "Sat 28 Nov 2026"
    assert ("What happened", "No reply all evening.") in group.rows
    assert ("Feelings, before and after", "Anxious 8 → 3") in group.rows
    assert none.sections[0].note.startswith("No thought records ticked")


def test_patterns_pauses_signs_and_the_prep_list(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session:
        for day in range(8):
            at = datetime(2026, 11, 30, 22, tzinfo=UTC) - timedelta(days=day)
            trigger_log.add_entry(session, people.me, trigger_log.TriggerText("No reply."), now=at)
            episode, _new = pauses.start_pause(session, people.me, now=at)
            pauses.finish_pause(session, people.me, episode.id, now=at, decision="not_sent")
        session_prep.add_item(session, people.me, "The weekend at my sister's.", now=NOW)
        session_prep.add_item(session, people.stranger, "Theirs.", now=NOW)
        made = _build(session, people.me)
        theirs = _build(session, people.therapist)
    sections = {shown.section.key: shown for shown in made.sections}
    assert list(sections) == list(summaries.SECTION_KEYS)
    assert sections["triggers"].parts
    assert sections["pauses"].parts
    assert any("evening" in text for text in sections["triggers"].insights)
    assert sections["signs"].note == "Nothing recorded in this period."
    assert sections["prep"].groups[0].rows == (("", "The weekend at my sister's."),)
    assert all(not s.parts and not s.groups for s in theirs.sections)


def test_the_file_holds_its_own_styles_the_charts_and_no_script(
    open_vault: OpenVault, people: People
) -> None:
    with open_vault.session() as session:
        self_checks.take(session, people.me, "phq9", PHQ9_5, now=NOW)
        made = _build(session, people.me, include=("self_checks", "prep"), paper="letter")
    html = document.standalone_html(REGISTRY, made)
    assert html.startswith("<!doctype html>")
    assert "<script" not in html
    assert "<link" not in html
    assert "@page summary-letter" in html
    assert '.plot-table th[scope="row"]' in html
    assert 'class="summary-sheet paper-letter"' in html
    assert '<svg class="plot plot-line"' in html
    assert "Nothing was sent anywhere" in html
    assert "Nothing on the list yet." in html
