"""Scripts: build one from a few answers (a need, a boundary, a repair), read, edit, delete,
and rehearse it (each rehearsal keeps how it felt, 0 to 10).

Every save runs the crisis check on the answers and keeps the script in the search index in
the same transaction. The words to say are put together from the answers (``rules.compose``)
each time the script is saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from anchored.core.errors import InvalidInput
from anchored.core.limits import check_length
from anchored.core.owner import Owner
from anchored.features.scripts import SEARCH, rules
from anchored.features.scripts.models import Rehearsal, Script
from anchored.manifest import StepItem
from anchored.services.owned import get_owned
from anchored.services.search_results import Shown, first_words
from anchored.services.support import Saved, saved
from anchored.storage.search import index_document, remove_document

__all__ = ["Rehearsal", "Saved", "Script", "ScriptAnswers"]

SOURCE = "scripts"  # names the tool in the private record of when the help card appeared
ANSWER_MAX = 2_000
TITLE_MAX = 200
FELT = range(0, 11)


@dataclass(frozen=True, slots=True)
class ScriptAnswers:
    kind: str
    situation: str = ""
    feeling: str = ""
    need: str = ""
    request: str = ""
    title: str = ""

    def answers(self) -> dict[str, str]:
        return dict(zip(rules.FIELDS, self.texts(), strict=True))

    def texts(self) -> tuple[str, str, str, str]:
        return (self.situation, self.feeling, self.need, self.request)


def _clean(answers: ScriptAnswers) -> tuple[rules.Kind, dict[str, str], str | None]:
    errors: dict[str, str] = {}
    kind = answers.kind.strip()
    if not rules.is_kind(kind):
        raise InvalidInput({"kind": "Choose a need, a boundary or a repair."})
    info = rules.KIND_INFO[kind]  # type: ignore[index]
    asked = {question.field: question for question in info.questions}
    cleaned = {}
    for field, value in answers.answers().items():
        value = value.strip() if field in asked else ""
        question = asked.get(field)
        if question is not None and question.required and not value:
            errors[field] = "Write a few words here; the other boxes can help you shape it."
        check_length(errors, field, value, ANSWER_MAX, "This box")
        cleaned[field] = value
    title = answers.title.strip() or None
    if title is not None:
        check_length(errors, "title", title, TITLE_MAX, "A name")
    if errors:
        raise InvalidInput(errors)
    return kind, cleaned, title  # type: ignore[return-value]


def _index(session: Session, script: Script) -> None:
    texts = (script.situation, script.feeling, script.need, script.request)
    body = "\n".join(text for text in texts if text)
    index_document(session, script.owner_id, SEARCH.code, script.id, script.title or "", body)


def _saved(session: Session, owner: Owner, script: Script) -> Saved:
    texts = (script.title, script.situation, script.feeling, script.need, script.request)
    return saved(session, owner, SOURCE, script.id, *texts)


def add_script(session: Session, owner: Owner, answers: ScriptAnswers, *, now: datetime) -> Saved:
    """Save a new script: the answers, and the words put together from them."""
    kind, cleaned, title = _clean(answers)
    script = Script(
        owner_id=owner.id,
        created_at=now,
        updated_at=now,
        kind=kind,
        title=title,
        wording=rules.compose(kind, cleaned),
        **cleaned,
    )
    session.add(script)
    session.flush()
    _index(session, script)
    return _saved(session, owner, script)


def update_script(
    session: Session, owner: Owner, script_id: int, answers: ScriptAnswers, *, now: datetime
) -> Saved:
    """Change a script's answers and name (its kind stays); the words are put together again."""
    script = get_script(session, owner, script_id)
    kind, cleaned, title = _clean(ScriptAnswers(script.kind, *answers.texts(), answers.title))
    for field, value in cleaned.items():
        setattr(script, field, value)
    script.title = title
    script.wording = rules.compose(kind, cleaned)
    script.updated_at = now
    session.flush()
    _index(session, script)
    return _saved(session, owner, script)


def delete_script(session: Session, owner: Owner, script_id: int) -> None:
    """Delete a script, its rehearsals and its searchable text."""
    session.delete(get_script(session, owner, script_id))
    remove_document(session, SEARCH.code, script_id)
    session.flush()


def get_script(session: Session, owner: Owner, script_id: int) -> Script:
    """One script; :class:`NotFound` if it is missing or someone else's."""
    return get_owned(session, Script, owner, script_id)


