"""Reassurance tracker: behaviours, one-tap urges and acts, a weekly goal.

Built-in behaviours come from content and become rows for an owner when the vault is
unlocked (or the first time they are listed); the person may add their own (their words, so
the crisis check runs on them). Days are the person's local days (``zone=None``: this
machine's time zone), counted from the ``now`` the caller passes in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput, NotFound
from anchored.core.own_names import OwnKind, clean_name, name_problem
from anchored.core.owner import Owner
from anchored.features.reassurance import rules
from anchored.features.reassurance.behaviours import NAME_MAX, load_behaviours
from anchored.features.reassurance.models import (
    ReassuranceBehaviour,
    ReassuranceEvent,
    ReassuranceGoal,
)
from anchored.features.reassurance.rules import DayCount, GoalProgress, Kind
from anchored.services.owned import get_owned, insert_missing
from anchored.services.support import Saved, saved

__all__ = ["ReassuranceBehaviour", "ReassuranceEvent"]

OWN_MAX = 20  # own behaviours; each adds two buttons to home
OWN = OwnKind("behaviour", "behaviours", max_length=NAME_MAX, max_count=OWN_MAX)


# -- behaviours ------------------------------------------------------------------------------


# Home shows today's taps on every visit: its statements are built once (building one costs
# SQLAlchemy more than SQLite spends running it); plain rows where no object is needed.
_BEHAVIOUR_TABLE = ReassuranceBehaviour.__table__
_EVENT_TABLE = ReassuranceEvent.__table__
_GOAL_TABLE = ReassuranceGoal.__table__
_BEHAVIOUR_NAMES = select(_BEHAVIOUR_TABLE.c.builtin, _BEHAVIOUR_TABLE.c.name).where(
    _BEHAVIOUR_TABLE.c.owner_id == bindparam("owner")
)
_BEHAVIOURS = (
    select(ReassuranceBehaviour)
    .where(ReassuranceBehaviour.owner_id == bindparam("owner"))
    .order_by(ReassuranceBehaviour.id)
)
_EVENTS = select(_EVENT_TABLE.c.behaviour_id, _EVENT_TABLE.c.kind, _EVENT_TABLE.c.at).where(
    _EVENT_TABLE.c.owner_id == bindparam("owner"),
    _EVENT_TABLE.c.at >= bindparam("start"),
    _EVENT_TABLE.c.at < bindparam("end"),
)
_GOAL = select(_GOAL_TABLE.c.max_acts_per_day).where(
    _GOAL_TABLE.c.owner_id == bindparam("owner"), _GOAL_TABLE.c.week_start == bindparam("start")
)


def _builtins_missing(owner: Owner, have: Iterable[tuple[str | None, str]]) -> list[dict[str, Any]]:
    """Rows for the built-in behaviours ``owner`` lacks, given the (slug, name) they have."""
    rows = list(have)
    have_slugs = {slug for slug, _name in rows}
    have_names = {name.casefold() for _slug, name in rows}
    return [
        {"owner_id": owner.id, "name": builtin.name, "builtin": builtin.slug}
        for builtin in load_behaviours().behaviours
        # An own behaviour that already has the name keeps it; nothing is doubled.
        if builtin.slug not in have_slugs and builtin.name.casefold() not in have_names
    ]


def ensure_builtins(session: Session, owner: Owner) -> None:
    """Give ``owner`` a row for each built-in behaviour they lack. Idempotent and safe to run
    at once from two requests; the web app runs it when the vault is unlocked (the manifest's
    ``prepare``), so the first pages only read."""
    rows = session.connection().execute(_BEHAVIOUR_NAMES, {"owner": owner.id}).all()
    insert_missing(session, ReassuranceBehaviour, _builtins_missing(owner, rows))


def list_behaviours(session: Session, owner: Owner) -> list[ReassuranceBehaviour]:
    """Built-ins in content order, then the person's own in the order they were added."""
    rows = session.scalars(_BEHAVIOURS, {"owner": owner.id}).all()
    # Already there after unlocking; this covers other ways in (checked on the rows read).
    if _builtins_missing(owner, ((r.builtin, r.name) for r in rows)):
        ensure_builtins(session, owner)
        rows = session.scalars(_BEHAVIOURS, {"owner": owner.id}).all()
    order = {b.slug: i for i, b in enumerate(load_behaviours().behaviours)}
    builtins = sorted((r for r in rows if r.builtin in order), key=lambda r: order[r.builtin or ""])
    return builtins + [r for r in rows if r.builtin not in order]


