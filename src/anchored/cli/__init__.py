"""The `anchored` command line. Commands call the same services as the web app."""

from __future__ import annotations

import sys

import typer

from anchored.cli import journal, vault_commands
from anchored.cli.checkin import checkin
from anchored.cli.common import load_settings
from anchored.cli.partner_guide import partner_guide
from anchored.cli.pause import pause
from anchored.cli.search import search
from anchored.cli.thought import thought
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
app.command("partner-guide")(partner_guide)
app.command("pause")(pause)
app.command("checkin")(checkin)
app.command("thought")(thought)
app.command("search")(search)


@app.command()
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


@app.callback(invoke_without_command=True)
def _default(ctx: typer.Context) -> None:
    """With no command, start the app (same as `anchored serve`)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(serve, port=0, no_browser=False)


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
