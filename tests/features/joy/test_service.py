"""Joy list use cases: add, order, move, did it today, pick, edit, delete, search, the kit."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from anchored.core.errors import InvalidInput, NotFound
from anchored.features import FEATURES
from anchored.features.joy import SEARCH
from anchored.features.joy import service as joy
from anchored.features.search.service import search_writing
from anchored.manifest import Registry
from anchored.services.owned import export_feature
from anchored.services.vault import OpenVault
from tests.support import NOW, PEOPLE

ME, STRANGER = PEOPLE.me, PEOPLE.stranger
CRISIS = "I want to end my life tonight."
KINDS = {SEARCH.code: SEARCH}


def seeded(seed: int) -> random.Random:
    """A repeatable generator: the tests choose the seed."""
    return random.Random(seed)  # noqa: S311 (picks a suggestion, not a secret)


@pytest.fixture(autouse=True)
def utc() -> Iterator[None]:
    """The person's days are UTC days here, unless a test moves them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "UTC")
        time.tzset()
        yield
    time.tzset()


def _add(open_vault: OpenVault, *whats: str, last_done: date | None = None) -> list[int]:
    with open_vault.session() as session:
        return [joy.add_joy(session, ME, what, last_done, now=NOW).id for what in whats]


def _order(open_vault: OpenVault) -> list[str]:
    with open_vault.session() as session:
        return [item.what for item in joy.list_joys(session, ME)]


def test_things_are_listed_in_the_order_added(open_vault: OpenVault) -> None:
    _add(open_vault, "Sea swimming", "  Baking   bread ", "Calling my sister")
    assert _order(open_vault) == ["Sea swimming", "Baking bread", "Calling my sister"]


@pytest.mark.parametrize("what", ["", "   \n "])
def test_an_empty_thing_is_refused(open_vault: OpenVault, what: str) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        joy.add_joy(session, ME, what, now=NOW)
    assert "a few words are enough" in caught.value.errors["what"]
    assert _order(open_vault) == []


def test_an_over_long_thing_names_the_limit_without_echoing_it(open_vault: OpenVault) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        joy.add_joy(session, ME, "x" * (joy.WHAT_MAX + 1), now=NOW)
    assert f"{joy.WHAT_MAX:,}" in caught.value.errors["what"]
    assert "xxx" not in caught.value.errors["what"]


def test_a_last_done_day_still_to_come_is_refused(open_vault: OpenVault) -> None:
    tomorrow = NOW.date() + timedelta(days=1)
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        joy.add_joy(session, ME, "Sea swimming", tomorrow, now=NOW)
    assert "hasn't come yet" in caught.value.errors["last_done"]


def test_several_lines_are_added_all_or_none(open_vault: OpenVault) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        joy.add_joys(session, ME, ["Tea", "x" * (joy.WHAT_MAX + 1)], now=NOW)
    assert "line 2" in caught.value.errors
    assert _order(open_vault) == []
    with open_vault.session() as session:
        done = joy.add_joys(session, ME, ["Tea", "", "  ", CRISIS], now=NOW)
    assert [d.needs_help for d in done] == [False, True]
    assert _order(open_vault) == ["Tea", CRISIS]


def test_moving_up_and_down_changes_the_order(open_vault: OpenVault) -> None:
    tea, walk, song = _add(open_vault, "Tea", "Walk", "Song")
    with open_vault.session() as session:
        joy.move_joy(session, ME, song, "up")
    assert _order(open_vault) == ["Tea", "Song", "Walk"]
    with open_vault.session() as session:
        joy.move_joy(session, ME, tea, "down")
        joy.move_joy(session, ME, walk, "down")  # already last: stays
    assert _order(open_vault) == ["Song", "Tea", "Walk"]
    (later,) = _add(open_vault, "Later")
    assert _order(open_vault)[-1] == "Later"
    with open_vault.session() as session:
        joy.move_joy(session, ME, later, "up")
    assert _order(open_vault) == ["Song", "Tea", "Later", "Walk"]


def test_did_it_today_uses_the_persons_own_day(open_vault: OpenVault) -> None:
    (walk,) = _add(open_vault, "Walk")
    evening = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)  # already 2 December in Auckland
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "NZST-12")
        time.tzset()
        with open_vault.session() as session:
            assert joy.did_today(session, ME, walk, now=evening).last_done == date(2026, 12, 2)
    time.tzset()


