"""Every word encrypted at rest in hosted mode — STAND-IN (hosted-web's branch).

hosted-db owns this module: per-person data keys wrapped by the master key, free-text columns
encrypted with AES-GCM. Until the merge, this stand-in has the same names and signatures and
does **no encryption**: it checks the master key file, keeps the acting person in a context
variable, and deletes one person's rows. The merge keeps hosted-db's module.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import contextvars
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, Table, delete, text
from sqlalchemy.orm import Session

from anchored.core.errors import UsageError
from anchored.storage.base import Base

_ACTING: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "anchored_acting_owner", default=None
)


def load_master_key(path: Path) -> bytes:
    """The 32-byte master key from ``path`` (base64 on the first line)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(
            f"ANCHORED_MASTER_KEY_FILE names {path}, which cannot be read ({exc.strerror}). "
            "Point it at a file holding 32 random bytes in base64."
        ) from None
    try:
        key = base64.b64decode(raw.strip().split(b"\n")[0], validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != 32:
        raise UsageError(
            f"ANCHORED_MASTER_KEY_FILE: {path} does not hold 32 bytes in base64. Make one with: "
            "python -c 'import os,base64;print(base64.b64encode(os.urandom(32)).decode())'"
        )
    return key


def install(engine: Engine, master_key: bytes) -> None:
    """Stand-in: the real one encrypts every free-text column on ``engine``."""


def ensure_owner_key(session: Session, owner_id: int) -> None:
    """Stand-in: the real one makes and wraps this person's data key."""


def shred_owner_key(session: Session, owner_id: int) -> None:
    """Stand-in: the real one destroys this person's wrapped data key."""


def acting_owner() -> int | None:
    return _ACTING.get()


@contextlib.contextmanager
def acting_as(owner_id: int) -> Iterator[None]:
    """Words written inside are (with the real module) encrypted under this person's key."""
    token = _ACTING.set(owner_id)
    try:
        yield
    finally:
        _ACTING.reset(token)


def delete_owner_data(session: Session, owner_id: int) -> None:
    """Every row with ``owner_id`` of this person, children before parents, and their search
    text."""
    for table in reversed(Base.metadata.sorted_tables):
        if isinstance(table, Table) and "owner_id" in table.c:
            session.execute(delete(table).where(table.c.owner_id == owner_id))
    session.execute(
        text("DELETE FROM search_index WHERE owner = :owner"), {"owner": f"o{owner_id}"}
    )
    session.flush()
