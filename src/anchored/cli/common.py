"""Shared CLI helpers: settings, the clock, asking for secrets, opening the vault, and reading
answers line by line (from a terminal or a pipe)."""

from __future__ import annotations

import contextlib
import getpass
import os
import queue
import sys
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from typing import IO, TYPE_CHECKING

import typer

from anchored.core.clock import system_clock
from anchored.core.errors import AnchoredError
from anchored.core.passphrase import check_passphrase

if TYPE_CHECKING:  # the vault loads SQLAlchemy: only commands that open it pay for that
    from anchored.services.vault import OpenVault
    from anchored.settings import Settings


def now() -> datetime:
    """The time now: the command line's one clock read (services take ``now``)."""
    return system_clock()


class NeedsTerminal(AnchoredError):
    pass


class BadPassphrase(AnchoredError):
    pass


def load_settings() -> Settings:
    from pydantic import ValidationError

    from anchored.settings import Settings

    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"ANCHORED_{'_'.join(str(p) for p in err['loc']).upper()}: {err['msg']}"
            if err["loc"]
            else err["msg"]
            for err in exc.errors()
        )
        raise AnchoredError(f"A setting is not valid: {problems}") from None


def has_terminal() -> bool:
    try:
        fd = os.open("/dev/tty", os.O_RDWR)
    except OSError:
        return sys.stdin.isatty()
    os.close(fd)
    return True


def ask_secret(prompt: str) -> str:
    if not has_terminal():
        raise NeedsTerminal(
            "No passphrase was given. Run this in a terminal, or (for scripts) set "
            "ANCHORED_PASSPHRASE_FILE to a file holding it."
        )
    return getpass.getpass(f"{prompt}: ")


def current_passphrase(settings: Settings) -> str:
    scripted = settings.scripted_passphrase()
    return scripted if scripted is not None else ask_secret("Passphrase")


def new_passphrase(scripted: str | None) -> str:
    """A new passphrase, checked for length and strength; asked twice when typed."""
    if scripted is not None:
        check = check_passphrase(scripted)
        if not check.acceptable:
            raise BadPassphrase(check.hint)
        typer.echo(f"Passphrase strength: {check.hint}")
        return scripted
    for _attempt in range(3):
        first = ask_secret("New passphrase")
        check = check_passphrase(first)
        if not check.acceptable:
            typer.secho(check.hint, fg="yellow", err=True)
            continue
        typer.echo(f"Strength: {check.hint}")
        if ask_secret("Type it again") != first:
            typer.secho("The two did not match. Let's try again.", fg="yellow", err=True)
            continue
        return first
    raise BadPassphrase("No passphrase was set. Nothing was changed.")


def read_file_secret(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise AnchoredError(f"Could not read {path}: {exc.strerror}.") from None
    return text.splitlines()[0] if text else ""


@contextlib.contextmanager
def open_vault(settings: Settings, passphrase: str | None = None) -> Iterator[OpenVault]:
    """Unlock with ``passphrase``, else the configured or typed one; always lock again
    afterwards."""
    from anchored.services.vault import Vault

    vault = Vault(settings.data_dir)
    vault.read_header()  # says "no vault, run anchored init" before asking for a passphrase
    opened = vault.unlock(passphrase if passphrase is not None else current_passphrase(settings))
    try:
        yield opened
    finally:
        opened.lock()


def passphrase_that_opens(settings: Settings) -> str:
    """The passphrase, once it has opened the vault: asked before someone writes at length,
    so a mistyped passphrase (or no vault at all) is never found only after the writing."""
    from anchored.services.vault import Vault

    Vault(settings.data_dir).read_header()
    passphrase = current_passphrase(settings)
    with open_vault(settings, passphrase):
        pass
    return passphrase


class Lines:
    """Standard input, one line at a time, readable with a timeout (for the countdown)."""

    def __init__(self, stream: IO[str]) -> None:
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._ended = False
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        try:
            for line in iter(stream.readline, ""):
                self._queue.put(line.rstrip("\r\n"))
        finally:
            self._queue.put(None)

    def ask(self, prompt: str) -> str:
        """The next line ('' once input has ended)."""
        typer.echo(prompt, nl=False)
        if self._ended:
            typer.echo()
            return ""
        line = self._queue.get()
        if line is None:
            self._ended = True
            typer.echo()
            return ""
        if not sys.stdin.isatty():
            typer.echo()  # keep the transcript readable when answers come from a pipe
        return line.strip()

    def wait(self, seconds: float) -> bool:
        """True if a line (Enter) came within ``seconds``."""
        if self._ended:
            time.sleep(seconds)
            return False
        try:
            line = self._queue.get(timeout=seconds)
        except queue.Empty:
            return False
        if line is None:
            self._ended = True
            return False
        return True
