"""The shape of vault.json: everything needed to unwrap the data key, except a secret.

Stored: format version, Argon2 parameters, salts, nonces, wrapped keys, and a MAC over the
whole file made with a key derived from the data key. Never the key itself.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FORMAT = "anchored-vault"
FORMAT_VERSION = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PassphraseSlot(_Strict):
    kdf: Literal["argon2id"] = "argon2id"
    time_cost: int = Field(ge=1, le=100)
    memory_kib: int = Field(ge=8, le=4 * 1024 * 1024)
    parallelism: int = Field(ge=1, le=64)
    salt: str
    nonce: str
    wrapped_key: str


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