def description(behaviour: ReassuranceBehaviour) -> str | None:
    """The one-line description of a built-in behaviour (own behaviours have none)."""
    found = load_behaviours().get(behaviour.builtin or "")
    return found.description if found else None


def get_behaviour(session: Session, owner: Owner, behaviour_id: int) -> ReassuranceBehaviour:
    """One behaviour; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, ReassuranceBehaviour, owner, behaviour_id)


def add_behaviour(session: Session, owner: Owner, name: str) -> Saved:
    """Track a behaviour of the person's own. Its name is their words, so the crisis check
    runs on it (the result says whether the help card comes first)."""
    name = clean_name(name)
    behaviours = list_behaviours(session, owner)
    problem = name_problem(
        OWN,
        name,
        builtin=[b.name for b in behaviours if b.builtin is not None],
        own=[b.name for b in behaviours if b.builtin is None],
    )
    if problem is not None:
        raise InvalidInput({"name": problem})
    behaviour = ReassuranceBehaviour(owner_id=owner.id, name=name, builtin=None)
    session.add(behaviour)
    session.flush()
    return saved(session, owner, "reassurance", behaviour.id, name)


def get_own_behaviour(session: Session, owner: Owner, behaviour_id: int) -> ReassuranceBehaviour:
    """One of the person's own behaviours; built-ins stay, so they are not found here."""
    behaviour = get_behaviour(session, owner, behaviour_id)
    if behaviour.builtin is not None:
        raise NotFound
    return behaviour


def remove_behaviour(session: Session, owner: Owner, behaviour_id: int) -> None:
    """Stop tracking one of the person's own behaviours; its taps are deleted with it."""
    behaviour = get_own_behaviour(session, owner, behaviour_id)
    session.execute(delete(ReassuranceEvent).where(ReassuranceEvent.behaviour_id == behaviour.id))
    session.delete(behaviour)
    session.flush()


def count_taps(session: Session, owner: Owner, behaviour_id: int) -> int:
    query = (
        select(func.count())
        .select_from(ReassuranceEvent)
        .where(ReassuranceEvent.owner_id == owner.id, ReassuranceEvent.behaviour_id == behaviour_id)
    )
    return session.scalar(query) or 0


# -- taps ------------------------------------------------------------------------------------


def record(
    session: Session, owner: Owner, behaviour_id: int, kind: Kind, *, now: datetime
) -> ReassuranceEvent:
    """One tap: "I felt the urge" (``urge``) or "I did it" (``act``), at ``now``."""
    if kind not in rules.KINDS:
        raise InvalidInput({"kind": "A tap is either an urge or an act."})
    behaviour = get_behaviour(session, owner, behaviour_id)
    event = ReassuranceEvent(owner_id=owner.id, behaviour_id=behaviour.id, kind=kind, at=now)
    session.add(event)
    session.flush()
    return event


