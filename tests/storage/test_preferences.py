"""Preferences are kept in memory between reads, and a change to the file is always seen."""

from __future__ import annotations

import json
from pathlib import Path

from anchored.storage.preferences import FILE_NAME, read_preferences, write_preference


def test_a_saved_choice_is_read_back_each_time_it_changes(tmp_path: Path) -> None:
    assert read_preferences(tmp_path) == {}
    write_preference(tmp_path, "theme", "dark")
    assert read_preferences(tmp_path) == {"theme": "dark"}
    # Same size, written within the same moment: still the new value.
    write_preference(tmp_path, "theme", "ligh")
    assert read_preferences(tmp_path)["theme"] == "ligh"
    write_preference(tmp_path, "country", "ie")
    assert read_preferences(tmp_path) == {"theme": "ligh", "country": "ie"}


def test_a_file_edited_by_hand_or_removed_is_seen(tmp_path: Path) -> None:
    write_preference(tmp_path, "theme", "dark")
    assert read_preferences(tmp_path) == {"theme": "dark"}
    (tmp_path / FILE_NAME).write_text(json.dumps({"theme": "light", "country": "nz"}))
    assert read_preferences(tmp_path) == {"theme": "light", "country": "nz"}
    (tmp_path / FILE_NAME).unlink()
    assert read_preferences(tmp_path) == {}


def test_what_a_caller_changes_in_the_answer_is_not_kept(tmp_path: Path) -> None:
    write_preference(tmp_path, "theme", "dark")
    read_preferences(tmp_path)["theme"] = "light"
    assert read_preferences(tmp_path) == {"theme": "dark"}
