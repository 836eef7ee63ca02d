"""One typed settings object, read from ``ANCHORED_*`` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from anchored.core.errors import UsageError
from anchored.core.secret import first_line, wipe


def _default_data_dir() -> Path:
    return platformdirs.user_data_path("anchored", appauthor=False)


class Settings(BaseSettings):
    """Every setting Anchored reads. Documented in README.md (a test checks that)."""

    model_config = SettingsConfigDict(env_prefix="ANCHORED_", extra="ignore", frozen=True)

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Folder holding the vault (database and vault.json).",
    )
    passphrase: SecretStr | None = Field(
        default=None,
        description="Vault passphrase, for scripts and tests only; people are asked instead.",
    )
    passphrase_file: Path | None = Field(
        default=None,
        description="File whose first line is the vault passphrase, for scripts and tests only.",
    )
    argon2_profile: Literal["standard", "fast"] = Field(
        default="standard",
        description="Cost of deriving the key from the passphrase. 'fast' is for tests only.",
    )

    idle_lock_minutes: int = Field(
        default=15,
        ge=1,
        le=24 * 60,
        description="Lock the vault after this many minutes without activity in the browser.",
    )

    # -- hosted mode (docs/hosting.md) -----------------------------------------------------
    database_url: SecretStr | None = Field(
        default=None,
        description=(
            "Hosted mode: the PostgreSQL database (postgresql+psycopg://user:password@host/db). "
            "Unset: personal mode, one encrypted vault in the data folder."
        ),
    )
    master_key_file: Path | None = Field(
        default=None,
        description=(
            "Hosted mode: file holding the master key (32 random bytes, base64) that wraps "
            "each person's data key. Keep it in a secret store, never beside the database."
        ),
    )
    trusted_proxy: str | None = Field(
        default=None,
        description=(
            "Hosted mode: address of the reverse proxy that ends TLS; its X-Forwarded-* "
            "headers are believed (secure cookies, the client's address for rate limits)."
        ),
    )

    public_url: str | None = Field(
        default=None,
        description=(
            "Hosted mode: the address people open (https://anchored.example.org); only its "
            "host is answered, and cookies are Secure when it starts with https."
        ),
    )

    @property
    def hosted(self) -> bool:
        """Hosted mode: many people on PostgreSQL (``ANCHORED_DATABASE_URL`` is set)."""
        return self.database_url is not None

    def hosted_problems(self, *, bind: str, reload: bool = False) -> list[str]:
        """Why hosted mode must not start with these settings, each saying what to set."""
        from urllib.parse import urlsplit

        problems = []
        if self.master_key_file is None:
            problems.append(
                "Set ANCHORED_MASTER_KEY_FILE to a file holding the master key (32 random "
                "bytes in base64): without it nobody's writing would be encrypted at rest."
            )
        parts = urlsplit(self.public_url or "")
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            problems.append(
                "Set ANCHORED_PUBLIC_URL to the address people open, such as "
                "https://anchored.example.org (only that host is answered)."
            )
        elif parts.scheme == "http" and parts.hostname not in LOOPBACK_NAMES:
            problems.append(
                "ANCHORED_PUBLIC_URL must start with https:// for anyone but this machine; "
                "put a reverse proxy that ends TLS in front (see docs/hosting.md)."
            )
        if bind not in LOOPBACK_NAMES and self.trusted_proxy is None:
            problems.append(
                f"Serving on {bind} would face the network directly. Bind 127.0.0.1 behind a "
                "reverse proxy, or set ANCHORED_TRUSTED_PROXY to the proxy's address."
            )
        if reload:
            problems.append("Auto-reload is for development only; start without --reload.")
        return problems

    @model_validator(mode="after")
    def _one_passphrase_source(self) -> Settings:
        if self.passphrase is not None and self.passphrase_file is not None:
            raise ValueError("set ANCHORED_PASSPHRASE or ANCHORED_PASSPHRASE_FILE, not both")
        return self

    def scripted_passphrase(self) -> str | bytearray | None:
        """The passphrase given through the environment, if any.

        From ``ANCHORED_PASSPHRASE_FILE`` it comes as a ``bytearray`` the caller wipes after
        use; a file that cannot be used is a UsageError naming the setting.
        """
        if self.passphrase is not None:
            return self.passphrase.get_secret_value()
        if self.passphrase_file is not None:
            return read_passphrase_file(self.passphrase_file, "ANCHORED_PASSPHRASE_FILE")
        return None


LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_PASSPHRASE_FILE_BYTES = 64 * 1024


def read_passphrase_file(path: Path, source: str) -> bytearray:
    """The first line of ``path`` as UTF-8 bytes in a ``bytearray`` (wipe it after use).

    Read straight into our own buffer, never through a ``str``. ``source`` names where the
    path came from (a setting or an option), so every problem says what to fix.
    """
    try:
        with open(path, "rb", buffering=0) as handle:
            data = bytearray(MAX_PASSPHRASE_FILE_BYTES)
            size = handle.readinto(data) or 0
    except FileNotFoundError:
        raise UsageError(
            f"{source} names {path}, but there is no such file. "
            "Point it at a file whose first line is the passphrase."
        ) from None
    except IsADirectoryError:
        raise UsageError(
            f"{source} names {path}, which is a folder. "
            "Point it at a file whose first line is the passphrase."
        ) from None
    except OSError as exc:
        raise UsageError(f"{source}: {path} could not be read ({exc.strerror}).") from None
    try:
        line = first_line(data, size)
    finally:
        wipe(data)
    if not line:
        wipe(line)
        raise UsageError(
            f"{source}: the first line of {path} is empty. Put the passphrase on the first line."
        )
    try:
        if not line.isascii():
            line.decode("utf-8")  # a check (ASCII needs none); non-ASCII is decoded later anyway
    except UnicodeDecodeError:
        wipe(line)
        raise UsageError(
            f"{source}: {path} is not UTF-8 text. Save it as plain UTF-8 text with the "
            "passphrase on the first line."
        ) from None
    return line
