"""`anchored hosted …` end to end, and personal mode never loading hosted mode's code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from anchored.core.errors import UsageError
from anchored.services import accounts
from anchored.services.hosted import HostedDatabase
from anchored.storage.hosted_schema import create_schema
from tests.hosted.conftest import hosted_settings
from tests.support import NOW, run_cli


def _env(settings_url: str, folder: Path) -> dict[str, str]:
    settings = hosted_settings(settings_url, folder)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANCHORED_")}
    env.update(
        ANCHORED_DATABASE_URL=settings_url,
        ANCHORED_MASTER_KEY_FILE=str(settings.master_key_file),
        ANCHORED_PUBLIC_URL="https://anchored.example.org",
        ANCHORED_DATA_DIR=str(folder / "data"),
    )
    return env


def test_create_admin_makes_the_tables_and_prints_a_link_that_works_once(
    pg_database: str, tmp_path: Path
) -> None:
    env = _env(pg_database, tmp_path)
    done = run_cli(env, "hosted", "create-admin", cold=True)
    assert done.returncode == 0, done.stderr
    link = done.stdout.strip().splitlines()[-1]
    assert link.startswith("https://anchored.example.org/invite/")
    engine = create_engine(pg_database)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert {"accounts", "journal_entries", "owner_preferences", "sent_forms"} <= tables
    database = HostedDatabase(hosted_settings(pg_database, tmp_path))
    with database.session() as session:
        invite = accounts.open_invite(session, link.rsplit("/", 1)[1], now=NOW)
        assert invite is not None
        assert invite.role == "admin"
    database.dispose()


def test_serve_refuses_unsafe_settings_saying_what_to_set(tmp_path: Path) -> None:
    env = _env("postgresql+psycopg://someone@127.0.0.1:1/never-reached", tmp_path)
    del env["ANCHORED_MASTER_KEY_FILE"]
    done = run_cli(env, "hosted", "serve", "--host", "0.0.0.0", "--reload", cold=True)  # noqa: S104
    assert done.returncode == 2
    for setting in ("ANCHORED_MASTER_KEY_FILE", "ANCHORED_TRUSTED_PROXY", "--reload"):
        assert setting in done.stderr


def test_personal_mode_never_loads_psycopg_or_hosted_code(tmp_path: Path) -> None:
    code = (
        "import sys, pathlib\n"
        "from anchored.settings import Settings\n"
        "from anchored.web.app import create_app\n"
        "from anchored.cli.app import app\n"
        f"create_app(Settings(data_dir=pathlib.Path({str(tmp_path)!r}) / 'v'), 8123)\n"
        "hosted = {'psycopg', 'anchored.services.hosted', 'anchored.web.hosted'}\n"
        "loaded = hosted & set(sys.modules)\n"
        "print(sorted(loaded))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANCHORED_")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "[]"


def test_migrate_refuses_a_database_it_did_not_make_or_a_newer_one(
    pg_database: str, tmp_path: Path
) -> None:
    engine = create_engine(pg_database)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE customers (id integer primary key)"))
    env = _env(pg_database, tmp_path)
    done = run_cli(env, "hosted", "migrate")
    assert done.returncode == 2, done.stderr
    assert "already has tables (customers)" in done.stderr
    assert "Anchored will not change it" in done.stderr
    assert set(inspect(engine).get_table_names()) == {"customers"}
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE customers"))
    create_schema(engine)  # an empty database: made from scratch
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(UsageError, match="schema version 9999, newer than this Anchored knows"):
        create_schema(engine)
    engine.dispose()
