"""The partner guide's text loads, with a title and a real body."""

from __future__ import annotations

from anchored.content.markdown import word_count
from anchored.features.partner_guide.guide import PartnerGuide, load_guide


def test_guide_is_present() -> None:
    guide = load_guide()
    assert guide.title.strip()
    assert word_count(guide.body) > 100
    assert "<h2>" in guide.body_html


def test_a_real_guide_round_trips() -> None:
    assert PartnerGuide.model_validate(load_guide().model_dump()) == load_guide()
