"""The help-card hook every free-text tool calls after saving."""

from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.services import support
from anchored.storage.vault import OpenVault
from tests.races import meanwhile

CRISIS = "I don't want to be here anymore, I want to kill myself."
ORDINARY = "He didn't text back and I felt the old panic, but I went for a walk."


def test_crisis_text_calls_for_the_card_and_ordinary_text_does_not(
    open_vault: OpenVault,
) -> None:
    with open_vault.session() as session:
        assert support.after_save(session, PERSONAL_OWNER, "journal", CRISIS) is True
        assert support.after_save(session, PERSONAL_OWNER, "journal", ORDINARY) is False
        assert support.after_save(session, PERSONAL_OWNER, "journal", ORDINARY, None, CRISIS)


def test_by_default_no_trace_of_a_match_is_kept(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        support.after_save(session, PERSONAL_OWNER, "journal", CRISIS)
        assert not support.keeps_record(session, PERSONAL_OWNER)
        assert support.recorded_times(session, PERSONAL_OWNER) == []


def test_record_is_kept_only_when_chosen_and_deleted_when_turned_off(
    open_vault: OpenVault,
) -> None:
    with open_vault.session() as session:
        support.set_keep_record(session, PERSONAL_OWNER, True)
        support.after_save(session, PERSONAL_OWNER, "journal", CRISIS)
        support.after_save(session, PERSONAL_OWNER, "journal", ORDINARY)
        assert len(support.recorded_times(session, PERSONAL_OWNER)) == 1
        assert support.recorded_times(session, Owner(id=2)) == []
        support.set_keep_record(session, PERSONAL_OWNER, False)
        assert support.recorded_times(session, PERSONAL_OWNER) == []
        assert not support.keeps_record(session, PERSONAL_OWNER)


def test_someone_elses_choice_never_keeps_a_record_of_mine(open_vault: OpenVault) -> None:
    stranger = Owner(id=3)
    with open_vault.session() as session:
        support.set_keep_record(session, stranger, True)
        assert not support.keeps_record(session, PERSONAL_OWNER)
        support.after_save(session, PERSONAL_OWNER, "journal", CRISIS)
        assert support.recorded_times(session, PERSONAL_OWNER) == []
        support.after_save(session, stranger, "journal", CRISIS)
        assert len(support.recorded_times(session, stranger)) == 1
        assert support.keeps_record(session, stranger)


def test_two_first_choices_at_once_keep_the_later(open_vault: OpenVault) -> None:
    """The preference row is made on first use; two requests making it at once never fail."""

    def other_request() -> None:
        with open_vault.session() as session:
            support.set_keep_record(session, PERSONAL_OWNER, False)

    with (
        meanwhile(open_vault, "owner_preferences", other_request),
        open_vault.session() as session,
    ):
        support.set_keep_record(session, PERSONAL_OWNER, True)
    with open_vault.session() as session:
        assert support.keeps_record(session, PERSONAL_OWNER)


# -- only what the person wrote is checked --------------------------------------------------

APP_LINES = ("988 Suicide & Crisis Lifeline: 988 / Text 988 (24/7)", "My therapist or doctor:")


def test_own_words_leave_out_what_the_app_wrote() -> None:
    prefilled = "988 Suicide & Crisis Lifeline: 988 / Text 988 (24/7)\nMy therapist or doctor: "
    assert support.own_words(prefilled, APP_LINES).strip() == ""
    assert not support.calls_for_help(support.own_words(prefilled, APP_LINES))


def test_own_words_keep_everything_the_person_added_or_changed() -> None:
    added = "988 Suicide & Crisis Lifeline: 988 / Text 988 (24/7)\nI want to end my life."
    edited = "988 suicide & crisis lifeline:   988 / Text 988 (24/7), I want to end my life"
    in_a_line = "My therapist or doctor: Dr Lee. I can't go on."
    for text in (added, edited, in_a_line):
        assert support.calls_for_help(support.own_words(text, APP_LINES)), text
    assert "Dr Lee" in support.own_words(in_a_line, APP_LINES)


def test_own_words_never_cut_into_a_word() -> None:
    assert support.own_words("Samaritansville", ("Samaritans",)) == "Samaritansville"
    assert support.own_words("", APP_LINES) == ""
    assert support.own_words("kept", ("", "  ")) == "kept"
