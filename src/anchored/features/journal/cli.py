"""`anchored journal`: write (freely or answering a guided prompt), list, and browse prompts."""

from __future__ import annotations

import sys
import textwrap

import typer

from anchored.cli.common import load_settings, now, open_vault, passphrase_that_opens
from anchored.cli.support import print_help_card
from anchored.cli.writing import kept_if_not_saved, writing_from
from anchored.content.programme import load_programme
from anchored.core.errors import AnchoredError, InvalidInput
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.journal import service as journal
from anchored.features.journal.prompts import STEPS, Prompt, load_prompts

app = typer.Typer(help="Write and read journal entries.", no_args_is_help=True)


ADD_HELP = """Add a journal entry.

With no TEXT, your editor opens ($VISUAL or $EDITOR) to write it, or, from a pipe, the entry
is read from standard input. That is the safer way: words typed after the command can be seen
by other people on this computer while it runs (for example with `ps`) and stay in your
shell's history. Your editor works on a file kept in memory, in a folder only you can open,
overwritten and removed when you close it (some editors keep their own backups; to leave no
trace at all, pipe the entry in). Without an editor, or where nothing can be kept in memory,
you type the entry here and end it with Ctrl+D.

If the entry cannot be saved, nothing is lost: Anchored says where your words still are, or
shows them again to copy.
"""


@app.command("add", help=ADD_HELP)
def add(
    text: str | None = typer.Argument(
        None,
        help="What to write (- reads standard input). Leave it out to use your editor.",
        show_default=False,
    ),
    title: str | None = typer.Option(None, "--title", help="An optional title."),
    prompt_id: str | None = typer.Option(
        None,
        "--prompt",
        metavar="ID",
        help="The guided prompt this answers (see `anchored journal prompts`).",
    ),
) -> None:
    prompt = _known_prompt(prompt_id) if prompt_id is not None else None
    if prompt is not None and title is None:
        title = prompt.title  # as the browser form suggests; --title "" leaves it out
    settings = load_settings()
    passphrase = None
    if text in {None, "-"} and sys.stdin.isatty():  # written here, at length
        passphrase = passphrase_that_opens(settings)  # before the writing, not after it
        if prompt is not None:
            typer.secho(f"{prompt.title} (step {prompt.step})", bold=True)
            typer.echo(textwrap.fill(prompt.text, width=88))
    writing = writing_from(text, what="your entry")
    with (
        kept_if_not_saved(writing),
        open_vault(settings, passphrase) as opened,
        opened.session() as session,
    ):
        try:
            done = journal.add_entry(
                session,
                PERSONAL_OWNER,
                writing.text,
                title,
                now=now(),
                prompt_id=prompt.id if prompt else None,
            )
        except InvalidInput as exc:
            raise AnchoredError(" ".join(exc.errors.values())) from None
        entry = journal.get_entry(session, PERSONAL_OWNER, done.id)
        when = entry.created_at.astimezone().strftime("%a %d %b %Y, %H:%M")
    answering = f", answering “{prompt.title}” (step {prompt.step})" if prompt else ""
    typer.echo(f"Saved ({when}){answering}.")
    if done.needs_help:
        print_help_card(settings)


@app.command("list")
def list_(
    limit: int = typer.Option(20, "--limit", min=1, max=10_000, help="How many to show."),
) -> None:
    """Show your latest journal entries, newest first."""
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        entries = journal.list_entries(session, PERSONAL_OWNER, limit=limit)
        if not entries:
            typer.echo("No entries yet. Write one with: anchored journal add")
            return
        for entry in entries:
            when = entry.created_at.astimezone().strftime("%a %d %b %Y, %H:%M")
            heading = f"{when} — {entry.title}" if entry.title else when
            typer.secho(heading, bold=True)
            prompt = load_prompts().get(entry.prompt_id) if entry.prompt_id else None
            if prompt is not None:
                typer.echo(f"(Prompt: {prompt.title}, step {prompt.step})")
            typer.echo(entry.body)
            typer.echo()


@app.command("prompts")
def prompts(
    step: int | None = typer.Option(
        None,
        "--step",
        min=STEPS.start,
        max=STEPS.stop - 1,
        help="Only the prompts for this programme step (1-13).",
    ),
) -> None:
    """List the guided prompts by programme step, with the id to use with `add --prompt`."""
    found = load_prompts()
    for number in [step] if step is not None else found.steps:
        chosen = load_programme().step(number)
        typer.secho(f"Step {number}: {chosen.title}" if chosen else f"Step {number}", bold=True)
        for prompt in found.for_step(number):
            typer.echo(f"  {prompt.id} — {prompt.title}")
            typer.echo(
                textwrap.fill(
                    prompt.text, width=88, initial_indent=" " * 4, subsequent_indent=" " * 4
                )
            )
        typer.echo()
    typer.echo("Write about one with: anchored journal add --prompt ID")


def _known_prompt(prompt_id: str) -> Prompt:
    prompt = load_prompts().get(prompt_id.strip())
    if prompt is None:
        raise AnchoredError(
            "There is no guided prompt with that id. Nothing was saved. "
            "See the ids with: anchored journal prompts"
        )
    return prompt
