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


def test_the_compose_file_names_files_that_exist_and_commands_anchored_has() -> None:
    """compose.yaml (docs/hosting.md's production shape) cannot be run here (no container
    runtime), so at least what it points at must be real."""
    import yaml

    root = Path(__file__).parent.parent
    compose = yaml.safe_load((root / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"proxy", "app", "pgbouncer", "db", "db-replica"} <= set(services)
    for service in services.values():
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            if source.startswith("./"):
                assert (root / source).is_file(), source
        build = service.get("build")
        if build:
            assert (root / build["context"] / build["dockerfile"]).is_file()
    containerfile = (root / "deploy" / "Containerfile").read_text(encoding="utf-8")
    assert '"anchored", "hosted", "serve"' in containerfile
    assert services["migrate"]["command"] == ["anchored", "hosted", "migrate"]
    assert "anchored hosted migrate" in README
    env = services["app"]["environment"]
    assert env["ANCHORED_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert "password" not in env["ANCHORED_DATABASE_URL"]
    assert env["ANCHORED_MASTER_KEY_FILE"].startswith("/run/secrets/")
