"""Key derivation and key wrapping for the vault. Pure functions; no file access.

The database is opened with a random 256-bit data key. That key is never stored: it is
wrapped (AES-256-GCM) under a key derived from the passphrase with Argon2id, and separately
under a key derived from the recovery key. Changing the passphrase re-wraps the same data key.

Keys and passphrases live in ``bytearray``s that callers wipe after use; every function here
writes its results into new ``bytearray``s and wipes the buffers it used on the way (Argon2's
input and output, the key-derivation outputs), so no ``bytes`` copy of a key is made.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from typing import Literal

from argon2.low_level import ARGON2_VERSION, Type, core, ffi, lib
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from anchored.core.secret import utf8, wipe

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

# What a vault.json may ask for. vault.json is read before anything can check its signature,
# so these bounds are all that stands between a changed file and minutes of work and gigabytes
# of memory. They leave room for profiles much stronger than "standard" (up to 1 GiB, 10
# passes, 16 lanes, and at most 4 GiB-passes in all: about 20 times "standard").
ARGON2_MIN_MEMORY_KIB = 8 * 1024
ARGON2_MAX_MEMORY_KIB = 1024 * 1024
ARGON2_MAX_TIME_COST = 10
ARGON2_MAX_PARALLELISM = 16
ARGON2_MAX_WORK_KIB = 4 * 1024 * 1024  # memory_kib * time_cost


def argon2_problem(params: Argon2Params) -> str | None:
    """Why these Argon2 settings are refused, or None if they are within bounds."""
    if not 1 <= params.time_cost <= ARGON2_MAX_TIME_COST:
        return f"time_cost {params.time_cost} is outside 1-{ARGON2_MAX_TIME_COST}"
    if not ARGON2_MIN_MEMORY_KIB <= params.memory_kib <= ARGON2_MAX_MEMORY_KIB:
        return (
            f"memory_kib {params.memory_kib} is outside "
            f"{ARGON2_MIN_MEMORY_KIB}-{ARGON2_MAX_MEMORY_KIB}"
        )
    if not 1 <= params.parallelism <= ARGON2_MAX_PARALLELISM:
        return f"parallelism {params.parallelism} is outside 1-{ARGON2_MAX_PARALLELISM}"
    if params.memory_kib * params.time_cost > ARGON2_MAX_WORK_KIB:
        return "memory_kib * time_cost is more than Anchored ever asks for"
    return None


def check_argon2(params: Argon2Params) -> None:
    """Raise ValueError if the settings are outside the bounds above."""
    if (problem := argon2_problem(params)) is not None:
        raise ValueError(f"Argon2 settings outside what Anchored accepts: {problem}")


class UnwrapError(Exception):
    """The wrapping key did not open the wrapped key (wrong secret or altered data)."""


def new_data_key() -> bytearray:
    key = bytearray(KEY_BYTES)
    try:
        # Read straight into the bytearray: os.urandom would leave a bytes copy behind.
        with open("/dev/urandom", "rb", buffering=0) as source:
            if source.readinto(key) == KEY_BYTES:
                return key
    except OSError:
        pass
    key[:] = secrets.token_bytes(KEY_BYTES)  # no /dev/urandom (Windows): one short-lived copy
    return key


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


Secret = str | bytearray


def derive_from_passphrase(passphrase: Secret, salt: bytes, params: Argon2Params) -> bytearray:
    """The wrapping key for ``passphrase`` (NFC-normalised UTF-8). Wipe the result after use.

    Raises ValueError before any work if the settings or the salt are out of bounds.
    """
    check_argon2(params)
    if len(salt) != SALT_BYTES:
        raise ValueError(f"an Argon2 salt is {SALT_BYTES} bytes, not {len(salt)}")
    secret = utf8(passphrase)
    try:
        return _argon2id(secret, salt, params)
    finally:
        wipe(secret)


def _argon2id(secret: bytearray, salt: bytes, params: Argon2Params) -> bytearray:
    """Argon2id through argon2-cffi's low-level call, so that we own (and wipe) the buffers
    holding the passphrase and the result; ``hash_secret_raw`` would leave copies behind."""
    size = max(len(secret), 1)
    password = ffi.new("uint8_t[]", size)
    output = ffi.new("uint8_t[]", KEY_BYTES)
    c_salt = ffi.new("uint8_t[]", salt)
    ffi.memmove(password, secret, len(secret))
    context = ffi.new(
        "argon2_context *",
        {
            "out": output,
            "outlen": KEY_BYTES,
            "pwd": password,
            "pwdlen": len(secret),
            "salt": c_salt,
            "saltlen": len(salt),
            "secret": ffi.NULL,
            "secretlen": 0,
            "ad": ffi.NULL,
            "adlen": 0,
            "t_cost": params.time_cost,
            "m_cost": params.memory_kib,
            "lanes": params.parallelism,
            "threads": params.parallelism,
            "allocate_cbk": ffi.NULL,
            "free_cbk": ffi.NULL,
            "flags": lib.ARGON2_FLAG_CLEAR_PASSWORD,
            "version": ARGON2_VERSION,
        },
    )
    try:
        result = core(context, Type.ID.value)
        if result != lib.ARGON2_OK:
            raise ValueError(f"Argon2 failed: {ffi.string(lib.argon2_error_message(result))!r}")
        key = bytearray(KEY_BYTES)
        ffi.memmove(key, output, KEY_BYTES)  # `key[:] = ...` would go through a temporary copy
        return key
    finally:
        ffi.memmove(password, bytes(size), size)
        ffi.memmove(output, bytes(KEY_BYTES), KEY_BYTES)


def derive_from_recovery(recovery: bytes | bytearray, salt: bytes) -> bytearray:
    """The wrapping key for the recovery key. Wipe the result after use."""
    # The recovery key is already 160 random bits, so a fast KDF is enough.
    key = bytearray(KEY_BYTES)
    HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"anchored recovery key"
    ).derive_into(recovery, key)
    return key


def wrap(
    wrapping_key: bytes | bytearray, data_key: bytes | bytearray, aad: bytes
) -> tuple[bytes, bytes]:
    """Encrypt ``data_key``; returns (nonce, wrapped). ``aad`` binds it to its settings."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(wrapping_key).encrypt(nonce, data_key, aad)


