"""The instrument engine against the questionnaire files: the vendored copies are the shared
ones byte for byte, every file's keys are consistent, every hand-worked example scores as the
file says, and the properties every scorer must keep (Hypothesis)."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from fractions import Fraction
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from anchored.features.self_checks import STEPS, rules, shown
from anchored.features.self_checks.catalogue import FOLDER, file_names, load_catalogue
from anchored.features.self_checks.instrument import Example, Instrument, Listing

CATALOGUE = load_catalogue()
# No deadline: a timing limit would fail on a busy machine without saying anything about scores.
no_deadline = settings(deadline=None)
INSTRUMENTS = CATALOGUE.instruments
BY_ID = {i.id: i for i in INSTRUMENTS}
VENDORED = Path(str(files("anchored.features.self_checks") / FOLDER))
REPO = Path(__file__).resolve().parents[3]


def shared_folder() -> Path:
    """``../shared/instruments`` beside the clone (CI, /work/main), else beside a parent
    folder (a worktree one level deeper)."""
    for parent in [REPO.parent, *REPO.parent.parents]:
        candidate = parent / "shared" / "instruments"
        if candidate.is_dir():
            return candidate
    pytest.fail("the shared instruments folder (../shared/instruments) is missing")


def raw(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((VENDORED / name).read_text(encoding="utf-8"))
    return data


ALL_FILES = file_names()
EXAMPLES = [
    (data["id"], index, example)
    for name in ALL_FILES
    for data in [raw(name)]
    for index, example in enumerate(data["verification"]["examples"])
]


# -- the files -------------------------------------------------------------------------------


def test_the_vendored_files_are_the_shared_ones_byte_for_byte() -> None:
    shared = shared_folder()
    assert sorted(p.name for p in shared.glob("*.yaml")) == ALL_FILES
    for name in ALL_FILES:
        assert (VENDORED / name).read_bytes() == (shared / name).read_bytes(), name


def test_every_file_loads_and_only_complete_ones_can_be_taken() -> None:
    assert [i.id for i in INSTRUMENTS] == ["phq9", "gad7", "ecr_rs", "rses", "scs_sf"]
    assert [x.id for x in CATALOGUE.unavailable] == ["a_rsq"]
    assert CATALOGUE.get("a_rsq") is None
    a_rsq = Listing.model_validate(raw("a_rsq.yaml"))
    assert a_rsq.status == "incomplete"
    assert a_rsq.missing


@pytest.mark.parametrize(
    ("instrument_id", "count"),
    [("gad7", 7), ("phq9", 9), ("scs_sf", 12), ("rses", 10), ("ecr_rs", 9)],
)
def test_items_are_numbered_one_to_n(instrument_id: str, count: int) -> None:
    assert BY_ID[instrument_id].numbers == tuple(range(1, count + 1))


def test_known_reverse_keys_are_pinned() -> None:
    keys = {i.id: set(i.scoring.reverse_items) for i in INSTRUMENTS}
    assert keys["gad7"] == keys["phq9"] == set()
    assert keys["rses"] == {2, 5, 6, 8, 9}
    assert keys["rses"] != {3, 5, 8, 9, 10}  # the other published item order's key
    assert keys["ecr_rs"] == {1, 2, 3, 4}
    scs = {s.id: set(s.items) for s in BY_ID["scs_sf"].scoring.subscales}
    assert keys["scs_sf"] == {1, 4, 8, 9, 11, 12}
    assert keys["scs_sf"] == scs["self_judgment"] | scs["isolation"] | scs["over_identification"]


def test_subscales_partition_the_items() -> None:
    scs = [s for s in BY_ID["scs_sf"].scoring.subscales if s.id != "total"]
    assert len(scs) == 6
    assert all(len(s.items) == 2 for s in scs)
    assert sorted(n for s in scs for n in s.items) == list(range(1, 13))
    ecr = {s.id: set(s.items) for s in BY_ID["ecr_rs"].scoring.subscales}
    assert ecr == {"avoidance": set(range(1, 7)), "anxiety": {7, 8, 9}}
    for instrument in INSTRUMENTS:
        named = {s.id: set(s.items) for s in instrument.scoring.subscales}
        for item in instrument.items:
            assert item.number in named[item.subscale], (instrument.id, item.number)


def test_reverse_flags_and_formula_agree_with_the_key() -> None:
    for instrument in INSTRUMENTS:
        scoring = instrument.scoring
        assert {i.number for i in instrument.items if i.reverse} == set(scoring.reverse_items)
        expected = f"{scoring.item_min + scoring.item_max} - x" if scoring.reverse_items else None
        assert scoring.reverse_formula == expected, instrument.id


def test_response_options_run_from_min_to_max_with_the_source_labels() -> None:
    for instrument in INSTRUMENTS:
        values = sorted(o.value for o in instrument.response_scale.options)
        assert values == list(range(instrument.scoring.item_min, instrument.scoring.item_max + 1))
    for instrument_id in ("gad7", "phq9"):
        assert BY_ID[instrument_id].response_scale.options[0].label == "Not at all"


# Any change to a word of an item or an instruction must fail here first (README: "a change to
# item text needs a new source, a note and an updated text fingerprint").
FINGERPRINTS = {
    "phq9": "670719555d93d00b64a17370c9b3a2dea9a625b0046269408d13a309867263b4",
    "gad7": "144bd2289c22dd2c33f8ef096a5cab089dbdce44bfc58f4dc9f5d59e59ca5e76",
    "ecr_rs": "939e78e7d14f3b0ca6faf0dc3cb9257edd8790eac37aa25330620f5469ee4b38",
    "rses": "76045754356e02c6a8de395f26f99bee1a96eed9ba5eb8e9183d781f3438bcd4",
    "scs_sf": "b6f7f31d69e4b0c2b29dc2b35bd2e99e96884be3de57c79f0c8e618b6b7533d8",
}


def _texts(instrument: Instrument) -> list[str]:
    items = [item.text for item in instrument.items]
    return [instrument.instructions or "", *items, *(q.text for q in instrument.unscored_items)]


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.id)
def test_item_wording_is_pinned_and_tidy(instrument: Instrument) -> None:
    texts = _texts(instrument)
    digest = hashlib.sha256(json.dumps(texts, ensure_ascii=False).encode()).hexdigest()
    assert digest == FINGERPRINTS[instrument.id]
    for text in filter(None, texts):
        assert text == text.strip(), text
        assert "  " not in text, text
    apostrophes = {mark for text in texts for mark in re.findall("['\u2019]", text)}
    assert len(apostrophes) <= 1, instrument.id


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.id)
def test_score_ranges_are_contiguous_and_cover_the_score(instrument: Instrument) -> None:
    bands = instrument.scoring.bands
    if bands is None:
        return
    assert bands.citation
    main = instrument.main
    assert main is not None
    low, high = rules.score_range(instrument, main)
    ranges = bands.ranges
    assert Fraction(str(ranges[0].min)) == low
    assert Fraction(str(ranges[-1].max)) == high
    for before, after in itertools.pairwise(ranges):
        if after.min_exclusive:
            assert after.min == before.max
        else:
            assert after.min == before.max + 1  # whole-number sums: 0-4, 5-9, ...


@pytest.mark.parametrize(
    ("mean", "band"),
    [("2.5", "low"), ("31/12", "moderate"), ("3.5", "moderate"), ("43/12", "high"), ("1", "low")],
)
def test_scs_sf_boundaries_belong_to_the_lower_range(mean: str, band: str) -> None:
    found = rules.band_for(BY_ID["scs_sf"], Fraction(mean))
    assert found is not None
    assert found.label == band


# -- every worked example in every file --------------------------------------------------------


def _check_two_part(data: dict[str, Any], example: dict[str, Any]) -> None:
    """A-RSQ (incomplete, never administered): its scoring examples still hold, worked from
    the file's own scale (rejection expectancy = lowest + highest expectancy - answer)."""
    parts = {p["id"]: p["values"] for p in data["response_scale"]["parts"]}
    flip = min(parts["expectancy"]) + max(parts["expectancy"])
    assert data["scoring"]["per_scenario"]["rejection_expectancy"] == f"{flip} - expectancy"
    tolerance = data["verification"]["tolerance"]

    def score(pairs: list[tuple[int, int]]) -> tuple[list[int], float]:
        each = [concern * (flip - expectancy) for concern, expectancy in pairs]
        return each, sum(each) / len(each)

    expected = example["expected"]
    if "answers" in example:
        pairs = [(a["concern"], a["expectancy"]) for _n, a in sorted(example["answers"].items())]
        each, total = score(pairs)
        assert each == expected["per_scenario"]
        assert total == pytest.approx(expected["total"], abs=tolerance)
    else:
        count = data["expected_item_count"]
        low, high = min(parts["concern"]), max(parts["concern"])
        assert score([(low, max(parts["expectancy"]))] * count)[1] == expected["min_total"]
        assert score([(high, min(parts["expectancy"]))] * count)[1] == expected["max_total"]


