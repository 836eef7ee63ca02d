"""What a therapist sees of a person's preparation for sessions (hosted mode):

- "Things to bring up": the person's list from ``/therapy#prep``, the things added from the
  grant's first day on, in the order they added them. Items leave the list when the person
  removes them (there is no "done" state), so everything listed is still open.
- "Session summaries you share": the summaries the person kept for their therapist with the
  button on ``/therapy/summary``, made from the grant's first day on, newest first, each in
  full as it was shown.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.core.weeks import local_midnight
from anchored.features.therapy import kept
from anchored.features.therapy import service as session_prep
from anchored.manifest import SharedPart


def prep_view(
    session: Session,
    owner: Owner,
    *,
    since: date,
    now: datetime,
    picked: frozenset[int] | None = None,
) -> SharedPart:
    start = local_midnight(since)
    items = [i for i in session_prep.list_items(session, owner) if start <= i.created_at <= now]
    return SharedPart("therapy/_shared_prep.html", {"prep": items}, empty=not items)


def summaries_view(
    session: Session,
    owner: Owner,
    *,
    since: date,
    now: datetime,
    picked: frozenset[int] | None = None,
) -> SharedPart:
    found = kept.list_kept(session, owner, since=local_midnight(since), until=now)
    return SharedPart("therapy/_shared_summaries.html", {"summaries": found}, empty=not found)
