"""The text model is loaded once per test process (it is a process-wide singleton)."""

from __future__ import annotations

import pytest

from anchored.text import encoder


@pytest.fixture(scope="session")
def model() -> encoder.Encoder:
    loaded = encoder.encoder(wait=None)
    assert loaded is not None, f"the on-device text model did not load: {encoder.failure()}"
    return loaded
