"""`anchored hosted …`: hosted mode's commands (PostgreSQL, many people). See docs/hosting.md."""

from __future__ import annotations

import typer

from anchored.cli.common import load_settings, now
from anchored.core.errors import UsageError

app = typer.Typer(
    name="hosted",
    help="Hosted mode (ANCHORED_DATABASE_URL set): set up the database, the first admin, serve.",
    no_args_is_help=True,
    add_completion=False,
)


def _database():  # type: ignore[no-untyped-def]
    settings = load_settings()
    if not settings.hosted:
        raise UsageError("Set ANCHORED_DATABASE_URL (postgresql+psycopg://…) for hosted mode.")
    from anchored.services.hosted import HostedDatabase

    return settings, HostedDatabase(settings, pool_size=1)


@app.command("migrate")
def migrate() -> None:
    """Bring the database's tables up to this version of Anchored (run before new workers)."""
    _settings, database = _database()
    try:
        database.create_schema()
    finally:
        database.dispose()
    typer.echo("The database is up to date.")


@app.command("create-admin")
def create_admin(
    if_none: bool = typer.Option(
        False, "--if-none", help="Only when the database has no account yet (first start)."
    ),
) -> None:
    """Make the tables if needed and print a one-time link for an admin account (valid 7 days)."""
    from anchored.core.accounts import ADMIN
    from anchored.services import accounts

    settings, database = _database()
    problems = [p for p in settings.hosted_problems(bind="127.0.0.1") if "PUBLIC_URL" in p]
    if problems:
        raise UsageError(problems[0])
    try:
        database.create_schema()
        with database.session() as session:
            if if_none and accounts.has_accounts(session):
                typer.echo(
                    "There are accounts already: no new admin link (sign in, or run "
                    "anchored hosted create-admin for another admin)."
                )
                return
            token = accounts.create_invite(session, None, ADMIN, now=now())
    finally:
        database.dispose()
    origin = (settings.public_url or "").rstrip("/")
    typer.echo("Open this link to make the admin account (it works once, for 7 days):")
    typer.echo(f"{origin}/invite/{token}")


@app.command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    workers: int = typer.Option(2, "--workers", min=1, max=64, help="Worker processes."),
    reload: bool = typer.Option(False, "--reload", help="Refused: development only."),
) -> None:
    """Serve hosted Anchored with several workers (uvicorn), after checking the settings."""
    settings = load_settings()
    if not settings.hosted:
        raise UsageError("Set ANCHORED_DATABASE_URL (postgresql+psycopg://…) for hosted mode.")
    problems = settings.hosted_problems(bind=host, reload=reload)
    if problems:
        raise UsageError("Hosted Anchored will not start:\n- " + "\n- ".join(problems))
    import uvicorn

    from anchored.web.server import UVICORN_OPTIONS

    uvicorn.run(
        "anchored.web.server:hosted_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        **UVICORN_OPTIONS,
    )
