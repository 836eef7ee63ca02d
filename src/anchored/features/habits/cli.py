"""`anchored habits`: list your habits, add one, and mark a day done (or take it back)."""

from __future__ import annotations

import json
import sys
from datetime import date

import typer

from anchored.cli.common import load_settings, now, open_vault, passphrase_that_opens
from anchored.cli.support import print_help_card
from anchored.cli.writing import kept_if_not_saved, writing_from
from anchored.core.errors import AnchoredError, InvalidInput, NotFound
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.habits import rules
from anchored.features.habits import service as habits
from anchored.features.habits.rules import Often, Summary

app = typer.Typer(help="Keep small habits: list, add, mark a day done.", no_args_is_help=True)

NO_SUCH_HABIT = (
    "There is no habit with that number. Nothing was changed. "
    "See your habits and their numbers with: anchored habits list"
)

ADD_HELP = """Add a habit.

Write it as lines: the first is the habit's name; a line starting "Why:" says why it matters
to you, and one starting "Smallest:" gives the smallest version (two minutes counts).
For example:

    A short walk after lunch
    Why: it helps the worry settle.
    Smallest: shoes on, once round the block.

With no TEXT, your editor opens ($VISUAL or $EDITOR) on a file kept in memory, or, from a
pipe, the habit is read from standard input. That is the safer way: words typed after the
command can be seen by other people on this computer while it runs and stay in your shell's
history. Without an editor you type it here and end it with Ctrl+D.
"""


def _often(text: str) -> Often:
    text = text.strip().casefold()
    try:
        if text in {"daily", "every-day", "everyday"}:
            return rules.often(rules.DAILY)
        if text in {"weekly", "once-a-week"}:
            return rules.often(rules.WEEKLY)
        if text.isascii() and text.isdigit() and len(text) == 1:
            return rules.often(rules.SOME_DAYS, int(text))
    except ValueError:
        pass
    raise AnchoredError(
        "--often takes daily, weekly, or a number of days a week from 2 to 6. Nothing was saved."
    )


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return rules.parse_day(text)
    except ValueError as exc:
        raise AnchoredError(f"--day: {exc} Nothing was changed.") from None


@app.command("add", help=ADD_HELP)
def add(
    text: str | None = typer.Argument(
        None,
        help="The habit (- reads standard input). Leave it out to use your editor.",
        show_default=False,
    ),
    often: str = typer.Option(
        "daily",
        "--often",
        metavar="HOW",
        help="daily, weekly, or how many days a week (2 to 6).",
    ),
) -> None:
    how = _often(often)  # before any writing: a wrong option never costs the words
    settings = load_settings()
    passphrase = None
    if text in {None, "-"} and sys.stdin.isatty():  # written here
        passphrase = passphrase_that_opens(settings)
        typer.echo('First line: the habit. Then, if you like, "Why: …" and "Smallest: …".')
    writing = writing_from(text, what="your habit")
    parsed = rules.parse_habit_text(writing.text)
    given = habits.HabitInput(parsed.name, parsed.why, parsed.smallest, how.kind, how.days_a_week)
    with (
        kept_if_not_saved(writing),
        open_vault(settings, passphrase) as opened,
        opened.session() as session,
    ):
        try:
            done = habits.add_habit(session, PERSONAL_OWNER, given, now=now())
        except InvalidInput as exc:
            raise AnchoredError(" ".join(exc.errors.values()) + " Nothing was saved.") from None
    typer.echo(f"Added habit {done.id}, {how.words()}.")
    typer.echo(f"Mark a day done with: anchored habits done {done.id}")
    if done.needs_help:
        print_help_card(settings)


def _week_words(summary: Summary) -> str:
    if summary.per_week == 1:
        return "done this week" if summary.this_week else "not yet this week"
    if summary.per_week == 7:
        return f"{summary.this_week} this week"
    return f"{summary.this_week} of {summary.per_week} this week"


def _run_words(summary: Summary) -> str:
    unit = "day" if summary.run_in_days else "week"
    n = summary.longest_run
    return f"longest run {n} {unit}{'' if n == 1 else 's'} in a row" if n else "no run yet"


@app.command("list")
def list_(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of plain lines."),
) -> None:
    """Show your habits with their numbers (days in your local time)."""
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        shown = habits.today(session, PERSONAL_OWNER, now=now())
    if as_json:
        rows = [
            {
                "id": row.habit.id,
                "name": row.habit.name,
                "often": row.often.kind,
                "days_a_week": row.often.per_week,
                "smallest": row.habit.smallest,
                "done_today": row.summary.today_done,
                "this_week": row.summary.this_week,
                "this_month": row.summary.this_month,
                "longest_run": row.summary.longest_run,
                "run_in": "days" if row.summary.run_in_days else "weeks",
            }
            for row in shown.rows
        ]
        typer.echo(json.dumps({"today": shown.day.isoformat(), "habits": rows}, indent=2))
        return
    if not shown.rows:
        typer.echo("No habits yet. Add one with: anchored habits add")
        return
    typer.echo(f"Today is {shown.day:%a %d %b %Y}.")
    for row in shown.rows:
        summary = row.summary
        today = "done today" if summary.today_done else "not yet today"
        typer.secho(f"{row.habit.id:>4}  {row.habit.name}", bold=True)
        typer.echo(
            f"      {row.often.words()}; {today}; {_week_words(summary)}; "
            f"{summary.this_month} this month; {_run_words(summary)}"
        )
        if row.habit.smallest:
            typer.echo(f"      smallest version: {row.habit.smallest}")


def _mark(habit_id: int, day_text: str | None, *, done: bool) -> None:
    settings = load_settings()
    asked = _day(day_text)
    moment = now()
    day = asked or rules.local_date(moment)
    with open_vault(settings) as opened, opened.session() as session:
        try:
            habits.mark_day(session, PERSONAL_OWNER, habit_id, day, done=done, now=moment)
        except NotFound:
            raise AnchoredError(NO_SUCH_HABIT) from None
        except InvalidInput as exc:
            raise AnchoredError(" ".join(exc.errors.values()) + " Nothing was changed.") from None
        name = habits.get_habit(session, PERSONAL_OWNER, habit_id).name
    when = "today" if asked is None else f"{day:%a %d %b %Y}"
    typer.echo(f"{'Done' if done else 'Not marked done'} {when}: {name}.")


HABIT_ID = typer.Argument(..., min=1, metavar="HABIT", help="The habit's number (see list).")
DAY = typer.Option(None, "--day", metavar="YYYY-MM-DD", help="An earlier day (default today).")


@app.command("done")
def done(habit_id: int = HABIT_ID, day: str | None = DAY) -> None:
    """Mark a habit done today, or on an earlier day with --day. Marking twice counts once."""
    _mark(habit_id, day, done=True)


@app.command("undo")
def undo(habit_id: int = HABIT_ID, day: str | None = DAY) -> None:
    """Take back a day marked done (today, or the day given with --day)."""
    _mark(habit_id, day, done=False)
