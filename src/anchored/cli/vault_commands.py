"""Vault commands: init, status, passwd, recover."""

from __future__ import annotations

import typer

from anchored.cli.common import (
    has_terminal,
    load_settings,
    new_passphrase,
    open_vault,
    read_file_secret,
)
from anchored.core.errors import AnchoredError, VaultExists
from anchored.core.owner import PERSONAL_OWNER

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
    from anchored.services.vault import Vault

    settings = load_settings()
    vault = Vault(settings.data_dir)
    if vault.exists():
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
        vault.destroy()
        typer.echo("The old vault was erased.")
    if settings.argon2_profile == "fast":
        typer.secho(
            "Note: ANCHORED_ARGON2_PROFILE=fast is for tests only; it makes the passphrase "
            "far easier to guess.",
            fg="yellow",
            err=True,
        )
    passphrase = new_passphrase(settings.scripted_passphrase(), allow_weak=allow_weak)
    opened, recovery_key = vault.create(passphrase, settings.argon2_profile)
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
) -> None:
    """Where your vault is, whether it exists, its schema version and (unlocked) record counts."""
    from anchored.services import vault as vault_service
    from anchored.services.vault import Vault

    settings = load_settings()
    vault = Vault(settings.data_dir)
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
    if not (unlock or settings.scripted_passphrase() is not None):
        typer.echo("Records:        run 'anchored status --unlock' to count them")
        return
    with open_vault(settings) as opened:
        typer.echo(f"Schema version: {vault_service.current_schema(opened)} (after unlock)")
        counts = vault_service.record_counts(opened, PERSONAL_OWNER)
    for label, count in counts.items():
        typer.echo(f"  {label}: {count}")


def passwd(
    new_passphrase_file: str | None = NEW_PASSPHRASE_FILE, allow_weak: bool = ALLOW_WEAK
) -> None:
    """Change your passphrase. Your data stays as it is; only its key is re-wrapped."""
    from anchored.services.vault import Vault

    settings = load_settings()
    vault = Vault(settings.data_dir)
    vault.read_header()
    from anchored.cli.common import current_passphrase

    current = current_passphrase(settings)
    scripted = read_file_secret(new_passphrase_file) if new_passphrase_file else None
    new = new_passphrase(scripted, allow_weak=allow_weak)
    vault.change_passphrase(current, new, settings.argon2_profile)
    typer.echo("Your passphrase was changed. Your recovery key still works.")


def recover(
    new_passphrase_file: str | None = NEW_PASSPHRASE_FILE, allow_weak: bool = ALLOW_WEAK
) -> None:
    """Use your recovery key to set a new passphrase."""
    from anchored.services.vault import Vault

    settings = load_settings()
    vault = Vault(settings.data_dir)
    vault.read_header()
    recovery_key = typer.prompt("Recovery key (groups of four, dashes optional)")
    scripted = read_file_secret(new_passphrase_file) if new_passphrase_file else None
    # Check the key before asking for a new passphrase, so a typo is caught early.
    vault.unlock_with_recovery(recovery_key).lock()
    new = new_passphrase(scripted, allow_weak=allow_weak)
    vault.recover(recovery_key, new, settings.argon2_profile)
    typer.echo("A new passphrase is set. Your recovery key stays the same; keep it safe.")
