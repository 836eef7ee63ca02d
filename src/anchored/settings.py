"""One typed settings object, read from ``ANCHORED_*`` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


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

    @model_validator(mode="after")
    def _one_passphrase_source(self) -> Settings:
        if self.passphrase is not None and self.passphrase_file is not None:
            raise ValueError("set ANCHORED_PASSPHRASE or ANCHORED_PASSPHRASE_FILE, not both")
        return self

    def scripted_passphrase(self) -> str | None:
        """The passphrase given through the environment, if any."""
        if self.passphrase is not None:
            return self.passphrase.get_secret_value()
        if self.passphrase_file is not None:
            text = self.passphrase_file.read_text(encoding="utf-8")
            return text.splitlines()[0] if text else ""
        return None
