"""The person's path through the 13 steps: statuses they choose, a pinned step, step entries."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.content.programme import load_programme
from anchored.core.errors import InvalidInput
from anchored.core.owner import Owner
from anchored.domain.programme import STATUSES, suggest_step
from anchored.manifest import Registry
from anchored.storage.models import StepStatus

STEP_NUMBERS = tuple(range(1, 14))


def _row(session: Session, owner: Owner, step: int) -> StepStatus:
    if step not in STEP_NUMBERS:
        raise InvalidInput({"step": "There is no such step."})
    query = select(StepStatus).where(StepStatus.owner_id == owner.id, StepStatus.step == step)
    row = session.scalars(query).one_or_none()
    if row is None:
        row = StepStatus(owner_id=owner.id, step=step, status="not_started", pinned=False)
        session.add(row)
    return row


def statuses(session: Session, owner: Owner) -> dict[int, str]:
    """Every step's status; steps never touched are 'not_started'."""
    rows = session.scalars(select(StepStatus).where(StepStatus.owner_id == owner.id)).all()
    found = {row.step: row.status for row in rows}
    return {n: found.get(n, "not_started") for n in STEP_NUMBERS}


def pinned_step(session: Session, owner: Owner) -> int | None:
    query = select(StepStatus.step).where(StepStatus.owner_id == owner.id, StepStatus.pinned)
    return session.scalars(query).first()


def set_status(session: Session, owner: Owner, step: int, status: str) -> None:
    """Record the person's own word for a step."""
    if status not in STATUSES:
        raise InvalidInput({"status": "Choose one of the listed options."})
    _row(session, owner, step).status = status
    session.flush()


def set_pinned(session: Session, owner: Owner, step: int | None) -> None:
    """Pin one step as today's focus (None unpins)."""
    for row in session.scalars(select(StepStatus).where(StepStatus.owner_id == owner.id)):
        row.pinned = False
    if step is not None:
        _row(session, owner, step).pinned = True
    session.flush()


def missing_tools(registry: Registry) -> list[str]:
    """Exercises that name a tool no feature offers (checked before the app starts)."""
    return [
        f"step {step.number}, exercise {exercise.slug!r}: no feature offers the tool "
        f"{exercise.tool!r}"
        for step in load_programme().steps
        for exercise in step.exercises
        if exercise.tool not in registry.tools
    ]


def todays_step(session: Session, owner: Owner) -> int | None:
    return suggest_step(STEP_NUMBERS, statuses(session, owner), pinned_step(session, owner))
