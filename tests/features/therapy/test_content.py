"""The decision aid's content: three formats, the safety question, points for every format."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from anchored.features.therapy.decision_aid import DecisionAid, load_decision_aid


def test_decision_aid_is_present() -> None:
    aid = load_decision_aid()
    assert set(aid.formats) == {"individual", "couples", "both"}
    feel_safe = next(q for q in aid.questions if q.slug == "feel-safe")
    assert {"not-always", "not-safe"} <= {o.slug for o in feel_safe.options}


def test_a_real_decision_aid_round_trips() -> None:
    assert DecisionAid.model_validate(load_decision_aid().model_dump()) == load_decision_aid()


def test_decision_option_without_all_formats_is_refused() -> None:
    data = load_decision_aid().model_dump()
    option = data["questions"][0]["options"][0]
    option["points"] = {"individual": 1, "couples": 1}
    with pytest.raises(ValidationError, match="all formats"):
        DecisionAid.model_validate(data)
