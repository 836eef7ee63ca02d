"""What set "c" (tests/data/crisis_heldout_c.yaml) promises beyond the checks it shares with set
"b" (test_crisis_heldout_files.py): exact totals, one quoted text per line, sentence lengths
and no near-duplicates. It never runs the crisis rules: the set is for evaluation only, and
nobody may tune on it."""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import pytest
import yaml

FILE = Path(__file__).with_name("crisis_heldout_c.yaml")
MIN_WORDS, MAX_WORDS = 3, 40


@pytest.fixture(scope="module")
def data() -> dict:
    loaded = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _words(text: str) -> list[str]:
    return re.sub(r"[\W_]+", " ", text.casefold()).split()


def test_every_text_is_double_quoted() -> None:
    for line in FILE.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("- "):
            assert line.startswith('  - {text: "'), line


def test_exactly_350_positives_and_330_negatives(data: dict) -> None:
    assert (len(data["positives"]), len(data["negatives"])) == (350, 330)


def test_sentence_lengths(data: dict) -> None:
    for item in data["positives"] + data["negatives"]:
        assert MIN_WORDS <= len(_words(item["text"])) <= MAX_WORDS, item


def test_no_near_duplicates_across_the_file(data: dict) -> None:
    """No sentence is another with one word changed, and no two share most of their words."""
    texts = [_words(i["text"]) for i in data["positives"] + data["negatives"]]
    close = []
    for a, b in combinations(texts, 2):
        one_word_apart = len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= 1
        overlap = len(set(a) & set(b)) / len(set(a) | set(b))
        if one_word_apart or overlap >= 0.6:
            close.append((" ".join(a), " ".join(b)))
    assert close == []
