import pytest

from anchored.content.crisis_lines import load_crisis_lines
from anchored.content.safety_plan import load_safety_plan_content
from anchored.core.errors import InvalidInput
from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.services import safety_plan
from anchored.storage.vault import OpenVault


def test_sections_in_content_match_the_stored_sections() -> None:
    content = load_safety_plan_content()
    assert tuple(s.key for s in content.sections) == safety_plan.SECTION_KEYS
    assert all(s.title and s.prompt for s in content.sections)


def test_no_plan_until_saved_then_one_per_owner(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert safety_plan.get_plan(session, PERSONAL_OWNER) is None
        safety_plan.save_plan(session, PERSONAL_OWNER, {"warning_signs": " checking my phone "})
    with open_vault.session() as session:
        safety_plan.save_plan(session, PERSONAL_OWNER, {"coping_alone": "a walk"})
    with open_vault.session() as session:
        plan = safety_plan.get_plan(session, PERSONAL_OWNER)
        assert plan is not None
        # Saving replaces the whole plan, as the form sends every section.
        assert (plan.warning_signs, plan.coping_alone) == ("", "a walk")
        assert safety_plan.get_plan(session, Owner(id=2)) is None


def test_over_long_section_is_refused_and_nothing_saved(open_vault: OpenVault) -> None:
    too_long = "x" * (safety_plan.SECTION_MAX + 1)
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        safety_plan.save_plan(session, PERSONAL_OWNER, {"what_matters": too_long})
    assert "5,000" in caught.value.errors["what_matters"]
    with open_vault.session() as session:
        assert safety_plan.get_plan(session, PERSONAL_OWNER) is None


def test_unknown_section_is_refused(open_vault: OpenVault) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput):
        safety_plan.save_plan(session, PERSONAL_OWNER, {"risk_score": "9"})


def test_professionals_start_from_the_country_lines() -> None:
    help_for = load_crisis_lines().for_country("GB")
    assert help_for is not None
    text = safety_plan.suggested_professionals(help_for)
    assert "999" in text
    assert "116 123" in text
