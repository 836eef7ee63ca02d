"""The emotion head's word features, worked out in numpy as scikit-learn's TF-IDF would."""

from __future__ import annotations

import math

import numpy as np

from anchored.text.words import Vocabulary, terms


def test_words_and_pairs_lowercased_with_marks_as_words() -> None:
    assert terms("I don't KNOW?!") == [
        "i",
        "don't",
        "know",
        "?",
        "!",
        "i don't",
        "don't know",
        "know ?",
        "? !",
    ]


def test_counted_sublinearly_weighted_and_normalised() -> None:
    vocabulary = Vocabulary(["sad", "so sad", "happy"], np.array([2.0, 3.0, 1.0], np.float32))
    (row,) = vocabulary.features(["Sad, so sad. sad"])
    raw = np.array([(1 + math.log(3)) * 2.0, 3.0, 0.0])
    assert np.allclose(row, raw / np.linalg.norm(raw))
    (empty,) = vocabulary.features(["nothing known here"])
    assert not empty.any()
