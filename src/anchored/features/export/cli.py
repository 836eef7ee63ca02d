"""``anchored export`` and ``anchored import``: a plain copy of everything (warned about on
standard error first: it is not encrypted), and a JSON export brought back in."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from anchored.cli.common import load_settings, now, open_vault
from anchored.cli.support import print_help_card
from anchored.core.errors import AnchoredError, UsageError
from anchored.core.owner import PERSONAL_OWNER
from anchored.features.export import formats
from anchored.features.export import service as export_service
from anchored.features.export.rules import FORMATS, Refused
from anchored.manifest import Registry

WARNING = (
    "Warning: this export is NOT encrypted. Anyone who can open {where} can read everything "
    "you wrote. Keep it somewhere only you can reach, and delete it when you no longer need it."
)

EXPORT_HELP = """Save a copy of everything you wrote in Anchored, to read, keep or move.

--format json (the default) writes one file with every detail: the one `anchored import`
reads. markdown writes a folder with a readable file per tool, times in your time zone; csv a
folder with a file per table, for a spreadsheet (times in UTC).

The copy is NOT encrypted: anyone who can open it can read it. Nothing is written anywhere
but --out; an existing file is never replaced without --force.
"""


def export(
    ctx: typer.Context,
    out: Annotated[
        Path,
        typer.Option(
            "--out", help="Where to write: a file for json, a folder for markdown and csv."
        ),
    ],
    format: str = typer.Option("json", "--format", help="json, markdown or csv."),
    force: bool = typer.Option(False, "--force", help="Replace what is already at --out."),
) -> None:
    if format not in FORMATS:
        raise UsageError(f"--format must be one of: {', '.join(FORMATS)}.")
    where = "this file" if format == "json" else "these files"
    typer.secho(WARNING.format(where=where), fg="yellow", err=True)
    _check_free(out, folder=format != "json", force=force)
    registry: Registry = ctx.find_root().obj
    settings = load_settings()
    taken = now()
    with open_vault(settings) as opened, opened.session() as session:
        shot = export_service.snapshot(session, PERSONAL_OWNER, registry, now=taken)
    if format == "json":
        _write(out, export_service.as_json(shot), force=force)
    else:
        files = formats.markdown(shot) if format == "markdown" else formats.csv_files(shot)
        out.mkdir(mode=0o700, exist_ok=True)
        for name, data in files.items():
            _write(out / name, data, force=force)
    records = "record" if shot.count == 1 else "records"
    typer.echo(f"Exported {shot.count} {records} to {out}.")


export.__doc__ = EXPORT_HELP


def _check_free(out: Path, *, folder: bool, force: bool) -> None:
    """Refuse to overwrite without --force, before the vault is opened."""
    if folder:
        if out.exists() and not out.is_dir():
            raise UsageError(f"{out} is a file; for this format, --out names a folder.")
        if out.is_dir() and any(out.iterdir()) and not force:
            raise UsageError(
                f"{out} already holds files. Choose an empty or new folder, or add --force "
                "to replace Anchored's files in it."
            )
        if not out.parent.is_dir():
            raise UsageError(f"There is no folder {out.parent} to write into.")
        return
    if out.is_dir():
        raise UsageError(f"{out} is a folder; for json, --out names a file.")
    if out.exists() and not force:
        raise UsageError(
            f"{out} already exists. Choose another name, or add --force to replace it."
        )
    if not out.parent.is_dir():
        raise UsageError(f"There is no folder {out.parent} to write into.")


def _write(path: Path, data: bytes, *, force: bool) -> None:
    """Write ``data`` readable by this user only; never over a file unless ``force``."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if force else os.O_EXCL)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        raise UsageError(f"{path} already exists. Add --force to replace it.") from None
    except OSError as exc:
        raise AnchoredError(f"Could not write {path}: {exc.strerror}.") from None
    with os.fdopen(fd, "wb") as file:
        file.write(data)


IMPORT_HELP = """Bring a JSON export (from `anchored export`) into this vault.

Works into an empty vault or one already in use: a record already here (the same record,
even if it was changed since) is kept as it is, and nothing is added twice. A file that is
not an Anchored export, or is damaged, is refused and nothing is changed.
"""


def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The JSON export to bring in.", show_default=False)],
) -> None:
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"There is no file {file}.") from None
    except OSError as exc:
        raise UsageError(f"Could not read {file}: {exc.strerror}.") from None
    registry: Registry = ctx.find_root().obj
    settings = load_settings()
    try:
        with open_vault(settings) as opened, opened.session() as session:
            done = export_service.import_export(session, PERSONAL_OWNER, registry, data, now=now())
    except Refused as exc:
        raise UsageError(f"{exc} Nothing was imported.") from None
    if done.total:
        records = "record" if done.total == 1 else "records"
        typer.echo(f"Imported {done.total} {records}:")
        for title, count in done.added.items():
            typer.echo(f"  {title}: {count}")
    else:
        typer.echo("Nothing new to import.")
    if done.kept:
        if done.kept == 1:
            typer.echo("1 record already here was kept as it is.")
        else:
            typer.echo(f"{done.kept} records already here were kept as they are.")
    if done.needs_help:
        print_help_card(
            settings, intro="The import is done. Some of what it brought in sounded very painful."
        )


import_.__doc__ = IMPORT_HELP