def unwrap(wrapping_key: bytes | bytearray, nonce: bytes, wrapped: bytes, aad: bytes) -> bytearray:
    """The data key, decrypted straight into a new ``bytearray`` (no ``bytes`` copy)."""
    key = bytearray(max(len(wrapped) - 16, 0))
    try:
        AESGCM(wrapping_key).decrypt_into(nonce, wrapped, aad, key)
    except (InvalidTag, ValueError) as exc:
        wipe(key)
        raise UnwrapError from exc
    return key


def header_mac(data_key: bytes | bytearray, header: bytes) -> bytes:
    """Authenticates the whole of vault.json, so no part of it can be swapped unnoticed."""
    mac_key = bytearray(KEY_BYTES)
    try:
        HKDF(
            algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=b"anchored vault.json mac"
        ).derive_into(data_key, mac_key)
        return hmac.new(mac_key, header, hashlib.sha256).digest()
    finally:
        wipe(mac_key)


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


def key_spec(data_key: bytes | bytearray) -> bytearray:
    """SQLCipher's raw-key form ``x'<64 hex digits>'`` built in a ``bytearray`` (wipe it after
    use): ``data_key.hex()`` would make a ``str`` that can never be overwritten."""
    digits = b"0123456789abcdef"
    spec = bytearray(3 + 2 * len(data_key))
    spec[0], spec[1], spec[-1] = ord("x"), ord("'"), ord("'")
    for i, byte in enumerate(data_key):
        spec[2 + 2 * i] = digits[byte >> 4]
        spec[3 + 2 * i] = digits[byte & 15]
    return spec
