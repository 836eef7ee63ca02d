"""Resilience rules: reading a memory's three parts from one piece of writing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from anchored.features.resilience.rules import MemoryText, join_memory, split_memory

# Lines without a colon, so none is a heading (a heading inside a part would start a new part).
LINE = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters=":"),
    max_size=40,
)
PART = st.lists(LINE, max_size=4).map(lambda lines: "\n".join(lines).strip())


@given(PART, PART, PART)
def test_split_reads_back_what_join_wrote(happened: str, did: str, shows: str) -> None:
    memory = MemoryText(happened, did, shows)
    assert split_memory(join_memory(memory)) == memory


@given(PART)
def test_without_headings_it_is_all_what_happened(text: str) -> None:
    assert split_memory(text) == MemoryText(text.strip())


def test_short_headings_with_words_on_the_same_line() -> None:
    text = "The winter I lost my job.\nI was scared.\ndid: Walked every day.\nSHOWS: I keep going."
    assert split_memory(text) == MemoryText(
        "The winter I lost my job.\nI was scared.", "Walked every day.", "I keep going."
    )


def test_a_colon_inside_a_sentence_is_not_a_heading() -> None:
    text = "What I did next: nothing, at first. Then I called my sister."
    assert split_memory(text) == MemoryText(text)
    assert split_memory("She said: what happened?").happened == "She said: what happened?"
