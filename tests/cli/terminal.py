"""Run `python -m anchored` in a pseudo-terminal, as a person at a keyboard would: passphrases
are read from the terminal (without echo) and questions are answered by typing."""

from __future__ import annotations

import os
import pty
import select
import sys
import time

WAIT_SECONDS = 30


class Terminal:
    def __init__(self, env: dict[str, str], *args: str) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: the pty is its controlling terminal, stdin and stdout
            try:
                os.execve(sys.executable, [sys.executable, "-m", "anchored", *args], env)  # noqa: S606
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.screen = ""  # everything printed so far
        self._seen = 0  # how far `expect` has read

    def _read(self, deadline: float) -> bool:
        """Read what arrives before ``deadline``; False once the program has closed the pty."""
        ready, _, _ = select.select([self.fd], [], [], max(deadline - time.monotonic(), 0))
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 4096)
        except OSError:  # EIO: the program ended and its terminal closed
            return False
        self.screen += chunk.decode("utf-8", errors="replace").replace("\r\n", "\n")
        return bool(chunk)

    def expect(self, text: str) -> None:
        """Wait until ``text`` is printed, after what earlier calls waited for."""
        deadline = time.monotonic() + WAIT_SECONDS
        while (found := self.screen.find(text, self._seen)) < 0:
            if time.monotonic() > deadline or not self._read(deadline):
                raise AssertionError(f"never printed {text!r}; the screen shows:\n{self.screen}")
        self._seen = found + len(text)

    def type(self, line: str) -> None:
        os.write(self.fd, f"{line}\n".encode())

    def finish(self) -> int:
        """Wait for the program to end; its exit code."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline and self._read(deadline):
            pass
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)
