"""`anchored reminders`: lists them, and --out writes a calendar file a real parser reads."""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

import icalendar

from anchored.core.owner import PERSONAL_OWNER
from anchored.features.reminders import service
from anchored.services.vault import Vault
from tests.support import PASSPHRASE, init_vault, run_cli


def _choose(data_dir: Path) -> None:
    sent = {
        "check_in-on": ["yes"],
        "check_in-days": ["SA", "SU"],
        "check_in-time": ["11:00"],
        "check_in-every": ["1"],
        "habits-time": ["09:00"],
        "habits-every": ["1"],
        "self_checks-time": ["10:00"],
        "self_checks-every": ["4"],
    }
    with Vault(data_dir).unlock(PASSPHRASE) as opened, opened.session() as session:
        service.save_reminders(session, PERSONAL_OWNER, sent, zone_name="Europe/Madrid")


def test_reminders_out_writes_a_calendar_file(cli_env: dict[str, str], tmp_path: Path) -> None:
    init_vault(cli_env)
    _choose(Path(cli_env["ANCHORED_DATA_DIR"]))
    listed = run_cli(cli_env, "reminders")
    assert listed.returncode == 0, listed.stderr
    assert "A check-in: 11:00 on Saturday, Sunday" in listed.stdout
    assert "Your small steps: off" in listed.stdout
    assert "Time zone: Europe/Madrid" in listed.stdout

    out = tmp_path / "mine.ics"
    written = run_cli(cli_env, "reminders", "--out", str(out))
    assert written.returncode == 0, written.stderr
    assert "Wrote 1 reminder to" in written.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Anchored: a moment for you"
    assert event["DTSTART"].params["TZID"] == "Europe/Madrid"
    assert event["RRULE"]["BYDAY"] == ["SA", "SU"]
    start = event.decoded("DTSTART")
    assert start.hour == 11
    assert start >= datetime(2020, 1, 1, tzinfo=UTC)


def test_reminders_without_any_on_says_so(cli_env: dict[str, str], tmp_path: Path) -> None:
    init_vault(cli_env)
    result = run_cli(cli_env, "reminders", "--out", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("BEGIN:VCALENDAR")
    assert "BEGIN:VEVENT" not in result.stdout
