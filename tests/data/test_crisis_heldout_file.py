"""The held-out crisis-language set is well formed.

This checks the file's structure only (fields, counts per category, form and kind, the holdout
share, no duplicates). It deliberately does not run the crisis rules: the set is for evaluation,
and nobody may tune on it.
"""

import math
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

PATH = Path(__file__).with_name("crisis_heldout.yaml")

CATEGORIES = {"wish_dead", "ideation", "method_plan", "goodbye", "self_harm"}
FORMS = {
    "direct",
    "indirect",
    "euphemistic",
    "slang",
    "misspelled",
    "question",
    "past_tense",
    "third_person",
    "mixed",
    "non_native",
}
KINDS = {
    "figurative",
    "negated",
    "media",
    "recovery",
    "medical",
    "pet",
    "plant",
    "game",
    "cooking",
    "relationship_ending",
    "abandonment",
    "everyday_literal",
}
MIN_PER_LIST = 300
MIN_PER_CELL = 5  # items per (category, form)
MIN_PER_KIND = 10
HOLDOUT_SHARE = 0.30


@pytest.fixture(scope="module")
def data() -> dict:
    return yaml.safe_load(PATH.read_text(encoding="utf-8"))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def test_header_says_evaluation_only_who_and_when() -> None:
    header = "".join(
        line for line in PATH.read_text(encoding="utf-8").splitlines(True) if line.startswith("#")
    )
    assert "NOBODY MAY TUNE" in header
    assert "2026-12-07" in header
    assert "helper session" in header


def test_top_level_keys(data: dict) -> None:
    assert set(data) == {"positives", "negatives"}
    assert isinstance(data["positives"], list)
    assert isinstance(data["negatives"], list)


def test_positive_items_are_well_formed(data: dict) -> None:
    for item in data["positives"]:
        assert set(item) - {"holdout"} == {"text", "category", "form"}, item
        assert isinstance(item["text"], str), item
        assert item["text"].strip(), item
        assert item["category"] in CATEGORIES, item
        assert item["form"] in FORMS, item
        assert item.get("holdout", False) in (True, False), item


def test_negative_items_are_well_formed(data: dict) -> None:
    for item in data["negatives"]:
        assert set(item) - {"holdout"} == {"text", "kind"}, item
        assert isinstance(item["text"], str), item
        assert item["text"].strip(), item
        assert item["kind"] in KINDS, item
        assert item.get("holdout", False) in (True, False), item


def test_positive_counts_cover_every_category_and_form(data: dict) -> None:
    positives = data["positives"]
    assert len(positives) >= MIN_PER_LIST
    cells = Counter((item["category"], item["form"]) for item in positives)
    missing = {
        (category, form): cells[(category, form)]
        for category in CATEGORIES
        for form in FORMS
        if cells[(category, form)] < MIN_PER_CELL
    }
    assert not missing, f"thin (category, form) cells: {missing}"


def test_negative_counts_cover_every_kind(data: dict) -> None:
    negatives = data["negatives"]
    assert len(negatives) >= MIN_PER_LIST
    kinds = Counter(item["kind"] for item in negatives)
    thin = {kind: kinds[kind] for kind in KINDS if kinds[kind] < MIN_PER_KIND}
    assert not thin, f"thin negative kinds: {thin}"


def test_no_duplicates_within_or_across_lists(data: dict) -> None:
    texts = [_norm(item["text"]) for item in data["positives"] + data["negatives"]]
    dupes = [text for text, n in Counter(texts).items() if n > 1]
    assert not dupes, dupes


@pytest.mark.parametrize("key", ["positives", "negatives"])
def test_thirty_percent_of_each_list_is_held_out(data: dict, key: str) -> None:
    items = data[key]
    held = sum(1 for item in items if item.get("holdout") is True)
    assert held >= math.ceil(HOLDOUT_SHARE * len(items))
    assert held <= math.ceil(HOLDOUT_SHARE * len(items)) + 2


def test_holdout_is_spread_over_categories_forms_and_kinds(data: dict) -> None:
    held_pos = [item for item in data["positives"] if item.get("holdout")]
    held_neg = [item for item in data["negatives"] if item.get("holdout")]
    assert {item["category"] for item in held_pos} == CATEGORIES
    assert {item["form"] for item in held_pos} == FORMS
    assert {item["kind"] for item in held_neg} == KINDS
