"""The session summary: a page the person makes to print or show a therapist, from what they
choose to include over a period they choose.

It reaches other features only through the manifest: their progress parts and insights (by
the feature's name) and their offers
(``self_checks.summary``, ``thought_record.pickable``, ``thought_record.summary``). Nothing is
sent anywhere: the page and the file are for the person to print or show.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from sqlalchemy.orm import Session

from anchored.core.owner import Owner
from anchored.core.weeks import Period, local_date, period_ending
from anchored.features.therapy import kept
from anchored.features.therapy import service as session_prep
from anchored.manifest import Feature, ProgressPart, Registry
from anchored.services.support import Saved
from anchored.web.charts import chart_view

WEEKS = (2, 4, 8, 12, 26, 52)
DEFAULT_WEEKS = 12
PAPERS = {"a4": "A4", "letter": "US Letter"}
DEFAULT_PAPER = "a4"
RECORDS_MAX = 50  # thought records written out in one summary


@dataclass(frozen=True, slots=True)
class Section:
    """Something the person may include: ``categories`` are the features (by name) whose
    progress parts and insights it shows."""

    key: str
    title: str
    label: str  # on the form
    intro: str
    categories: tuple[str, ...] = ()


SECTIONS = (
    Section(
        "self_checks",
        "Self-check results",
        "Self-check results, with how they changed",
        "Questionnaires I took, with the score ranges the questionnaire publishes. A change "
        "is called reliable only where the questionnaire gives a figure for it.",
        ("self_checks",),
    ),
    Section(
        "signs",
        "Signs of progress",
        "Signs of progress (my own ratings)",
        "How I rated six signs of healing, in my own view. Not a test.",
        ("progress",),
    ),
    Section(
        "triggers",
        "Trigger patterns",
        "Trigger patterns",
        "What set off the fear, from my trigger log.",
        ("trigger_log",),
    ),
    Section(
        "pauses",
        "Pauses",
        "Pauses before acting on an urge",
        "Times I paused before acting on the urge to send, check or ask.",
        ("pause",),
    ),
    Section(
        "thoughts",
        "Thought records",
        "Thought records I tick below",
        "Thought records I chose to share, as I wrote them.",
    ),
    Section(
        "prep",
        "Things I'd like to bring up",
        "My list of things to bring up",
        "From my list for the next session.",
    ),
)
SECTION_KEYS = tuple(section.key for section in SECTIONS)


@dataclass(frozen=True, slots=True)
class Choice:
    """What the person chose: the weeks up to now, the sections, the thought records ticked
    and the paper size."""

    weeks: int = DEFAULT_WEEKS
    include: tuple[str, ...] = SECTION_KEYS
    records: tuple[int, ...] = ()
    paper: str = DEFAULT_PAPER


def read_choice(weeks: str, include: Iterable[str], records: Iterable[str], paper: str) -> Choice:
    """A choice from a form or a command: anything not offered is left out (weeks and paper
    fall back to the default); the sections keep their own order."""
    chosen_weeks = int(weeks) if weeks.strip() in {str(w) for w in WEEKS} else DEFAULT_WEEKS
    wanted = set(include)
    ids = sorted({int(r) for r in records if r.strip().isascii() and r.strip().isdigit()})
    return Choice(
        weeks=chosen_weeks,
        include=tuple(key for key in SECTION_KEYS if key in wanted),
        records=tuple(i for i in ids if 0 < i < 2**63)[:RECORDS_MAX],
        paper=paper if paper in PAPERS else DEFAULT_PAPER,
    )


@dataclass(frozen=True, slots=True)
class Group:
    """A heading and its rows: (label, words); a row without a label is a plain line."""

    heading: str
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Shown:
    """One included section, ready to show."""

    section: Section
    parts: tuple[ProgressPart, ...] = ()
    quiet: tuple[str, ...] = ()  # titles of its charts with nothing in this period
    insights: tuple[str, ...] = ()
    groups: tuple[Group, ...] = ()
    note: str = ""  # said when the section has nothing to show


@dataclass(frozen=True, slots=True)
class Summary:
    choice: Choice
    period: Period
    made: datetime
    sections: tuple[Shown, ...] = field(default=())

    @property
    def last_day(self) -> date:
        """The period's last day so far (today, in the week still running)."""
        return min(self.period.last, local_date(self.made, self.period.zone))


def period_for(choice: Choice, now: datetime, zone: tzinfo | None = None) -> Period:
    return period_ending(now, choice.weeks, zone)


def category(feature: Feature) -> str:
    return feature.name


def pickable(
    registry: Registry,
    session: Session,
    owner: Owner,
    period: Period,
    zone: tzinfo | None = None,
) -> list[tuple[int, str]]:
    """The thought records of ``period`` the person may tick: (id, label), newest first."""
    offer = registry.offer("thought_record.pickable")
    if offer is None:
        return []
    found: list[tuple[int, str]] = offer(
        session, owner, since=period.since, until=period.until, zone=zone
    )
    return found


