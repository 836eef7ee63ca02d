"""The person's path through the 13 steps: statuses they choose, a pinned step, and the
check that every exercise opens a tool some feature offers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from anchored.content.programme import load_programme
from anchored.core.errors import InvalidInput
from anchored.core.owner import Owner
from anchored.features.programme.models import StepStatus
from anchored.features.programme.rules import STATUSES, suggest_step
from anchored.manifest import Registry
from anchored.services.owned import insert_missing

STEP_NUMBERS = tuple(range(1, 14))


def _row(session: Session, owner: Owner, step: int, now: datetime) -> StepStatus:
    if step not in STEP_NUMBERS:
        raise InvalidInput({"step": "There is no such step."})
    query = select(StepStatus).where(StepStatus.owner_id == owner.id, StepStatus.step == step)
    row = session.scalars(query).one_or_none()
    if row is None:
        # Made on first use, safely when two saves for the step come at once.
        fresh = {"owner_id": owner.id, "step": step, "status": "not_started", "updated_at": now}
        insert_missing(session, StepStatus, [{**fresh, "pinned": False}])
        row = session.scalars(query).one()
    return row


def _touch(row: StepStatus, now: datetime) -> None:
    row.updated_at = now


def statuses(session: Session, owner: Owner) -> dict[int, str]:
    """Every step's status; steps never touched are 'not_started'."""
    rows = session.scalars(select(StepStatus).where(StepStatus.owner_id == owner.id)).all()
    found = {row.step: row.status for row in rows}
    return {n: found.get(n, "not_started") for n in STEP_NUMBERS}


def pinned_step(session: Session, owner: Owner) -> int | None:
    """The step the person pinned as today's focus, if any."""
    query = select(StepStatus.step).where(StepStatus.owner_id == owner.id, StepStatus.pinned)
    return session.scalars(query).first()


def set_status(session: Session, owner: Owner, step: int, status: str, *, now: datetime) -> None:
    """Record the person's own word for a step."""
    if status not in STATUSES:
        raise InvalidInput({"status": "Choose one of the listed options."})
    row = _row(session, owner, step, now)
    row.status = status
    _touch(row, now)
    session.flush()


def set_statuses(
    session: Session, owner: Owner, chosen: Mapping[int, str], *, now: datetime
) -> None:
    """Record the person's own word for several steps at once (the overview's one form).
    Nothing is saved if any step or status is not a listed one; steps whose status did not
    change are left as they were."""
    for step, status in chosen.items():
        if step not in STEP_NUMBERS:
            raise InvalidInput({"step": "There is no such step."})
        if status not in STATUSES:
            raise InvalidInput({"status": "Choose one of the listed options."})
    current = statuses(session, owner)
    for step, status in chosen.items():
        if current[step] != status:
            row = _row(session, owner, step, now)
            row.status = status
            _touch(row, now)
    session.flush()


def set_pinned(session: Session, owner: Owner, step: int | None, *, now: datetime) -> None:
    """Pin one step as today's focus (None unpins)."""
    if step is not None and step not in STEP_NUMBERS:
        raise InvalidInput({"step": "There is no such step."})
    for row in session.scalars(select(StepStatus).where(StepStatus.owner_id == owner.id)):
        if row.pinned and row.step != step:
            row.pinned = False
            _touch(row, now)
    if step is not None:
        row = _row(session, owner, step, now)
        if not row.pinned:
            row.pinned = True
            _touch(row, now)
    session.flush()


# Statuses and the pin in one statement, built once: home asks on every visit.
_TODAY = select(StepStatus.step, StepStatus.status, StepStatus.pinned).where(
    StepStatus.owner_id == bindparam("owner")
)


def todays_step(session: Session, owner: Owner) -> int | None:
    """The step to suggest today: the pinned one, else the first not yet "feels solid"."""
    rows = session.execute(_TODAY, {"owner": owner.id}).all()
    found = {step: status for step, status, _pinned in rows}
    pinned = min((step for step, _status, is_pinned in rows if is_pinned), default=None)
    return suggest_step(
        STEP_NUMBERS, {n: found.get(n, "not_started") for n in STEP_NUMBERS}, pinned
    )


def missing_tools(registry: Registry) -> list[str]:
    """Exercises that name a tool no feature offers (the manifest's ``check``, run before the
    app starts)."""
    return [
        f"step {step.number}, exercise {exercise.slug!r}: no feature offers the tool "
        f"{exercise.tool!r}"
        for step in load_programme().steps
        for exercise in step.exercises
        if exercise.tool not in registry.tools
    ]
