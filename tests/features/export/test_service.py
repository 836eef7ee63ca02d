"""Export and import through the services: every table of every feature, the round trip,
no duplicates, nothing overwritten, search and the crisis check, and damaged files refused
with nothing written."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.features.export import formats
from anchored.features.export import service as export
from anchored.features.export.rules import Refused
from anchored.features.export.schema import build
from anchored.features.journal import service as journal
from anchored.features.journal.models import JournalEntry
from anchored.features.people import service as people
from anchored.features.safety_plan import service as safety_plan
from anchored.features.trust import service as trust
from anchored.services.vault import OpenVault
from anchored.storage.base import Base
from anchored.storage.search import is_search_table, search
from tests.features.export.conftest import NOW, REGISTRY, fill_everything, word_for
from tests.support import PEOPLE

ME = PEOPLE.me
CRISIS = "I want to end my life tonight."


def _export(vault: OpenVault, owner: Owner = ME) -> bytes:
    with vault.session() as session:
        return export.as_json(export.snapshot(session, owner, REGISTRY, now=NOW))


def _import(vault: OpenVault, data: bytes, owner: Owner = ME) -> export.Imported:
    with vault.session() as session:
        return export.import_export(session, owner, REGISTRY, data, now=NOW)


def _rows(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {table: rows for tables in doc["sections"].values() for table, rows in tables.items()}


def _count(session: Session, model: type[Base], owner: Owner = ME) -> int:
    query = select(func.count()).select_from(model).where(model.owner_id == owner.id)  # type: ignore[attr-defined]
    return int(session.scalar(query) or 0)


def test_every_table_of_every_feature_is_exported(open_vault: OpenVault) -> None:
    """Computed from the database's tables, not the export's: a feature's new table that
    the export missed fails here."""
    with open_vault.session() as session:
        fill_everything(session, ME)
        fill_everything(session, PEOPLE.stranger)
    doc = json.loads(_export(open_vault))
    rows = _rows(doc)
    left_out = {
        mapper.local_table.name
        for mapper in Base.registry.mappers
        if not getattr(mapper.class_, "__export__", True)
    }
    every_table = {
        name for name in Base.metadata.tables if not is_search_table(name) and name not in left_out
    }
    assert set(rows) == every_table
    assert [name for name, found in rows.items() if not found] == []
    assert doc["format"] == "anchored-export"
    assert doc["version"] == 1
    assert doc["exported_at"] == "2026-12-01T09:30:00Z"
    # Only the owner's records: the stranger filled every table too.
    with open_vault.session() as session:
        assert len(rows["journal_entries"]) == _count(session, JournalEntry)


def test_round_trip_into_an_empty_vault_is_identical(
    open_vault: OpenVault, second_vault: OpenVault
) -> None:
    with open_vault.session() as session:
        fill_everything(session, ME)
    first = _export(open_vault)
    done = _import(second_vault, first)
    assert done.kept == 0
    assert done.total == sum(
        len(rows)
        for name, rows in _rows(json.loads(first)).items()
        if build(REGISTRY).by_name[name].owned
    )
    assert _export(second_vault) == first
    # The same file again: nothing added, everything already there.
    again = _import(second_vault, first)
    assert (again.total, again.kept) == (0, done.total)
    assert _export(second_vault) == first
    # And back into the vault it came from: the records are already there.
    back = _import(open_vault, first)
    assert (back.total, back.kept) == (0, done.total)


def test_imported_records_are_found_by_search(
    open_vault: OpenVault, second_vault: OpenVault
) -> None:
    with open_vault.session() as session:
        fill_everything(session, ME)
    _import(second_vault, _export(open_vault))
    with second_vault.session() as session:
        for feature in REGISTRY.features:
            for kind in feature.search:
                assert kind.reindex, f"{kind.kind} cannot be re-indexed after an import"
                hits, _total = search(session, ME.id, word_for(feature.name), limit=50)
                assert kind.code in {hit.code for hit in hits}, kind.kind


def test_records_from_another_vault_are_added_beside_different_ones(
    open_vault: OpenVault, second_vault: OpenVault
) -> None:
    with open_vault.session() as session:
        journal.add_entry(session, ME, "Walked to the lake.", None, now=NOW)
    with second_vault.session() as session:
        journal.add_entry(session, ME, "A quiet evening at home.", None, now=NOW)
    done = _import(second_vault, _export(open_vault))
    assert done.added == {"Journal": 1}
    with second_vault.session() as session:
        bodies = sorted(e.body for e in session.scalars(select(JournalEntry)))
    assert bodies == ["A quiet evening at home.", "Walked to the lake."]


def test_a_record_changed_since_is_kept_as_it_is_here(
    open_vault: OpenVault, second_vault: OpenVault
) -> None:
    with open_vault.session() as session:
        journal.add_entry(session, ME, "First words.", None, now=NOW)
    data = _export(open_vault)
    _import(second_vault, data)
    with second_vault.session() as session:
        entry = session.scalars(select(JournalEntry)).one()
        journal.update_entry(session, ME, entry.id, "Changed here.", None, now=NOW)
    done = _import(second_vault, data)
    assert (done.total, done.kept) == (0, 1)
    with second_vault.session() as session:
        assert [e.body for e in session.scalars(select(JournalEntry))] == ["Changed here."]


def test_the_one_safety_plan_here_is_never_overwritten(
    open_vault: OpenVault, second_vault: OpenVault
) -> None:
    with open_vault.session() as session:
        safety_plan.save_plan(session, ME, {"warning_signs": "Theirs"}, now=NOW)
    with second_vault.session() as session:
        safety_plan.save_plan(session, ME, {"warning_signs": "Mine"}, now=NOW)
    done = _import(second_vault, _export(open_vault))
    assert done.kept == 1
    with second_vault.session() as session:
        plan = safety_plan.get_plan(session, ME)
        assert plan is not None
        assert plan.warning_signs == "Mine"


def test_references_point_at_the_imported_records(
    open_vault: OpenVault, second_vault: OpenVault
) -> None:
    """A trust moment's person and the safety plan's people move with their records, even
    where the ids differ (the second vault has people of its own)."""
    with second_vault.session() as session:
        for name in ("Sam", "Ola"):
            people.add_person(session, ME, people.Details(name=name), now=NOW)
    with open_vault.session() as session:
        ash = people.add_person(session, ME, people.Details(name="Ash"), now=NOW).id
        moment = trust.MomentText("Call at six", "yes", person_id=ash)
        trust.add_moment(session, ME, moment, now=NOW, people=people.choices)
        plan = {"warning_signs": "Racing"}
        safety_plan.save_plan(
            session, ME, plan, now=NOW, help_people=[ash], people_choices=people.choices
        )
    _import(second_vault, _export(open_vault))
    with second_vault.session() as session:
        ash_here = next(p for p in people.list_people(session, ME) if p.name == "Ash")
        assert ash_here.id != ash
        moment = trust.list_moments(session, ME)[0]
        assert moment.person_id == ash_here.id
        plan = safety_plan.get_plan(session, ME)
        assert plan is not None
        assert plan.help_people_ids == str(ash_here.id)


def test_a_new_record_never_takes_a_deleted_ones_id(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        old = journal.add_entry(session, ME, "Soon deleted.", None, now=NOW).id
    first = _rows(json.loads(_export(open_vault)))["journal_entries"][0]["uid"]
    with open_vault.session() as session:
        journal.delete_entry(session, ME, old)
        journal.add_entry(session, ME, "New words.", None, now=NOW + timedelta(minutes=5))
    entries = _rows(json.loads(_export(open_vault)))["journal_entries"]
    assert [e["body"] for e in entries] == ["New words."]
    assert entries[0]["uid"] != first


@pytest.mark.parametrize(("text", "shown"), [(CRISIS, True), ("We had soup.", False)])
def test_imported_words_get_the_crisis_check(
    open_vault: OpenVault, second_vault: OpenVault, text: str, shown: bool
) -> None:
    with open_vault.session() as session:
        journal.add_entry(session, ME, text, None, now=NOW)
    assert _import(second_vault, _export(open_vault)).needs_help is shown
    # Already there the second time: nothing new, no card.
    assert _import(second_vault, _export(open_vault)).needs_help is False


def _damaged(data: bytes) -> list[tuple[str, bytes]]:
    doc = json.loads(data)
    entries = doc["sections"]["journal"]["journal_entries"]
    cases: list[tuple[str, Any]] = []

    def changed(change: Any) -> dict[str, Any]:
        copy = json.loads(data)
        change(copy)
        return copy

    cases.append(("not JSON", b"\x89PNG not json"))
    cases.append(("another app's JSON", b'{"notes": []}'))
    cases.append(("newer", changed(lambda d: d.update(version=99))))
    cases.append(("unknown part", changed(lambda d: d["sections"].update(horoscope={}))))
    cases.append(
        (
            "bad time",
            changed(
                lambda d: d["sections"]["journal"]["journal_entries"][0].update(
                    created_at="yesterday"
                )
            ),
        )
    )
    cases.append(
        ("no body", changed(lambda d: d["sections"]["journal"]["journal_entries"][0].pop("body")))
    )
    cases.append(
        (
            "unknown column",
            changed(lambda d: d["sections"]["journal"]["journal_entries"][0].update(mood=3)),
        )
    )
    cases.append(
        (
            "bad id",
            changed(lambda d: d["sections"]["journal"]["journal_entries"][0].update(uid="../x")),
        )
    )
    cases.append(
        (
            "twice the same id",
            changed(
                lambda d: (
                    entries.append(entries[0])
                    or d["sections"]["journal"].update(journal_entries=entries)
                )
            ),
        )
    )
    cases.append(
        (
            "an emotion of no check-in",
            changed(
                lambda d: d["sections"]["check_in"]["check_in_emotions"][0].update(
                    check_in_id="f" * 32
                )
            ),
        )
    )
    return [(name, c if isinstance(c, bytes) else json.dumps(c).encode()) for name, c in cases]


def test_damaged_or_foreign_files_are_refused_and_nothing_is_written(
    open_vault: OpenVault, second_vault: OpenVault
) -> None:
    with open_vault.session() as session:
        journal.add_entry(session, ME, "Private words.", None, now=NOW)
        fill_everything(session, ME)
    for name, data in _damaged(_export(open_vault)):
        with pytest.raises(Refused) as refused:
            _import(second_vault, data)
        assert "Private words" not in str(refused.value), name
        with second_vault.session() as session:
            assert _count(session, JournalEntry) == 0, name
            assert search(session, ME.id, "private")[1] == 0, name


def test_markdown_is_a_readable_file_per_feature_in_local_time(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        journal.add_entry(session, ME, "Line one.\n\nLine two of a longer entry.", "Lake", now=NOW)
        fill_everything(session, ME)
        shot = export.snapshot(session, ME, REGISTRY, now=NOW)
    files = formats.markdown(shot, ZoneInfo("America/New_York"))
    assert "journal.md" in files
    assert "check_in.md" in files
    text = files["journal.md"].decode()
    assert text.startswith("# Journal\n")
    assert "### Tue 1 Dec 2026, 04:30" in text  # 09:30 UTC in New York
    assert "Line one.\n\nLine two of a longer entry." in text
    assert "- Title: Lake" in text
    check_in = files["check_in.md"].decode()
    assert "emotion" in check_in.lower()  # a check-in's emotions shown with it
    readme = files["README.md"].decode()
    assert "not encrypted" in readme
    assert "(journal.md)" in readme


def test_csv_is_a_file_per_table_for_a_spreadsheet(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        journal.add_entry(session, ME, "=HYPERLINK(1)", "Start", now=NOW)
        shot = export.snapshot(session, ME, REGISTRY, now=NOW)
    files = formats.csv_files(shot)
    assert set(files) == {"journal_entries.csv"}
    data = files["journal_entries.csv"]
    assert data.startswith(b"\xef\xbb\xbf")  # a byte-order mark: spreadsheets read UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0]["created_at"] == "2026-12-01T09:30:00Z"
    assert rows[0]["body"] == "'=HYPERLINK(1)"  # kept as text, never run as a formula
    assert len(rows[0]["uid"]) == 32


def test_an_empty_vault_exports_an_empty_document_that_imports(
    open_vault: OpenVault, second_vault: OpenVault
) -> None:
    data = _export(open_vault)
    assert not any(_rows(json.loads(data)).values())
    done = _import(second_vault, data)
    assert (done.total, done.kept, done.needs_help) == (0, 0, False)
