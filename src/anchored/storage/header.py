"""The shape of vault.json: everything needed to unwrap the data key, except a secret.

Stored: format version, Argon2 parameters, salts, nonces, wrapped keys, and a MAC over the
whole file made with a key derived from the data key. Never the key itself.

The MAC can only be checked after the key is unwrapped, so ``parse`` first checks everything
that can be checked without it (size, nesting, shape, lengths, Argon2 bounds): nothing in a
changed file can make Anchored crash or spend minutes and gigabytes before refusing it.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from anchored.storage import keys

FORMAT = "anchored-vault"
FORMAT_VERSION = 1
MAX_BYTES = 64 * 1024  # a real vault.json is about 1 KiB
TAG_BYTES = 16  # AES-GCM
MAC_BYTES = 32  # HMAC-SHA256


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PassphraseSlot(_Strict):
    kdf: Literal["argon2id"] = "argon2id"
    time_cost: int = Field(ge=1, le=keys.ARGON2_MAX_TIME_COST)
    memory_kib: int = Field(ge=keys.ARGON2_MIN_MEMORY_KIB, le=keys.ARGON2_MAX_MEMORY_KIB)
    parallelism: int = Field(ge=1, le=keys.ARGON2_MAX_PARALLELISM)
    salt: str
    nonce: str
    wrapped_key: str

    @model_validator(mode="after")
    def _within_bounds(self) -> PassphraseSlot:
        keys.check_argon2(self.argon2)
        return self

    @property
    def argon2(self) -> keys.Argon2Params:
        return keys.Argon2Params(self.time_cost, self.memory_kib, self.parallelism)


class RecoverySlot(_Strict):
    kdf: Literal["hkdf-sha256"] = "hkdf-sha256"
    salt: str
    nonce: str
    wrapped_key: str


class Slots(_Strict):
    passphrase: PassphraseSlot
    recovery: RecoverySlot


class Header(_Strict):
    format: Literal["anchored-vault"] = FORMAT
    version: Literal[1] = FORMAT_VERSION
    vault_id: str = Field(pattern=r"^[0-9a-f]{32}$")
    created_at: str
    database: Literal["anchored.db"] = "anchored.db"
    cipher: Literal["sqlcipher4-raw-key"] = "sqlcipher4-raw-key"
    schema_revision: str | None = None
    slots: Slots
    mac: str = ""

    def signed_bytes(self) -> bytes:
        """Canonical bytes of everything but the MAC."""
        data = self.model_dump(exclude={"mac"})
        return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")

    def slot_aad(self, slot: Literal["passphrase", "recovery"]) -> bytes:
        return slot_aad(self.vault_id, slot, getattr(self.slots, slot))


def parse(raw: bytes) -> Header:
    """A stored vault.json, checked as far as it can be without the key.

    Raises ValueError (with the reason) for anything that is not a well-formed vault file.
    """
    if len(raw) > MAX_BYTES:
        raise ValueError(f"it is {len(raw)} bytes; a vault file is about 1 KiB")
    try:
        data = json.loads(raw)
    except RecursionError:
        raise ValueError("it is nested too deeply to be a vault file") from None
    header = Header.model_validate(data)  # pydantic's ValidationError is a ValueError
    slots = header.slots
    for name, text, size in (
        ("passphrase salt", slots.passphrase.salt, keys.SALT_BYTES),
        ("passphrase nonce", slots.passphrase.nonce, keys.NONCE_BYTES),
        ("passphrase wrapped key", slots.passphrase.wrapped_key, keys.KEY_BYTES + TAG_BYTES),
        ("recovery salt", slots.recovery.salt, keys.SALT_BYTES),
        ("recovery nonce", slots.recovery.nonce, keys.NONCE_BYTES),
        ("recovery wrapped key", slots.recovery.wrapped_key, keys.KEY_BYTES + TAG_BYTES),
        ("signature", header.mac, MAC_BYTES),
    ):
        if len(keys.unb64(text)) != size:
            raise ValueError(f"its {name} is not {size} bytes long")
    return header


def slot_aad(
    vault_id: str, slot: Literal["passphrase", "recovery"], settings: PassphraseSlot | RecoverySlot
) -> bytes:
    """Binds a wrapped key to its vault and to its own KDF settings (not nonce or ciphertext)."""
    data = {
        "vault_id": vault_id,
        "version": FORMAT_VERSION,
        "slot": slot,
        **settings.model_dump(exclude={"nonce", "wrapped_key"}),
    }
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")
