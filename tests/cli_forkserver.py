"""Start `python -m anchored` for tests without paying for its imports every time.

Each CLI test runs the real command as a separate process with its own pipes, environment,
working folder and session (no controlling terminal), exactly as ``subprocess.run`` would -
except that the process is forked from a server that has already imported what every command
imports. Starting Python and importing SQLAlchemy, Typer and the features is most of a
command's time in a test (about half a second, hundreds of times per run); a fork takes a few
milliseconds.

What the fork server cannot stand in for - a cold start - is measured by
``benchmarks/startup.py`` and tested by the tests that ask for ``cold=True``
(``tests/support.run_cli``). ``ANCHORED_TEST_COLD_CLI=1`` runs every command cold.

Protocol (one Unix-socket connection per command): the client sends a JSON request (argv,
environment, working folder) with three file descriptors (stdin, stdout, stderr); the server
forks a supervisor, which forks the command, answers ``pid N`` and then ``exit STATUS`` when
the command ends.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import sys
from pathlib import Path
from typing import NoReturn

#: Environment variables that shape how Python starts (encoding, hashing, paths): a request
#: that differs in any of them from the server's own runs cold instead.
STARTUP_VARIABLES = (
    "PYTHONPATH",
    "PYTHONHASHSEED",
    "PYTHONIOENCODING",
    "PYTHONUTF8",
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONWARNINGS",
    "PYTHONDEVMODE",
)


def _encoding_of(env: dict[str, str]) -> str:
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = env.get(name)
        if value:
            return "utf-8" if value.lower().replace("-", "").endswith("utf8") else value
    return "default"


def compatible(server_env: dict[str, str], env: dict[str, str]) -> bool:
    """Whether a command with ``env`` starts the same way as one forked from the server."""
    return all(server_env.get(n) == env.get(n) for n in STARTUP_VARIABLES) and _encoding_of(
        server_env
    ) == _encoding_of(env)


def _run_command(request: dict[str, object]) -> NoReturn:
    """In the forked command process: become `python -m anchored ARGS` and never return."""
    import atexit
    import contextlib
    import locale
    import runpy
    import threading
    import time

    atexit._clear()  # the server's exit handlers are not the command's
    os.setsid()  # its own session, no controlling terminal, like start_new_session=True
    for number in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    env = request["env"]
    assert isinstance(env, dict)
    os.environ.clear()
    os.environ.update({str(k): str(v) for k, v in env.items()})
    time.tzset()
    with contextlib.suppress(locale.Error):  # as Python's start-up, which ignores a bad one
        locale.setlocale(locale.LC_CTYPE, "")
    os.chdir(str(request["cwd"]))
    sys.path[0] = os.getcwd()  # as `python -m` puts it (the server ran as a script)
    args = request["args"]
    assert isinstance(args, list)
    sys.argv = [str(Path(__import__("anchored").__file__).with_name("__main__.py")), *args]
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    # From here on it is the real entry point, ended the way the interpreter ends a program.
    try:
        runpy.run_module("anchored", run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as exc:
        code = _exit_code(exc.code)
    except BaseException:
        sys.excepthook(*sys.exc_info())
        code = 1
    threading._shutdown()  # type: ignore[attr-defined]  # joins non-daemon threads
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:
            code = code or 120
    os._exit(code)


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _supervise(conn: socket.socket) -> None:
    """In the supervisor: receive the request, fork the command, report its pid and status."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    message, fds, _flags, _addr = socket.recv_fds(conn, 1 << 20, 3)
    request = json.loads(message)
    pid = os.fork()
    if pid == 0:
        conn.close()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        try:
            _run_command(request)
        except BaseException:  # the fork server's own fault: say so where the test looks
            import traceback

            os.write(2, f"fork server: {traceback.format_exc()}".encode())
            os._exit(70)
    for fd in fds:
        os.close(fd)
    conn.sendall(f"pid {pid}\n".encode())
    _pid, status = os.waitpid(pid, 0)
    conn.sendall(f"exit {status}\n".encode())
    conn.close()


def serve(path: str) -> None:
    """Import what commands import, then fork one command per connection until stdin closes."""
    import anchored.cli.app
    import anchored.services.vault  # noqa: F401
    from anchored.features import FEATURES
    from anchored.manifest import Registry

    Registry(FEATURES).load_models()
    for command in ("journal", "check_in", "thought_record"):
        __import__(f"anchored.features.{command}.cli")

    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # supervisors are reaped by the kernel
    print("ready", flush=True)
    while True:
        readable, _, _ = select.select([listener, sys.stdin], [], [])
        if sys.stdin in readable:
            return  # the test process is gone (or done): so is the server
        conn, _ = listener.accept()
        sys.stdout.flush()
        sys.stderr.flush()
        if os.fork() == 0:
            listener.close()
            try:
                _supervise(conn)
            finally:
                os._exit(0)
        conn.close()


if __name__ == "__main__":
    serve(sys.argv[1])