def _charts(
    registry: Registry,
    session: Session,
    owner: Owner,
    section: Section,
    *,
    period: Period,
    now: datetime,
    zone: tzinfo | None,
) -> tuple[list[ProgressPart], list[str]]:
    parts: list[ProgressPart] = []
    insights: list[str] = []
    for feature, hook in registry.progress_hooks("parts"):
        if category(feature) in section.categories:
            parts.extend(hook(session, owner, period=period, asked={}, now=now))
    for feature, hook in registry.progress_hooks("insights"):
        if category(feature) in section.categories:
            insights.extend(i.text for i in hook(session, owner, now=now, zone=zone))
    parts.sort(key=lambda part: part.order)
    return parts, insights


def _self_check_groups(
    registry: Registry, session: Session, owner: Owner, period: Period, zone: tzinfo | None
) -> list[Group]:
    offer = registry.offer("self_checks.summary")
    if offer is None:
        return []
    found: Sequence[tuple[str, Sequence[str]]] = offer(
        session, owner, since=period.since, until=period.until, zone=zone
    )
    return [Group(name, tuple(("", line) for line in lines)) for name, lines in found]


def _thought_groups(
    registry: Registry, session: Session, owner: Owner, ids: Sequence[int], zone: tzinfo | None
) -> list[Group]:
    offer = registry.offer("thought_record.summary")
    if offer is None or not ids:
        return []
    found: Sequence[tuple[str, Sequence[tuple[str, str]]]] = offer(session, owner, ids, zone=zone)
    return [Group(heading, tuple(rows)) for heading, rows in found]


def _prep_groups(session: Session, owner: Owner) -> list[Group]:
    items = session_prep.list_items(session, owner)
    if not items:
        return []
    return [Group("", tuple(("", item.text) for item in items))]


NOTHING = {
    "thoughts": "No thought records ticked. Tick the ones to share on the form.",
    "prep": "Nothing on the list yet.",
}


def build_summary(
    registry: Registry,
    session: Session,
    owner: Owner,
    choice: Choice,
    *,
    now: datetime,
    zone: tzinfo | None = None,
) -> Summary:
    """The summary of the person's own records for ``choice`` (the weeks up to ``now``)."""
    period = period_for(choice, now, zone)
    shown = []
    for section in SECTIONS:
        if section.key not in choice.include:
            continue
        parts, insights = _charts(
            registry, session, owner, section, period=period, now=now, zone=zone
        )
        groups: list[Group] = []
        if section.key == "self_checks":
            groups = _self_check_groups(registry, session, owner, period, zone)
        elif section.key == "thoughts":
            groups = _thought_groups(registry, session, owner, choice.records, zone)
        elif section.key == "prep":
            groups = _prep_groups(session, owner)
        with_data = tuple(p for p in parts if p.has_data)
        quiet = tuple(p.title for p in parts if not p.has_data)
        empty = not with_data and not groups and not insights
        note = NOTHING.get(section.key, "Nothing recorded in this period.") if empty else ""
        shown.append(
            Shown(
                section,
                parts=with_data,
                quiet=quiet if not empty else (),
                insights=tuple(insights),
                groups=tuple(groups),
                note=note,
            )
        )
    return Summary(choice, period, now, tuple(shown))


def query_of(choice: Choice) -> list[tuple[str, str]]:
    """The choice as query parameters (a link back to the same summary)."""
    return [
        ("weeks", str(choice.weeks)),
        *(("include", key) for key in choice.include),
        *(("record", str(i)) for i in choice.records),
        ("paper", choice.paper),
    ]


def sections_by_key() -> Mapping[str, Section]:
    return {section.key: section for section in SECTIONS}


# -- kept for a therapist (hosted mode) ------------------------------------------------------


def parts_of(summary: Summary) -> list[kept.Part]:
    """The summary's sections as words and numbers, in the order shown."""
    found = []
    for shown in summary.sections:
        tables = []
        for progress_part in shown.parts:
            view = chart_view(progress_part)
            unit = f" Numbers: {progress_part.unit}." if progress_part.unit else ""
            tables.append(
                kept.Numbers(
                    progress_part.title,
                    (progress_part.text + unit).strip(),
                    progress_part.x_label,
                    view.names,
                    view.rows,
                )
            )
        found.append(
            kept.Part(
                shown.section.title,
                shown.section.intro,
                shown.note,
                tuple(kept.Lines(g.heading, g.rows) for g in shown.groups),
                tuple(tables),
                shown.quiet,
                shown.insights,
            )
        )
    return found


def keep(session: Session, owner: Owner, summary: Summary, *, now: datetime) -> Saved:
    """Keep ``summary`` for the person's therapist, as it is shown."""
    return kept.keep_parts(
        session,
        owner,
        parts_of(summary),
        first_day=summary.period.first,
        last_day=summary.last_day,
        weeks=summary.choice.weeks,
        now=now,
    )
