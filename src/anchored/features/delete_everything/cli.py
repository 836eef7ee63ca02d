"""`anchored delete-everything`: the vault, its keys, preferences and automatic backups."""

from __future__ import annotations

import typer

from anchored.cli.common import has_terminal, load_settings, vault_at
from anchored.core.errors import AnchoredError
from anchored.features.delete_everything import service

YES = typer.Option(False, "--yes", help="Delete without asking (for scripts).")


def delete_everything(ctx: typer.Context, yes: bool = YES) -> None:
    """Delete your vault, its keys, your preferences and the automatic backups Anchored made,
    after you type DELETE. Backups and exports you saved yourself are not touched."""
    registry = ctx.find_root().obj
    settings = load_settings()
    found = service.plan(settings.data_dir, registry)
    if not (found.vault or found.preferences or found.app_made):
        typer.echo(f"There is nothing of Anchored's to delete in {settings.data_dir}.")
        return
    typer.echo("This deletes, for good:")
    if found.vault:
        typer.echo(f"  - your vault in {settings.data_dir}: everything you wrote, and its keys")
    if found.preferences:
        typer.echo("  - your preferences (the country for help lines, the backup folder)")
    for folder, count in found.by_folder:
        several = "s" if count != 1 else ""
        typer.echo(f"  - {count} automatic backup{several} Anchored made in {folder}")
    typer.echo(
        "It does not delete backups you downloaded or wrote with --out, exports, or copies "
        "a cloud service keeps of deleted files (look in its bin or version history)."
    )
    if not yes:
        if not has_terminal():
            raise AnchoredError(
                "Refusing to delete without confirmation. Run this in a terminal, or add "
                "--yes. Nothing was deleted."
            )
        answer = typer.prompt("Type DELETE to continue", default="", show_default=False)
        if answer.strip() != "DELETE":
            raise AnchoredError("Nothing was deleted.")
    done = service.delete_everything(vault_at(settings), registry)
    for path in done.not_removed:
        typer.secho(f"Could not delete {path}: delete it yourself.", fg="yellow", err=True)
    typer.echo(
        "Everything is deleted. Anchored starts from the beginning next time "
        "(anchored init, or anchored to set it up in your browser)."
    )
