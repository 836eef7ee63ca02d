"""Backup rules without I/O: the names of automatic backups, when one is due, which to keep."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, tzinfo

EXTENSION = ".anchored"
AUTO_PREFIX = "anchored-auto-"
KEEP_DEFAULT = 7
KEEP_MIN = 1
KEEP_MAX = 60
_AUTO_NAME = re.compile(r"^anchored-auto-(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})Z\.anchored$")


def auto_name(when: datetime) -> str:
    """The file name of an automatic backup made at ``when`` (UTC, so names sort by time)."""
    return f"{AUTO_PREFIX}{when.astimezone(UTC):%Y-%m-%d-%H%M%S}Z{EXTENSION}"


def made_at(name: str) -> datetime | None:
    """When an automatic backup was made, from its name; None for any other name."""
    match = _AUTO_NAME.match(name)
    if match is None:
        return None
    try:
        year, month, day, hour, minute, second = (int(part) for part in match.groups())
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None


def download_name(when: datetime, zone: tzinfo) -> str:
    """The name a downloaded or written backup is offered under (the person's own day)."""
    return f"anchored-backup-{when.astimezone(zone):%Y-%m-%d}{EXTENSION}"


def due(newest: datetime | None, now: datetime, zone: tzinfo) -> bool:
    """An automatic backup is due unless one was made earlier the same day (in ``zone``)."""
    if newest is None:
        return True
    return newest.astimezone(zone).date() < now.astimezone(zone).date()


def beyond_keep(made: Iterable[tuple[str, datetime]], keep: int) -> list[str]:
    """The names of the automatic backups to remove so that the newest ``keep`` stay."""
    newest_first = sorted(made, key=lambda item: (item[1], item[0]), reverse=True)
    return [name for name, _when in newest_first[keep:]]


def parse_keep(text: str) -> int:
    """How many automatic backups to keep, from a form or an option; ValueError says why."""
    text = text.strip()
    if not text:
        return KEEP_DEFAULT
    if not (text.isascii() and text.isdigit()) or not KEEP_MIN <= int(text) <= KEEP_MAX:
        raise ValueError(f"Choose a number from {KEEP_MIN} to {KEEP_MAX}.")
    return int(text)


def size_text(size: int) -> str:
    """A file size as people read it: 820 KB, 3.4 MB."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB"