def get_event(session: Session, owner: Owner, event_id: int) -> ReassuranceEvent:
    """One tap; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, ReassuranceEvent, owner, event_id)


def undo(session: Session, owner: Owner, event_id: int) -> None:
    """Take back a tap (a mistaken one, usually)."""
    session.delete(get_event(session, owner, event_id))
    session.flush()


def _events(
    session: Session, owner: Owner, first: date, last: date, zone: tzinfo | None
) -> Sequence[tuple[int, str, datetime]]:
    # A day's margin each side; the domain then keeps only the local days asked for.
    start = rules.local_midnight(first - timedelta(days=1), zone)
    end = rules.local_midnight(last + timedelta(days=2), zone)
    params = {"owner": owner.id, "start": start, "end": end}
    return [(row[0], row[1], row[2]) for row in session.connection().execute(_EVENTS, params)]


# -- today and the week ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BehaviourToday:
    behaviour: ReassuranceBehaviour
    urges: int
    acts: int


@dataclass(frozen=True, slots=True)
class Today:
    day: date
    rows: tuple[BehaviourToday, ...]
    total: DayCount
    goal: int | None

    @property
    def progress(self) -> GoalProgress | None:
        return None if self.goal is None else GoalProgress(self.goal, self.total.acts)


def today(session: Session, owner: Owner, *, now: datetime, zone: tzinfo | None = None) -> Today:
    """Today's urges and acts, per behaviour and in all, and this week's goal."""
    day = rules.local_date(now, zone)
    events = _events(session, owner, day, day, zone)
    rows = []
    for behaviour in list_behaviours(session, owner):
        mine = ((kind, at) for bid, kind, at in events if bid == behaviour.id)
        (count,) = rules.daily_counts(mine, [day], now, zone)
        rows.append(BehaviourToday(behaviour, count.urges, count.acts))
    (total,) = rules.daily_counts(((k, at) for _b, k, at in events), [day], now, zone)
    return Today(day, tuple(rows), total, get_goal(session, owner, rules.week_start(day)))


@dataclass(frozen=True, slots=True)
class Week:
    start: date
    days: tuple[DayCount, ...]
    goal: int | None
    is_current: bool
    has_earlier: bool

    @property
    def urges(self) -> int:
        return sum(day.urges for day in self.days)

    @property
    def acts(self) -> int:
        return sum(day.acts for day in self.days)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def previous(self) -> date:
        return self.start - timedelta(days=7)

    @property
    def following(self) -> date:
        return self.start + timedelta(days=7)


def week(
    session: Session,
    owner: Owner,
    start: date | None = None,
    *,
    now: datetime,
    zone: tzinfo | None = None,
) -> Week:
    """Urges and acts per day for the week holding ``start`` (default: this week)."""
    current = rules.week_start(rules.local_date(now, zone))
    start = current if start is None else min(rules.week_start(start), current)
    days = rules.week_days(start)
    events = _events(session, owner, days[0], days[-1], zone)
    counts = rules.daily_counts(((kind, at) for _b, kind, at in events), days, now, zone)
    earliest = session.scalar(
        select(func.min(ReassuranceEvent.at)).where(ReassuranceEvent.owner_id == owner.id)
    )
    return Week(
        start=start,
        days=counts,
        goal=get_goal(session, owner, start),
        is_current=start == current,
        has_earlier=earliest is not None and rules.local_date(earliest, zone) < start,
    )


# -- the goal --------------------------------------------------------------------------------


def parse_goal(text: str) -> int:
    """The whole number typed into the goal field; :class:`InvalidInput` if it is not one."""
    text = text.strip()
    digits = text.removeprefix("-")
    if not text:
        raise InvalidInput({"max_acts": "Write a number first, like 3."})
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidInput({"max_acts": "Use a whole number, like 3."})
    if len(digits) > 6:  # far outside the range; set_goal explains what fits
        return rules.GOAL_MAX + 1
    return int(text)


def get_goal(session: Session, owner: Owner, start: date) -> int | None:
    params = {"owner": owner.id, "start": rules.week_start(start)}
    goal: int | None = session.connection().execute(_GOAL, params).scalar()
    return goal


def set_goal(
    session: Session, owner: Owner, max_acts: int, *, now: datetime, zone: tzinfo | None = None
) -> ReassuranceGoal:
    """At most ``max_acts`` acts a day, for this week (Monday to Sunday, local time)."""
    if not rules.GOAL_MIN <= max_acts <= rules.GOAL_MAX:
        raise InvalidInput(
            {"max_acts": f"Choose a number from {rules.GOAL_MIN} to {rules.GOAL_MAX}."}
        )
    start = rules.week_start(rules.local_date(now, zone))
    query = select(ReassuranceGoal).where(
        ReassuranceGoal.owner_id == owner.id, ReassuranceGoal.week_start == start
    )
    goal = session.scalars(query).one_or_none()
    if goal is None:
        # Safe when two requests set this week's first goal at once: the later one holds.
        row = {"owner_id": owner.id, "week_start": start, "max_acts_per_day": max_acts}
        insert_missing(session, ReassuranceGoal, [row])
        goal = session.scalars(query).one()
    goal.max_acts_per_day = max_acts
    session.flush()
    return goal


def clear_goal(
    session: Session, owner: Owner, *, now: datetime, zone: tzinfo | None = None
) -> None:
    """No goal this week."""
    start = rules.week_start(rules.local_date(now, zone))
    session.execute(
        delete(ReassuranceGoal).where(
            ReassuranceGoal.owner_id == owner.id, ReassuranceGoal.week_start == start
        )
    )
    session.flush()


@dataclass(frozen=True, slots=True)
class Suggestion:
    value: int
    last_goal: int | None
    last_week_acts: int


def suggested_goal(
    session: Session, owner: Owner, *, now: datetime, zone: tzinfo | None = None
) -> Suggestion | None:
    """A gentle step down for this week, from last week (None when there is nothing to go on)."""
    this_week = rules.week_start(rules.local_date(now, zone))
    last = week(session, owner, this_week - timedelta(days=7), now=now, zone=zone)
    value = rules.suggest_goal(last.days, last.goal)
    if value is None:
        return None
    return Suggestion(value, last.goal, last.acts)


# -- what the manifest names -----------------------------------------------------------------


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card)."""
    yield "checking_behaviours.name", add_behaviour(session, owner, text).needs_help