def list_scripts(
    session: Session, owner: Owner, *, limit: int = 50, offset: int = 0
) -> Sequence[Script]:
    """The owner's scripts, newest first."""
    query = (
        select(Script)
        .where(Script.owner_id == owner.id)
        .order_by(Script.created_at.desc(), Script.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return session.scalars(query).all()


def count_scripts(session: Session, owner: Owner) -> int:
    query = select(func.count()).select_from(Script).where(Script.owner_id == owner.id)
    return session.scalar(query) or 0


def checks(script: Script) -> tuple[rules.Suggestion, ...]:
    """The gentle checks on a saved script's answers."""
    kind = script.kind if rules.is_kind(script.kind) else "need"
    answers = ScriptAnswers(kind, script.situation, script.feeling, script.need, script.request)
    return rules.gentle_checks(kind, answers.answers())  # type: ignore[arg-type]


def heading(script: Script) -> str:
    """What a list shows for a script: its name, else the start of its words."""
    return script.title or first_words(script.wording or script.situation)


# -- rehearsals ---------------------------------------------------------------------------------


def add_rehearsal(
    session: Session, owner: Owner, script_id: int, felt: int | str, *, now: datetime
) -> int:
    """Note one rehearsal of the owner's script and how it felt (0 to 10)."""
    script = get_script(session, owner, script_id)
    text = str(felt).strip()
    if not (text.isascii() and text.isdigit() and int(text) in FELT):
        raise InvalidInput({"felt": "Choose how it felt, from 0 to 10."})
    rehearsal = Rehearsal(owner_id=owner.id, script_id=script.id, rehearsed_at=now, felt=int(text))
    session.add(rehearsal)
    session.flush()
    return rehearsal.id


def rehearsals(session: Session, owner: Owner, script_id: int) -> Sequence[Rehearsal]:
    """A script's rehearsals, oldest first: the numbers a chart of how it felt would need
    (when, and 0 to 10)."""
    query = (
        select(Rehearsal)
        .where(Rehearsal.owner_id == owner.id, Rehearsal.script_id == script_id)
        .order_by(Rehearsal.rehearsed_at, Rehearsal.id)
    )
    return session.scalars(query).all()


# -- what other parts of the app show (named in the manifest) --------------------------------


def step_items(session: Session, owner: Owner, step: int) -> list[StepItem]:
    """Scripts written for step ``step``: needs and repairs for step 5, boundaries for 8."""
    kinds = [kind for kind, info in rules.KIND_INFO.items() if info.step == step]
    if not kinds:
        return []
    query = (
        select(Script)
        .where(Script.owner_id == owner.id, Script.kind.in_(kinds))
        .order_by(Script.created_at.desc(), Script.id.desc())
    )
    return [
        StepItem(
            title=heading(script),
            path=f"/scripts/{script.id}",
            created_at=script.created_at,
            detail=rules.KIND_INFO[script.kind].name,  # type: ignore[index]
        )
        for script in session.scalars(query)
    ]


def search_results(session: Session, owner: Owner, ids: Iterable[int]) -> dict[int, Shown]:
    """How search shows a script: its name, else the start of its words."""
    query = select(Script).where(Script.owner_id == owner.id, Script.id.in_(list(ids)))
    return {
        script.id: Shown(script.created_at, heading(script), f"/scripts/{script.id}")
        for script in session.scalars(query)
    }


def free_text(
    session: Session, owner: Owner, text: str, now: datetime
) -> Iterator[tuple[str, bool]]:
    """Save ``text`` through each free-text field, as the crisis-check test asks of every
    feature: (table.column, whether the save asked for the help card). The words to say are
    put together from the answers, so they hold ``text`` whenever an answer does."""
    base = {"situation": "We missed a call.", "feeling": "uneasy", "request": "call me back"}
    for field in rules.FIELDS:
        done = add_script(session, owner, ScriptAnswers("need", **{**base, field: text}), now=now)
        yield f"scripts.{field}", done.needs_help
    done = add_script(session, owner, ScriptAnswers("need", **base, title=text), now=now)
    yield "scripts.title", done.needs_help
    wording = add_script(session, owner, ScriptAnswers("repair", text, "afraid"), now=now)
    yield "scripts.wording", wording.needs_help


def reindex(session: Session, owner: Owner) -> None:
    """Write the search text of ``owner``'s scripts again (after an import)."""
    rows = session.scalars(select(Script).where(Script.owner_id == owner.id)).all()
    for row in rows:
        _index(session, row)
