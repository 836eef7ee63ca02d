"""Every word encrypted at rest in hosted mode (PostgreSQL): per-person data keys.

Each person has a random 256-bit data key, stored only wrapped (AES-256-GCM under the master
key read from ``ANCHORED_MASTER_KEY_FILE``) in ``owner_keys``. Every ``free_text`` column
(``storage.base.FreeText``) holds ``a1.<owner id>.<base64(nonce | ciphertext)>``: AES-256-GCM
under the data key of the person the words were written *as* (:func:`acting_as`), with a
random 96-bit nonce and the version and owner id as associated data, so an envelope whose
owner id is changed (a value moved to another person) no longer opens. Reading uses the owner
id in the envelope.

Writing free text on PostgreSQL with nobody acting, or before :func:`install`, is an error:
never plaintext. Unwrapped data keys are cached in the process (keys, not words). A personal
vault never imports this module (SQLCipher already encrypts the whole file).

See docs/hosting.md, "What is encrypted at rest".
"""

from __future__ import annotations

import base64
import binascii
import contextvars
import hashlib
import hmac
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from anchored.core.errors import UsageError
from anchored.storage import base
from anchored.storage.models import OwnerKey

VERSION = "a1"
KEY_BYTES = 32
NONCE_BYTES = 12
_WRAP_AAD = b"anchored owner key v1 "


class NotSealed(Exception):
    """A value could not be opened: wrong key, a changed envelope, or a shredded person."""


class NobodyActing(RuntimeError):
    """Free text was about to be written to PostgreSQL with no person acting: refused, so
    nothing is ever stored in plain text."""


_acting: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "anchored_acting_as", default=None
)


# An unwrapped data key unused this long is dropped from a process's memory. Each worker keeps
# its own; when a person deletes their account, only the worker that does it forgets the key at
# once, and the others within this time and a sweep (nothing could reach it meanwhile: their
# rows, their sessions and the wrapped key are gone).
KEY_IDLE_SECONDS = 15 * 60
SWEEP_SECONDS = 60  # how often a process looks for keys gone unused


class _Keys:
    """The master key, the engine keys are read through, and unwrapped data keys."""

    def __init__(self) -> None:
        self.master: AESGCM | None = None
        self.engine: Engine | None = None
        self.data: dict[int, tuple[AESGCM, bytes]] = {}  # the cipher, the search key
        self.used: dict[int, float] = {}  # when each was last used (``clock``)
        self.clock: Callable[[], float] = time.monotonic
        self.swept = 0.0
        self.lock = threading.Lock()

    def note_use(self, owner_id: int) -> None:
        """Mark ``owner_id``'s key used now; now and then, drop the keys gone unused."""
        now = self.clock()
        with self.lock:
            self.used[owner_id] = now
            if now - self.swept < SWEEP_SECONDS:
                return
            self.swept = now
            for idle in [o for o, at in self.used.items() if now - at >= KEY_IDLE_SECONDS]:
                self.data.pop(idle, None)
                self.used.pop(idle, None)


_keys = _Keys()


def load_master_key(path: Path) -> bytes:
    """The 32-byte master key from ``path`` (its base64, alone in the file)."""
    try:
        raw = Path(path).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise UsageError(f"The master key file {path} does not exist.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(
            f"The master key file {path} could not be read ({type(exc).__name__})."
        ) from None
    try:
        key = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise UsageError(
            f"The master key file {path} must hold the base64 of exactly {KEY_BYTES} random "
            'bytes (make one with: python -c "import base64, os; '
            'print(base64.b64encode(os.urandom(32)).decode())").'
        )
    return key


def new_master_key() -> str:
    """A new master key, as the file holds it."""
    return base64.b64encode(os.urandom(KEY_BYTES)).decode("ascii")


def install(engine: Engine, master_key: bytes) -> None:
    """Encrypt and decrypt free text on ``engine`` (hosted PostgreSQL) with ``master_key``.

    One engine per process (the app's); installing again (tests: a database each) forgets
    the data keys of the one before."""
    if len(master_key) != KEY_BYTES:
        raise UsageError(f"The master key must be {KEY_BYTES} bytes.")
    with _keys.lock:
        _keys.master = AESGCM(master_key)
        _keys.engine = engine
        _keys.data.clear()
        _keys.used.clear()


@contextmanager
def acting_as(owner_id: int) -> Iterator[None]:
    """Words written inside are encrypted under ``owner_id``'s data key."""
    token = _acting.set(owner_id)
    try:
        yield
    finally:
        _acting.reset(token)


def acting_owner() -> int | None:
    return _acting.get()


def _master() -> AESGCM:
    if _keys.master is None:
        raise NobodyActing("hosted storage has no master key (atrest.install was not called)")
    return _keys.master


def _wrap_aad(owner_id: int) -> bytes:
    return _WRAP_AAD + str(owner_id).encode("ascii")