@pytest.mark.parametrize(
    ("instrument_id", "example"),
    [(i, e) for i, _n, e in EXAMPLES],
    ids=[f"{i}-{n + 1}" for i, n, _e in EXAMPLES],
)
def test_every_verification_example(instrument_id: str, example: dict[str, Any]) -> None:
    instrument = CATALOGUE.get(instrument_id)
    if instrument is None:
        _check_two_part(raw(f"{instrument_id}.yaml"), example)
        return
    worked = Example.model_validate(example)
    expected = worked.expected
    tolerance = instrument.verification.tolerance
    if worked.answers is not None:
        found = rules.score(instrument, worked.answers)
        scores = {**{k: float(v) for k, v in found.subscales.items()}}
        if found.total is not None:
            scores["total"] = float(found.total)
        for name in ("total", "avoidance", "anxiety"):
            if name in expected:
                assert scores[name] == pytest.approx(expected[name], abs=tolerance)
        if "band" in expected:
            assert found.band is not None
            assert found.band.label == expected["band"]
        if "safety_route" in expected:
            assert found.safety is expected["safety_route"]
        for name, value in expected.get("subscales", {}).items():
            assert scores[name] == pytest.approx(value, abs=tolerance)
        if worked.answers_labels is not None:  # RSES: SA/A/D/SD are the labels' initials
            initials = {
                "".join(w[0] for w in o.label.split()).upper(): o.value
                for o in instrument.response_scale.options
            }
            assert {n: initials[label] for n, label in worked.answers_labels.items()} == (
                worked.answers
            )
    elif worked.baseline_total is not None:
        assert worked.follow_up_total is not None
        change = rules.reliable_change(
            instrument,
            Fraction(str(worked.baseline_total)),
            Fraction(str(worked.follow_up_total)),
            higher_is_better=bool(CATALOGUE.about(instrument.id).higher_is_better),
        )
        assert change.change == expected["change"]
        assert change.reliable is expected["reliable"]
        assert {"better": "improvement", "worse": "deterioration"}[change.verdict] == (
            expected["direction"]
        )
    else:
        assert worked.per_target_scores is not None
        for dimension in ("avoidance", "anxiety"):
            assert rules.composite(worked.per_target_scores, dimension) == pytest.approx(
                expected[f"global_{dimension}"], abs=tolerance
            )


