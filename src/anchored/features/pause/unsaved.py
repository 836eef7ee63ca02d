"""A pause without an open vault (locked, before setup, or in a browser without the session).

It stores nothing, anywhere: not in the vault, not in the server's memory beyond the request.
Everything it holds travels in the page: the timer's start and end (see ``rules.carried_times``)
and what the person wrote, sent back by every button and rendered again into the same page
(autoescaped; nothing else sees it). At its end, unlocking hands all of it to
``service.keep_unsaved`` through the unlock page's resume path; or the person lets it go.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from anchored.core.limits import check_length
from anchored.features.pause import rules
from anchored.services.support import calls_for_help

# Each box, its limit and how its too-long message names it.
TEXTS = {
    "what_happened": (rules.WHAT_HAPPENED_MAX, "What happened"),
    "held_message": (rules.MESSAGE_MAX, "The message"),
    "final_message": (rules.MESSAGE_MAX, "The message"),
    "note": (rules.NOTE_MAX, "A note"),
}
THOUGHT_FIELD = "thought-"
KIND_FIELD = "kind-"


@dataclass(frozen=True, slots=True)
class UnsavedPause:
    """What one page of a pause that keeps nothing sent back, as typed."""

    started: datetime
    ends: datetime
    what_happened: str = ""
    urge_before: str = ""
    held_message: str = ""
    statements: str = ""
    thoughts: tuple[tuple[str, rules.Kind], ...] = ()  # each line, with its answer if sorted
    urge_after: str = ""
    decision: str = ""
    final_message: str | None = None  # None until the end screen has shown it
    note: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    def remaining(self, now: datetime) -> int:
        return rules.remaining_seconds(self.ends, now)

    @property
    def planned_minutes(self) -> int:
        return rules.planned_minutes(self.started, self.ends)

    def texts(self) -> tuple[str, ...]:
        """Everything written, for the crisis check."""
        lines = tuple(text for text, _kind in self.thoughts)
        return (self.what_happened, self.held_message, self.final_message or "", self.note, *lines)

    def needs_help(self) -> bool:
        """Whether what was written calls for the help card (nothing is recorded)."""
        return calls_for_help(*self.texts())

    def carried(self, *shown: str) -> Iterator[tuple[str, str]]:
        """(name, value) of every field this page must carry that it does not show."""
        values = {
            "started": rules.carried_text(self.started),
            "ends": rules.carried_text(self.ends),
            "what_happened": self.what_happened,
            "urge_before": self.urge_before,
            "held_message": self.held_message,
            "statements": self.statements,
            "urge_after": self.urge_after,
            "decision": self.decision,
            "final_message": self.final_message,
            "note": self.note,
        }
        for name, value in values.items():
            if name not in shown and value:
                yield name, value
        for number, (text, kind) in enumerate(self.thoughts, start=1):
            yield f"{THOUGHT_FIELD}{number}", text
            if kind and "kinds" not in shown:
                yield f"{KIND_FIELD}{number}", kind


def read_unsaved(fields: Iterable[tuple[str, str]], now: datetime) -> UnsavedPause:
    """The pause a page sent back, with a plain message for each problem (``errors``).

    Nothing is refused outright: a problem is shown beside the text, which is given back.
    """
    form: dict[str, str] = {}
    thoughts: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for name, value in fields:
        if name.startswith(THOUGHT_FIELD):
            thoughts[name.removeprefix(THOUGHT_FIELD)] = value
        elif name.startswith(KIND_FIELD):
            kinds[name.removeprefix(KIND_FIELD)] = value
        else:
            form.setdefault(name, value)
    started, ends = rules.carried_times(form.get("started"), form.get("ends"), now)
    errors: dict[str, str] = {}
    for key, (limit, what) in TEXTS.items():
        check_length(errors, key, form.get(key, "").strip(), limit, what)
    for key in ("urge_before", "urge_after"):
        try:
            rules.parse_urge(form.get(key))
        except ValueError as exc:
            errors[key] = str(exc)
    try:
        rules.check_decision(form.get("decision"))
    except ValueError as exc:
        errors["decision"] = str(exc)
    statements = form.get("statements", "")
    lines = rules.split_statements(statements)
    if problem := rules.check_statements(lines):
        errors["statements"] = problem
    try:
        answers = rules.kinds_by_text(
            (text, kinds[number]) for number, text in thoughts.items() if number in kinds
        )
    except ValueError as exc:
        errors["statements"] = str(exc)
        answers = {}
    return UnsavedPause(
        started=started,
        ends=ends,
        what_happened=form.get("what_happened", ""),
        urge_before=form.get("urge_before", ""),
        held_message=form.get("held_message", ""),
        statements=statements,
        # Too many lines are refused above; only as many as may be sorted come back as thoughts.
        thoughts=tuple(rules.sorted_lines(lines[: rules.STATEMENTS_MAX], answers)),
        urge_after=form.get("urge_after", ""),
        decision=form.get("decision", ""),
        final_message=form.get("final_message"),
        note=form.get("note", ""),
        errors=errors,
    )


def set_minutes(pause: UnsavedPause, minutes: int) -> UnsavedPause:
    """The timer ``minutes`` long from the start; ValueError (a plain message) if that is not
    one of the choices."""
    rules.check_minutes(minutes)
    return replace(pause, ends=pause.started + timedelta(minutes=minutes))


def extend(pause: UnsavedPause, minutes: int, now: datetime) -> UnsavedPause:
    """A few more minutes (from now, if the timer ran out); ValueError past the longest pause."""
    new_end = rules.extended_end(pause.ends, now, minutes)
    if rules.planned_minutes(pause.started, new_end) > rules.MAX_MINUTES:
        raise ValueError(rules.LONGEST_MESSAGE)
    return replace(pause, ends=new_end)


def end_now(pause: UnsavedPause, now: datetime) -> UnsavedPause:
    return replace(pause, ends=min(pause.ends, now))


def fields_of(items: Sequence[tuple[str, object]]) -> list[tuple[str, str]]:
    """A form's text fields (files and the like are not part of a pause)."""
    return [(name, value) for name, value in items if isinstance(value, str)]
