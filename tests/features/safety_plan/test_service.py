from collections.abc import Callable
from datetime import timedelta

import pytest

from anchored.content.crisis_lines import load_crisis_lines
from anchored.core.errors import InvalidInput
from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features.safety_plan import service as safety_plan
from anchored.features.safety_plan.safety_plan import load_safety_plan_content
from anchored.services import support
from anchored.storage.vault import OpenVault
from tests.races import meanwhile
from tests.support import NOW, People


def test_sections_in_content_match_the_stored_sections() -> None:
    content = load_safety_plan_content()
    assert tuple(s.key for s in content.sections) == safety_plan.SECTION_KEYS
    assert all(s.title and s.prompt for s in content.sections)


def test_no_plan_until_saved_then_one_per_owner(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert safety_plan.get_plan(session, PERSONAL_OWNER) is None
        safety_plan.save_plan(
            session, PERSONAL_OWNER, {"warning_signs": " checking my phone "}, now=NOW
        )
    with open_vault.session() as session:
        safety_plan.save_plan(session, PERSONAL_OWNER, {"coping_alone": "a walk"}, now=NOW)
    with open_vault.session() as session:
        plan = safety_plan.get_plan(session, PERSONAL_OWNER)
        assert plan is not None
        # Saving replaces the whole plan, as the form sends every section.
        assert (plan.warning_signs, plan.coping_alone) == ("", "a walk")
        assert safety_plan.get_plan(session, Owner(id=2)) is None


def test_two_first_saves_at_once_keep_the_later_plan(open_vault: OpenVault) -> None:
    """The plan is made by its first save; two first saves at once (a double click, two tabs)
    never fail: the later one is the plan, as if they had come one after the other."""

    def other_request() -> None:
        with open_vault.session() as session:
            safety_plan.save_plan(session, PERSONAL_OWNER, {"warning_signs": "first"}, now=NOW)

    with (
        meanwhile(open_vault, "safety_plans", other_request),
        open_vault.session() as session,
    ):
        safety_plan.save_plan(session, PERSONAL_OWNER, {"coping_alone": "a walk"}, now=NOW)
    with open_vault.session() as session:
        plan = safety_plan.get_plan(session, PERSONAL_OWNER)
        assert plan is not None
        assert (plan.warning_signs, plan.coping_alone) == ("", "a walk")


def test_over_long_section_is_refused_and_nothing_saved(open_vault: OpenVault) -> None:
    too_long = "x" * (safety_plan.SECTION_MAX + 1)
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        safety_plan.save_plan(session, PERSONAL_OWNER, {"what_matters": too_long}, now=NOW)
    assert "5,000" in caught.value.errors["what_matters"]
    with open_vault.session() as session:
        assert safety_plan.get_plan(session, PERSONAL_OWNER) is None


def test_unknown_section_is_refused(open_vault: OpenVault) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput):
        safety_plan.save_plan(session, PERSONAL_OWNER, {"risk_score": "9"}, now=NOW)


def test_professionals_start_from_the_country_lines() -> None:
    help_for = load_crisis_lines().for_country("GB")
    assert help_for is not None
    text = safety_plan.suggested_professionals(help_for)
    assert "999" in text
    assert "116 123" in text


def test_professionals_give_hours_only_when_known() -> None:
    help_for = load_crisis_lines().for_country("US")
    assert help_for is not None
    text = safety_plan.suggested_professionals(help_for)
    assert "988 Suicide & Crisis Lifeline: 988 / Text 988\n" in text
    assert "Crisis Text Line: Text HOME to 741741 (24/7)" in text
    assert "confirm" not in text.casefold()


def test_too_long_uses_the_one_wording(open_vault: OpenVault) -> None:
    too_long = "x" * (safety_plan.SECTION_MAX + 1)
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        safety_plan.save_plan(session, PERSONAL_OWNER, {"coping_alone": too_long}, now=NOW)
    assert caught.value.errors == {
        "coping_alone": "A section can be up to 5,000 characters; this one has 5,001."
    }


def test_saving_returns_the_plan_and_whether_the_help_card_comes_first(
    open_vault: OpenVault,
) -> None:
    with open_vault.session() as session:
        calm = safety_plan.save_plan(session, PERSONAL_OWNER, {"coping_alone": "a walk"}, now=NOW)
    assert calm.needs_help is False
    with open_vault.session() as session:
        crisis = safety_plan.save_plan(
            session, PERSONAL_OWNER, {"what_matters": "I want to end my life."}, now=NOW
        )
    assert crisis.needs_help is True
    assert crisis.id == calm.id  # one plan per owner, replaced
    with open_vault.session() as session:
        plan = safety_plan.get_plan(session, PERSONAL_OWNER)
        assert plan is not None
        assert plan.id == crisis.id
        assert plan.what_matters == "I want to end my life."  # kept, never blocked


