"""The kit gathers each feature's kit hook for the owner's local day; parts with nothing say
where to add something. Tested with the support people and stand-ins for joy and wins."""

from __future__ import annotations

from datetime import timedelta

from anchored.features import people as people_feature
from anchored.features.people import service as people
from anchored.features.people.service import Details
from anchored.features.secure_base import service as kit
from anchored.manifest import Registry
from anchored.services.vault import OpenVault
from tests.features.secure_base.fakes import JOY, JOYS, WINS
from tests.support import NOW, PEOPLE

REGISTRY = Registry((JOY, people_feature.FEATURE, WINS))
ME = PEOPLE.me


def _texts(parts: list[kit.KitPart]) -> list[str | None]:
    return [part.item.text if part.item else None for part in parts]


def test_each_part_is_gathered_and_missing_ones_say_where_to_add(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        parts = kit.gather(session, ME, REGISTRY, now=NOW)
    assert [p.feature for p in parts] == ["joy", "people", "wins"]
    assert parts[0].item is not None
    assert parts[0].item.text in JOYS
    assert parts[1].item is None
    assert parts[1].add is not None
    assert parts[1].add.path == "/people"
    assert parts[2].add is not None
    assert parts[2].add.path == "/wins"


def test_a_support_person_comes_with_call_and_text_links(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        people.add_person(session, ME, Details("Sam", phone="07700 900123"), now=NOW)
        parts = kit.gather(session, ME, REGISTRY, now=NOW)
    item = parts[1].item
    assert item is not None
    assert item.text == "Sam"
    assert ("Call 07700 900123", "tel:07700900123") in item.links


def test_the_choice_stays_all_day_and_another_turn_or_day_can_change_it(
    open_vault: OpenVault,
) -> None:
    with open_vault.session() as session:
        for name in ("Sam", "Maya", "Jo", "Ali", "Kim"):
            people.add_person(session, ME, Details(name, phone="07700 900123"), now=NOW)
        morning = _texts(kit.gather(session, ME, REGISTRY, now=NOW))
        evening = _texts(kit.gather(session, ME, REGISTRY, now=NOW + timedelta(hours=10)))
        turns = {
            tuple(_texts(kit.gather(session, ME, REGISTRY, now=NOW, turn=t))) for t in range(8)
        }
        days = {
            tuple(_texts(kit.gather(session, ME, REGISTRY, now=NOW + timedelta(days=d))))
            for d in range(8)
        }
    assert morning == evening
    assert len(turns) > 1
    assert len(days) > 1


def test_home_shows_one_item_the_same_all_day_or_none_when_empty(open_vault: OpenVault) -> None:
    empty = Registry((people_feature.FEATURE, WINS))
    with open_vault.session() as session:
        assert kit.todays_part(kit.gather(session, ME, empty, now=NOW), ME, now=NOW) is None
        people.add_person(session, ME, Details("Sam"), now=NOW)
        parts = kit.gather(session, ME, REGISTRY, now=NOW)
    chosen = {kit.todays_part(parts, ME, now=NOW + timedelta(hours=h)) for h in range(5)}
    assert len(chosen) == 1
    (part,) = chosen
    assert part is not None
    assert part.item is not None


def test_another_owners_people_never_appear(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        people.add_person(session, PEOPLE.stranger, Details("Theirs"), now=NOW)
        parts = kit.gather(session, ME, REGISTRY, now=NOW)
    assert parts[1].item is None
