"""The person's path through the steps: statuses, one pinned step, entries per step, and the
check that every exercise opens a tool some feature offers."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from anchored.core.errors import InvalidInput
from anchored.core.owner import PERSONAL_OWNER, Owner
from anchored.features import FEATURES
from anchored.features.programme import service as programme
from anchored.features.programme.models import StepStatus
from anchored.manifest import Registry, RegistryError
from anchored.storage.vault import OpenVault
from tests.races import meanwhile
from tests.support import NOW

STRANGER = Owner(id=2)


def test_every_step_starts_not_started(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert programme.statuses(session, PERSONAL_OWNER) == dict.fromkeys(
            range(1, 14), "not_started"
        )
        assert programme.pinned_step(session, PERSONAL_OWNER) is None


def test_set_then_get_status(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        programme.set_status(session, PERSONAL_OWNER, 3, "exploring", now=NOW)
    with open_vault.session() as session:
        programme.set_status(session, PERSONAL_OWNER, 3, "practising", now=NOW)
        programme.set_status(session, PERSONAL_OWNER, 13, "solid", now=NOW)
    with open_vault.session() as session:
        found = programme.statuses(session, PERSONAL_OWNER)
        assert found[3] == "practising"
        assert found[13] == "solid"
        assert found[1] == "not_started"
        assert programme.statuses(session, STRANGER)[3] == "not_started"


def test_two_first_saves_of_a_step_at_once_keep_the_later(open_vault: OpenVault) -> None:
    """A double click (or two tabs) on a step never touched before: both find no row, both
    make one; the later save wins and neither fails."""

    def other_request() -> None:
        with open_vault.session() as session:
            programme.set_status(session, PERSONAL_OWNER, 3, "exploring", now=NOW)

    with (
        meanwhile(open_vault, "step_statuses", other_request),
        open_vault.session() as session,
    ):
        programme.set_status(session, PERSONAL_OWNER, 3, "practising", now=NOW)
    with open_vault.session() as session:
        assert programme.statuses(session, PERSONAL_OWNER)[3] == "practising"
        assert len(session.scalars(select(StepStatus)).all()) == 1


@pytest.mark.parametrize("status", ["", "done", "SOLID", "failed", "not started"])
def test_unknown_status_is_refused(open_vault: OpenVault, status: str) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        programme.set_status(session, PERSONAL_OWNER, 1, status, now=NOW)
    assert "status" in caught.value.errors
    with open_vault.session() as session:
        assert programme.statuses(session, PERSONAL_OWNER)[1] == "not_started"


@pytest.mark.parametrize("step", [0, 14, -1, 99])
def test_unknown_step_is_refused(open_vault: OpenVault, step: int) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput) as caught:
        programme.set_status(session, PERSONAL_OWNER, step, "exploring", now=NOW)
    assert "step" in caught.value.errors
    with open_vault.session() as session, pytest.raises(InvalidInput):
        programme.set_pinned(session, PERSONAL_OWNER, step, now=NOW)


def test_only_one_step_is_pinned(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        programme.set_status(session, PERSONAL_OWNER, 4, "practising", now=NOW)
        programme.set_pinned(session, PERSONAL_OWNER, 4, now=NOW)
    with open_vault.session() as session:
        programme.set_pinned(session, PERSONAL_OWNER, 8, now=NOW)
    with open_vault.session() as session:
        assert programme.pinned_step(session, PERSONAL_OWNER) == 8
        # Pinning never changes a status.
        assert programme.statuses(session, PERSONAL_OWNER)[4] == "practising"
        assert programme.pinned_step(session, STRANGER) is None


def test_unpin(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        programme.set_pinned(session, PERSONAL_OWNER, 6, now=NOW)
    with open_vault.session() as session:
        programme.set_pinned(session, PERSONAL_OWNER, None, now=NOW)
    with open_vault.session() as session:
        assert programme.pinned_step(session, PERSONAL_OWNER) is None


def test_todays_step(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        assert programme.todays_step(session, PERSONAL_OWNER) == 1
        programme.set_status(session, PERSONAL_OWNER, 1, "solid", now=NOW)
        programme.set_status(session, PERSONAL_OWNER, 2, "solid", now=NOW)
        assert programme.todays_step(session, PERSONAL_OWNER) == 3
        programme.set_pinned(session, PERSONAL_OWNER, 2, now=NOW)
        assert programme.todays_step(session, PERSONAL_OWNER) == 2
        programme.set_pinned(session, PERSONAL_OWNER, None, now=NOW)
        for step in range(1, 14):
            programme.set_status(session, PERSONAL_OWNER, step, "solid", now=NOW)
        assert programme.todays_step(session, PERSONAL_OWNER) is None
        assert programme.todays_step(session, STRANGER) == 1


def test_updated_at_is_the_time_passed_in(open_vault: OpenVault) -> None:
    later = NOW + timedelta(hours=2)
    with open_vault.session() as session:
        programme.set_status(session, PERSONAL_OWNER, 5, "exploring", now=NOW)
        programme.set_pinned(session, PERSONAL_OWNER, 6, now=later)
    with open_vault.session() as session:
        rows = {r.step: r for r in session.scalars(select(StepStatus))}
        assert rows[5].updated_at == NOW
        assert rows[6].updated_at == later
        programme.set_pinned(session, PERSONAL_OWNER, 5, now=later)
    with open_vault.session() as session:
        rows = {r.step: r for r in session.scalars(select(StepStatus))}
        assert (rows[5].pinned, rows[5].updated_at) == (True, later)
        assert (rows[6].pinned, rows[6].updated_at) == (False, later)


def test_set_statuses_saves_many_at_once(open_vault: OpenVault) -> None:
    with open_vault.session() as session:
        programme.set_status(session, PERSONAL_OWNER, 2, "exploring", now=NOW)
    later = NOW + timedelta(hours=1)
    with open_vault.session() as session:
        programme.set_statuses(
            session, PERSONAL_OWNER, {1: "solid", 2: "exploring", 5: "practising"}, now=later
        )
    with open_vault.session() as session:
        found = programme.statuses(session, PERSONAL_OWNER)
        assert (found[1], found[2], found[5], found[6]) == (
            "solid",
            "exploring",
            "practising",
            "not_started",
        )
        rows = {r.step: r for r in session.scalars(select(StepStatus))}
        assert rows[1].updated_at == later
        assert rows[2].updated_at == NOW  # unchanged, so not touched
        assert set(rows) == {1, 2, 5}  # steps left "not started" get no row
        assert programme.statuses(session, STRANGER)[1] == "not_started"


@pytest.mark.parametrize(
    "chosen",
    [{1: "solid", 2: "done"}, {1: "solid", 14: "exploring"}, {0: "solid"}],
    ids=["unknown-status", "unknown-step", "step-zero"],
)
def test_set_statuses_saves_nothing_if_any_is_wrong(
    open_vault: OpenVault, chosen: dict[int, str]
) -> None:
    with open_vault.session() as session, pytest.raises(InvalidInput):
        programme.set_statuses(session, PERSONAL_OWNER, chosen, now=NOW)
    with open_vault.session() as session:
        assert set(programme.statuses(session, PERSONAL_OWNER).values()) == {"not_started"}


# -- the manifest's check --------------------------------------------------------------------


def test_an_exercise_whose_tool_no_feature_offers_stops_the_app(tmp_path: Path) -> None:
    from anchored.settings import Settings
    from anchored.web.app import create_app

    without_pause = tuple(f for f in FEATURES if f.name != "pause")
    problems = programme.missing_tools(Registry(without_pause))
    assert problems == [
        "step 2, exercise 'slow-breathing': no feature offers the tool 'breathing'",
        "step 2, exercise 'ground-and-change-space': no feature offers the tool 'grounding'",
        "step 8, exercise 'hit-the-pause-button': no feature offers the tool 'pause'",
    ]
    with pytest.raises(RegistryError, match="hit-the-pause-button"):
        create_app(Settings(data_dir=tmp_path), 8123, features=without_pause)
    assert programme.missing_tools(Registry(FEATURES)) == []
