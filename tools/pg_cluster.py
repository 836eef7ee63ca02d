#!/usr/bin/env python3
"""A throw-away PostgreSQL server for hosted mode's tests and `make hosted` (stdlib only).

    python tools/pg_cluster.py start FOLDER   # prints the server's URL; reuses a running one
    python tools/pg_cluster.py stop FOLDER

Order of preference:
1. ``ANCHORED_TEST_DATABASE_URL`` (a server someone gave us; printed as is);
2. a server already listening on 127.0.0.1:5432 that lets the ``postgres`` role in without a
   password (a developer's or a CI service's);
3. a new cluster in FOLDER from Debian's ``postgresql`` package (``initdb``/``pg_ctl``), on a
   free port on 127.0.0.1, trust authentication for local connections only, fsync off (the
   data is thrown away). As root it runs as the ``postgres`` user, since ``initdb`` refuses
   root.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ENV_URL = "ANCHORED_TEST_DATABASE_URL"
USER = "postgres"


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if found:
        return found[0]
    path = shutil.which(name)
    if path is None:
        raise SystemExit(
            f"PostgreSQL's {name} was not found. Install Debian's package: "
            "apt-get install -y postgresql"
        )
    return path


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", USER, "--", *cmd]
    return cmd


def _listening(port: int, host: str = "127.0.0.1") -> bool:
    with contextlib.closing(socket.socket()) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _accepts_postgres_without_password(port: int) -> bool:
    psql = _bin("psql")
    env = {**os.environ, "PGPASSWORD": "", "PGCONNECT_TIMEOUT": "3"}
    done = subprocess.run(
        [
            psql,
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            USER,
            "-d",
            "postgres",
            "-w",
            "-Atc",
            "select 1",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    return done.returncode == 0 and done.stdout.strip() == "1"


def url_for(port: int) -> str:
    return f"postgresql+psycopg://{USER}@127.0.0.1:{port}/postgres"


def start(folder: Path) -> str:
    if os.environ.get(ENV_URL):
        return os.environ[ENV_URL]
    if _listening(5432) and _accepts_postgres_without_password(5432):
        return url_for(5432)
    folder = folder.absolute()
    data = folder / "data"
    port_file = folder / "port"
    if port_file.exists() and _listening(int(port_file.read_text())):
        return url_for(int(port_file.read_text()))
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(folder, USER)
    if not (data / "PG_VERSION").exists():
        subprocess.run(
            _as_server_user(
                [
                    _bin("initdb"),
                    "-D",
                    str(data),
                    "-U",
                    USER,
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    port = _free_port()
    options = (
        f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
    )
    subprocess.run(
        _as_server_user(
            [
                _bin("pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    port_file.write_text(str(port))
    deadline = time.monotonic() + 30
    while not _listening(port):
        if time.monotonic() > deadline:
            raise SystemExit(f"PostgreSQL did not start; see {folder / 'server.log'}")
        time.sleep(0.05)
    return url_for(port)


def stop(folder: Path) -> None:
    data = folder.absolute() / "data"
    if (data / "postmaster.pid").exists():
        subprocess.run(
            _as_server_user([_bin("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            check=False,
            stdout=subprocess.DEVNULL,
        )


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in {"start", "stop"}:
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[2])
    if argv[1] == "start":
        print(start(folder))
    else:
        stop(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
