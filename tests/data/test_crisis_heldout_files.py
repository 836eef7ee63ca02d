"""Structure of the held-out crisis-language sets "b" and "c" (tests/data/crisis_heldout_b.yaml,
crisis_heldout_c.yaml), each written by its own helper without sight of the rules.

This checks only the files: their shape, their counts per category, form and kind, their 30%
holdout and that no sentence appears twice. It never runs the crisis rules: the sets are for
evaluation only, and nobody may tune on them. Set "c" has a few more checks of its own
(test_crisis_heldout_c_file.py)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

FILES = ("crisis_heldout_b.yaml", "crisis_heldout_c.yaml")

CATEGORIES = ("wish_dead", "ideation", "method_plan", "goodbye", "self_harm")
FORMS = (
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
)
PER_CELL = 7  # positives per (category, form)
KINDS = {
    "figurative": 40,
    "negated": 30,
    "media": 30,
    "recovery": 30,
    "medical": 20,
    "pet": 20,
    "plant": 20,
    "game": 20,
    "cooking": 20,
    "relationship_end": 30,
    "abandonment": 50,
    "tech": 20,
}


@pytest.fixture(scope="module", params=FILES)
def path(request: pytest.FixtureRequest) -> Path:
    return Path(__file__).with_name(request.param)


@pytest.fixture(scope="module")
def data(path: Path) -> dict:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _held(items: list[dict]) -> int:
    return sum(1 for item in items if item.get("holdout"))


def test_header_says_evaluation_only_who_and_when(path: Path) -> None:
    header = "".join(
        line
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
        if line.startswith("#")
    )
    assert "NOBODY MAY TUNE" in header
    assert "helper session" in header
    assert "no sight of the crisis rules" in header
    assert "2026-12-07" in header


def test_top_level_keys(data: dict) -> None:
    assert set(data) == {"positives", "negatives"}


def test_positive_items_shape(data: dict) -> None:
    for item in data["positives"]:
        assert set(item) <= {"text", "category", "form", "holdout"}, item
        assert {"text", "category", "form"} <= set(item), item
        assert isinstance(item["text"], str)
        assert item["text"].strip() == item["text"] != ""
        assert item["category"] in CATEGORIES, item
        assert item["form"] in FORMS, item
        assert item.get("holdout", False) in (True, False), item


def test_negative_items_shape(data: dict) -> None:
    for item in data["negatives"]:
        assert set(item) <= {"text", "kind", "holdout"}, item
        assert {"text", "kind"} <= set(item), item
        assert isinstance(item["text"], str)
        assert item["text"].strip() == item["text"] != ""
        assert item["kind"] in KINDS, item
        assert item.get("holdout", False) in (True, False), item


def test_positive_counts_per_category_and_form(data: dict) -> None:
    positives = data["positives"]
    assert len(positives) >= 300
    cells = Counter((item["category"], item["form"]) for item in positives)
    expected = {(c, f): PER_CELL for c in CATEGORIES for f in FORMS}
    assert dict(cells) == expected


def test_negative_counts_per_kind(data: dict) -> None:
    negatives = data["negatives"]
    assert len(negatives) >= 300
    assert dict(Counter(item["kind"] for item in negatives)) == KINDS


@pytest.mark.parametrize("key", ["positives", "negatives"])
def test_thirty_percent_of_each_list_is_held_out(data: dict, key: str) -> None:
    items = data[key]
    assert _held(items) == len(items) * 3 // 10


def test_holdout_is_spread_over_categories_forms_and_kinds(data: dict) -> None:
    for category in CATEGORIES:
        group = [i for i in data["positives"] if i["category"] == category]
        assert _held(group) == len(group) * 3 // 10, category
        for form in FORMS:
            cell = [i for i in group if i["form"] == form]
            assert 0 < _held(cell) < len(cell), (category, form)
    for kind in KINDS:
        group = [i for i in data["negatives"] if i["kind"] == kind]
        assert _held(group) == len(group) * 3 // 10, kind


def test_no_duplicates_across_the_file(data: dict) -> None:
    def norm(text: str) -> str:
        return re.sub(r"[\W_]+", " ", text.casefold()).strip()

    texts = [norm(i["text"]) for i in data["positives"] + data["negatives"]]
    repeated = [t for t, n in Counter(texts).items() if n > 1]
    assert repeated == []
