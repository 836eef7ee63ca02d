"""What an export holds, read from the features' tables (never a list kept by hand).

Each feature's owned tables (``owner_id``; see ``services.owned``) are one section each,
with the tables whose records belong to one of them (a check-in's emotions: no ``owner_id``,
a foreign key to their record). The shared tables (``storage.models``: the person's
preferences, the help cards recorded) are the section ``shared``. A table marked
``__export__ = False`` is bookkeeping and left out. Columns pointing at another record (a
foreign key, or ``storage.base.refers_to``) are written as that record's stable id.
"""

from __future__ import annotations

import graphlib
import importlib
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import JSON, Boolean, Date, Integer, String, Table, UniqueConstraint
from sqlalchemy import Column as SqlColumn

from anchored.features.export.rules import Kind, Pointer, label
from anchored.manifest import Feature, Registry
from anchored.services.owned import owned_tables
from anchored.storage.base import REFERS_TO, Base, FreeText, UTCDateTime, is_free_text

SHARED = "shared"
SHARED_MODELS = "anchored.storage.models"
SHARED_TITLE = "Shared: preferences and help cards recorded"
SKIPPED = ("id", "owner_id")


class SchemaProblem(RuntimeError):
    """A table export cannot write (a new kind of column, a pointer to a table outside)."""


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: Kind
    length: int | None
    required: bool  # no value, no default: an import must give one
    free_text: bool
    pointer: Pointer | None


@dataclass(frozen=True)
class TableSpec:
    section: str
    name: str
    label: str
    table: Table
    columns: tuple[Column, ...]
    parent: str | None = None  # a record's part: the column pointing at the record
    born: str | None = None  # its first time column: when it was made

    @property
    def owned(self) -> bool:
        return self.parent is None

    @property
    def parent_table(self) -> str | None:
        column = self.column(self.parent) if self.parent else None
        return column.pointer.table if column and column.pointer else None

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def unique_keys(self) -> list[tuple[str, ...]]:
        keys = [
            tuple(c.name for c in constraint.columns)
            for constraint in self.table.constraints
            if isinstance(constraint, UniqueConstraint)
        ]
        keys += [
            tuple(c.name for c in index.columns) for index in self.table.indexes if index.unique
        ]
        keys += [(c.name,) for c in self.table.columns if c.unique and not c.primary_key]
        return list(dict.fromkeys(keys))


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    tables: tuple[TableSpec, ...]


@dataclass(frozen=True)
class Schema:
    sections: tuple[Section, ...]
    order: tuple[TableSpec, ...]  # pointed-at tables before the tables pointing at them
    by_name: dict[str, TableSpec] = field(default_factory=dict)

    def section(self, name: str) -> Section | None:
        return next((s for s in self.sections if s.name == name), None)

    def parts_of(self, spec: TableSpec) -> list[TableSpec]:
        """The tables holding parts of ``spec``'s records (a check-in's emotions)."""
        return [t for t in self.order if t.parent_table == spec.name]


def build(features: Registry) -> Schema:
    """The export's sections, from every feature's ``models`` (worked out once)."""
    features.load_models()
    return _build(features.features)


@cache
def _build(features: tuple[Feature, ...]) -> Schema:
    found: list[tuple[str, str, str]] = [(f.name, f.title, f.models) for f in features if f.models]
    found.append((SHARED, SHARED_TITLE, SHARED_MODELS))
    sections: list[Section] = []
    for name, title, module in found:
        tables = _tables(name, module)
        if tables:
            sections.append(Section(name, title, tuple(tables)))
    by_name = {t.name: t for s in sections for t in s.tables}
    for spec in by_name.values():
        for column in spec.columns:
            if column.pointer and column.pointer.table not in by_name:
                raise SchemaProblem(
                    f"{spec.name}.{column.name} points at {column.pointer.table}, "
                    "which no export section holds"
                )
    graph = {
        name: {c.pointer.table for c in spec.columns if c.pointer} - {name}
        for name, spec in by_name.items()
    }
    order = tuple(by_name[name] for name in graphlib.TopologicalSorter(graph).static_order())
    return Schema(tuple(sections), order, by_name)


def _tables(section: str, module_name: str) -> list[TableSpec]:
    module = importlib.import_module(module_name)
    owned = [m for m in owned_tables(module_name) if getattr(m, "__export__", True)]
    owned_names = {_table(m).name for m in owned}
    specs = [_spec(section, model, None) for model in owned]
    for value in vars(module).values():
        if (
            isinstance(value, type)
            and issubclass(value, Base)
            and value is not Base
            and value.__module__ == module.__name__
            and "owner_id" not in _table(value).columns
            and getattr(value, "__export__", True)
        ):
            table = _table(value)
            parent = next(
                (
                    c.name
                    for c in table.columns
                    for fk in c.foreign_keys
                    if fk.column.table.name in owned_names
                ),
                None,
            )
            if parent is None:
                raise SchemaProblem(f"{table.name} has no owner_id and belongs to no record")
            specs.append(_spec(section, value, parent))
    return specs


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _spec(section: str, model: type[Base], parent: str | None) -> TableSpec:
    table = _table(model)
    columns = tuple(_column(table, c) for c in table.columns if c.name not in SKIPPED)
    born = next((c.name for c in columns if c.kind == "datetime"), None)
    name = getattr(model, "__record_label__", None) or label(table.name).lower()
    return TableSpec(section, table.name, name, table, columns, parent, born)


def _column(table: Table, column: SqlColumn[object]) -> Column:
    kind: Kind
    length = None
    if isinstance(column.type, UTCDateTime):
        kind = "datetime"
    elif isinstance(column.type, Date):
        kind = "date"
    elif isinstance(column.type, Boolean):
        kind = "bool"
    elif isinstance(column.type, Integer):
        kind = "int"
    elif isinstance(column.type, String | FreeText):
        kind, length = "text", column.type.length
    elif isinstance(column.type, JSON):
        kind = "json"
    else:
        raise SchemaProblem(f"{table.name}.{column.name}: export cannot write {column.type}")
    pointer = None
    keys = list(column.foreign_keys)
    if keys:
        pointer = Pointer(keys[0].column.table.name)
    elif REFERS_TO in column.info:
        info = column.info[REFERS_TO]
        pointer = Pointer(info["table"], info.get("separator", ""), info.get("prefix", ""))
    required = not column.nullable and column.default is None and column.server_default is None
    return Column(column.name, kind, length, required, is_free_text(column), pointer)