def ensure_owner_key(session: Session, owner_id: int) -> None:
    """Give ``owner_id`` a data key if they have none (at account creation)."""
    master = _master()
    if session.get(OwnerKey, owner_id) is not None:
        return
    key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(NONCE_BYTES)
    wrapped = base64.b64encode(nonce + master.encrypt(nonce, key, _wrap_aad(owner_id)))
    session.add(OwnerKey(owner_id=owner_id, wrapped=wrapped.decode("ascii")))
    session.flush()
    with _keys.lock:
        _keys.data[owner_id] = _keyed(key)  # usable before this transaction commits
    _keys.note_use(owner_id)


def shred_owner_key(session: Session, owner_id: int) -> None:
    """Forget ``owner_id``'s data key for good (at account deletion): whatever was encrypted
    under it (a copy in an old backup, say) can no longer be read."""
    session.execute(delete(OwnerKey).where(OwnerKey.owner_id == owner_id))
    forget(owner_id)


def forget(owner_id: int) -> None:
    """Drop ``owner_id``'s unwrapped key from this process's cache."""
    with _keys.lock:
        _keys.data.pop(owner_id, None)
        _keys.used.pop(owner_id, None)


_SEARCH_KEY_INFO = b"anchored search key v1"


def _keyed(key: bytes) -> tuple[AESGCM, bytes]:
    """The cipher for a data key, and the person's search key derived from it (a keyed
    hash: shredding the data key shreds the blind index's key with it)."""
    return AESGCM(key), hmac.new(key, _SEARCH_KEY_INFO, hashlib.sha256).digest()


def _unwrap(owner_id: int, wrapped: str) -> tuple[AESGCM, bytes]:
    raw = base64.b64decode(wrapped)
    try:
        key = _master().decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _wrap_aad(owner_id))
    except InvalidTag:
        raise NotSealed(f"the data key of person {owner_id} does not open") from None
    return _keyed(key)


def data_key(owner_id: int) -> AESGCM:
    """``owner_id``'s data key (cached; read through its own connection when not)."""
    return _owner_keys(owner_id)[0]


def search_key(owner_id: int) -> bytes:
    """``owner_id``'s key for the search index's keyed hashes (``search_hosted``)."""
    return _owner_keys(owner_id)[1]


def _owner_keys(owner_id: int) -> tuple[AESGCM, bytes]:
    found = _keys.data.get(owner_id)
    if found is not None:
        _keys.note_use(owner_id)
        return found
    engine = _keys.engine
    if engine is None:
        raise NobodyActing("hosted storage is not installed (atrest.install was not called)")
    with engine.connect() as connection:
        wrapped = connection.execute(
            select(OwnerKey.wrapped).where(OwnerKey.owner_id == owner_id)
        ).scalar_one_or_none()
    if wrapped is None:
        raise NotSealed(f"person {owner_id} has no data key")
    key = _unwrap(owner_id, wrapped)
    with _keys.lock:
        _keys.data[owner_id] = key
    _keys.note_use(owner_id)
    return key


def _aad(owner_id: int) -> bytes:
    return f"{VERSION}.{owner_id}".encode("ascii")


def seal(owner_id: int, words: str) -> str:
    """``words`` encrypted under ``owner_id``'s data key, as stored."""
    nonce = os.urandom(NONCE_BYTES)
    sealed = data_key(owner_id).encrypt(nonce, words.encode("utf-8"), _aad(owner_id))
    return f"{VERSION}.{owner_id}.{base64.b64encode(nonce + sealed).decode('ascii')}"


def unseal(stored: str) -> str:
    """The words inside a stored value (NotSealed when they cannot be read)."""
    version, _, rest = stored.partition(".")
    owner, _, body = rest.partition(".")
    if version != VERSION or not owner.isdigit() or not body:
        raise NotSealed("not an encrypted value")
    raw = base64.b64decode(body)
    try:
        plain = data_key(int(owner)).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _aad(int(owner)))
    except InvalidTag:
        raise NotSealed("this value does not open with its person's key") from None
    return plain.decode("utf-8")


def seal_value(value: str | None) -> str | None:
    """Bind processor of ``FreeText`` on PostgreSQL."""
    if not value:
        return value  # nothing written: empty stays empty (so ``!= ''`` works in SQL)
    owner_id = _acting.get()
    if owner_id is None:
        raise NobodyActing(
            "free text written to PostgreSQL with nobody acting (wrap the work in "
            "atrest.acting_as(owner_id)); refused rather than stored in plain text"
        )
    return seal(owner_id, value)


def open_value(value: str | None) -> str | None:
    """Result processor of ``FreeText`` on PostgreSQL."""
    return value if not value else unseal(value)


__all__ = [
    "NobodyActing",
    "NotSealed",
    "OwnerKey",
    "acting_as",
    "ensure_owner_key",
    "install",
    "load_master_key",
    "shred_owner_key",
]


# Free text on PostgreSQL is sealed and opened here (see ``storage.base.FreeText``).
base.CIPHER.seal = seal_value
base.CIPHER.open = open_value
