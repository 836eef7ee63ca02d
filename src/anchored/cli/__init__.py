"""The `anchored` command line. Commands call the same services as the web app."""

from __future__ import annotations

import sys

import typer

from anchored.cli import journal, vault_commands
from anchored.storage.errors import AnchoredError

app = typer.Typer(
    name="anchored",
    help="Anchored: a private, encrypted companion for healing from fear of abandonment.",
    no_args_is_help=False,
    add_completion=False,
    # Never print local variables: they can hold a passphrase or something the person wrote.
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
vault_commands.register(app)
app.add_typer(journal.app, name="journal")


@app.callback(invoke_without_command=True)
def _default(ctx: typer.Context) -> None:
    """With no command, show where things stand and what to do next."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(vault_commands.status)


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
        # The exception text may quote user data (e.g. SQL parameters), so only its type shows.
        typer.secho(
            f"Something unexpected went wrong ({type(exc).__name__}). "
            "Your vault was not changed by this error.",
            fg="red",
            err=True,
        )
        sys.exit(1)