def test_pick_prefers_one_not_done_lately_and_another_when_asked(open_vault: OpenVault) -> None:
    today = NOW.date()
    _add(open_vault, "Done today", last_done=today)
    (old,) = _add(open_vault, "Done last month", last_done=today - timedelta(days=30))
    (never,) = _add(open_vault, "Never noted")
    with open_vault.session() as session:
        picks = {
            joy.pick_joy(session, ME, now=NOW, rng=seeded(seed)).id  # type: ignore[union-attr]
            for seed in range(40)
        }
        assert picks == {old, never}
        other = joy.pick_joy(session, ME, now=NOW, rng=seeded(1), avoid=old)
        assert other is not None
        assert other.id == never
        assert joy.pick_joy(session, STRANGER, now=NOW, rng=seeded(1)) is None


def test_edit_changes_the_words_and_the_day(open_vault: OpenVault) -> None:
    (tea,) = _add(open_vault, "Tea", last_done=NOW.date())
    with open_vault.session() as session:
        joy.update_joy(session, ME, tea, "Tea on the back step", None, now=NOW)
    with open_vault.session() as session:
        item = joy.get_joy(session, ME, tea)
        assert (item.what, item.last_done) == ("Tea on the back step", None)
        assert search_writing(session, ME, "step", KINDS).total == 1


def test_search_finds_it_until_it_is_deleted(open_vault: OpenVault) -> None:
    (heron,) = _add(open_vault, "Watching herons by the canal")
    with open_vault.session() as session:
        found = search_writing(session, ME, "herons", KINDS)
        assert [(r.title, r.url) for r in found.results] == [
            ("Watching herons by the canal", f"/joy#joy-{heron}")
        ]
        assert search_writing(session, STRANGER, "herons", KINDS).total == 0
        joy.delete_joy(session, ME, heron)
    with open_vault.session() as session:
        assert search_writing(session, ME, "herons", KINDS).total == 0
        assert joy.list_joys(session, ME) == []


def test_another_persons_item_is_not_found(open_vault: OpenVault) -> None:
    (tea,) = _add(open_vault, "Tea")
    with open_vault.session() as session:
        assert joy.list_joys(session, STRANGER) == []
        for act in (
            lambda: joy.get_joy(session, STRANGER, tea),
            lambda: joy.did_today(session, STRANGER, tea, now=NOW),
            lambda: joy.move_joy(session, STRANGER, tea, "up"),
            lambda: joy.update_joy(session, STRANGER, tea, "Mine now", None, now=NOW),
            lambda: joy.delete_joy(session, STRANGER, tea),
        ):
            with pytest.raises(NotFound):
                act()
    assert _order(open_vault) == ["Tea"]


def test_the_kit_offers_one_from_the_list_preferring_one_not_done_lately(
    open_vault: OpenVault,
) -> None:
    with open_vault.session() as session:
        assert joy.kit_item(session, ME, seeded(1)) is None
    _add(open_vault, "Done today", last_done=NOW.date())
    _add(open_vault, "Baking", last_done=date(2026, 3, 3))
    with open_vault.session() as session:
        items = {joy.kit_item(session, ME, seeded(seed)) for seed in range(20)}
    assert len(items) == 1
    (item,) = items
    assert item is not None
    assert (item.text, item.detail) == ("Baking", "You last did it on 3 Mar 2026.")
    assert item.path.startswith("/joy#joy-")


def test_step_three_lists_the_joy_list(open_vault: OpenVault) -> None:
    _add(open_vault, "Tea", "Walk")
    with open_vault.session() as session:
        assert [i.title for i in joy.step_items(session, ME, 3)] == ["Tea", "Walk"]
        assert joy.step_items(session, ME, 4) == []


def test_export_holds_the_list_with_its_days(open_vault: OpenVault) -> None:
    _add(open_vault, "Tea", last_done=date(2026, 11, 30))
    feature = Registry(FEATURES).feature("joy")
    with open_vault.session() as session:
        rows = export_feature(session, ME, feature)["joy_items"]
        assert [(r["what"], r["last_done"]) for r in rows] == [("Tea", date(2026, 11, 30))]
        assert export_feature(session, STRANGER, feature) == {"joy_items": []}
