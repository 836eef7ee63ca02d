"""The readable exports, built in memory: Markdown (a journal-style file per feature, times
in the person's time zone) and CSV (a file per table, for a spreadsheet), and a zip of files
for a download. Nothing here writes a file."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime, tzinfo

from anchored.features.export import rules
from anchored.features.export.schema import TableSpec
from anchored.features.export.service import Row, Snapshot

NOT_ENCRYPTED = (
    "This file is not encrypted: anyone who can open it can read everything in it. Keep it "
    "somewhere only you can reach, and delete it when you no longer need it."
)
SHORT_TEXT = 120
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # longer text gets a paragraph of its own


def markdown(shot: Snapshot, zone: tzinfo | None = None) -> dict[str, bytes]:
    """``README.md`` and one file per feature that holds records (``journal.md``, …).
    ``zone``: the person's time zone (None: this computer's)."""
    when = rules.shown("datetime", shot.taken_at, zone)
    zone_name = rules.zone_name(zone, shot.taken_at)
    files: dict[str, bytes] = {}
    listed: list[str] = []
    for section in shot.schema.sections:
        owned = [spec for spec in section.tables if spec.owned and shot.rows[spec.name]]
        if not owned:
            continue
        lines = [f"# {section.title}", "", f"Exported from Anchored on {when} ({zone_name}).", ""]
        for spec in owned:
            lines += [f"## {rules.label(spec.label)}", ""]
            for row in shot.rows[spec.name]:
                lines += _record(shot, spec, row, zone)
        files[f"{section.name}.md"] = "\n".join(lines).rstrip("\n").encode("utf-8") + b"\n"
        listed.append(f"- [{section.title}]({section.name}.md)")
    readme = [
        "# Your Anchored export",
        "",
        f"Exported on {when}. Times are in your time zone ({zone_name}).",
        "",
        NOT_ENCRYPTED,
        "",
        *(listed or ["Nothing was written in Anchored yet."]),
    ]
    return {"README.md": ("\n".join(readme) + "\n").encode("utf-8"), **files}


def _record(shot: Snapshot, spec: TableSpec, row: Row, zone: tzinfo | None) -> list[str]:
    heading_column = spec.born or next(
        (c.name for c in spec.columns if c.kind == "date" and row.get(c.name)), None
    )
    columns = [c for c in spec.columns if c.name != heading_column and not c.pointer]
    heading = ""
    if heading_column:
        column = spec.column(heading_column)
        assert column is not None
        heading = rules.shown(column.kind, row.get(heading_column), zone)
    lines = [f"### {heading or rules.label(spec.label)}", ""]
    facts: list[str] = []
    paragraphs: list[str] = []
    for column in columns:
        value = rules.shown(column.kind, row.get(column.name), zone)
        if not value:
            continue
        if column.kind == "text" and (
            column.free_text and (len(value) > SHORT_TEXT or "\n" in value)
        ):
            paragraphs += [f"**{rules.label(column.name)}**", "", value, ""]
        else:
            facts.append(f"- {rules.label(column.name)}: {_one_line(value)}")
    for part in shot.schema.parts_of(spec):
        mine = [r for r in shot.rows[part.name] if r.get(part.parent or "") == row["id"]]
        if mine:
            shown = "; ".join(_part(part, r, zone) for r in mine)
            facts.append(f"- {rules.label(part.label)}: {shown}")
    lines += facts + ([""] if facts else []) + paragraphs
    return lines


def _part(spec: TableSpec, row: Row, zone: tzinfo | None) -> str:
    shown = (
        (column.name, rules.shown(column.kind, row.get(column.name), zone))
        for column in spec.columns
        if not column.pointer and column.name != "position"
    )
    return ", ".join(
        f"{rules.label(name).lower()} {_one_line(value)}" for name, value in shown if value
    )


def _one_line(value: str) -> str:
    return " ".join(value.split())


def csv_files(shot: Snapshot) -> dict[str, bytes]:
    """One ``<table>.csv`` per table holding records, as JSON writes them (stable ids, ISO
    8601 UTC times), UTF-8 with a byte-order mark so a spreadsheet reads it right."""
    files: dict[str, bytes] = {}
    for spec in shot.schema.order:
        rows = shot.rows[spec.name]
        if not rows:
            continue
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        names = (["uid"] if spec.owned else []) + [c.name for c in spec.columns]
        writer.writerow(names)
        for row in rows:
            writer.writerow(_cells(shot, spec, row))
        files[f"{spec.name}.csv"] = out.getvalue().encode("utf-8-sig")
    return files


def _cells(shot: Snapshot, spec: TableSpec, row: Row) -> list[str]:
    cells = [shot.uids[spec.name][row["id"]]] if spec.owned else []
    for column in spec.columns:
        value = row.get(column.name)
        if column.pointer:
            written = column.pointer.written(value, shot.uids[column.pointer.table])
            cells.append(",".join(written) if isinstance(written, list) else written or "")
        else:
            cells.append(rules.csv_cell(column.kind, value))
    return cells


def zipped(files: dict[str, bytes], folder: str, when: datetime) -> bytes:
    """``files`` in a zip (built in memory) under ``folder``/."""
    buffer = io.BytesIO()
    stamp = max(when.timetuple()[:6], ZIP_EPOCH)  # a zip holds no time before 1980
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
