"""Plain export and import rules: how each kind of value is written and read back, what a
file must look like, and how a value is shown in a readable file. No I/O."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Any, Literal

FORMAT = "anchored-export"
VERSION = 1  # raised when a new version could no longer be read by an older one
FORMATS = ("json", "markdown", "csv")
Format = Literal["json", "markdown", "csv"]

# The kinds of column a table can have, as export writes them.
Kind = Literal["datetime", "date", "bool", "int", "text", "json"]

UID = re.compile(r"[A-Za-z0-9_-]{1,64}")
# A spreadsheet runs a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Refused(ValueError):
    """A file import cannot read. The message never quotes what is in the file."""


def encode(kind: Kind, value: Any) -> Any:
    """A column's value as JSON has it: times as ISO 8601 in UTC ("Z"), days as YYYY-MM-DD."""
    if value is None:
        return None
    if kind == "datetime":
        assert isinstance(value, datetime)
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if kind == "date":
        assert isinstance(value, date)
        return value.isoformat()
    if kind == "bool":
        return bool(value)
    return value


def decode(kind: Kind, value: Any, *, length: int | None = None) -> Any:
    """The value JSON gave for a column of ``kind``; :class:`ValueError` (without the value)
    if it is not one."""
    if value is None:
        return None
    if kind == "datetime":
        if not isinstance(value, str):
            raise ValueError("is not a time")
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError("is not a time") from None
        if parsed.tzinfo is None:
            raise ValueError("is a time without its time zone")
        return parsed.astimezone(UTC)
    if kind == "date":
        if not isinstance(value, str):
            raise ValueError("is not a day")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError("is not a day") from None
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError("is not true or false")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("is not a whole number")
        if not -(2**63) <= value < 2**63:
            raise ValueError("is too large")
        return value
    if kind == "text":
        if not isinstance(value, str):
            raise ValueError("is not text")
        if "\x00" in value:
            raise ValueError("holds a character text cannot hold")
        if length is not None and len(value) > length:
            raise ValueError(f"is longer than {length} characters")
        return value
    if not isinstance(value, dict | list):
        raise ValueError("is not a list or a set of values")
    return value


def header(exported_at: datetime) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "exported_at": encode("datetime", exported_at)}


def check_header(document: Any) -> None:
    """Refuse what is not an export this version can read."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise Refused("This file is not an Anchored export.")
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise Refused("This file is not an Anchored export: it has no valid version.")
    if version > VERSION:
        raise Refused(
            "This export was made by a newer version of Anchored. "
            "Update Anchored, then import it again."
        )
    if not isinstance(document.get("sections"), dict):
        raise Refused("This file is not an Anchored export: it holds no sections.")


def is_uid(value: Any) -> bool:
    return isinstance(value, str) and UID.fullmatch(value) is not None


@dataclass(frozen=True, slots=True)
class Pointer:
    """How a column points at another table's record: its whole value is an id (a foreign
    key), or ids separated by ``separator``, or an id after ``prefix``."""

    table: str
    separator: str = ""
    prefix: str = ""

    def ids(self, value: Any) -> list[int] | None:
        """The ids ``value`` names; None if it names none in this column's form."""
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return [value]
        if not isinstance(value, str):
            return None
        if self.prefix:
            rest = value.removeprefix(self.prefix)
            return [int(rest)] if rest != value and rest.isdigit() else None
        if self.separator:
            return [int(part) for part in value.split(self.separator) if part.isdigit()]
        return [int(value)] if value.isdigit() else None

    def uids(self, value: Any) -> list[str] | None:
        """The record ids an export wrote for this column, or None if it wrote plain text."""
        if value is None:
            return None
        if self.separator:
            if not isinstance(value, list) or not all(is_uid(v) for v in value):
                raise ValueError("is not a list of record ids")
            return list(value)
        if self.prefix:
            if not isinstance(value, str):
                raise ValueError("is not text")
            rest = value.removeprefix(self.prefix)
            # Text that names no record is kept as it is.
            return [rest] if rest != value and is_uid(rest) else None
        if not is_uid(value):
            raise ValueError("is not a record id")
        return [value]

    def written(self, value: Any, uid_of: Mapping[int, str]) -> Any:
        """The column's value with each id written as the record's stable id; an id of a
        record that is no longer there is left out."""
        ids = self.ids(value)
        if ids is None:
            return value if self.prefix else None
        found = [uid_of[i] for i in ids if i in uid_of]
        if self.separator:
            return found
        if self.prefix:
            return f"{self.prefix}{found[0]}" if found else None
        return found[0] if found else None

    def read(self, value: Any, id_of: Mapping[str, int]) -> Any:
        """The column's value with each stable id turned into the record's id here."""
        uids = self.uids(value)
        if uids is None:
            return value
        ids = [id_of[uid] for uid in uids if uid in id_of]
        if self.separator:
            return self.separator.join(str(i) for i in ids)
        if self.prefix:
            return f"{self.prefix}{ids[0]}" if ids else None
        return ids[0] if ids else None


# -- readable files -----------------------------------------------------------------------------


def label(name: str) -> str:
    """A column or table name as a person reads it: ``evidence_for`` -> "Evidence for"."""
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def shown(kind: Kind, value: Any, zone: tzinfo | None) -> str:
    """A value as the readable (Markdown) export shows it, times in the person's time zone."""
    if value is None or value == "":
        return ""
    if kind == "datetime":
        assert isinstance(value, datetime)
        return value.astimezone(zone).strftime("%a %-d %b %Y, %H:%M")
    if kind == "date":
        assert isinstance(value, date)
        return value.strftime("%a %-d %b %Y")
    if kind == "bool":
        return "yes" if value else "no"
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def zone_name(zone: tzinfo | None, at: datetime) -> str:
    """The time zone as "UTC+01:00" (and its name when it has one)."""
    offset = at.astimezone(zone).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    utc = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    name = at.astimezone(zone).tzname()
    return f"{name}, {utc}" if name and name not in {"UTC", utc} else utc


def csv_cell(kind: Kind, value: Any) -> str:
    """A value as a CSV cell: as in JSON, text a spreadsheet would run as a formula kept as
    text (a leading apostrophe), empty for nothing."""
    written = encode(kind, value)
    if written is None:
        return ""
    if isinstance(written, bool):
        return "true" if written else "false"
    if isinstance(written, dict | list):
        return json.dumps(written, ensure_ascii=False, sort_keys=True)
    text = str(written)
    if kind == "text" and text.startswith(_FORMULA_START):
        return "'" + text
    return text