def test_every_example_was_collected() -> None:
    counted = {data_id: 0 for data_id, _n, _e in EXAMPLES}
    for data_id, _n, _e in EXAMPLES:
        counted[data_id] += 1
    assert counted == {"a_rsq": 2, "ecr_rs": 3, "gad7": 3, "phq9": 4, "rses": 2, "scs_sf": 2}


# -- reliable change ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instrument_id", "fall", "reliable"),
    [("gad7", 4, True), ("gad7", 3, False), ("phq9", 6, True), ("phq9", 5, False)],
)
def test_the_threshold_is_inclusive(instrument_id: str, fall: int, reliable: bool) -> None:
    instrument = BY_ID[instrument_id]
    down = rules.reliable_change(
        instrument, Fraction(15), Fraction(15 - fall), higher_is_better=False
    )
    up = rules.reliable_change(instrument, Fraction(5), Fraction(5 + fall), higher_is_better=False)
    assert down.reliable is up.reliable is reliable
    assert (down.verdict, up.verdict) == (("better", "worse") if reliable else ("same", "same"))


@pytest.mark.parametrize("instrument_id", ["rses", "scs_sf", "ecr_rs"])
def test_without_a_published_figure_the_word_reliable_never_appears(instrument_id: str) -> None:
    instrument = BY_ID[instrument_id]
    assert instrument.scoring.reliable_change.threshold is None
    for change in (Fraction(-20), Fraction(0), Fraction(1, 4), Fraction(20)):
        found = rules.reliable_change(instrument, Fraction(3), 3 + change, higher_is_better=True)
        assert found.verdict == "no_figure"
        assert not found.reliable
        words = shown.change_words(instrument, "total", found)
        assert "reliab" not in words.lower()
        assert "no published figure" in words


def test_direction_in_our_content_agrees_with_each_file() -> None:
    """Where a file publishes a threshold, its rule says which way is improvement."""
    for instrument in INSTRUMENTS:
        rule = instrument.scoring.reliable_change.rule
        direction = CATALOGUE.about(instrument.id).higher_is_better
        if instrument.scoring.reliable_change.threshold is not None:
            assert ("a fall of" in rule and "is reliable improvement" in rule) is (
                direction is False
            ), instrument.id


# -- safety ------------------------------------------------------------------------------------

PHQ9 = BY_ID["phq9"]
answer_sets = st.fixed_dictionaries({n: st.sampled_from(range(4)) for n in range(1, 9)})


@no_deadline
@given(others=answer_sets, item9=st.sampled_from([1, 2, 3]))
def test_phq9_item9_above_0_fires_at_every_total(others: dict[int, int], item9: int) -> None:
    assert rules.score(PHQ9, {**others, 9: item9}).safety


