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
from anchored.core.secret import wipe

if TYPE_CHECKING:  # the vault loads SQLAlchemy: only commands that open it pay for that
    from anchored.services.vault import OpenVault, Vault
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


# Where a script gives each kind of passphrase (named in every "no passphrase" message).
CURRENT_PASSPHRASE_SOURCE = "set ANCHORED_PASSPHRASE_FILE to a file holding it"
NEW_PASSPHRASE_SOURCE = "give it with --new-passphrase-file FILE"

Secret = str | bytearray  # a bytearray (from a file) is wiped after use


def forget(secret: Secret | None) -> None:
    """Overwrite a passphrase we hold as bytes; a ``str`` cannot be overwritten."""
    if isinstance(secret, bytearray):
        wipe(secret)


def ask_secret(prompt: str, source: str = CURRENT_PASSPHRASE_SOURCE) -> str:
    if not has_terminal():
        raise NeedsTerminal(
            f"No passphrase was given. Run this in a terminal, or (for scripts) {source}."
        )
    return getpass.getpass(f"{prompt}: ")


def current_passphrase(settings: Settings) -> Secret:
    scripted = settings.scripted_passphrase()
    return scripted if scripted is not None else ask_secret("Passphrase")


def new_passphrase(
    scripted: Secret | None,
    source: str = CURRENT_PASSPHRASE_SOURCE,
    *,
    allow_weak: bool = False,
) -> Secret:
    """A new passphrase, checked for length and strength; asked twice when typed. One that
    would be quick to guess is used only if the person says so ("use it anyway?"), or, from a
    script, with ``allow_weak`` (``--allow-weak``).

    ``source`` says where a script gives it (an option or a setting) when there is no
    terminal to ask in.
    """
    if scripted is not None:
        # The check needs text: for a passphrase read as bytes this is a short-lived copy.
        text = scripted if isinstance(scripted, str) else scripted.decode("utf-8")
        check = check_passphrase(text)
        del text
        if not check.acceptable:
            forget(scripted)
            raise BadPassphrase(check.hint)
        if check.needs_confirming and not allow_weak:
            raise BadPassphrase(
                "This passphrase would be quick to guess. A few more ordinary words make it "
                "much stronger. To use it anyway, add --allow-weak. Nothing was changed."
            )
        typer.echo(f"Passphrase strength: {check.hint}")
        return scripted
    for _attempt in range(3):
        first = ask_secret("New passphrase", source)
        check = check_passphrase(first)
        if not check.acceptable:
            typer.secho(check.hint, fg="yellow", err=True)
            continue
        typer.echo(f"Strength: {check.hint}")
        asked = check.needs_confirming and not allow_weak
        if asked and not typer.confirm("Use it anyway?", default=False):
            continue
        if ask_secret("Type it again", source) != first:
            typer.secho("The two did not match. Let's try again.", fg="yellow", err=True)
            continue
        return first
    raise BadPassphrase("No passphrase was set. Nothing was changed.")


def say_waiting(message: str) -> None:
    """Tell the person why a command is waiting for another Anchored window or command."""
    typer.secho(message, fg="yellow", err=True)


def vault_at(settings: Settings) -> Vault:
    """The vault of ``settings``, telling the person whenever it has to wait for another
    Anchored window or command."""
    from anchored.services.vault import Vault

    return Vault(settings.data_dir, on_wait=say_waiting)


@contextlib.contextmanager
def open_vault(settings: Settings, passphrase: Secret | None = None) -> Iterator[OpenVault]:
    """Unlock with ``passphrase`` (the caller forgets it), else the configured or typed one
    (forgotten here); always lock again afterwards."""
    vault = vault_at(settings)
    vault.check_files()  # "no vault yet" or "damaged" before asking for a passphrase
    if passphrase is not None:
        opened = vault.unlock(passphrase)
    else:
        asked = current_passphrase(settings)
        try:
            opened = vault.unlock(asked)
        finally:
            forget(asked)
    try:
        yield opened
    finally:
        opened.lock()


def passphrase_that_opens(settings: Settings) -> Secret:
    """The passphrase, once it has opened the vault: asked before someone writes at length,
    so a mistyped passphrase (or no vault at all) is never found only after the writing.
    The caller forgets it (``forget``) when done."""
    vault_at(settings).check_files()
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

    @property
    def ended(self) -> bool:
        """Whether input has ended (every later :meth:`ask` returns '')."""
        return self._ended

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
