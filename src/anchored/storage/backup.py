"""Backup files: one file holding a consistent, still-encrypted snapshot of the vault and the
vault.json that unwraps its key, so the passphrase or the recovery key of the day it was made
opens it.

The snapshot is SQLCipher's ``VACUUM INTO`` on a keyed connection: SQLite reads one consistent
state of the database (others may keep writing; WAL mode) and writes it page by page into a
new file, encrypted with the same data key (a new random salt). Never a copy of the live file,
whose write-ahead log may hold what was saved last.

Layout of a backup file (``.anchored``)::

    b"ANCHORED-BACKUP\\n"        16 bytes, the magic
    length                       4 bytes, big-endian: the size of the manifest
    manifest                     UTF-8 JSON (below), at most 64 KiB
    database                     the snapshot, ``database.size`` bytes, nothing after it

The manifest holds the format version, when the backup was made, the schema revision, the
vault.json (salts, nonces, wrapped keys, its MAC; no secret) and the snapshot's size and
SHA-256, so a damaged or cut-short file is refused before anyone is asked for a passphrase.
Nothing in it is a word the person wrote.

Temporary files: the snapshot is made in the vault's own folder (``.backup-<pid>-*.db``) and the
backup written next to its final name (``.anchored-backup-<pid>-*.part``), then renamed: a
backup killed half-way leaves no half file under the final name. Leftovers of a process that
died are removed by the next backup (their process id is in their name).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import struct
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from anchored.core.errors import AnchoredError
from anchored.storage import header as header_file
from anchored.storage import migrate
from anchored.storage.header import Header
from anchored.storage.pending import fsync_folder

if TYPE_CHECKING:
    from sqlalchemy import Engine

MAGIC = b"ANCHORED-BACKUP\n"
FORMAT_VERSION = 1
MAX_MANIFEST_BYTES = 64 * 1024
CHUNK = 1024 * 1024
EXTENSION = ".anchored"
SNAPSHOT_PREFIX = ".backup-"
PART_PREFIX = ".anchored-backup-"
# A half-made snapshot or backup, and the journal SQLite keeps beside a snapshot it writes.
_LEFTOVER = re.compile(
    r"^\.(?:backup|anchored-backup)-(\d+)-[A-Za-z0-9_]+\.(?:db|part)(?:-journal|-wal|-shm)?$"
)


class BackupRefused(AnchoredError):
    """A file that is not a backup, is damaged, or is from a newer Anchored: nothing changed."""


class BackupFailed(AnchoredError):
    """The backup could not be written (a folder missing, a disk full): nothing was left under
    the backup's name."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatabasePart(_Strict):
    size: int = Field(ge=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class Manifest(_Strict):
    format: Literal["anchored-backup"] = "anchored-backup"
    version: Literal[1] = 1
    created_at: datetime
    schema_revision: str = Field(pattern=r"^[0-9]{4}$")
    vault: dict[str, object]
    database: DatabasePart


class _Opened(Protocol):
    """What a backup needs of an open vault (storage.vault.OpenVault), named here so this
    module does not import the vault that imports it."""

    @property
    def vault(self) -> Any: ...

    @property
    def engine(self) -> Engine: ...


@dataclass(frozen=True, slots=True)
class BackupFile:
    """A backup file whose shape and checksum are sound (its key not yet tried)."""

    path: Path
    header: Header
    created_at: datetime
    schema_revision: str
    offset: int  # where the database starts in the file
    size: int  # the database's size

    def database_chunks(self) -> Iterator[bytes]:
        """The snapshot's bytes, a chunk at a time."""
        with open(self.path, "rb") as handle:
            handle.seek(self.offset)
            left = self.size
            while left:
                chunk = handle.read(min(CHUNK, left))
                if not chunk:
                    raise BackupRefused(_cut_short(self.path))
                left -= len(chunk)
                yield chunk


@dataclass(frozen=True, slots=True)
class Written:
    path: Path
    size: int
    created_at: datetime


# -- writing -------------------------------------------------------------------------------


def write_backup(opened: _Opened, out: Path, *, created_at: datetime) -> Written:
    """Write a backup of ``opened`` to ``out`` (replacing a file already there, atomically)."""
    out = Path(out).expanduser().absolute()
    folder = out.parent
    if out.is_dir():
        raise BackupFailed(f"{out} is a folder. Give the name of the backup file to write.")
    if not folder.is_dir():
        raise BackupFailed(f"The folder {folder} does not exist, so no backup was written.")
    data_dir = opened.vault.paths.data_dir
    remove_leftovers(data_dir)
    remove_leftovers(folder)
    header = opened.vault.read_header()
    part: Path | None = None
    with _snapshot(opened) as (snapshot, revision):
        size, digest = _measure(snapshot)
        manifest = Manifest(
            created_at=created_at,
            schema_revision=revision,
            vault=header.model_dump(),
            database=DatabasePart(size=size, sha256=digest),
        )
        encoded = manifest.model_dump_json().encode("utf-8")
        try:
            fd, name = tempfile.mkstemp(
                prefix=f"{PART_PREFIX}{os.getpid()}-", suffix=".part", dir=folder
            )
            part = Path(name)
            with os.fdopen(fd, "wb") as handle:
                handle.write(MAGIC + struct.pack(">I", len(encoded)) + encoded)
                with open(snapshot, "rb") as source:
                    _copy(source, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(part, out)
            part = None
            fsync_folder(folder)
        except OSError as exc:
            raise BackupFailed(
                f"The backup could not be written to {folder} ({exc.strerror}). "
                "Nothing was left under its name."
            ) from None
        finally:
            if part is not None:
                with contextlib.suppress(FileNotFoundError):
                    part.unlink()
    return Written(out, out.stat().st_size, created_at)


@contextlib.contextmanager
def _snapshot(opened: _Opened) -> Iterator[tuple[Path, str]]:
    """A consistent encrypted copy of the database in the vault's folder, removed afterwards."""
    data_dir = opened.vault.paths.data_dir
    fd, name = tempfile.mkstemp(
        prefix=f"{SNAPSHOT_PREFIX}{os.getpid()}-", suffix=".db", dir=data_dir
    )
    os.close(fd)
    snapshot = Path(name)
    try:
        connection = opened.engine.raw_connection()
        try:
            cursor = connection.cursor()
            try:
                revision = str(
                    cursor.execute("SELECT version_num FROM alembic_version").fetchone()[0]
                )
                # Same key as the database (SQLCipher attaches the copy with it), same pages.
                cursor.execute("VACUUM INTO ?", (str(snapshot),))
            finally:
                cursor.close()
        finally:
            connection.close()
        yield snapshot, revision
    finally:
        with contextlib.suppress(FileNotFoundError):
            snapshot.unlink()


def _measure(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _copy(source: IO[bytes], target: IO[bytes]) -> None:
    while chunk := source.read(CHUNK):
        target.write(chunk)


def remove_leftovers(folder: Path) -> None:
    """Remove half-made snapshots and backups of processes that are gone."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _LEFTOVER.match(name)
        if match and not _alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                (folder / name).unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but someone else's
    return True


# -- reading -------------------------------------------------------------------------------


def is_backup(path: Path) -> bool:
    """Whether ``path`` starts like a backup file (the magic); reads 16 bytes."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def read_backup(path: Path) -> BackupFile:
    """``path`` as a backup whose shape and checksum are sound; :class:`BackupRefused` if it is
    not a backup, is damaged or cut short, or comes from a newer Anchored. Writes nothing."""
    path = Path(path).expanduser()
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below)
    except FileNotFoundError:
        raise BackupRefused(f"There is no file {path}. Nothing was changed.") from None
    except IsADirectoryError:
        raise BackupRefused(
            f"{path} is a folder, not a backup file. Nothing was changed."
        ) from None
    except OSError as exc:
        raise BackupRefused(
            f"{path} could not be read ({exc.strerror}). Nothing was changed."
        ) from None
    with handle:
        if handle.read(len(MAGIC)) != MAGIC:
            raise BackupRefused(
                f"{path} is not an Anchored backup (it does not start like one). "
                "Nothing was changed."
            )
        raw_length = handle.read(4)
        if len(raw_length) != 4:
            raise BackupRefused(_cut_short(path))
        (length,) = struct.unpack(">I", raw_length)
        if length > MAX_MANIFEST_BYTES:
            raise BackupRefused(_damaged(path))
        encoded = handle.read(length)
        if len(encoded) != length:
            raise BackupRefused(_cut_short(path))
        try:
            manifest = Manifest.model_validate_json(encoded)
            header = header_file.parse(json.dumps(manifest.vault).encode("utf-8"))
        except (ValidationError, ValueError):
            raise BackupRefused(_damaged(path)) from None
        offset = len(MAGIC) + 4 + length
        total = os.fstat(handle.fileno()).st_size
        if total < offset + manifest.database.size:
            raise BackupRefused(_cut_short(path))
        if total > offset + manifest.database.size:
            raise BackupRefused(_damaged(path))
        digest = hashlib.sha256()
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
        if digest.hexdigest() != manifest.database.sha256:
            raise BackupRefused(_damaged(path))
    if not migrate.is_known(manifest.schema_revision):
        raise BackupRefused(
            f"{path} was made by a newer version of Anchored. Update Anchored, then restore it. "
            "Nothing was changed."
        )
    return BackupFile(
        path=path,
        header=header,
        created_at=manifest.created_at,
        schema_revision=manifest.schema_revision,
        offset=offset,
        size=manifest.database.size,
    )


def _damaged(path: Path) -> str:
    return (
        f"{path} is damaged: it was changed since it was made, so it cannot be trusted. "
        "Nothing was changed. Try another backup."
    )


def _cut_short(path: Path) -> str:
    return (
        f"{path} is cut short: part of the backup is missing (was it still being copied?). "
        "Nothing was changed. Try another copy of it."
    )
