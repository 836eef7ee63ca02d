"""Preferences that must work while the vault is locked (so they cannot live inside it).

Only choices that reveal nothing a person wrote belong here: today, the country whose help
lines to show. The file sits beside the vault as plain JSON.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
from pathlib import Path

FILE_NAME = "preferences.json"

# Every page reads the theme (and Help now the country): the file is read again only when its
# stat changes (a write replaces it: a new inode, and most often a new time and size too).
# The file holds no words a person wrote, so keeping it in memory is fine.
_Stamp = tuple[int, int, int, int]
_read: dict[Path, tuple[_Stamp, dict[str, str]]] = {}
_read_lock = threading.Lock()


def read_preferences(data_dir: Path) -> dict[str, str]:
    path = data_dir / FILE_NAME
    try:
        info = os.stat(path)
    except OSError:
        return {}
    stamp = (info.st_ino, info.st_dev, info.st_mtime_ns, info.st_size)
    with _read_lock:
        known = _read.get(path)
    if known is not None and known[0] == stamp:
        return dict(known[1])
    prefs = _parse(path)
    with _read_lock:
        _read[path] = (stamp, prefs)
    return dict(prefs)


def _parse(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


def write_preference(data_dir: Path, key: str, value: str) -> None:
    prefs = read_preferences(data_dir)
    prefs[key] = value
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=".prefs-", suffix=".json", dir=data_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(prefs, handle, indent=2, sort_keys=True)
        os.replace(tmp, data_dir / FILE_NAME)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
