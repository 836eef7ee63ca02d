"""Who may use the vault at the same time: any number of processes for ordinary use (shared),
one alone for what rewrites vault.json or the schema (exclusive).

SQLite in WAL mode lets several processes read and write the database at once, so the browser
app and the command line share it. Migrations, a passphrase change, recovery and erasing the
vault must not run while another process has it open: they take the lock exclusively.

The lock is ``flock`` on ``vault.lock`` (shared or exclusive; the operating system releases it
when a process ends, so a crash never leaves the vault locked). While it holds the lock
exclusively, a process writes what it is doing into the file, so others can say what they wait
for. Windows has no ``flock``: there every mode is exclusive, so one Anchored process at a time
uses the vault, as before.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

Mode = Literal["shared", "exclusive"]
POLL_SECONDS = 0.05


class LockBusy(Exception):
    """The lock could not be taken in time. ``reason`` is what an exclusive holder is doing
    (when the caller asked for shared use and the holder said), else ''."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class VaultLock:
    """One process's hold on ``vault.lock``. Not re-entrant; release from any thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.mode: Mode | None = None
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(
        self,
        mode: Mode,
        *,
        wait: float,
        reason: str = "",
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        """Take the lock in ``mode``, waiting at most ``wait`` seconds (``on_wait`` is called
        once, with the holder's reason, if it has to wait). Raises LockBusy if not taken."""
        if self._fd is not None:
            raise RuntimeError("this vault lock is already held")
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            deadline = time.monotonic() + wait
            told = False
            while not _try_lock(fd, mode):
                if time.monotonic() >= deadline:
                    raise LockBusy(_holder_reason(fd) if mode == "shared" else "")
                if not told and on_wait is not None:
                    on_wait(_holder_reason(fd) if mode == "shared" else "")
                    told = True
                time.sleep(POLL_SECONDS)
            if mode == "exclusive" and fcntl is not None:
                os.ftruncate(fd, 0)
                os.pwrite(fd, reason.encode("utf-8"), 0)
        except BaseException:
            os.close(fd)
            raise
        self._fd, self.mode = fd, mode

    def release(self) -> None:
        """Let go (does nothing if not held)."""
        fd, self._fd, mode, self.mode = self._fd, None, self.mode, None
        if fd is None:
            return
        try:
            if mode == "exclusive" and fcntl is not None:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
            _unlock(fd)
        finally:
            os.close(fd)


def _try_lock(fd: int, mode: Mode) -> bool:
    if fcntl is None:
        from filelock import lock_descriptor

        return lock_descriptor(fd, blocking=False)
    operation = fcntl.LOCK_SH if mode == "shared" else fcntl.LOCK_EX
    try:
        fcntl.flock(fd, operation | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if fcntl is None:
        from filelock import unlock_descriptor

        unlock_descriptor(fd)
        return
    fcntl.flock(fd, fcntl.LOCK_UN)


def _holder_reason(fd: int) -> str:
    """What the exclusive holder wrote it is doing ('' if nothing or unreadable)."""
    if fcntl is None:
        return ""
    try:
        return os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        return ""
