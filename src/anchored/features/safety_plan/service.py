"""The safety plan: one per owner, seven free-text sections.

Every save runs the crisis check on what the person wrote (the result says whether the help
card comes first on the next page). The crisis lines the app fills in ("988 Suicide & Crisis
Lifeline: 988 …") are the app's words, not theirs: they are left out of the check, in every
section and for every country (the person may have chosen another country since). The plan
is one document in the search index, kept current by every save.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from anchored.content.crisis_lines import CountryHelp, load_crisis_lines
from anchored.core.errors import InvalidInput
from anchored.core.limits import check_length
from anchored.core.owner import Owner
from anchored.features.safety_plan import SEARCH
from anchored.features.safety_plan.models import SafetyPlan
from anchored.services.owned import insert_missing
from anchored.services.search_results import Shown
from anchored.services.support import Saved, own_words, saved
from anchored.storage.search import index_document

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


# Offered by the support people (``people.choices``): (session, owner) -> [(id, name)].
PeopleChoices = Callable[[Session, Owner], Sequence[tuple[int, str]]]


def picked_people(plan: SafetyPlan | None) -> list[int]:
    """The support people picked for "people I can ask for help", in the order picked."""
    if plan is None or not plan.help_people_ids:
        return []
    return [int(part) for part in plan.help_people_ids.split(",") if part.isdigit()]


def _pick(session: Session, owner: Owner, wanted: Sequence[int], choices: PeopleChoices) -> str:
    """The picked ids that are the owner's support people, in the list's own order."""
    asked = set(wanted)
    return ",".join(str(i) for i, _name in choices(session, owner) if i in asked)


def save_plan(
    session: Session,
    owner: Owner,
    values: Mapping[str, str],
    *,
    now: datetime,
    help_people: Sequence[int] | None = None,
    people_choices: PeopleChoices | None = None,
) -> Saved:
    """Create or replace the owner's plan. Unknown keys are refused; empty sections are fine.

    ``help_people`` are the support people picked for "people I can ask for help", kept when
    ``people_choices`` (the offer ``people.choices``) knows them as the owner's; None, or no
    support people feature, leaves the picks as they were."""
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
    if help_people is not None and people_choices is not None:
        plan.help_people_ids = _pick(session, owner, help_people, people_choices)
    plan.updated_at = now
    session.flush()
    _index(session, plan)
    written = (own_words(text, app_wording()) for text in cleaned.values())
    return saved(session, owner, "safety plan", plan.id, *written)


EMERGENCY = "Emergency services:"
THERAPIST = "My therapist or doctor:"


def suggested_professionals(help_for: CountryHelp) -> str:
    """A starting text for 'professionals and crisis lines', from the country's help lines."""
    lines = [f"{EMERGENCY} {help_for.emergency}"]
    for line in help_for.lines:
        reach = " / ".join(part for part in (line.phone, line.text) if part)
        hours = f" ({line.hours})" if line.hours else ""
        lines.append(f"{line.name}: {reach}{hours}")
    lines.append(f"{THERAPIST} ")
    return "\n".join(lines)


@functools.cache
def app_wording() -> tuple[str, ...]:
    """What the app may have written into a plan: the lines it fills in for every country,
    and each crisis line's name on its own (kept when the person edits the rest of a line)."""
    directory = load_crisis_lines()
    lines = [
        line for entry in directory.entries for line in suggested_professionals(entry).split("\n")
    ]
    names = [line.name for entry in directory.entries for line in entry.lines]
    return (*lines, *names, EMERGENCY, THERAPIST)


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    """How search shows the plan (there is one per person)."""
    query = select(SafetyPlan.id, SafetyPlan.updated_at).where(
        SafetyPlan.owner_id == owner.id, SafetyPlan.id.in_(list(ids))
    )
    return {
        plan_id: Shown(updated_at, "My safety plan", "/safety-plan")
        for plan_id, updated_at in session.execute(query)
    }


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each section in turn, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    for key in SECTION_KEYS:
        done = save_plan(session, owner, {key: text}, now=now)
        yield f"{SafetyPlan.__tablename__}.{key}", done.needs_help


def _index(session: Session, plan: SafetyPlan) -> None:
    sections = (getattr(plan, key) for key in SECTION_KEYS)
    body = "\n".join(text for text in sections if text)
    index_document(session, plan.owner_id, SEARCH.code, plan.id, "", body)


def reindex(session: Session, owner: Owner) -> None:
    """Write the search text of ``owner``'s safety plan again (after an import)."""
    plan = get_plan(session, owner)
    if plan is not None:
        _index(session, plan)
