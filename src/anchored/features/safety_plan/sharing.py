"""What a therapist sees of the safety plan a person shares (hosted mode): the plan as it is
now, every section in the person's own words, and when it last changed. A safety plan is one
living document, not a record of a day, so it is shown whole whatever first day the grant
names. The support people picked from their list are not shown (their names live in another
feature, reached only through the registry): the plan's own text is.

Sharing the plan never alerts anyone: the therapist sees it when they open it, while the
grant lasts, and nothing else."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.features.safety_plan import service
from anchored.features.safety_plan.safety_plan import load_safety_plan_content
from anchored.manifest import SharedPart


def view(
    session: Session,
    owner: Owner,
    *,
    since: date,
    now: datetime,
    picked: frozenset[int] | None = None,
) -> SharedPart:
    plan = service.get_plan(session, owner)
    sections = [
        (section, getattr(plan, section.key) if plan is not None else "")
        for section in load_safety_plan_content().sections
    ]
    written = plan is not None and any(text for _section, text in sections)
    context = {
        "sections": sections,
        "updated_at": plan.updated_at if plan is not None else None,
        "people_picked": bool(service.picked_people(plan)),
    }
    return SharedPart("safety_plan/_shared.html", context, empty=not written)
