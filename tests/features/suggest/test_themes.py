"""Abandonment themes in the person's writing: scored once per entry, said on the progress page
only with enough writing, never when suggestions are switched off. Sentences written for these
tests (in neither the prototypes nor the labelled set)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features.journal import service as journal
from anchored.features.suggest import service, themes
from anchored.features.suggest.models import WritingThemes
from anchored.storage.vault import OpenVault
from anchored.text import abandonment, encoder
from anchored.text import themes as count_themes
from tests.support import NOW

CHECKING = [
    "Saw he'd been online at midnight but my message still sat unread.",
    "I kept picking up my phone to look at whether she'd opened my text.",
    "I looked at his profile four times before lunch to see if he'd been active.",
    "I refreshed our chat all evening waiting for the ticks to turn blue.",
]
CALM = [
    "Walked to the market and bought some apples.",
    "Made soup with my flatmate and we watched a quiz show.",
]
STRANGER = Owner(id=2)


@pytest.fixture(scope="module", autouse=True)
def _model() -> None:
    assert encoder.encoder(wait=None) is not None, encoder.failure()


def _write(open_vault: OpenVault, texts: list[str], owner: Owner = PERSONAL_OWNER) -> list[int]:
    with open_vault.session() as session:
        return [
            journal.add_entry(session, owner, text, when=NOW - timedelta(days=i + 1), now=NOW).id
            for i, text in enumerate(texts)
        ]


def _insights(open_vault: OpenVault, owner: Owner = PERSONAL_OWNER) -> list[str]:
    with open_vault.session() as session:
        # Score everything first, whatever the machine's load: a visit scores only what fits
        # its time budget and leaves the rest for the next one (which a loaded CI machine can
        # make the whole of a visit).
        themes.theme_counts(
            session, owner, since=NOW - themes.PERIOD, until=NOW, budget=float("inf")
        )
    with open_vault.session() as session:
        return [i.text for i in themes.progress_insights(session, owner, now=NOW, zone=None)]


def test_the_shipped_thresholds_belong_to_the_prototypes() -> None:
    """themes.npz is rewritten whenever theme_prototypes.yaml changes (else defaults apply)."""
    import numpy as np

    *_, digest = abandonment.prototype_sentences()
    with np.load(abandonment.THEMES_FILE) as data:
        assert str(data["theme_sha"]) == digest


def test_fresh_sentences_show_their_theme_and_calm_ones_none() -> None:
    counts = count_themes(CHECKING + CALM)
    assert set(counts) == set(abandonment.THEMES)
    assert counts["checking"] >= 3
    assert sum(counts.values()) - counts["checking"] <= 1
    assert count_themes(CALM) == dict.fromkeys(abandonment.THEMES, 0)


def test_the_most_common_theme_is_said_with_a_step_once_there_is_enough(
    open_vault: OpenVault,
) -> None:
    _write(open_vault, CHECKING + CALM[:1])
    (text,) = _insights(open_vault)
    assert "checking" in text
    assert "in the last four weeks" in text
    assert "step 9" in text
    assert "of 5 entries" in text
    with open_vault.session() as session:
        (insight,) = themes.progress_insights(session, PERSONAL_OWNER, now=NOW, zone=None)
        # Drawn from their writing: never shared with a therapist, even from a day long ago;
        # and a sentence about the last four weeks waits until a share covers them.
        long_ago = themes.progress_insights(
            session, PERSONAL_OWNER, now=NOW, zone=None, since=NOW - timedelta(weeks=52)
        )
        lately = themes.progress_insights(
            session, PERSONAL_OWNER, now=NOW, zone=None, since=NOW - timedelta(days=3)
        )
    assert insight.from_writing
    assert long_ago == [insight]
    assert lately == []


def test_too_little_writing_or_switched_off_says_nothing(open_vault: OpenVault) -> None:
    _write(open_vault, CHECKING[:3])
    assert _insights(open_vault) == []  # 3 entries: too few to say anything
    _write(open_vault, CHECKING[3:] + CALM[:1])
    assert _insights(open_vault)
    with open_vault.session() as session:
        service.set_enabled(session, PERSONAL_OWNER, False)
    assert _insights(open_vault) == []
    assert _insights(open_vault, STRANGER) == []  # none of it is the stranger's writing


def test_each_entry_is_scored_once_and_again_after_an_edit(
    open_vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _write(open_vault, CHECKING + CALM[:1])
    first = _insights(open_vault)
    with open_vault.session() as session:
        assert session.scalar(select(func.count()).select_from(WritingThemes)) == 5
    scored: list[str] = []
    original = abandonment.of_text

    def counting(text: str, *, wait: float | None = 10.0) -> frozenset[str] | None:
        scored.append(text)
        return original(text, wait=wait)

    monkeypatch.setattr(abandonment, "of_text", counting)
    assert _insights(open_vault) == first
    assert scored == []  # read from the vault, not worked out again
    with open_vault.session() as session:
        journal.update_entry(session, PERSONAL_OWNER, ids[0], CALM[1], now=NOW)
    _insights(open_vault)
    assert scored == [CALM[1]]  # only the edited entry is looked at again
    with open_vault.session() as session:
        mark = session.scalars(select(WritingThemes).where(WritingThemes.record_id == ids[0]))
        assert mark.one().themes == ""


def test_scoring_stops_at_its_budget_and_goes_on_next_visit(open_vault: OpenVault) -> None:
    _write(open_vault, CHECKING + CALM)
    ticks = iter(range(1000))
    with open_vault.session() as session:
        since, until = NOW - themes.PERIOD, NOW
        found = themes.theme_counts(
            session, PERSONAL_OWNER, since=since, until=until, budget=3, clock=lambda: next(ticks)
        )
        assert (found.records, found.scored) == (6, 3)
        found = themes.theme_counts(session, PERSONAL_OWNER, since=since, until=until)
        assert (found.records, found.scored) == (6, 6)
        assert found.counts["checking"] >= 3
