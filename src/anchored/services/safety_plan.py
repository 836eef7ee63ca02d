"""The safety plan: one per owner, seven free-text sections."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.content.crisis_lines import CountryHelp
from anchored.core.errors import InvalidInput
from anchored.core.owner import Owner
from anchored.storage.models import SafetyPlan

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


def save_plan(session: Session, owner: Owner, values: Mapping[str, str]) -> SafetyPlan:
    """Create or replace the owner's plan. Unknown keys are refused; empty sections are fine."""
    unknown = set(values) - set(SECTION_KEYS)
    if unknown:
        raise InvalidInput({key: "This is not a part of the safety plan." for key in unknown})
    cleaned = {key: values.get(key, "").strip() for key in SECTION_KEYS}
    errors = {
        key: f"This part can hold up to {SECTION_MAX:,} characters; it has {len(text):,}."
        for key, text in cleaned.items()
        if len(text) > SECTION_MAX
    }
    if errors:
        raise InvalidInput(errors)
    plan = get_plan(session, owner) or SafetyPlan(owner_id=owner.id)
    for key, text in cleaned.items():
        setattr(plan, key, text)
    session.add(plan)
    session.flush()
    return plan


def suggested_professionals(help_for: CountryHelp) -> str:
    """A starting text for 'professionals and crisis lines', from the country's help lines."""
    lines = [f"Emergency services: {help_for.emergency}"]
    for line in help_for.lines:
        reach = " / ".join(part for part in (line.phone, line.text) if part)
        lines.append(f"{line.name}: {reach} ({line.hours})")
    lines.append("My therapist or doctor: ")
    return "\n".join(lines)
