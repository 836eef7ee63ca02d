"""`anchored people`: add someone (or a group) to your support people, and list them."""

from __future__ import annotations

import json
import sys

import typer

from anchored.cli.common import load_settings, now, open_vault, passphrase_that_opens
from anchored.cli.support import print_help_card
from anchored.cli.writing import kept_if_not_saved, writing_from
from anchored.core.errors import AnchoredError, InvalidInput
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.people import rules
from anchored.features.people import service as people
from anchored.features.people.choices import load_people_content

app = typer.Typer(help="Your support people.", no_args_is_help=True)

ADD_HELP = (
    "Add someone you can lean on (or, with --group, a group).\n\n"
    "Their details come as a few lines, one per detail (only the name is needed):\n\n\b\n"
    f"{rules.CARD_FORMAT}\n\n"
    f'"Good for" takes any of: {", ".join(load_people_content().good_for_codes())}.\n\n'
    "With no TEXT, your editor opens ($VISUAL or $EDITOR) to write them, or, from a pipe, "
    "they are read from standard input. That keeps names and numbers off the command line, "
    "where other people on this computer could see them (for example with `ps`). Nothing is "
    "ever sent to them."
)


def _details(text: str, kind: str) -> people.Details:
    fields = rules.parse_card(text)
    codes = _codes(fields.get("good_for", ""))
    return people.Details(
        name=fields.get("name", ""),
        kind=kind,
        phone=fields.get("phone", ""),
        email=fields.get("email", ""),
        good_for=codes,
        note=fields.get("note", ""),
    )


def _codes(text: str) -> tuple[str, ...]:
    """Codes or labels ("listening", "Practical help"), comma-separated."""
    by_label = {g.label.lower(): g.code for g in load_people_content().good_for}
    words = (part.strip().lower() for part in text.split(","))
    return tuple(by_label.get(word, word) for word in words if word)


@app.command("add", help=ADD_HELP)
def add(
    text: str | None = typer.Argument(
        None,
        help="Their details (- reads standard input). Leave it out to use your editor.",
        show_default=False,
    ),
    group: bool = typer.Option(False, "--group", help="A group (peer support, a class, a club)."),
) -> None:
    settings = load_settings()
    passphrase = None
    if text in {None, "-"} and sys.stdin.isatty():
        passphrase = passphrase_that_opens(settings)
        typer.echo("One detail per line, for example:")
        typer.echo(rules.CARD_FORMAT)
    writing = writing_from(text, what="their details")
    with (
        kept_if_not_saved(writing),
        open_vault(settings, passphrase) as opened,
        opened.session() as session,
    ):
        try:
            details = _details(writing.text, "group" if group else "person")
            done = people.add_person(session, PERSONAL_OWNER, details, now=now())
        except InvalidInput as exc:
            raise AnchoredError(" ".join(exc.errors.values())) from None
        person = people.get_person(session, PERSONAL_OWNER, done.id)
        name = person.name
    typer.echo(f"Added {name} to your support people.")
    if done.needs_help:
        print_help_card(settings)


@app.command("list")
def list_(
    as_json: bool = typer.Option(False, "--json", help="Print JSON (for scripts)."),
) -> None:
    """Show your support people, in your order, with how to reach them."""
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        found = [
            (p.id, p.name, p.kind, p.phone, p.email, people.good_for_phrases(p), p.note)
            for p in people.list_people(session, PERSONAL_OWNER)
        ]
    if as_json:
        keys = ("id", "name", "kind", "phone", "email", "good_for", "note")
        rows = [dict(zip(keys, row, strict=True)) for row in found]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not found:
        typer.echo("No support people yet. Add someone with: anchored people add")
        return
    for number, (_id, name, kind, phone, email, good_for, note) in enumerate(found, start=1):
        group = " (a group)" if kind == "group" else ""
        typer.secho(f"{number}. {name}{group}", bold=True)
        for label, value in (("Phone", phone), ("Email", email)):
            if value:
                typer.echo(f"   {label}: {value}")
        if good_for:
            typer.echo(f"   Good for: {'; '.join(good_for)}")
        if note:
            typer.echo(f"   Note: {note}")
