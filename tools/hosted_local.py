#!/usr/bin/env python3
"""`make hosted`: hosted Anchored on this machine, for trying it out.

Starts (or reuses) a local PostgreSQL cluster from Debian's package (``tools/pg_cluster.py``;
the cluster lives in ``$ANCHORED_HOSTED_DIR``, default ``/var/tmp/anchored-hosted``, where the
``postgres`` user can reach it), makes the ``anchored`` database, a master key
(``.hosted/master.key`` beside this checkout, readable only by you), migrates, prints a
one-time link for the first admin if there is no account yet, then serves on
http://127.0.0.1:8000 with several worker processes (``anchored hosted serve``).

Production looks different (TLS proxy, managed PostgreSQL, the key in a secret store): see
docs/hosting.md.
"""

from __future__ import annotations

import base64
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("HOSTED_PORT", "8000"))
WORKERS = os.environ.get("HOSTED_WORKERS", "2")
DATABASE = "anchored"


def _cluster_tool() -> Any:
    spec = importlib.util.spec_from_file_location("pg_cluster", ROOT / "tools" / "pg_cluster.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ours() -> set[int]:
    import pwd

    try:
        return {os.geteuid(), pwd.getpwnam("postgres").pw_uid}
    except KeyError:
        return {os.geteuid()}


def master_key(folder: Path) -> Path:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = folder / "master.key"
    if not key.exists():
        descriptor = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(base64.b64encode(os.urandom(32)) + b"\n")
        print(f"A new master key is in {key}. Without it nobody's writing can be read back.")
    return key


def ensure_database(server_url: str) -> str:
    from sqlalchemy import create_engine, text

    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        found = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": DATABASE}
        ).first()
        if found is None:
            connection.execute(text(f'CREATE DATABASE "{DATABASE}"'))
    admin.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{DATABASE}"


def main() -> int:
    tool = _cluster_tool()
    # Outside this checkout: the server runs as the ``postgres`` user, who may not be able to
    # enter a home folder. A folder someone else made there is refused (not followed).
    cluster = Path(os.environ.get("ANCHORED_HOSTED_DIR", "/var/tmp/anchored-hosted"))  # noqa: S108
    if cluster.is_symlink() or (cluster.exists() and cluster.stat().st_uid not in _ours()):
        print(f"{cluster} belongs to someone else; set ANCHORED_HOSTED_DIR to another folder.")
        return 1
    server_url = tool.start(cluster)
    url = ensure_database(server_url)
    key = master_key(ROOT / ".hosted")
    env = {
        **os.environ,
        "ANCHORED_DATABASE_URL": url,
        "ANCHORED_MASTER_KEY_FILE": str(key),
        "ANCHORED_PUBLIC_URL": f"http://127.0.0.1:{PORT}",
        "ANCHORED_DATA_DIR": str(ROOT / ".hosted" / "data"),
    }
    anchored = [sys.executable, "-m", "anchored"]
    for step in (["hosted", "migrate"], ["hosted", "create-admin", "--if-none"]):
        if subprocess.run([*anchored, *step], env=env, check=False).returncode != 0:
            print(f"`anchored {' '.join(step)}` did not succeed (its message is above).")
            return 1
    print(f"Hosted Anchored on http://127.0.0.1:{PORT}/ with {WORKERS} workers (Ctrl+C stops).")
    print(
        f"PostgreSQL keeps running in {cluster}; stop it with: "
        f"python3 tools/pg_cluster.py stop {cluster}",
        flush=True,
    )
    serve = [*anchored, "hosted", "serve", "--port", str(PORT), "--workers", WORKERS]
    try:
        return subprocess.call(serve, env=env)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
