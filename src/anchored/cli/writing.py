"""Where a command gets longer writing from, without showing it to anyone else.

Words given as an argument are visible to every user of the computer while the command runs
(``ps``, ``/proc/PID/cmdline``) and stay in the shell's history. So with no argument the text
comes from standard input when that is a pipe, or is written in the person's editor, on a file
kept in memory (tmpfs) in a folder only they can open, overwritten and removed afterwards. With
no editor set, or no memory-backed folder on this system, it is typed into the terminal.

If saving then fails, :func:`kept_if_not_saved` says where the words still are, or prints them
back to the terminal to copy: never to a file.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import typer

from anchored.core.errors import AnchoredError

Source = Literal["argument", "stdin", "editor", "terminal"]
MEMORY_FILESYSTEMS = frozenset({"tmpfs", "ramfs"})


@dataclass(frozen=True, slots=True)
class Writing:
    text: str
    source: Source


def writing_from(argument: str | None, *, what: str) -> Writing:
    """The text for a command: ``argument`` (``-`` reads standard input), else standard input
    when it is not a terminal, else the editor or the terminal. ``what`` names it ("your
    entry") in what the person is told."""
    if argument in {"-", None} and not sys.stdin.isatty():
        return Writing(sys.stdin.read(), "stdin")
    if argument == "-":  # standard input is the terminal: the person types it here
        return Writing(_type(what, has_editor=False), "terminal")
    if argument is not None:
        warn_words_on_command_line("write in your editor instead")
        return Writing(argument, "argument")
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    folder = memory_folder()
    if editor and folder is not None:
        return Writing(_edit(editor, folder, what), "editor")
    return Writing(_type(what, has_editor=editor is not None), "terminal")


def warn_words_on_command_line(instead: str) -> None:
    """Say, once per command, that words given after it are visible to others (``ps``) and
    kept in the shell's history; ``instead`` is the private way ("write in your editor")."""
    typer.secho(
        "Note: words typed after the command can be seen by other people on this computer "
        f"while it runs, and stay in your shell's history. Next time, leave them out, and "
        f"{instead}.",
        fg="yellow",
        err=True,
    )


def memory_folder() -> Path | None:
    """A folder kept in memory on this system ($XDG_RUNTIME_DIR or /dev/shm on tmpfs), if any."""
    try:
        lines = Path("/proc/self/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None  # not Linux: no way to be sure a temporary file stays off the disk
    mounts = {}
    for line in lines:
        parts = line.split()
        if len(parts) >= 3:
            mounts[parts[1].replace("\\040", " ")] = parts[2]
    for candidate in (os.environ.get("XDG_RUNTIME_DIR"), "/dev/shm"):  # noqa: S108
        if not candidate or not Path(candidate).is_dir():
            continue
        path = Path(candidate).resolve()
        mount = max(
            (m for m in mounts if path == Path(m) or Path(m) in path.parents),
            key=len,
            default=None,
        )
        if mount is not None and mounts[mount] in MEMORY_FILESYSTEMS:
            return path
    return None


def _edit(editor: str, folder: Path, what: str) -> str:
    try:
        command = shlex.split(editor)
    except ValueError:
        command = []
    name = Path(command[0]).name if command else editor
    cannot_start = AnchoredError(
        f"Your editor ({name}) could not be started, so nothing was saved. Check $VISUAL or "
        "$EDITOR, or send the text on standard input."
    )
    if not command:
        raise cannot_start
    typer.echo(f"Opening your editor ({name}). Write {what}, save, and close the editor.")
    private = Path(tempfile.mkdtemp(prefix="anchored-", dir=folder))  # only this user: 0700
    path = private / "entry.txt"
    try:
        path.touch(mode=0o600)
        try:
            finished = subprocess.run([*command, str(path)], check=False)  # noqa: S603
        except OSError:
            raise cannot_start from None
        if finished.returncode != 0:
            raise AnchoredError(f"Your editor ({name}) stopped with an error; nothing was saved.")
        return path.read_text(encoding="utf-8", errors="replace")
    finally:
        _remove(private)


def _remove(folder: Path) -> None:
    """Overwrite and delete everything in ``folder`` (the editor may leave backups there)."""
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):
            if path.is_file() and not path.is_symlink():
                size = path.stat().st_size
                with path.open("r+b") as handle:
                    handle.write(b"\0" * size)
    shutil.rmtree(folder, ignore_errors=True)


def _type(what: str, *, has_editor: bool) -> str:
    if has_editor:
        typer.echo("(Your editor is not used here: this system has no memory-backed folder for")
        typer.echo("its file, and Anchored never puts your words in a file on disk.)")
    typer.echo(f"Write {what} below; Enter starts a new line.")
    typer.echo("When you are done, press Ctrl+D at the start of a line (Windows: Ctrl+Z, Enter).")
    return sys.stdin.read()


@contextlib.contextmanager
def kept_if_not_saved(writing: Writing) -> Iterator[None]:
    """If saving fails, say so and where the words still are: back on the terminal when they
    were written there, since they exist nowhere else."""
    try:
        yield
    except BaseException:
        _say_where(writing)
        raise


def _say_where(writing: Writing) -> None:
    if writing.source == "argument":
        typer.echo("Nothing was saved. Your words are still in the command you typed.", err=True)
    elif writing.source == "stdin":
        typer.echo(
            "Nothing was saved. What you sent on standard input was not changed, wherever it "
            "came from.",
            err=True,
        )
    elif writing.text.strip():
        _to_terminal(
            "\nNothing was saved. Here is what you wrote, so you can copy it:\n\n"
            f"{writing.text.rstrip()}\n\n"
        )


def _to_terminal(message: str) -> None:
    """Print on the terminal itself, so a redirected output never takes the words to a file."""
    try:
        with open("/dev/tty", "w", encoding="utf-8") as terminal:
            terminal.write(message)
            return
    except OSError:
        pass
    for stream in (sys.stdout, sys.stderr):
        if stream.isatty():
            stream.write(message)
            stream.flush()
            return
    typer.echo("Nothing was saved, and there is no terminal here to show your words on.", err=True)
