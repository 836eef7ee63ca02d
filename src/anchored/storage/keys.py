"""Key derivation and key wrapping for the vault. Pure functions; no file access.

The database is opened with a random 256-bit data key. That key is never stored: it is
wrapped (AES-256-GCM) under a key derived from the passphrase with Argon2id, and separately
under a key derived from the recovery key. Changing the passphrase re-wraps the same data key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Literal

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
RECOVERY_BYTES = 20  # 160 bits: 32 characters of base 32, 8 groups of 4.

# Crockford's base 32: no I, L, O or U, so a handwritten copy is hard to misread.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_AS = {"O": "0", "I": "1", "L": "1"}

Argon2Profile = Literal["standard", "fast"]


@dataclass(frozen=True, slots=True)
class Argon2Params:
    time_cost: int
    memory_kib: int
    parallelism: int


ARGON2_PROFILES: dict[Argon2Profile, Argon2Params] = {
    "standard": Argon2Params(time_cost=3, memory_kib=64 * 1024, parallelism=4),
    # For tests only: milliseconds instead of a tenth of a second per derivation.
    "fast": Argon2Params(time_cost=1, memory_kib=8 * 1024, parallelism=1),
}


class UnwrapError(Exception):
    """The wrapping key did not open the wrapped key (wrong secret or altered data)."""


def new_data_key() -> bytearray:
    return bytearray(secrets.token_bytes(KEY_BYTES))


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def derive_from_passphrase(passphrase: str, salt: bytes, params: Argon2Params) -> bytes:
    return hash_secret_raw(
        secret=normalise_passphrase(passphrase).encode("utf-8"),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def normalise_passphrase(passphrase: str) -> str:
    """The same phrase typed on two keyboards must give the same key."""
    return unicodedata.normalize("NFC", passphrase)


def derive_from_recovery(recovery: bytes, salt: bytes) -> bytes:
    # The recovery key is already 160 random bits, so a fast KDF is enough.
    return HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"anchored recovery key"
    ).derive(recovery)


def wrap(wrapping_key: bytes, data_key: bytes | bytearray, aad: bytes) -> tuple[bytes, bytes]:
    """Encrypt ``data_key``; returns (nonce, wrapped). ``aad`` binds it to its settings."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(wrapping_key).encrypt(nonce, bytes(data_key), aad)


def unwrap(wrapping_key: bytes, nonce: bytes, wrapped: bytes, aad: bytes) -> bytearray:
    try:
        return bytearray(AESGCM(wrapping_key).decrypt(nonce, wrapped, aad))
    except (InvalidTag, ValueError) as exc:
        raise UnwrapError from exc


def header_mac(data_key: bytes | bytearray, header: bytes) -> bytes:
    """Authenticates the whole of vault.json, so no part of it can be swapped unnoticed."""
    mac_key = HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=b"anchored vault.json mac"
    ).derive(bytes(data_key))
    return hmac.new(mac_key, header, hashlib.sha256).digest()


def macs_equal(a: bytes, b: bytes) -> bool:
    return hmac.compare_digest(a, b)


def new_recovery_key() -> bytes:
    return secrets.token_bytes(RECOVERY_BYTES)


def format_recovery_key(raw: bytes) -> str:
    """Groups of four characters a person can copy by hand: ``7K3M-Q9TX-…``."""
    number = int.from_bytes(raw, "big")
    chars = []
    for _ in range(len(raw) * 8 // 5):
        chars.append(_ALPHABET[number & 31])
        number >>= 5
    text = "".join(reversed(chars))
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """Accepts any case, spaces or dashes, and the letters O, I and L for 0, 1 and 1."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\n")
    cleaned = "".join(_READ_AS.get(ch, ch) for ch in cleaned)
    expected = RECOVERY_BYTES * 8 // 5
    if len(cleaned) != expected or any(ch not in _ALPHABET for ch in cleaned):
        raise ValueError(
            f"A recovery key has {expected} letters and digits in groups of four; check the copy."
        )
    number = 0
    for ch in cleaned:
        number = (number << 5) | _ALPHABET.index(ch)
    return number.to_bytes(RECOVERY_BYTES, "big")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def wipe(buffer: bytearray) -> None:
    """Overwrite key bytes we own. Python may hold other copies; this drops ours."""
    for i in range(len(buffer)):
        buffer[i] = 0