def test_saving_sets_the_time_it_is_told(open_vault: OpenVault) -> None:
    later = NOW + timedelta(days=3)
    with open_vault.session() as session:
        safety_plan.save_plan(session, PERSONAL_OWNER, {"coping_alone": "a walk"}, now=NOW)
    with open_vault.session() as session:
        plan = safety_plan.get_plan(session, PERSONAL_OWNER)
        assert plan is not None
        assert plan.updated_at == NOW
        safety_plan.save_plan(session, PERSONAL_OWNER, {"coping_alone": "a swim"}, now=later)
    with open_vault.session() as session:
        plan = safety_plan.get_plan(session, PERSONAL_OWNER)
        assert plan is not None
        assert plan.updated_at == later


def test_a_crisis_save_is_recorded_only_if_the_person_chose_to_keep_a_record(
    open_vault: OpenVault,
) -> None:
    crisis = {"warning_signs": "I can't go on like this."}
    with open_vault.session() as session:
        assert safety_plan.save_plan(session, PERSONAL_OWNER, crisis, now=NOW).needs_help
        assert support.recorded_times(session, PERSONAL_OWNER) == []
        support.set_keep_record(session, PERSONAL_OWNER, True)
        assert safety_plan.save_plan(session, PERSONAL_OWNER, crisis, now=NOW).needs_help
        assert len(support.recorded_times(session, PERSONAL_OWNER)) == 1


def test_each_person_has_their_own_plan(open_vault: OpenVault, people: People) -> None:
    with open_vault.session() as session:
        mine = safety_plan.save_plan(session, people.me, {"coping_alone": "a walk"}, now=NOW)
        theirs = safety_plan.save_plan(
            session, people.stranger, {"coping_alone": "a swim"}, now=NOW
        )
    assert mine.id != theirs.id
    with open_vault.session() as session:
        assert safety_plan.get_plan(session, people.therapist) is None
        plan = safety_plan.get_plan(session, people.me)
        assert plan is not None
        assert plan.coping_alone == "a walk"


def test_the_crisis_probe_covers_every_section(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        probed = dict(safety_plan.free_text(session, PERSONAL_OWNER, "A quiet walk.", NOW))
    assert set(probed) == {f"safety_plans.{key}" for key in safety_plan.SECTION_KEYS}
    assert not any(probed.values())


def _us_lines() -> str:
    help_for = load_crisis_lines().for_country("US")
    assert help_for is not None
    return safety_plan.suggested_professionals(help_for)


def test_the_plan_as_the_app_filled_it_in_asks_for_no_card_and_records_nothing(
    open_vault: OpenVault,
) -> None:
    """The crisis lines' names ("988 Suicide & Crisis Lifeline") are the app's words."""
    with open_vault.session() as session:
        support.set_keep_record(session, PERSONAL_OWNER, True)
        done = safety_plan.save_plan(
            session, PERSONAL_OWNER, {"professionals": _us_lines()}, now=NOW
        )
        assert done.needs_help is False
        assert support.recorded_times(session, PERSONAL_OWNER) == []


def test_a_country_chosen_earlier_is_still_the_apps_words(open_vault: OpenVault) -> None:
    every = "\n\n".join(
        safety_plan.suggested_professionals(entry) for entry in load_crisis_lines().entries
    )
    with open_vault.session() as session:
        done = safety_plan.save_plan(session, PERSONAL_OWNER, {"professionals": every}, now=NOW)
    assert done.needs_help is False


@pytest.mark.parametrize(
    "changed",
    [
        lambda lines: lines + "\nI want to end my life.",
        lambda lines: lines.replace("\n", " I want to end my life.\n", 1),
        lambda lines: lines.replace("My therapist or doctor: ", "My therapist: I want to die"),
        lambda lines: "I want to end my life. " + lines,
    ],
    ids=["added-line", "in-a-crisis-line", "in-the-therapist-line", "before"],
)
def test_crisis_words_the_person_adds_to_the_filled_in_lines_still_count(
    open_vault: OpenVault, changed: Callable[[str], str]
) -> None:
    with open_vault.session() as session:
        support.set_keep_record(session, PERSONAL_OWNER, True)
        values = {"professionals": changed(_us_lines())}
        assert safety_plan.save_plan(session, PERSONAL_OWNER, values, now=NOW).needs_help
        assert len(support.recorded_times(session, PERSONAL_OWNER)) == 1


def test_crisis_lines_copied_to_another_section_are_the_apps_words_too(
    open_vault: OpenVault,
) -> None:
    with open_vault.session() as session:
        values = {"help_people": "Sam, any time\n" + _us_lines()}
        assert not safety_plan.save_plan(session, PERSONAL_OWNER, values, now=NOW).needs_help
