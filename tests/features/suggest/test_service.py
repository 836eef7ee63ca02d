"""Suggestions behind the person's off switch (on unless they turn it off)."""

from __future__ import annotations

import pytest

from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features.suggest import service
from anchored.storage.vault import OpenVault
from tests.support import NOW

THOUGHT = "He hasn't answered in three hours, he must be bored of me."
STRANGER = Owner(id=2)


def test_suggestions_are_on_until_switched_off_for_that_person_only(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert service.enabled(session, PERSONAL_OWNER)
        assert service.traps(session, PERSONAL_OWNER, THOUGHT)
        service.set_enabled(session, PERSONAL_OWNER, False)
        service.set_enabled(session, PERSONAL_OWNER, False)  # twice is fine
    with open_vault.session() as session:
        assert not service.enabled(session, PERSONAL_OWNER)
        assert service.traps(session, PERSONAL_OWNER, THOUGHT) == []
        assert service.emotions(session, PERSONAL_OWNER, "I feel so alone.") == []
        assert service.enabled(session, STRANGER)
        service.set_enabled(session, PERSONAL_OWNER, True)
        assert service.emotions(session, PERSONAL_OWNER, "I feel so alone.")


def test_nothing_is_suggested_for_empty_writing(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert service.traps(session, PERSONAL_OWNER, "   ") == []


def test_unlocking_starts_loading_the_model_even_with_suggestions_off(
    open_vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[bool] = []
    monkeypatch.setattr(service, "start_loading", lambda: started.append(True))
    with open_vault.session() as session:
        service.set_enabled(session, PERSONAL_OWNER, False)
    service.after_unlock(open_vault, PERSONAL_OWNER, now=NOW)
    assert started == [True]  # the crisis safety net needs the model whatever the switch says


def test_a_clearly_sad_sentence_brings_sad_feeling_words(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        found = service.emotions(
            session, PERSONAL_OWNER, "I cried all evening. I feel so sad and heartbroken."
        )
    slugs = [s.slug for s in found]
    assert 1 <= len(slugs) <= 3
    assert slugs[0] in {"sad", "hurt"}, slugs


def test_the_web_app_starts_without_loading_the_model_libraries() -> None:
    """numpy and onnxruntime load with the model, in the background after unlock; the web app
    itself starts without them (benchmarks/startup.py: serve to its first page)."""
    import subprocess
    import sys

    code = (
        "import sys, tempfile, pathlib\n"
        "from anchored.settings import Settings\n"
        "from anchored.web.app import create_app\n"
        "create_app(Settings(data_dir=pathlib.Path(tempfile.mkdtemp()) / 'v'), 8123)\n"
        "print(sorted({'numpy', 'onnxruntime', 'tokenizers'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
