"""The safety plan: one per owner, seven free-text sections.

Every save runs the crisis check on what was written (the result says whether the help card
comes first on the next page).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.content.crisis_lines import CountryHelp
from anchored.core.errors import InvalidInput
from anchored.core.limits import check_length
from anchored.core.owner import Owner
from anchored.features.safety_plan.models import SafetyPlan
from anchored.services.owned import insert_missing
from anchored.services.support import Saved, saved

__all__ = ["SECTION_KEYS", "SECTION_MAX", "SafetyPlan"]

SECTION_KEYS = (
    "warning_signs",
    "coping_alone",
    "distractions",
    "help_people",
    "professionals",
    "safer_surroundings",
    "what_matters",
)
SECTION_MAX = 5_000


def get_plan(session: Session, owner: Owner) -> SafetyPlan | None:
    """The owner's plan, or None if they have not started one."""
    query = select(SafetyPlan).where(SafetyPlan.owner_id == owner.id)
    return session.scalars(query).one_or_none()


def save_plan(session: Session, owner: Owner, values: Mapping[str, str], *, now: datetime) -> Saved:
    """Create or replace the owner's plan. Unknown keys are refused; empty sections are fine."""
    unknown = set(values) - set(SECTION_KEYS)
    if unknown:
        raise InvalidInput({key: "This is not a part of the safety plan." for key in unknown})
    cleaned = {key: values.get(key, "").strip() for key in SECTION_KEYS}
    errors: dict[str, str] = {}
    for key, text in cleaned.items():
        check_length(errors, key, text, SECTION_MAX, "A section")
    if errors:
        raise InvalidInput(errors)
    plan = get_plan(session, owner)
    if plan is None:
        # One plan per owner, made by its first save, safely when two come at once.
        insert_missing(session, SafetyPlan, [{"owner_id": owner.id, "updated_at": now}])
        plan = get_plan(session, owner)
        assert plan is not None
    for key, text in cleaned.items():
        setattr(plan, key, text)
    plan.updated_at = now
    session.flush()
    return saved(session, owner, "safety plan", plan.id, *cleaned.values())


def suggested_professionals(help_for: CountryHelp) -> str:
    """A starting text for 'professionals and crisis lines', from the country's help lines."""
    lines = [f"Emergency services: {help_for.emergency}"]
    for line in help_for.lines:
        reach = " / ".join(part for part in (line.phone, line.text) if part)
        lines.append(f"{line.name}: {reach} ({line.hours})")
    lines.append("My therapist or doctor: ")
    return "\n".join(lines)


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each section in turn, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    for key in SECTION_KEYS:
        done = save_plan(session, owner, {key: text}, now=now)
        yield f"{SafetyPlan.__tablename__}.{key}", done.needs_help
