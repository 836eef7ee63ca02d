"""`anchored self-compassion`: list your kind phrases and your self-compassion breaks."""

from __future__ import annotations

import json

import typer

from anchored.cli.common import load_settings, open_vault
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.self_compassion import service as compassion

app = typer.Typer(help="Your kind phrases and self-compassion breaks.", no_args_is_help=True)
JSON_HELP = "Print JSON instead of text."


@app.command("phrases")
def phrases(as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """List your kind phrases, in your order."""
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        found = [p.text for p in compassion.list_phrases(session, PERSONAL_OWNER)]
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    if not found:
        typer.echo("No kind phrases yet. Write them in the app, at /self-compassion/phrases.")
        return
    for number, text in enumerate(found, start=1):
        typer.echo(f"{number}. {text}")


@app.command("breaks")
def breaks(
    limit: int = typer.Option(20, "--limit", min=1, max=10_000, help="How many to show."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """List your self-compassion breaks, newest first, with how hard it felt before and after
    (0 calm, 10 as hard as it gets)."""
    settings = load_settings()
    with open_vault(settings) as opened, opened.session() as session:
        rows = [
            {
                "started_at": b.started_at.astimezone().isoformat(timespec="minutes"),
                "before": b.feeling_before,
                "after": b.feeling_after,
                "finished": b.finished_at is not None,
            }
            for b in compassion.list_breaks(session, PERSONAL_OWNER, limit=limit)
        ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo("No self-compassion breaks yet. Try one in the app, at /self-compassion/break.")
        return
    for row in rows:
        before = "not rated" if row["before"] is None else row["before"]
        after = "not rated" if row["after"] is None else row["after"]
        note = "" if row["finished"] else " (not finished)"
        typer.echo(f"{row['started_at']}  how hard it felt: {before} → {after}{note}")
