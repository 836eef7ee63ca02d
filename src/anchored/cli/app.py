"""The `anchored` command line: the vault commands and every feature's commands.

Feature commands come from the manifests (``Feature.cli``) and are imported only when run,
so ``anchored --help`` lists them from their one-line ``help`` without loading any of them.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from anchored.cli import hosted_commands, vault_commands
from anchored.cli.common import load_settings
from anchored.core.errors import AnchoredError
from anchored.features import FEATURES
from anchored.manifest import CliCommand, Feature, Registry, resolve


class FeatureGroup(TyperGroup):
    """A Typer group whose feature commands load on first use."""

    registry: Registry  # set by make_app on a subclass
    _listing = False

    def _feature_commands(self) -> dict[str, CliCommand]:
        found: dict[str, CliCommand] = {}
        for command in self.registry.commands:
            for name in (command.name, *command.aliases):
                found[name] = command
        return found

    def list_commands(self, ctx: typer.Context) -> list[str]:
        listed = [c.name for c in self.registry.commands]
        return sorted({*super().list_commands(ctx), *listed})

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:
        known = super().get_command(ctx, cmd_name)
        if known is not None:
            return known
        declared = self._feature_commands().get(cmd_name)
        if declared is None:
            return None
        if self._listing:
            # Help only needs the name and one line: don't import the command for that.
            return TyperCommand(name=declared.name, help=declared.help)
        return _click_command(declared, cmd_name)

    def format_help(self, ctx: typer.Context, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


def _click_command(declared: CliCommand, name: str) -> Any:
    target: Any = resolve(declared.target)
    if isinstance(target, typer.Typer):
        command = typer.main.get_command(target)
    else:
        single = typer.Typer(add_completion=False)
        single.command(name, help=declared.help if target.__doc__ is None else None)(target)
        command = typer.main.get_command(single)
    command.name = name
    return command


def make_app(features: tuple[Feature, ...]) -> typer.Typer:
    """The `anchored` command: the vault commands, `serve`, and every feature's commands."""
    registry = Registry(features)
    group = type("Commands", (FeatureGroup,), {"registry": registry})
    app = typer.Typer(
        name="anchored",
        cls=group,
        help="Anchored: a private, encrypted companion for healing from fear of abandonment.",
        no_args_is_help=False,
        add_completion=False,
        # Never print local variables: they can hold a passphrase or something the person wrote.
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    vault_commands.register(app)
    app.command()(serve)
    app.add_typer(hosted_commands.app)

    @app.callback(invoke_without_command=True)
    def _default(ctx: typer.Context) -> None:
        """With no command, start the app (same as `anchored serve`)."""
        from anchored.cli.support import use_help_links

        ctx.obj = registry
        use_help_links(registry.help_links)
        # Every feature's tables, before any command opens the vault (status counts them all).
        registry.load_models()
        if ctx.invoked_subcommand is None:
            ctx.invoke(serve, port=0, no_browser=False)

    return app


def serve(
    port: int = typer.Option(
        0, "--port", min=0, max=65535, help="Port on 127.0.0.1 (0: any free port)."
    ),
    no_browser: bool = typer.Option(
        False, "--no-browser", help="Only print the start link; do not open a browser."
    ),
) -> None:
    """Start Anchored in your browser (127.0.0.1 only). This is what `anchored` alone does."""
    from anchored.web.server import serve as run_server

    try:
        run_server(load_settings(), port=port, open_browser=not no_browser)
    except KeyboardInterrupt:
        # Typer would turn Ctrl+C into a silent exit; say what happened instead.
        typer.echo("\nAnchored stopped. Your vault is locked.", err=True)
        raise typer.Exit(130) from None
    except OSError as exc:
        raise AnchoredError(f"Could not start the server on port {port}: {exc.strerror}.") from None


app = make_app(FEATURES)


def main() -> None:
    """Console entry point: turn expected failures into a message and an exit code."""
    try:
        app(prog_name="anchored")
    except AnchoredError as exc:
        typer.secho(exc.message, fg="red", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("\nStopped. Nothing more was changed.", err=True)
        sys.exit(130)
    except Exception as exc:
        damaged = _damaged(exc)
        if damaged is not None:
            typer.secho(damaged.message, fg="red", err=True)
            sys.exit(damaged.exit_code)
        # The exception text may quote user data (e.g. SQL parameters), so only its type shows.
        what = "The database" if os.environ.get("ANCHORED_DATABASE_URL") else "Your vault"
        typer.secho(
            f"Something unexpected went wrong ({type(exc).__name__}). "
            f"{what} was not changed by this error.",
            fg="red",
            err=True,
        )
        sys.exit(1)


def _damaged(exc: Exception) -> AnchoredError | None:
    """A damaged database file as the calm error it is (only a database error can be one)."""
    if "sqlalchemy" not in sys.modules:
        return None
    from anchored.services.vault import damaged_database

    return damaged_database(exc)
