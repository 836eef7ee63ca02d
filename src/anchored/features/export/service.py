"""Export everything a person keeps, and import an export back, without duplicates.

Every record carries a stable id in an export (``models.ExportId``): made here, a random one
the first time it is exported; brought in, the one it came with. Importing a record whose id
is already here keeps what is here; so does importing one that a unique rule says is already
here (the same step's status, the one safety plan, a built-in behaviour): nothing here is
ever overwritten. Records the import adds are searchable and crisis-checked like any save.
"""

from __future__ import annotations

import json
import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.features.export import rules
from anchored.features.export.models import ExportId
from anchored.features.export.rules import Refused
from anchored.features.export.schema import SHARED, SHARED_MODELS, Schema, TableSpec, build
from anchored.manifest import Registry, resolve
from anchored.services.owned import export_feature, export_rows
from anchored.services.support import saved

MAX_BYTES = 256 * 1024 * 1024  # far above any vault written by hand
Row = dict[str, Any]


@dataclass(frozen=True)
class Snapshot:
    """Everything of the owner's, as read for one export: rows by table (their values as
    stored) and each record's stable id by table and row id."""

    schema: Schema
    rows: dict[str, list[Row]]
    uids: dict[str, dict[int, str]]
    taken_at: datetime

    @property
    def count(self) -> int:
        return sum(len(self.rows[spec.name]) for spec in self.schema.order if spec.owned)


def snapshot(session: Session, owner: Owner, features: Registry, *, now: datetime) -> Snapshot:
    """Read everything ``owner`` keeps, giving each record a stable id if it has none yet."""
    schema = build(features)
    uids = _uids(session, owner, schema, assign=True)
    rows: dict[str, list[Row]] = {}
    for section in schema.sections:
        found = _owned_rows(session, owner, features, section.name)
        for spec in section.tables:
            if spec.owned:
                rows[spec.name] = found.get(spec.name, [])
    for spec in schema.order:
        if not spec.owned:
            parents = {row["id"] for row in rows[spec.parent_table or ""]}
            rows[spec.name] = _part_rows(session, spec, parents)
    return Snapshot(schema, rows, uids, now)


def _owned_rows(
    session: Session, owner: Owner, features: Registry, section: str
) -> dict[str, list[Row]]:
    """A section's owned rows, through the feature's ``export`` hook (default: every owned
    table, ``services.owned``)."""
    if section == SHARED:
        return export_rows(session, owner, SHARED_MODELS)
    return export_feature(session, owner, features.feature(section))


def _part_rows(session: Session, spec: TableSpec, parents: set[int]) -> list[Row]:
    if not parents or spec.parent is None:
        return []
    table = spec.table
    query = select(table).where(table.c[spec.parent].in_(parents)).order_by(*table.primary_key)
    return [dict(row._mapping) for row in session.execute(query)]


def _born(spec: TableSpec, value: Any) -> str:
    return str(rules.encode("datetime", value)) if spec.born and value is not None else ""


def _uids(
    session: Session, owner: Owner, schema: Schema, *, assign: bool
) -> dict[str, dict[int, str]]:
    """Each owned record's stable id, by table and row id. An id whose record is gone, or
    whose row id now holds a newer record, is forgotten; with ``assign``, records without
    one get a new random id."""
    marks: dict[str, list[ExportId]] = defaultdict(list)
    for mark in session.scalars(select(ExportId).where(ExportId.owner_id == owner.id)):
        marks[mark.table_name].append(mark)
    found: dict[str, dict[int, str]] = {}
    stale: list[int] = []
    new: list[ExportId] = []
    for spec in schema.order:
        if not spec.owned:
            continue
        table = spec.table
        born = table.c[spec.born] if spec.born else table.c.id
        current = {
            row_id: _born(spec, value)
            for row_id, value in session.execute(
                select(table.c.id, born).where(table.c.owner_id == owner.id)
            )
        }
        mapping: dict[int, str] = {}
        for mark in marks.pop(spec.name, []):
            if current.get(mark.row_id) == mark.born and mark.row_id not in mapping:
                mapping[mark.row_id] = mark.uid
            else:
                stale.append(mark.id)
        if assign:
            for row_id, born_at in current.items():
                if row_id not in mapping:
                    mapping[row_id] = secrets.token_hex(16)
                    new.append(_mark(owner, spec, row_id, mapping[row_id], born_at))
        found[spec.name] = mapping
    if stale:
        session.execute(delete(ExportId).where(ExportId.id.in_(stale)))
    session.add_all(new)
    session.flush()
    return found


def _mark(owner: Owner, spec: TableSpec, row_id: int, uid: str, born: str) -> ExportId:
    return ExportId(owner_id=owner.id, table_name=spec.name, row_id=row_id, uid=uid, born=born)


# -- the JSON document ----------------------------------------------------------------------


