"""Self-check use cases on a real vault: taking a questionnaire, results by owner, history
for the progress page, change over time, reminders, export and delete."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from anchored.core.errors import InvalidInput, NotFound
from anchored.features import FEATURES
from anchored.features.self_checks import service as self_checks
from anchored.manifest import Registry
from anchored.services.owned import delete_feature, export_feature
from anchored.storage.vault import OpenVault
from tests.support import NOW, PEOPLE

ME, STRANGER = PEOPLE.me, PEOPLE.stranger
FEATURE = Registry(FEATURES).feature("self_checks")
PHQ9_MODERATE = {1: 1, 2: 2, 3: 0, 4: 1, 5: 3, 6: 1, 7: 0, 8: 2, 9: 1}  # 11, item 9 = 1
PHQ9_HIGHER = {1: 3, 2: 3, 3: 2, 4: 2, 5: 2, 6: 2, 7: 2, 8: 1, 9: 0}  # 17
ECR = {1: 5, 2: 4, 3: 6, 4: 3, 5: 2, 6: 3, 7: 6, 8: 7, 9: 5}
LONDON = ZoneInfo("Europe/London")


def test_a_result_keeps_answers_by_item_number_and_scores_from_the_file(
    open_vault: OpenVault,
) -> None:
    with open_vault.session() as session:
        taken = self_checks.take(
            session,
            ME,
            "phq9",
            dict(reversed(PHQ9_MODERATE.items())),  # answered in another order
            now=NOW,
            unscored={"functional_difficulty": "2"},
        )
    assert taken.score.total == 11
    assert taken.score.band is not None
    assert taken.score.band.label == "moderate"
    assert taken.safety
    with open_vault.session() as session:
        result = self_checks.get_result(session, ME, taken.id)
        assert result.answers == {str(n): v for n, v in PHQ9_MODERATE.items()}
        assert result.unscored == {"functional_difficulty": 2}  # kept, never scored
        assert self_checks.score_of(result) == taken.score
        assert result.taken_at == NOW


def test_unanswered_items_are_named_and_nothing_is_saved(open_vault: OpenVault) -> None:
    partial = {n: v for n, v in PHQ9_MODERATE.items() if n not in {3, 7}}
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        self_checks.take(session, ME, "phq9", {**partial, 1: 9}, now=NOW)
    assert caught.value.errors == {
        "item-1": "Question 1 needs one of the answers offered.",
        "item-3": "Question 3 has no answer yet.",
        "item-7": "Question 7 has no answer yet.",
    }
    with open_vault.session() as session:
        assert self_checks.results(session, ME, "phq9") == []


def test_the_form_reads_only_answers_on_the_scale() -> None:
    phq9 = self_checks.get_instrument("phq9")
    sent = {1: "2", 2: "", 3: "4", 4: "-1", 5: "x", 6: None, 7: " 3 ", 8: "0", 9: "1.0"}
    assert self_checks.read_answers(phq9, sent) == {1: 2, 7: 3, 8: 0}


@pytest.mark.parametrize("instrument_id", ["a_rsq", "nope", "PHQ9", ""])
def test_unknown_or_incomplete_questionnaires_are_never_administered(
    open_vault: OpenVault, instrument_id: str
) -> None:
    with pytest.raises(NotFound):
        self_checks.get_instrument(instrument_id)
    with open_vault.session() as session, pytest.raises(NotFound):
        self_checks.take(session, ME, instrument_id, {1: 1}, now=NOW)


def test_ecr_rs_is_about_the_romantic_partner_and_reports_two_dimensions(
    open_vault: OpenVault,
) -> None:
    with open_vault.session() as session:
        taken = self_checks.take(session, ME, "ecr_rs", ECR, now=NOW)
        assert self_checks.get_result(session, ME, taken.id).target == "romantic_partner"
        history = self_checks.score_history(session, ME, "ecr_rs")
    assert taken.score.total is None
    assert [(p.total, p.band) for p in history] == [(None, None)]
    assert history[0].subscales == pytest.approx({"avoidance": 19 / 6, "anxiety": 6})


def test_results_belong_to_their_owner(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        mine = self_checks.take(session, ME, "gad7", dict.fromkeys(range(1, 8), 1), now=NOW)
        self_checks.take(session, STRANGER, "gad7", dict.fromkeys(range(1, 8), 3), now=NOW)
    with open_vault.session() as session:
        with pytest.raises(NotFound):
            self_checks.get_result(session, STRANGER, mine.id)
        with pytest.raises(NotFound):
            self_checks.delete_result(session, STRANGER, mine.id)
        assert [r.id for r in self_checks.results(session, ME, "gad7")] == [mine.id]
        assert [p.total for p in self_checks.score_history(session, ME, "gad7")] == [7]


def test_score_history_is_oldest_first_with_date_total_band_and_subscales(
    open_vault: OpenVault,
) -> None:
    with open_vault.session() as session:
        for days, answers in ((0, PHQ9_HIGHER), (14, PHQ9_MODERATE)):
            self_checks.take(session, ME, "phq9", answers, now=NOW + timedelta(days=days))
        scs = {n: 5 for n in range(1, 13)}
        self_checks.take(session, ME, "scs_sf", scs, now=NOW)
    with open_vault.session() as session:
        history = self_checks.score_history(session, ME, "phq9")
        compassion = self_checks.score_history(session, ME, "scs_sf")
    assert [(p.date, p.total, p.band, p.subscales) for p in history] == [
        (NOW, 17, "moderately severe", {}),
        (NOW + timedelta(days=14), 11, "moderate", {}),
    ]
    assert compassion[0].total == 3.0
    assert compassion[0].band == "moderate"
    assert compassion[0].subscales["self_judgment"] == 5.0


def test_change_since_the_first_and_the_last_result(open_vault: OpenVault) -> None:
    phq9 = self_checks.get_instrument("phq9")
    with open_vault.session() as session:
        for days, answers in ((0, PHQ9_HIGHER), (14, {**PHQ9_HIGHER, 1: 1}), (28, PHQ9_MODERATE)):
            self_checks.take(session, ME, "phq9", answers, now=NOW + timedelta(days=days))
        found = self_checks.changes(phq9, self_checks.results(session, ME, "phq9"))
    assert found.since_first is not None
    assert found.since_last is not None
    first, last = found.since_first.changes["total"], found.since_last.changes["total"]
    assert (first.change, first.verdict) == (-6, "better")  # 17 -> 11, a 6-point fall
    assert (last.change, last.verdict) == (-4, "same")  # 15 -> 11
    assert found.since_first.earlier == NOW


def test_one_result_has_no_change_and_two_have_one_comparison(open_vault: OpenVault) -> None:
    rses = self_checks.get_instrument("rses")
    with open_vault.session() as session:
        self_checks.take(session, ME, "rses", dict.fromkeys(range(1, 11), 3), now=NOW)
        assert self_checks.changes(rses, self_checks.results(session, ME, "rses")) == (
            self_checks.Changes(None, None)
        )
        later = NOW + timedelta(days=30)
        self_checks.take(session, ME, "rses", dict.fromkeys(range(1, 11), 2), now=later)
        found = self_checks.changes(rses, self_checks.results(session, ME, "rses"))
    assert found.since_last is None
    assert found.since_first is not None
    assert found.since_first.changes["total"].verdict == "no_figure"


def test_nothing_is_due_before_a_first_result(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert self_checks.due(session, ME, now=NOW + timedelta(days=400)) == []


def test_a_check_is_due_on_the_local_day_its_gap_ends(open_vault: OpenVault) -> None:
    # Taken at 23:30 UTC on 30 June: already 1 July in London (summer time).
    taken_at = NOW.replace(month=6, day=30, hour=23, minute=30)
    with open_vault.session() as session:
        self_checks.take(session, ME, "gad7", dict.fromkeys(range(1, 8), 0), now=taken_at)
    with open_vault.session() as session:
        before = self_checks.due(session, ME, now=taken_at + timedelta(days=13), zone=LONDON)
        on_time = self_checks.due(session, ME, now=taken_at + timedelta(days=14), zone=LONDON)
        found = self_checks.statuses(session, ME, now=taken_at, zone=LONDON)
    assert before == []
    assert [s.instrument.id for s in on_time] == ["gad7"]
    gad7 = next(s for s in found if s.instrument.id == "gad7")
    assert (gad7.count, gad7.every_days, str(gad7.next_due)) == (1, 14, "2026-07-15")


def test_reminders_can_be_changed_or_turned_off_one_by_one_and_all_at_once(
    open_vault: OpenVault,
) -> None:
    later = NOW + timedelta(days=40)
    with open_vault.session() as session:
        self_checks.take(session, ME, "gad7", dict.fromkeys(range(1, 8), 0), now=NOW)
        self_checks.take(session, ME, "ecr_rs", ECR, now=NOW)
        assert [s.instrument.id for s in self_checks.due(session, ME, now=later)] == [
            "gad7",
            "ecr_rs",
        ]
        self_checks.set_reminders(session, ME, on=True, every={"gad7": None, "ecr_rs": 60})
        assert self_checks.due(session, ME, now=later) == []
        assert self_checks.reminder_days(session, ME)["ecr_rs"] == 60
        self_checks.set_reminders(session, ME, on=True, every={"gad7": 14})
        assert [s.instrument.id for s in self_checks.due(session, ME, now=later)] == ["gad7"]
        self_checks.set_reminders(session, ME, on=False, every={})
        assert self_checks.due(session, ME, now=later) == []
        assert not self_checks.reminders_on(session, ME)
        assert self_checks.reminder_days(session, ME)["gad7"] == 14  # kept for later
    with open_vault.session() as session:
        assert self_checks.reminders_on(session, STRANGER)  # someone else's choice


def test_a_gap_not_offered_is_refused(open_vault: OpenVault) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        self_checks.set_reminders(session, ME, on=True, every={"phq9": 3})
    assert caught.value.errors == {"every-phq9": "Choose one of the options offered."}
    with open_vault.session() as session, pytest.raises(NotFound):
        self_checks.set_reminders(session, ME, on=True, every={"a_rsq": 14})


def test_export_and_delete_take_only_the_owners_results_and_choices(
    open_vault: OpenVault,
) -> None:
    with open_vault.session() as session:
        for owner in (ME, STRANGER):
            self_checks.take(session, owner, "ecr_rs", ECR, now=NOW)
            self_checks.set_reminders(session, owner, on=False, every={"phq9": 30})
    with open_vault.session() as session:
        mine = export_feature(session, ME, FEATURE)
        theirs = export_feature(session, STRANGER, FEATURE)
        assert mine["self_check_results"][0]["answers"] == {str(n): v for n, v in ECR.items()}
        assert {t: len(rows) for t, rows in mine.items()} == {
            "self_check_results": 1,
            "self_check_reminders": 1,
            "self_check_settings": 1,
        }
        assert all(row["owner_id"] == ME.id for rows in mine.values() for row in rows)
        assert delete_feature(session, ME, FEATURE) == 3
    with open_vault.session() as session:
        assert not any(export_feature(session, ME, FEATURE).values())
        assert export_feature(session, STRANGER, FEATURE) == theirs
