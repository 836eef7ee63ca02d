"""Vault commands: init, status, passwd, recover."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from anchored.cli.common import (
    NEW_PASSPHRASE_SOURCE,
    current_passphrase,
    forget,
    has_terminal,
    load_settings,
    new_passphrase,
    open_vault,
    vault_at,
)
from anchored.core.errors import AnchoredError, DatabaseDamaged, UsageError, VaultExists
from anchored.core.owner import PERSONAL_OWNER

if TYPE_CHECKING:
    from anchored.services.vault import IntegrityReport

NEW_PASSPHRASE_FILE = typer.Option(
    None,
    "--new-passphrase-file",
    help="For scripts: read the new passphrase from this file instead of asking.",
    show_default=False,
)

ALLOW_WEAK = typer.Option(
    False,
    "--allow-weak",
    help="Accept a passphrase that would be quick to guess without asking (for scripts).",
)


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(status)
    app.command()(passwd)
    app.command()(recover)


def init(
    force: bool = typer.Option(
        False, "--force", help="Erase an existing vault and start again (asks first)."
    ),
    yes: bool = typer.Option(False, "--yes", help="With --force: skip the question (for scripts)."),
    allow_weak: bool = ALLOW_WEAK,
) -> None:
    """Create your encrypted vault and show its recovery key once."""
    settings = load_settings()
    vault = vault_at(settings)
    erase = vault.exists()
    if erase:
        if not force:
            raise VaultExists(
                f"A vault already exists in {settings.data_dir}. Nothing was changed. "
                "To erase it and start again, use: anchored init --force"
            )
        if not yes:
            if not has_terminal():
                raise AnchoredError(
                    "Refusing to erase the vault without confirmation. "
                    "Run in a terminal, or add --yes."
                )
            answer = typer.prompt(
                f"This erases everything in the vault at {settings.data_dir}. "
                "It cannot be undone. Type ERASE to continue",
                default="",
                show_default=False,
            )
            if answer.strip() != "ERASE":
                raise AnchoredError("Nothing was erased.")
    if settings.argon2_profile == "fast":
        typer.secho(
            "Note: ANCHORED_ARGON2_PROFILE=fast is for tests only; it makes the passphrase "
            "far easier to guess.",
            fg="yellow",
            err=True,
        )
    # The new passphrase first: a passphrase that cannot be used must not cost the old vault.
    passphrase = new_passphrase(settings.scripted_passphrase(), allow_weak=allow_weak)
    try:
        if erase:
            vault.destroy()
            typer.echo("The old vault was erased.")
        opened, recovery_key = vault.create(passphrase, settings.argon2_profile)
    finally:
        forget(passphrase)
    opened.lock()
    typer.echo(f"\nYour vault is ready in {settings.data_dir}.\n")
    typer.echo("Your recovery key (shown only this once):\n")
    typer.secho(f"    {recovery_key}\n", bold=True)
    typer.echo(
        "Write it on paper or keep it in a password manager, away from this computer.\n"
        "If you forget your passphrase, it is the only way back in: anchored recover"
    )


def status(
    unlock: bool = typer.Option(
        False, "--unlock", help="Also unlock and count your records (asks for the passphrase)."
    ),
    check: bool = typer.Option(
        False,
        "--check",
        help="Also unlock and check every page of the vault for damage (asks for the passphrase).",
    ),
) -> None:
    """Where your vault is, whether it exists, its schema version and (unlocked) record counts."""
    from anchored.services import vault as vault_service

    settings = load_settings()
    vault = vault_at(settings)
    typer.echo(f"Vault folder:   {settings.data_dir}")
    if not vault.exists():
        typer.echo("Vault:          none yet. Create one with: anchored init")
        return
    header = vault.read_header()
    typer.echo("Vault:          exists, encrypted (SQLCipher, AES-256)")
    typer.echo(f"Created:        {header.created_at}")
    typer.echo(
        f"Schema version: {header.schema_revision or 'unknown'} "
        f"(this Anchored expects {vault_service.expected_schema()})"
    )
    vault.check_files()  # a missing or empty database is damage, with or without the key
    scripted = settings.passphrase is not None or settings.passphrase_file is not None
    if not (unlock or check or scripted):
        typer.echo("Records:        run 'anchored status --unlock' to count them")
        typer.echo("Damage check:   run 'anchored status --check' to read every page")
        return
    with open_vault(settings) as opened:
        typer.echo(f"Schema version: {vault_service.current_schema(opened)} (after unlock)")
        if check:
            typer.echo("Checking every page of your vault…")
            report = opened.check_integrity()
        else:
            counts = vault_service.record_counts(opened, PERSONAL_OWNER)
    if check:
        _report_integrity(report, settings.data_dir)
        return
    for label, count in counts.items():
        typer.echo(f"  {label}: {count}")


def _report_integrity(report: IntegrityReport, data_dir: Path) -> None:
    if report.intact:
        typer.echo(
            f"Encryption:     every page is intact ({report.pages} pages, each one's "
            "authentication code matches)."
        )
        typer.echo("Structure:      sound (SQLite's own integrity check found no problem).")
        return
    if report.cipher_failures:
        typer.echo(
            f"Encryption:     {report.cipher_failures} of {report.pages} pages failed their "
            "check: they were changed outside Anchored, or the disk lost them."
        )
    if report.structure_problems:
        typer.echo("Structure:      damaged (SQLite's own integrity check found problems).")
    raise DatabaseDamaged(
        "Your vault is damaged: part of it can no longer be read. Put a backup back with: "
        f"anchored restore FILE (it replaces the vault in {data_dir} only once the backup is "
        "checked). Your recovery key cannot repair a damaged file. Nothing was changed."
    )


def passwd(
    new_passphrase_file: Path | None = NEW_PASSPHRASE_FILE, allow_weak: bool = ALLOW_WEAK
) -> None:
    """Change your passphrase. Your data stays as it is; only its key is re-wrapped."""
    from anchored.settings import read_passphrase_file

    settings = load_settings()
    vault = vault_at(settings)
    vault.check_files()
    scripted = (
        read_passphrase_file(new_passphrase_file, "--new-passphrase-file")
        if new_passphrase_file
        else None
    )
    current = None
    try:
        current = current_passphrase(settings)
        new = new_passphrase(scripted, NEW_PASSPHRASE_SOURCE, allow_weak=allow_weak)
        try:
            vault.change_passphrase(current, new, settings.argon2_profile)
        finally:
            forget(new)
    finally:
        forget(current)
        forget(scripted)
    typer.echo("Your passphrase was changed. Your recovery key still works.")


def recover(
    new_passphrase_file: Path | None = NEW_PASSPHRASE_FILE, allow_weak: bool = ALLOW_WEAK
) -> None:
    """Use your recovery key to set a new passphrase."""
    from anchored.settings import read_passphrase_file

    settings = load_settings()
    vault = vault_at(settings)
    vault.check_files()
    scripted = (
        read_passphrase_file(new_passphrase_file, "--new-passphrase-file")
        if new_passphrase_file
        else None
    )
    try:
        recovery_key = _recovery_key()
        # Check the key before asking for a new passphrase, so a typo is caught early.
        vault.unlock_with_recovery(recovery_key).lock()
        new = new_passphrase(scripted, NEW_PASSPHRASE_SOURCE, allow_weak=allow_weak)
        try:
            vault.recover(recovery_key, new, settings.argon2_profile)
        finally:
            forget(new)
    finally:
        forget(scripted)
    typer.echo("A new passphrase is set. Your recovery key stays the same; keep it safe.")


def _recovery_key() -> str:
    """Typed in a terminal, or one line of standard input (for scripts)."""
    prompt = "Recovery key (groups of four, dashes optional)"
    if sys.stdin.isatty():
        return str(typer.prompt(prompt))
    typer.echo(f"{prompt}: ", nl=False)
    line = sys.stdin.readline()
    typer.echo()
    if not line.strip():
        raise UsageError(
            "No recovery key was given. Run 'anchored recover' in a terminal and type it when "
            "asked, or (for scripts) give it as one line on standard input and the new "
            "passphrase with --new-passphrase-file FILE."
        )
    return line.strip()
