"""Check-ins: saving, checking what was given, own tags, history by day, search, owners."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features.check_in import service as checkin
from anchored.features.check_in.factors import load_factors
from anchored.features.check_in.models import CheckIn, OwnFactor
from anchored.storage.search import search
from anchored.storage.vault import OpenVault
from tests.support import NOW

ME = PERSONAL_OWNER
STRANGER = Owner(id=2)
LONDON = ZoneInfo("Europe/London")
NOTE = "He went quiet after lunch and I kept checking my phone."
CRISIS = "I want to end my life tonight."


def _add(session: Session, owner: Owner = ME, **fields: object) -> CheckIn:
    values: dict[str, object] = {"emotions": {"lonely": 7}, "factors": [], "note": ""}
    values.update(fields)
    done = checkin.add_check_in(session, owner, now=NOW, **values)  # type: ignore[arg-type]
    return checkin.get_check_in(session, owner, done.id)


def _found(session: Session, query: str, owner: Owner = ME) -> list[int]:
    hits, _total = search(session, owner.id, query)
    return [hit.ref_id for hit in hits if hit.code == 2]


def _refused(open_vault: OpenVault, **fields: object) -> dict[str, str]:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        _add(session, **fields)
    with open_vault.session() as session:
        assert checkin.count_check_ins(session, ME) == 0
        assert session.scalars(select(OwnFactor).where(OwnFactor.owner_id == ME.id)).all() == []
    return caught.value.errors


# -- saving ------------------------------------------------------------------------------------


def test_a_check_in_keeps_everything_in_the_order_given(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        check_in = _add(
            session,
            emotions={"lonely": 7, "anxious": 4, "hopeful": 0},
            factors=["texting", "partner"],
            note=f"  {NOTE}\n",
            new_factor="Late-night  scrolling",
        )
        check_in_id = check_in.id
    with open_vault.session() as session:
        saved = checkin.get_check_in(session, ME, check_in_id)
        assert [(e.emotion, e.intensity, e.position) for e in saved.emotions] == [
            ("lonely", 7, 0),
            ("anxious", 4, 1),
            ("hopeful", 0, 2),
        ]
        assert [(f.factor, f.own, f.position) for f in saved.factors] == [
            ("texting", False, 0),
            ("partner", False, 1),
            ("Late-night scrolling", True, 2),
        ]
        assert saved.note == NOTE
        assert saved.created_at.utcoffset() == timedelta(0)
        assert [f.name for f in checkin.list_own_factors(session, ME)] == ["Late-night scrolling"]
        assert [checkin.factor_label(f) for f in saved.factors] == [
            "Texting",
            "Partner",
            "Late-night scrolling",
        ]


def test_a_note_alone_or_a_feeling_alone_is_enough(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        only_note = _add(session, emotions={}, note="Just a quiet day.")
        only_feeling = _add(session, emotions={"calm": 6})
        assert only_note.emotions == []
        assert only_note.note == "Just a quiet day."
        assert [e.emotion for e in only_feeling.emotions] == ["calm"]
        assert only_feeling.note == ""
        assert checkin.count_check_ins(session, ME) == 2


def test_an_earlier_moment_can_be_given(open_vault: OpenVault) -> None:
    when = datetime(2026, 3, 1, 22, 15, tzinfo=LONDON)
    with open_vault.session() as session:
        assert _add(session, when=when).created_at == when


def test_the_time_of_saving_is_the_time_given(open_vault: OpenVault) -> None:
    later = NOW + timedelta(hours=2)
    with open_vault.session() as session:
        check_in = _add(session)
        assert (check_in.created_at, check_in.updated_at) == (NOW, NOW)
        checkin.update_check_in(session, ME, check_in.id, {"calm": 2}, now=later)
        changed = checkin.get_check_in(session, ME, check_in.id)
        assert (changed.created_at, changed.updated_at) == (NOW, later)


# -- the help card -----------------------------------------------------------------------------


def test_each_save_says_whether_the_help_card_comes_first(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        calm = checkin.add_check_in(session, ME, {"calm": 5}, note=NOTE, now=NOW)
        assert not calm.needs_help
        assert checkin.add_check_in(session, ME, {}, note=CRISIS, now=NOW).needs_help
        in_a_tag = checkin.add_check_in(session, ME, {"sad": 8}, new_factor=CRISIS, now=NOW)
        assert in_a_tag.needs_help
        assert checkin.update_check_in(session, ME, calm.id, {}, note=CRISIS, now=NOW).needs_help
        assert not checkin.add_own_factor(session, ME, "Night shifts").needs_help
        assert checkin.add_own_factor(session, ME, "I want to die").needs_help


# -- what is refused ---------------------------------------------------------------------------


@pytest.mark.parametrize("note", ["", "   \n\t"])
def test_an_empty_check_in_is_refused_kindly(open_vault: OpenVault, note: str) -> None:
    errors = _refused(open_vault, emotions={}, factors=["sleep"], note=note)
    assert set(errors) == {"emotions"}
    assert "Pick at least one feeling, or write a few words" in errors["emotions"]


@pytest.mark.parametrize("intensity", [11, -1, 100])
def test_an_intensity_off_the_scale_is_refused(open_vault: OpenVault, intensity: int) -> None:
    errors = _refused(open_vault, emotions={"calm": 3, "lonely": intensity}, note="fine")
    assert set(errors) == {"intensity-lonely"}
    assert errors["intensity-lonely"].startswith("Lonely: Use a whole number from 0")
    assert "to 10" in errors["intensity-lonely"]


def test_an_unknown_feeling_is_named_by_field_not_by_text(open_vault: OpenVault) -> None:
    errors = _refused(open_vault, emotions={"lonely": 3, "<b>melancholic</b>": 5})
    assert set(errors) == {"emotions"}
    assert "melancholic" not in errors["emotions"]


def test_an_unknown_or_strangers_tag_is_refused(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        checkin.add_own_factor(session, STRANGER, "Their gym")
    errors = _refused(open_vault, factors=["partner", "Their gym"])
    assert set(errors) == {"factors"}
    assert "gym" not in errors["factors"]
    assert _refused(open_vault, factors=["not-a-factor"]).keys() == {"factors"}


def test_an_over_long_note_names_the_limit(open_vault: OpenVault) -> None:
    errors = _refused(open_vault, note="x" * 5_001)
    assert set(errors) == {"note"}
    assert "5,000" in errors["note"]
    assert "5,001" in errors["note"]
    assert "xxx" not in errors["note"]


def test_every_problem_is_reported_at_once_and_nothing_half_saved(open_vault: OpenVault) -> None:
    errors = _refused(
        open_vault,
        emotions={"lonely": 11},
        factors=["bogus"],
        note="y" * 6_000,
        new_factor="z" * 61,
    )
    assert set(errors) == {"intensity-lonely", "factors", "note", "new_factor"}
    assert "60" in errors["new_factor"]
    assert "zzz" not in errors["new_factor"]


def test_a_date_without_a_zone_is_refused(open_vault: OpenVault) -> None:
    assert set(_refused(open_vault, when=datetime(2026, 1, 1, 9))) == {"when"}


# -- own tags ----------------------------------------------------------------------------------


def test_choices_are_the_built_ins_in_order_then_my_own(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        checkin.add_own_factor(session, ME, "Gym")
        checkin.add_own_factor(session, ME, "  Night   shifts ")
        checkin.add_own_factor(session, STRANGER, "Not mine")
        choices = checkin.list_factor_choices(session, ME)
    builtins = [f.slug for f in load_factors().factors]
    assert [c.value for c in choices] == [*builtins, "Gym", "Night shifts"]
    assert [c.own for c in choices] == [False] * len(builtins) + [True, True]
    assert choices[0].name == "Partner"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("", "Give your tag a short name."),
        ("   ", "Give your tag a short name."),
        ("w" * 61, "up to 60 characters"),
        ("time alone", "That name is already in the list"),
        ("SOCIAL-MEDIA", "That name is already in the list"),
        ("gym", "You already have a tag with this name."),
    ],
)
def test_own_tags_that_cannot_be_added(open_vault: OpenVault, name: str, words: str) -> None:
    with open_vault.session() as session:
        checkin.add_own_factor(session, ME, "Gym")
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        checkin.add_own_factor(session, ME, name)
    assert set(caught.value.errors) == {"name"}
    assert words in caught.value.errors["name"]
    with open_vault.session() as session:
        assert [f.name for f in checkin.list_own_factors(session, ME)] == ["Gym"]


def test_there_is_a_limit_to_own_tags(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        for n in range(checkin.OWN_FACTORS_MAX):
            checkin.add_own_factor(session, ME, f"tag {n}")
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        checkin.add_own_factor(session, ME, "one more")
    assert "up to 40 tags" in caught.value.errors["name"]


def test_typing_a_tag_that_exists_ticks_it_instead(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        checkin.add_own_factor(session, ME, "Gym")
        first = _add(session, factors=["sleep"], new_factor="time ALONE")
        second = _add(session, factors=["Gym"], new_factor="GYM")
        assert [(f.factor, f.own) for f in first.factors] == [
            ("sleep", False),
            ("time-alone", False),
        ]
        assert [(f.factor, f.own) for f in second.factors] == [("Gym", True)]
        assert [f.name for f in checkin.list_own_factors(session, ME)] == ["Gym"]


def test_a_removed_tag_stays_on_past_check_ins(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        gym = checkin.add_own_factor(session, ME, "Gym")
        past = _add(session, factors=["Gym", "work"])
        past_id, gym_id = past.id, gym.id
    with open_vault.session() as session:
        checkin.remove_own_factor(session, ME, gym_id)
    with open_vault.session() as session:
        assert [c.value for c in checkin.list_factor_choices(session, ME)][-1] == "weekend"
        kept = checkin.get_check_in(session, ME, past_id)
        assert [checkin.factor_label(f) for f in kept.factors] == ["Gym", "Work"]
        # Editing that check-in may keep the tag it already has ...
        checkin.update_check_in(session, ME, past_id, {"sad": 4}, ["Gym"], note="still", now=NOW)
        assert [f.factor for f in checkin.get_check_in(session, ME, past_id).factors] == ["Gym"]
    # ... but a new check-in can no longer pick it.
    assert set(_refused_after(open_vault, factors=["Gym"])) == {"factors"}


def _refused_after(open_vault: OpenVault, **fields: object) -> dict[str, str]:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        _add(session, **fields)
    return caught.value.errors


def test_finding_a_factor_by_what_was_typed(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        checkin.add_own_factor(session, ME, "Night shifts")
        assert checkin.find_factor(session, ME, "texting") == "texting"
        assert checkin.find_factor(session, ME, " Time  Alone ") == "time-alone"
        assert checkin.find_factor(session, ME, "night SHIFTS") == "Night shifts"
        assert checkin.find_factor(session, ME, "weather") is None
        assert checkin.find_factor(session, STRANGER, "Night shifts") is None


def test_someone_elses_tag_cannot_be_removed(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        tag_id = checkin.add_own_factor(session, ME, "Gym").id
    with open_vault.session() as session, pytest.raises(NotFound):
        checkin.remove_own_factor(session, STRANGER, tag_id)
    with open_vault.session() as session, pytest.raises(NotFound):
        checkin.remove_own_factor(session, ME, 999_999)


# -- changing and deleting ---------------------------------------------------------------------


def test_an_edit_replaces_feelings_tags_and_note(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        check_in = _add(session, emotions={"lonely": 7, "sad": 5}, factors=["texting"], note="a")
        check_in_id, created, updated = check_in.id, check_in.created_at, check_in.updated_at
    with open_vault.session() as session:
        checkin.update_check_in(
            session,
            ME,
            check_in_id,
            {"calm": 3, "lonely": 2},  # lonely kept with a new number and place, sad dropped
            ["partner", "texting"],
            note="better now",
            now=NOW,
        )
    with open_vault.session() as session:
        saved = checkin.get_check_in(session, ME, check_in_id)
        assert [(e.emotion, e.intensity) for e in saved.emotions] == [("calm", 3), ("lonely", 2)]
        assert [f.factor for f in saved.factors] == ["partner", "texting"]
        assert saved.note == "better now"
        assert saved.created_at == created
        assert saved.updated_at >= updated


def test_a_refused_edit_changes_nothing(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        check_in_id = _add(session, emotions={"lonely": 7}, note="kept").id
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        checkin.update_check_in(session, ME, check_in_id, {}, [], note="", now=NOW)
    assert set(caught.value.errors) == {"emotions"}
    with open_vault.session() as session:
        saved = checkin.get_check_in(session, ME, check_in_id)
        assert ([(e.emotion, e.intensity) for e in saved.emotions], saved.note) == (
            [("lonely", 7)],
            "kept",
        )


def test_delete(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        check_in_id = _add(session, note=NOTE).id
    with open_vault.session() as session:
        checkin.delete_check_in(session, ME, check_in_id)
    with open_vault.session() as session:
        assert checkin.count_check_ins(session, ME) == 0
        with pytest.raises(NotFound):
            checkin.get_check_in(session, ME, check_in_id)


def test_a_stranger_sees_and_changes_nothing(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        check_in_id = _add(session, note=NOTE).id
    for action in (
        lambda s: checkin.get_check_in(s, STRANGER, check_in_id),
        lambda s: checkin.update_check_in(s, STRANGER, check_in_id, {"calm": 1}, now=NOW),
        lambda s: checkin.delete_check_in(s, STRANGER, check_in_id),
        lambda s: checkin.page_of(s, STRANGER, check_in_id),
    ):
        with open_vault.session() as session, pytest.raises(NotFound):
            action(session)
    with open_vault.session() as session:
        assert checkin.count_check_ins(session, STRANGER) == 0
        assert checkin.list_days(session, STRANGER).days == []
        assert _found(session, "quiet", STRANGER) == []
        assert checkin.get_check_in(session, ME, check_in_id).note == NOTE


# -- search ------------------------------------------------------------------------------------


def test_search_finds_the_note_the_feelings_and_the_tags(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        checkin.add_own_factor(session, ME, "Night shifts")
        check_in_id = _add(
            session,
            emotions={"lonely": 7, "jealous": 3},
            factors=["time-alone", "Night shifts"],
            note=NOTE,
        ).id
        other_id = _add(session, emotions={"calm": 5}).id
    with open_vault.session() as session:
        for query in ("lonely", "jealous", "time alone", "night shifts", "checking phone"):
            assert _found(session, query) == [check_in_id], query
        assert _found(session, "calm") == [other_id]


def test_search_follows_edits_and_deletes(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        check_in_id = _add(session, emotions={"lonely": 7}, note="walked by the river").id
    with open_vault.session() as session:
        checkin.update_check_in(
            session, ME, check_in_id, {"hopeful": 6}, note="baked bread", now=NOW
        )
    with open_vault.session() as session:
        assert _found(session, "river") == []
        assert _found(session, "lonely") == []
        assert _found(session, "bread") == [check_in_id] == _found(session, "hopeful")
        checkin.delete_check_in(session, ME, check_in_id)
    with open_vault.session() as session:
        assert _found(session, "bread") == []


# -- history by day ----------------------------------------------------------------------------


def _at(session: Session, when: datetime, note: str) -> int:
    return _add(session, emotions={}, note=note, when=when).id


def test_history_is_grouped_by_local_day_newest_first(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        # 23:30 UTC on 1 July is 00:30 on 2 July in London (summer time).
        _at(session, datetime(2026, 7, 1, 23, 30, tzinfo=UTC), "just after midnight")
        _at(session, datetime(2026, 7, 1, 9, tzinfo=UTC), "morning")
        _at(session, datetime(2026, 7, 1, 20, tzinfo=UTC), "evening")
        _at(session, datetime(2026, 6, 28, 12, tzinfo=UTC), "days before")
    with open_vault.session() as session:
        history = checkin.list_days(session, ME, zone=LONDON)
    assert [(d.day, [c.note for c in d.check_ins]) for d in history.days] == [
        (date(2026, 7, 2), ["just after midnight"]),
        (date(2026, 7, 1), ["evening", "morning"]),
        (date(2026, 6, 28), ["days before"]),
    ]
    assert not history.has_next
    assert not history.days[0].continued


def test_pages_and_a_day_that_runs_across_two(open_vault: OpenVault) -> None:
    start = datetime(2026, 5, 1, 8, tzinfo=UTC)
    with open_vault.session() as session:
        for n in range(5):  # 5 May down to 1 May, one a day ...
            _at(session, start + timedelta(days=n), f"day {n}")
        _at(session, start + timedelta(days=2, hours=4), "day 2, later")  # ... two on 3 May
    with open_vault.session() as session:
        first = checkin.list_days(session, ME, page=1, per_page=3, zone=LONDON)
        second = checkin.list_days(session, ME, page=2, per_page=3, zone=LONDON)
        beyond = checkin.list_days(session, ME, page=3, per_page=3, zone=LONDON)
    assert [c.note for c in first.check_ins] == ["day 4", "day 3", "day 2, later"]
    assert [c.note for c in second.check_ins] == ["day 2", "day 1", "day 0"]
    assert first.has_next
    assert not second.has_next
    assert second.days[0].day == date(2026, 5, 3)
    assert second.days[0].continued
    assert not second.days[1].continued
    assert beyond.days == []
    assert not beyond.has_next


@pytest.fixture
def statements(open_vault: OpenVault) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    engine = open_vault._engine
    event.listen(engine, "before_cursor_execute", count)
    yield seen
    event.remove(engine, "before_cursor_execute", count)


def test_a_page_of_history_is_three_queries_however_long_it_is(
    open_vault: OpenVault, statements: list[str]
) -> None:
    start = datetime(2020, 1, 1, 20, tzinfo=UTC)
    with open_vault.session() as session:
        for n in range(60):
            _add(
                session,
                emotions={"lonely": n % 11, "calm": 3},
                factors=["sleep", "work"],
                when=start + timedelta(hours=10 * n),
            )
    statements.clear()
    with open_vault.session() as session:
        history = checkin.list_days(session, ME, page=2, per_page=25)
        shown = [(len(c.emotions), len(c.factors)) for c in history.check_ins]
    assert shown == [(2, 2)] * 25
    assert len(statements) == 3, statements  # the page, then its emotions and its factors


def test_the_page_a_check_in_is_on(open_vault: OpenVault) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with open_vault.session() as session:
        ids = [_at(session, start + timedelta(hours=n), f"n{n}") for n in range(7)]
        same_time = [_at(session, start + timedelta(hours=3), f"twin{n}") for n in range(2)]
    with open_vault.session() as session:
        # Newest first: n6 n5 n4 twin1 twin0 n3 n2 n1 n0, three to a page.
        assert checkin.page_of(session, ME, ids[6], per_page=3) == 1
        assert checkin.page_of(session, ME, same_time[1], per_page=3) == 2
        assert checkin.page_of(session, ME, ids[3], per_page=3) == 2
        assert checkin.page_of(session, ME, ids[0], per_page=3) == 3


# -- dates in the future -----------------------------------------------------------------------

FUTURE = "That time hasn't come yet. Choose a time up to now, or leave the box empty for now."


def test_a_check_in_dated_ahead_is_refused(open_vault: OpenVault) -> None:
    assert _refused(open_vault, when=NOW + timedelta(days=365 * 5)) == {"when": FUTURE}
    assert _refused(open_vault, when=NOW + timedelta(minutes=6)) == {"when": FUTURE}


def test_a_check_in_a_few_minutes_ahead_is_fine(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert _add(session, when=NOW + timedelta(minutes=4)).created_at > NOW


def test_a_check_in_cannot_be_moved_into_the_future(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        check_in_id = _add(session).id
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        checkin.update_check_in(
            session, ME, check_in_id, {"calm": 2}, when=NOW + timedelta(days=2), now=NOW
        )
    assert caught.value.errors == {"when": FUTURE}