@no_deadline
@given(others=answer_sets)
def test_phq9_item9_at_0_never_fires(others: dict[int, int]) -> None:
    found = rules.score(PHQ9, {**others, 9: 0})
    assert not found.safety


@no_deadline
@given(answered=st.dictionaries(st.integers(1, 8), st.integers(0, 3)), item9=st.integers(1, 3))
def test_the_rule_fires_on_an_unfinished_form(answered: dict[int, int], item9: int) -> None:
    assert rules.safety_fires(PHQ9, {**answered, 9: item9})
    assert not rules.safety_fires(PHQ9, answered)


def test_no_other_questionnaire_has_a_safety_rule() -> None:
    for instrument in INSTRUMENTS:
        has_rule = bool(instrument.scoring.safety_rules)
        assert has_rule is (instrument.id == "phq9")
        assert bool(instrument.safety_items) is has_rule


# -- missing data and properties ---------------------------------------------------------------


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.id)
def test_incomplete_or_off_scale_answers_are_never_scored(instrument: Instrument) -> None:
    full = {n: instrument.scoring.item_min for n in instrument.numbers}
    with pytest.raises(rules.AnswersProblem) as missing:
        rules.score(instrument, {n: v for n, v in full.items() if n != 2})
    assert missing.value.unanswered == (2,)
    with pytest.raises(rules.AnswersProblem) as off:
        rules.score(instrument, {**full, 1: instrument.scoring.item_max + 1})
    assert off.value.invalid == (1,)


def answers_for(instrument: Instrument) -> st.SearchStrategy[dict[int, int]]:
    values = sorted(instrument.values)
    return st.fixed_dictionaries({n: st.sampled_from(values) for n in instrument.numbers})


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.id)
def test_the_key_gives_exactly_the_files_ranges(instrument: Instrument) -> None:
    for subscale in instrument.scoring.subscales:
        low, high = rules.score_range(instrument, subscale)
        assert (low, high) == tuple(Fraction(str(x)) for x in subscale.range), subscale.id
        lowest = {
            n: (
                instrument.scoring.item_max
                if n in instrument.scoring.reverse_items and subscale.apply_reverse
                else instrument.scoring.item_min
            )
            for n in instrument.numbers
        }
        highest = {
            n: instrument.scoring.item_min + instrument.scoring.item_max - v
            for n, v in lowest.items()
        }
        assert rules.subscale_score(instrument, subscale, lowest) == low
        assert rules.subscale_score(instrument, subscale, highest) == high


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.id)
@no_deadline
@given(data=st.data())
def test_scores_stay_in_range(instrument: Instrument, data: st.DataObject) -> None:
    found = rules.score(instrument, data.draw(answers_for(instrument)))
    named = {"total": found.total, **found.subscales}
    for subscale in instrument.scoring.subscales:
        key = "total" if subscale is instrument.main else subscale.id
        value = named[key]
        assert value is not None
        low, high = rules.score_range(instrument, subscale)
        assert low <= value <= high
    if found.total is not None and instrument.scoring.bands is not None:
        assert found.band is not None


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.id)
@no_deadline
@given(data=st.data())
def test_a_reverse_key_applied_twice_is_the_identity(
    instrument: Instrument, data: st.DataObject
) -> None:
    value = data.draw(st.sampled_from(sorted(instrument.values)))
    assert rules.reverse(instrument, rules.reverse(instrument, value)) == value
    assert rules.reverse(instrument, value) in instrument.values


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.id)
@no_deadline
@given(data=st.data())
def test_reordering_the_display_never_changes_a_score(
    instrument: Instrument, data: st.DataObject
) -> None:
    answers = data.draw(answers_for(instrument))
    shown_order = data.draw(st.permutations(instrument.numbers))
    # Answered in the shuffled order, stored by item number as always.
    reordered = {number: answers[number] for number in shown_order}
    assert rules.score(instrument, reordered) == rules.score(instrument, answers)


# -- our own content ---------------------------------------------------------------------------


def test_the_manifest_names_the_steps_our_content_suggests() -> None:
    steps = {s for i in INSTRUMENTS for s in CATALOGUE.about(i.id).steps}
    assert tuple(sorted(steps)) == STEPS
    assert 13 in steps


@pytest.mark.parametrize(
    ("value", "method", "text"),
    [(Fraction(11), "sum", "11"), (Fraction(19, 6), "mean", "3.17"), (Fraction(3), "mean", "3.00")],
)
def test_numbers_read_as_the_files_say(value: Fraction, method: str, text: str) -> None:
    assert shown.number(value, method) == text