def written_row(spec: TableSpec, row: Row, uids: dict[str, dict[int, str]]) -> Row:
    """One row as an export writes it: its stable id first, pointers as stable ids."""
    written: Row = {"uid": uids[spec.name][row["id"]]} if spec.owned else {}
    for column in spec.columns:
        value = row.get(column.name)
        if column.pointer:
            written[column.name] = column.pointer.written(value, uids[column.pointer.table])
        else:
            written[column.name] = rules.encode(column.kind, value)
    return written


def document(shot: Snapshot) -> dict[str, Any]:
    """The JSON export: a versioned header, then each section's tables and rows."""
    sections = {
        section.name: {
            spec.name: [written_row(spec, row, shot.uids) for row in shot.rows[spec.name]]
            for spec in section.tables
        }
        for section in shot.schema.sections
    }
    return {**rules.header(shot.taken_at), "sections": sections}


def as_json(shot: Snapshot) -> bytes:
    text = json.dumps(document(shot), ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


# -- import ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    """What an import did: records added by section title, records already here (kept as
    they are), and whether what was added calls for the help card."""

    added: dict[str, int] = field(default_factory=dict)
    kept: int = 0
    needs_help: bool = False

    @property
    def total(self) -> int:
        return sum(self.added.values())


@dataclass(frozen=True, slots=True)
class _Incoming:
    uid: str | None  # an owned record's stable id
    values: Row  # decoded; pointer columns still hold stable ids


def parse(data: bytes) -> Any:
    """The JSON in an export file; :class:`Refused` if there is none."""
    if len(data) > MAX_BYTES:
        raise Refused("This file is too large to be an Anchored export.")
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refused("This file is not an Anchored export: it is not JSON.") from None


def import_export(
    session: Session, owner: Owner, features: Registry, data: bytes, *, now: datetime
) -> Imported:
    """Bring the records of an export (``data``, a JSON export's bytes) into ``owner``'s
    vault: every record whose stable id is not here yet, none twice, nothing here changed.
    All or nothing: a file that is not an export, or that is damaged, raises
    :class:`Refused` before anything is written (callers keep it in one transaction)."""
    schema = build(features)
    incoming = _checked(parse(data), schema)
    known = {
        table: {uid: row_id for row_id, uid in mapping.items()}
        for table, mapping in _uids(session, owner, schema, assign=False).items()
    }
    marked = {table: set(ids.values()) for table, ids in known.items()}
    added: dict[str, int] = defaultdict(int)
    inserted: dict[str, set[str]] = defaultdict(set)
    kept = 0
    texts: list[str] = []
    marks: list[ExportId] = []
    for spec in schema.order:
        for position, row in enumerate(incoming.get(spec.name, []), start=1):
            if spec.owned:
                assert row.uid is not None
                ids = known.setdefault(spec.name, {})
                if row.uid in ids:
                    kept += 1
                    continue
                values = _resolved(spec, row.values, known, position)
                same = _same_record(session, owner, spec, values)
                if same is not None:
                    ids[row.uid] = same
                    if same not in marked.setdefault(spec.name, set()):
                        marked[spec.name].add(same)
                        born = _born_of(session, spec, same)
                        marks.append(_mark(owner, spec, same, row.uid, born))
                    kept += 1
                    continue
                row_id = _insert(session, spec.table, {**values, "owner_id": owner.id})
                ids[row.uid] = row_id
                marked.setdefault(spec.name, set()).add(row_id)
                marks.append(_mark(owner, spec, row_id, row.uid, _born_of(session, spec, row_id)))
                inserted[spec.name].add(row.uid)
                added[spec.section] += 1
            else:
                parent = row.values[spec.parent or ""]
                if parent not in inserted[spec.parent_table or ""]:
                    continue  # its record was here already: its parts are this vault's
                values = _resolved(spec, row.values, known, position)
                if _same_record(session, owner, spec, values) is not None:
                    continue
                _insert(session, spec.table, values)
            texts += [values[c.name] for c in spec.columns if c.free_text and values.get(c.name)]
    session.add_all(marks)
    session.flush()
    _reindex(session, owner, features, set(added))
    help_card = saved(session, owner, "import", 0, *texts).needs_help
    titles = {s.name: s.title for s in schema.sections}
    return Imported({titles[name]: n for name, n in added.items()}, kept, help_card)


def _checked(doc: Any, schema: Schema) -> dict[str, list[_Incoming]]:
    """Every row of the document, decoded and checked against the tables here, before
    anything is written."""
    rules.check_header(doc)
    found: dict[str, list[_Incoming]] = {}
    uids: dict[str, set[str]] = defaultdict(set)
    for section_name, tables in doc["sections"].items():
        section = schema.section(section_name)
        if section is None:
            raise Refused(
                "This export holds a part this version of Anchored does not know"
                f"{_named(section_name)}. It may come from a newer version: update Anchored, "
                "then try again."
            )
        if not isinstance(tables, dict):
            raise Refused(
                f"This export is damaged: its part{_named(section_name)} holds no tables."
            )
        names = {spec.name: spec for spec in section.tables}
        for table_name, rows in tables.items():
            spec = names.get(table_name)
            if spec is None:
                raise Refused(
                    f"This export holds records this version of Anchored does not know"
                    f"{_named(table_name)}. It may come from a newer version: update Anchored,"
                    " then try again."
                )
            if not isinstance(rows, list):
                raise Refused(f"This export is damaged: {spec.label} are not a list.")
            found[spec.name] = [_row(spec, row, n, uids) for n, row in enumerate(rows, start=1)]
    for spec in schema.order:  # every pointer names a record of the file (or none)
        for n, row in enumerate(found.get(spec.name, []), start=1):
            for column in spec.columns:
                pointer = column.pointer
                if pointer is None or not column.required:
                    continue
                named = pointer.uids(row.values.get(column.name)) or []
                if not named or any(uid not in uids[pointer.table] for uid in named):
                    raise Refused(
                        f"This export is damaged: record {n} of the {spec.label} belongs to "
                        "a record the file does not hold."
                    )
    return found


def _named(name: object) -> str:
    """A name from the file, quoted only when it looks like one of ours (never free text)."""
    if isinstance(name, str) and name.isidentifier() and name.isascii() and len(name) <= 64:
        return f" ({name})"
    return ""


def _row(spec: TableSpec, row: Any, n: int, uids: dict[str, set[str]]) -> _Incoming:
    where = f"record {n} of the {spec.label}"
    if not isinstance(row, dict):
        raise Refused(f"This export is damaged: {where} is not a record.")
    allowed = {c.name for c in spec.columns} | ({"uid"} if spec.owned else set())
    if set(row) - allowed:
        raise Refused(
            f"This export holds something this version of Anchored does not know in {where}."
            " It may come from a newer version: update Anchored, then try again."
        )
    uid = None
    if spec.owned:
        uid = row.get("uid")
        if not rules.is_uid(uid):
            raise Refused(f"This export is damaged: {where} has no valid record id.")
        assert isinstance(uid, str)
        if uid in uids[spec.name]:
            raise Refused(f"This export is damaged: {where} has the same id as another.")
        uids[spec.name].add(uid)
    values: Row = {}
    for column in spec.columns:
        if column.name not in row:
            if column.required:
                raise Refused(f"This export is damaged: {where} has no {column.name}.")
            continue
        value = row[column.name]
        try:
            if column.pointer:
                column.pointer.uids(value)  # checked; turned into ids here when imported
            else:
                value = rules.decode(column.kind, value, length=column.length)
        except ValueError as exc:
            raise Refused(f"This export is damaged: in {where}, {column.name} {exc}.") from None
        if value is None and column.required:
            raise Refused(f"This export is damaged: {where} has no {column.name}.")
        values[column.name] = value
    return _Incoming(uid, values)


def _resolved(spec: TableSpec, values: Row, known: dict[str, dict[str, int]], n: int) -> Row:
    """``values`` with each pointer turned into the id of the record here."""
    resolved = dict(values)
    for column in spec.columns:
        if column.pointer and column.name in values:
            ids = known.get(column.pointer.table, {})
            resolved[column.name] = column.pointer.read(values[column.name], ids)
            if resolved[column.name] is None and column.required:
                raise Refused(
                    f"This export is damaged: record {n} of the {spec.label} belongs to a "
                    "record the file does not hold."
                )
    return resolved


def _same_record(session: Session, owner: Owner, spec: TableSpec, values: Row) -> int | None:
    """The record here that a unique rule says is the same one (the one safety plan, a
    step's status, a check-in's emotion), if there is one."""
    table = spec.table
    for key in spec.unique_keys:
        wanted = {name: owner.id if name == "owner_id" else values.get(name) for name in key}
        if any(value is None for value in wanted.values()):
            continue
        query = select(table.c.id).where(
            *(table.c[name] == value for name, value in wanted.items())
        )
        found = session.scalar(query.limit(1))
        if found is not None:
            return int(found)
    return None


def _insert(session: Session, table: Table, values: Row) -> int:
    result = session.execute(insert(table).values(**values).returning(table.c.id))
    return int(result.scalar_one())


def _born_of(session: Session, spec: TableSpec, row_id: int) -> str:
    if not spec.born:
        return ""
    table = spec.table
    return _born(spec, session.scalar(select(table.c[spec.born]).where(table.c.id == row_id)))


def _reindex(session: Session, owner: Owner, features: Registry, sections: set[str]) -> None:
    """Write the search text of the features that gained records, as their saves would."""
    for feature in features.features:
        if feature.name in sections:
            for kind in feature.search:
                if kind.reindex:
                    resolve(kind.reindex)(session, owner)


def counts(session: Session, owner: Owner, features: Registry) -> list[tuple[str, int]]:
    """Each section holding records: its title and how many records (without exporting)."""
    found = []
    for section in build(features).sections:
        count = 0
        for spec in section.tables:
            if spec.owned:
                table = spec.table
                query = select(func.count()).select_from(table).where(table.c.owner_id == owner.id)
                count += session.scalar(query) or 0
        if count:
            found.append((section.title, count))
    return found
