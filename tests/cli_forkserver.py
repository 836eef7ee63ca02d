"""Start `python -m anchored` for tests without paying for its imports every time.

Each CLI test runs the real command as a separate process with its own pipes, environment,
working folder and session (no controlling terminal), exactly as ``subprocess.run`` would -
except that the process is forked from a server that has already imported what every command
imports. Starting Python and importing SQLAlchemy, Typer and the features is most of a
command's time in a test (about half a second, hundreds of times per run); a fork takes a few
milliseconds.

The browser tests start `anchored serve` the same way (``tests/support.start_anchored``,
``tests/e2e/conftest.running_server``), so the server also imports the web app, every
feature's pages and the migrations beforehand: a browser test's server is up in a fraction of
a second instead of about two.

What the fork server cannot stand in for - a cold start - is measured by
``benchmarks/startup.py`` and tested by the tests that ask for ``cold=True``
(``tests/support.run_cli``) or a ``cold_server`` (``tests/e2e``). ``ANCHORED_TEST_COLD_CLI=1``
runs every command and server cold.

Protocol (one Unix-socket connection per command): the client sends a JSON request (argv,
environment, working folder) with three file descriptors (stdin, stdout, stderr); the server
forks a supervisor, which forks the command, answers ``pid N`` and then ``exit STATUS`` when
the command ends.
"""

from __future__ import annotations

import io
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
    unbuffered = bool(env.get("PYTHONUNBUFFERED"))
    sys.stdout = _output(1, "strict", unbuffered=unbuffered, line_buffering=False)
    sys.stderr = _output(2, "backslashreplace", unbuffered=unbuffered, line_buffering=True)
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


def _output(fd: int, errors: str, *, unbuffered: bool, line_buffering: bool) -> io.TextIOWrapper:
    """sys.stdout or sys.stderr as Python's start-up makes them when they are not a terminal:
    stdout in blocks, stderr by lines, both written at once under PYTHONUNBUFFERED (a
    running server's output is read while it runs)."""
    raw = io.FileIO(fd, "w", closefd=False)
    binary: io.RawIOBase | io.BufferedWriter = raw if unbuffered else io.BufferedWriter(raw)
    return io.TextIOWrapper(
        binary,  # type: ignore[arg-type]
        encoding="utf-8",
        errors=errors,
        line_buffering=line_buffering and not unbuffered,
        write_through=unbuffered,
    )


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


#: What `anchored serve` and the commands import, besides every feature's tables and pages.
WARM_MODULES = (
    "anchored.cli.app",
    "anchored.services.vault",
    "anchored.features.journal.cli",
    "anchored.features.check_in.cli",
    "anchored.features.thought_record.cli",
    "anchored.web.server",
    "anchored.storage.migrate",
    "alembic.command",
    "alembic.runtime.migration",
    "alembic.script",
    "uvicorn.lifespan.on",
    "uvicorn.loops.auto",
    "uvicorn.protocols.http.auto",
    "uvicorn.protocols.websockets.auto",
)


def _import_what_commands_import() -> None:
    """Modules: the commands, and for `anchored serve` the web app (every feature's pages),
    the web server and the migrations that run when a vault is made or opened; and the crisis
    rules and the page templates, compiled.

    Nothing here may start a thread or keep a file or socket open: a fork copies only the
    thread that forks. The on-device text model (numpy, onnxruntime) is left to each server,
    which loads it in a thread of its own after unlocking; numpy's import alone starts one."""
    import importlib

    for module in WARM_MODULES:
        importlib.import_module(module)
    from anchored.features import FEATURES
    from anchored.manifest import Registry

    registry = Registry(FEATURES)
    registry.load_models()
    list(registry.routers())
    # The crisis rules, compiled once here (about 0.3 s of regular expressions) rather than in
    # every command that saves words; a cold start still pays it (benchmarks/startup.py).
    from anchored.core import crisis

    crisis.check("")
    # Every page template, compiled once here: each browser test's server would otherwise
    # compile every page it shows on its first visit (tens of ms a page; 0.1 s for the first).
    from anchored.web.templating import compile_all

    compile_all(registry.in_mode(hosted=False))
    threads = os.listdir("/proc/self/task") if os.path.isdir("/proc/self/task") else ["one"]
    assert len(threads) == 1, f"an import started a thread; forks would lack it: {threads}"


def serve(path: str) -> None:
    """Import what commands import, then fork one command per connection until stdin closes."""
    _import_what_commands_import()
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
