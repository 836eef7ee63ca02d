"""`anchored backup` (a file now, an automatic one, where automatic ones go) and
`anchored restore FILE`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from anchored.cli.common import (
    ask_secret,
    forget,
    has_terminal,
    load_settings,
    now,
    open_vault,
    vault_at,
)
from anchored.core.errors import AnchoredError, InvalidInput, UsageError
from anchored.features.backup import service
from anchored.features.backup.rules import size_text

OUT = typer.Option(None, "--out", help="Write a backup to this file.", dir_okay=False)
ROLLING = typer.Option(
    False, "--rolling", help="Make an automatic backup now, in the folder chosen for them."
)
FOLDER = typer.Option(
    None,
    "--folder",
    help="Turn automatic backups on, into this folder (it must exist).",
    file_okay=False,
)
KEEP = typer.Option(None, "--keep", help="With --folder: how many automatic backups to keep.")
OFF = typer.Option(False, "--off", help="Turn automatic backups off (those made stay).")


def backup(
    out: Path | None = OUT,
    rolling: bool = ROLLING,
    folder: Path | None = FOLDER,
    keep: int | None = KEEP,
    off: bool = OFF,
) -> None:
    """Write an encrypted backup of your vault: one file that opens with your passphrase (as
    it is today) or your recovery key. Works while Anchored is open in your browser."""
    settings = load_settings()
    data_dir = settings.data_dir
    if off and folder is not None:
        raise UsageError("Use --folder or --off, not both. Nothing was changed.")
    if keep is not None and folder is None:
        raise UsageError("--keep goes with --folder DIR. Nothing was changed.")
    if off:
        service.turn_off_auto(data_dir)
        typer.echo("Automatic backups are off. The ones already made stay where they are.")
    if folder is not None:
        try:
            chosen = service.save_auto_settings(
                data_dir, str(folder), str(keep) if keep is not None else ""
            )
        except InvalidInput as exc:
            raise UsageError(" ".join(exc.errors.values()) + " Nothing was changed.") from None
        typer.echo(
            f"Automatic backups are on: at most one a day, when you unlock Anchored in your "
            f"browser (or with 'anchored backup --rolling'), into {chosen.folder}, keeping "
            f"the newest {chosen.keep}."
        )
    if out is None and not rolling:
        if off or folder is not None:
            return
        raise UsageError(
            "Say where the backup goes: anchored backup --out FILE, or --rolling for an "
            "automatic one (see anchored backup --help)."
        )
    vault_at(settings).check_files()
    with open_vault(settings) as opened:
        if out is not None:
            written = service.make_backup(opened, out, now=now())
            typer.echo(f"Backup written to {written.path} ({size_text(written.size)}).")
        if rolling:
            written = service.rolling_backup(opened, now=now())
            typer.echo(f"Automatic backup written to {written.path} ({size_text(written.size)}).")
    typer.echo(
        "It is encrypted: it opens with your passphrase as it is today, or your recovery key."
    )


FILE = typer.Argument(..., help="The backup file.", dir_okay=False)
WITH_RECOVERY_KEY = typer.Option(
    False,
    "--recovery-key",
    help="Open the backup with your recovery key (asked for, or one line of standard input).",
)
YES = typer.Option(False, "--yes", help="Replace the current vault without asking (for scripts).")


def restore(file: Path = FILE, recovery_key: bool = WITH_RECOVERY_KEY, yes: bool = YES) -> None:
    """Put a backup back: into an empty data folder, or in place of your vault after you type
    RESTORE. The browser app must be locked or stopped first."""
    settings = load_settings()
    vault = vault_at(settings)
    backup = service.read_backup(file)  # a damaged or foreign file is refused here
    made = backup.created_at.astimezone().strftime("%a %-d %b %Y, %H:%M")
    typer.echo(f"This is a backup made on {made}.")
    if vault.exists():
        typer.echo(
            f"It will replace your vault in {settings.data_dir}: anything you wrote after "
            f"{made} will be gone. Your current vault is kept until the restored one opens."
        )
        if not yes:
            if not has_terminal():
                raise AnchoredError(
                    "Refusing to replace your vault without confirmation. Run this in a "
                    "terminal, or add --yes. Nothing was changed."
                )
            answer = typer.prompt("Type RESTORE to continue", default="", show_default=False)
            if answer.strip() != "RESTORE":
                raise AnchoredError("Nothing was restored. Your vault is as it was.")
    typer.echo(
        "Restoring needs the vault to itself: if Anchored is open in your browser, press "
        "Lock there first (or stop it)."
    )
    if recovery_key:
        key = _recovery_key()
        service.restore(vault, backup, recovery_key=key)
    else:
        scripted = settings.scripted_passphrase()
        passphrase = (
            scripted
            if scripted is not None
            else ask_secret("Passphrase you had when the backup was made")
        )
        try:
            service.restore(vault, backup, passphrase=passphrase)
        finally:
            forget(passphrase)
    typer.echo(
        f"Restored. Your vault is as it was on {made}. Unlock it with the passphrase you had "
        "then, or with your recovery key."
    )


def _recovery_key() -> str:
    """Typed in a terminal, or one line of standard input (for scripts)."""
    prompt = "Recovery key (groups of four, dashes optional)"
    if sys.stdin.isatty():
        return str(typer.prompt(prompt))
    line = sys.stdin.readline()
    if not line.strip():
        raise UsageError(
            "No recovery key was given. Type it when asked, or give it as one line on "
            "standard input. Nothing was changed."
        )
    return line.strip()
