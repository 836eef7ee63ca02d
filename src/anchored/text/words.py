"""Word features for the emotion head: TF-IDF over single words and word pairs, in numpy.

The same as scikit-learn's ``TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)`` with
:data:`TOKEN` as its token pattern (``tools/train_text_heads.py`` fits it and checks that both
agree), so the app needs no scikit-learn. The vocabulary ships in ``data/emotions.npz``: only
words and pairs that many different GoEmotions comments use (``min_df``), never whole
sentences.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from typing import Final

import numpy as np
import numpy.typing as npt

#: Words (with inner apostrophes: "don't"), and "!" and "?" as words of their own.
TOKEN: Final = r"(?u)\b\w[\w']*\b|[!?]"
_TOKEN = re.compile(TOKEN)


def terms(text: str) -> list[str]:
    """Single words and neighbouring pairs, lowercased, as the vectorizer makes them."""
    words = _TOKEN.findall(text.lower())
    return words + [f"{a} {b}" for a, b in pairwise(words)]


class Vocabulary:
    """Term -> column, and each column's inverse document frequency."""

    def __init__(self, vocabulary: Sequence[str], idf: npt.NDArray[np.float32]) -> None:
        self.index = {term: i for i, term in enumerate(vocabulary)}
        self.idf = idf.astype(np.float32)

    def __len__(self) -> int:
        return len(self.index)

    def features(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """One row per text: sublinear term frequency times idf, L2-normalised."""
        rows = np.zeros((len(texts), len(self.index)), dtype=np.float32)
        for row, text in enumerate(texts):
            counts = Counter(t for t in terms(text) if t in self.index)
            for term, count in counts.items():
                column = self.index[term]
                rows[row, column] = (1.0 + math.log(count)) * self.idf[column]
            norm = float(np.linalg.norm(rows[row]))
            if norm > 0:
                rows[row] /= norm
        return rows
