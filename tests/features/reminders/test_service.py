"""Reminders kept in the vault: off until chosen, saved only when all is right, and the
calendar file made of the ones that are on, with neutral words only."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar
import pytest

from anchored.core.errors import InvalidInput
from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features.reminders import service
from anchored.storage.vault import OpenVault

NOW = datetime(2025, 6, 4, 12, 0, tzinfo=UTC)
STRANGER = Owner(id=2)


def form(**changes: list[str]) -> dict[str, list[str]]:
    sent = {
        "check_in-on": ["yes"],
        "check_in-days": ["MO", "TU", "WE", "TH", "FR"],
        "check_in-time": ["20:00"],
        "check_in-every": ["1"],
        "habits-time": ["09:00"],
        "habits-every": ["1"],
        "self_checks-on": ["yes"],
        "self_checks-days": ["SU"],
        "self_checks-time": ["10:00"],
        "self_checks-every": ["4"],
    }
    return {**sent, **changes}


def test_every_reminder_is_off_until_chosen(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        found = service.reminders(session, PERSONAL_OWNER)
        assert [r.kind.id for r in found] == ["check_in", "habits", "self_checks"]
        assert not any(r.plan.on for r in found)
        text = service.calendar_file(session, PERSONAL_OWNER, now=NOW)
    assert "BEGIN:VEVENT" not in text
    assert icalendar.Calendar.from_ical(text).walk("VEVENT") == []


def test_saved_reminders_are_the_owners_own_and_make_the_file(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        service.save_reminders(session, PERSONAL_OWNER, form(), zone_name="Europe/Paris")
    with open_vault.session() as session:
        mine = {r.kind.id: r.plan for r in service.reminders(session, PERSONAL_OWNER)}
        assert mine["check_in"].on
        assert mine["self_checks"].every_weeks == 4
        assert not mine["habits"].on
        assert service.zone(session, PERSONAL_OWNER) == "Europe/Paris"
        assert not any(r.plan.on for r in service.reminders(session, STRANGER))
        text = service.calendar_file(session, PERSONAL_OWNER, now=NOW)
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == [
        "Anchored: a moment for you",
        "Anchored: a moment to look back",
    ]
    assert all(e["DTSTART"].params["TZID"] == "Europe/Paris" for e in events)


def test_nothing_is_saved_when_something_is_wrong(open_vault: OpenVault) -> None:
    wrong = form(**{"check_in-days": [], "habits-time": ["7pm"]})
    with open_vault.session() as session, pytest.raises(InvalidInput) as raised:
        service.save_reminders(session, PERSONAL_OWNER, wrong, zone_name="Mars/Olympus")
    assert set(raised.value.errors) == {"check_in-days", "habits-time", "zone"}
    assert "Mars" not in " ".join(raised.value.errors.values())
    with open_vault.session() as session:
        assert not any(r.plan.on for r in service.reminders(session, PERSONAL_OWNER))


@pytest.mark.parametrize("name", ["Europe/London", "UTC", "America/Argentina/Buenos_Aires"])
def test_known_zones(name: str) -> None:
    assert service.known_zone(name)


@pytest.mark.parametrize("name", ["", "Nowhere/At_All", "../../etc/passwd", "/etc/localtime"])
def test_unknown_zones(name: str) -> None:
    assert not service.known_zone(name)


def test_the_local_zone_comes_from_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    assert service.local_zone() == "Pacific/Auckland"
    monkeypatch.setenv("TZ", "Not/A_Zone")
    assert service.known_zone(service.local_zone())
