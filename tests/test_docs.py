"""Documentation is tested: every setting and every command appears in the README."""

from pathlib import Path

import typer
import typer.main
from typer.core import TyperGroup

from anchored.cli.app import app
from anchored.settings import Settings

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _command_paths(group: TyperGroup, prefix: str = "anchored") -> list[str]:
    """Every command and sub-command, loading the lazy feature commands as running them would."""
    paths = []
    ctx = typer.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        path = f"{prefix} {name}"
        if isinstance(command, TyperGroup):
            paths.extend(_command_paths(command, path))
        else:
            paths.append(path)
    return paths


def test_every_setting_is_documented() -> None:
    for name in Settings.model_fields:
        assert f"ANCHORED_{name.upper()}" in README, name


def test_every_command_is_documented() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    paths = _command_paths(group)
    assert "anchored journal add" in paths
    for path in paths:
        assert f"`{path}" in README, path


def test_readme_gives_the_two_commands() -> None:
    assert "make run" in README
    assert "make test" in README


def test_readme_examples_keep_writing_off_the_command_line() -> None:
    """Words after a command show in `ps` and the shell's history: the examples use the editor."""
    examples = [line for line in README.splitlines() if line.startswith("anchored journal add")]
    assert examples
    for line in examples:
        command = line.split("#")[0]
        assert '"' not in command, line
        assert "'" not in command, line
