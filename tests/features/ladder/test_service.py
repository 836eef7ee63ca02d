"""Exposure ladder use cases: rungs and attempts saved, checked and kept owner-scoped; the
ladder's order and next rung; refusals; search; predicted against actual for the progress page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput, NotFound
from anchored.features import FEATURES
from anchored.features.ladder import service as ladder
from anchored.features.ladder.examples import load_examples
from anchored.features.ladder.service import AttemptInput, RungRefused
from anchored.features.search.service import search_writing
from anchored.manifest import Registry
from anchored.services import support
from anchored.services.owned import export_feature
from anchored.services.vault import OpenVault
from tests.support import NOW, PEOPLE

ME, STRANGER = PEOPLE.me, PEOPLE.stranger
KINDS = Registry(FEATURES).search_kinds
CRISIS = "Stop eating until I disappear, I want to die"
TODAY = NOW.astimezone().date()


def _rung(
    session: Session, situation: str = "Leave my phone in a drawer for an hour", rating: int = 30
) -> int:
    return ladder.add_rung(session, ME, situation, rating, now=NOW).id


def _attempt(
    session: Session, rung_id: int, peak: int, *, on: date | None = None, **words: str
) -> int:
    given = AttemptInput(
        predicted=70, peak=peak, at_end=max(peak - 20, 0), attempted_on=on, **words
    )
    return ladder.add_attempt(session, ME, rung_id, given, now=NOW).id


# -- rungs --------------------------------------------------------------------------------------


def test_a_rung_keeps_its_words_and_rating(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        done = ladder.add_rung(session, ME, "  Go a   morning without checking  ", "40", now=NOW)
        assert not done.needs_help
    with open_vault.session() as session:
        rung = ladder.get_rung(session, ME, done.id)
        assert (rung.situation, rung.rating) == ("Go a morning without checking", 40)


@pytest.mark.parametrize(
    ("situation", "rating", "field"),
    [
        ("", 30, "situation"),
        ("x" * 301, 30, "situation"),
        ("Ok", "", "rating"),
        ("Ok", "101", "rating"),
        ("Ok", "abc", "rating"),
    ],
)
def test_a_rung_needs_words_and_a_rating_from_0_to_100(
    open_vault: OpenVault, situation: str, rating: str | int, field: str
) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        ladder.add_rung(session, ME, situation, rating, now=NOW)
    assert set(caught.value.errors) == {field}
    assert situation not in caught.value.errors[field] or not situation


def test_a_rung_that_calls_for_help_is_refused_not_saved(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        support.set_keep_record(session, ME, True)
    with pytest.raises(RungRefused) as caught, open_vault.session() as session:
        ladder.add_rung(session, ME, CRISIS, 30, now=NOW)
    assert caught.value.needs_help
    assert "safe to face" in caught.value.errors["situation"]
    with open_vault.session() as session:
        assert ladder.ladder(session, ME).rungs == ()
        assert ladder.record_refusal(session, ME, CRISIS)
    with open_vault.session() as session:
        assert len(support.recorded_times(session, ME)) == 1


def test_editing_a_rung_into_harm_is_refused_and_leaves_it_as_it_was(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        rung_id = _rung(session)
    with pytest.raises(RungRefused), open_vault.session() as session:
        ladder.update_rung(session, ME, rung_id, CRISIS, 30, now=NOW)
    with open_vault.session() as session:
        assert ladder.get_rung(session, ME, rung_id).situation.startswith("Leave my phone")
        ladder.update_rung(session, ME, rung_id, "Leave my phone at home", "55", now=NOW)
    with open_vault.session() as session:
        rung = ladder.get_rung(session, ME, rung_id)
        assert (rung.situation, rung.rating) == ("Leave my phone at home", 55)


def test_an_example_is_the_apps_words_but_what_is_added_to_it_is_checked(
    open_vault: OpenVault,
) -> None:
    example = load_examples().examples[0].text
    with open_vault.session() as session:
        assert not ladder.add_rung(session, ME, example, 25, now=NOW).needs_help
    with pytest.raises(RungRefused), open_vault.session() as session:
        ladder.add_rung(session, ME, f"{example}, then kill myself", 25, now=NOW)


# -- attempts -----------------------------------------------------------------------------------


def test_an_attempt_keeps_its_numbers_and_words(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        rung_id = _rung(session)
        given = AttemptInput(
            predicted="60",
            peak="45",
            at_end="20",
            attempted_on=(TODAY - timedelta(days=2)).isoformat(),
            feared=" That he'd think I don't care. ",
            happened="He replied after forty minutes.",
            learned="The wait was long but I managed.",
        )
        attempt_id = ladder.add_attempt(session, ME, rung_id, given, now=NOW).id
    with open_vault.session() as session:
        attempt = ladder.get_attempt(session, ME, attempt_id)
        assert (attempt.predicted, attempt.peak, attempt.at_end) == (60, 45, 20)
        assert attempt.attempted_on == TODAY - timedelta(days=2)
        assert attempt.feared == "That he'd think I don't care."
        assert (attempt.rung_id, attempt.owner_id) == (rung_id, ME.id)


def test_an_attempt_is_today_unless_another_day_is_given(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        attempt_id = _attempt(session, _rung(session), 40)
        assert ladder.get_attempt(session, ME, attempt_id).attempted_on == TODAY


def test_an_attempt_needs_three_numbers_and_no_day_to_come(open_vault: OpenVault) -> None:
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    with open_vault.session() as session:
        rung_id = _rung(session)
        given = AttemptInput(
            predicted="", peak="200", at_end="x", attempted_on=tomorrow, learned="y" * 5001
        )
        with pytest.raises(InvalidInput) as caught:
            ladder.add_attempt(session, ME, rung_id, given, now=NOW)
    assert set(caught.value.errors) == {"predicted", "peak", "at_end", "attempted_on", "learned"}
    assert "hasn't come yet" in caught.value.errors["attempted_on"]


def test_words_in_an_attempt_that_call_for_help_are_saved_with_the_card(
    open_vault: OpenVault,
) -> None:
    with open_vault.session() as session:
        rung_id = _rung(session)
        done = ladder.add_attempt(
            session, ME, rung_id, AttemptInput(50, 60, 30, happened=CRISIS), now=NOW
        )
        assert done.needs_help
        assert ladder.get_attempt(session, ME, done.id).happened == CRISIS


def test_editing_and_deleting_an_attempt(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        rung_id = _rung(session)
        first = _attempt(session, rung_id, 70)
        second = _attempt(session, rung_id, 50)
        ladder.update_attempt(session, ME, first, AttemptInput(65, 55, 10, learned="ok"), now=NOW)
        assert ladder.get_attempt(session, ME, first).peak == 55
        assert ladder.delete_attempt(session, ME, second) == rung_id
        assert [a.id for a in ladder.rung_detail(session, ME, rung_id).attempts] == [first]


def test_deleting_a_rung_deletes_its_attempts_and_search_text(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        rung_id = _rung(session, "Say no to the party kindly")
        attempt_id = _attempt(session, rung_id, 40, learned="Heron by the pond")
        ladder.delete_rung(session, ME, rung_id)
    with open_vault.session() as session:
        with pytest.raises(NotFound):
            ladder.get_attempt(session, ME, attempt_id)
        assert search_writing(session, ME, "heron", KINDS).total == 0
        assert search_writing(session, ME, "party", KINDS).total == 0


# -- the ladder ---------------------------------------------------------------------------------


def test_the_ladder_goes_from_easiest_to_hardest_and_suggests_the_next_rung(
    open_vault: OpenVault,
) -> None:
    with open_vault.session() as session:
        hard = _rung(session, "A night apart without calling", 80)
        easy = _rung(session, "Phone in another room for twenty minutes", 20)
        middle = _rung(session, "No goodnight message", 50)
        found = ladder.ladder(session, ME)
        assert [v.id for v in found.rungs] == [easy, middle, hard]
        assert found.next is not None
        assert found.next.id == easy

        for days_ago, peak in ((3, 70), (2, 50), (1, 30)):  # down twice in a row
            _attempt(session, easy, peak, on=TODAY - timedelta(days=days_ago))
        found = ladder.ladder(session, ME)
        assert [(v.id, v.attempts, v.easier, v.is_next) for v in found.rungs] == [
            (easy, 3, True, False),
            (middle, 0, False, True),
            (hard, 0, False, False),
        ]

        _attempt(session, easy, 60)  # a harder day: back to practising the easiest rung
        assert ladder.ladder(session, ME).next.id == easy  # type: ignore[union-attr]


def test_attempts_count_in_the_order_of_their_days(open_vault: OpenVault) -> None:
    """An attempt written down late, for an earlier day, takes its place by its day."""
    with open_vault.session() as session:
        rung_id = _rung(session)
        _attempt(session, rung_id, 30, on=TODAY)
        _attempt(session, rung_id, 50, on=TODAY - timedelta(days=3))
        _attempt(session, rung_id, 70, on=TODAY - timedelta(days=6))
        detail = ladder.rung_detail(session, ME, rung_id)
        assert [a.peak for a in detail.attempts] == [70, 50, 30]
        assert detail.easier


def test_when_every_rung_is_getting_easier_nothing_harder_is_invented(
    open_vault: OpenVault,
) -> None:
    with open_vault.session() as session:
        rung_id = _rung(session)
        for peak in (60, 40, 20):
            _attempt(session, rung_id, peak)
        found = ladder.ladder(session, ME)
        assert found.next is None
        assert found.all_easier


def test_predicted_vs_actual_lists_every_attempt_oldest_first(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        one = _rung(session, "Phone away", 20)
        two = _rung(session, "Night apart", 80)
        _attempt(session, two, 65, on=TODAY)
        _attempt(session, one, 40, on=TODAY - timedelta(days=1))
        points = ladder.predicted_vs_actual(session, ME)
        assert [(p.attempted_on, p.rung_id, p.rung, p.predicted, p.peak) for p in points] == [
            (TODAY - timedelta(days=1), one, "Phone away", 70, 40),
            (TODAY, two, "Night apart", 70, 65),
        ]
        assert ladder.predicted_vs_actual(session, STRANGER) == []


# -- owner-scoped, searchable, in the export -----------------------------------------------------


def test_someone_elses_rung_or_attempt_is_not_found(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        rung_id = _rung(session)
        attempt_id = _attempt(session, rung_id, 40)
        for action in (
            lambda: ladder.get_rung(session, STRANGER, rung_id),
            lambda: ladder.rung_detail(session, STRANGER, rung_id),
            lambda: ladder.update_rung(session, STRANGER, rung_id, "Mine now", 10, now=NOW),
            lambda: ladder.delete_rung(session, STRANGER, rung_id),
            lambda: ladder.add_attempt(session, STRANGER, rung_id, AttemptInput(1, 1, 1), now=NOW),
            lambda: ladder.update_attempt(
                session, STRANGER, attempt_id, AttemptInput(1, 1, 1), now=NOW
            ),
            lambda: ladder.delete_attempt(session, STRANGER, attempt_id),
        ):
            with pytest.raises(NotFound):
                action()
        assert ladder.ladder(session, STRANGER).rungs == ()


def test_search_finds_a_rung_by_its_words_and_its_attempts_words(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        rung_id = _rung(session, "Spend Saturday at the allotment")
        _attempt(session, rung_id, 40, learned="The courgettes did not care, and neither did he")
    with open_vault.session() as session:
        for word in ("allotment", "courgettes"):
            found = search_writing(session, ME, word, KINDS)
            assert [(r.kind, r.url, r.title) for r in found.results] == [
                ("ladder", f"/ladder/{rung_id}", "Spend Saturday at the allotment")
            ]
        assert search_writing(session, STRANGER, "allotment", KINDS).total == 0


def test_step_nine_lists_the_rungs(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        rung_id = _rung(session, "Phone away", 20)
        items = ladder.step_items(session, ME, 9)
        assert [(i.title, i.path, i.detail) for i in items] == [
            ("Phone away", f"/ladder/{rung_id}", "Rated 20")
        ]
        assert ladder.step_items(session, ME, 8) == []


def test_the_export_holds_rungs_and_attempts(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        rung_id = _rung(session)
        _attempt(session, rung_id, 40, learned="I coped")
        exported = export_feature(session, ME, Registry(FEATURES).feature("ladder"))
    assert [r["id"] for r in exported["ladder_rungs"]] == [rung_id]
    assert [(a["rung_id"], a["learned"]) for a in exported["ladder_attempts"]] == [
        (rung_id, "I coped")
    ]
