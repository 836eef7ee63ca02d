"""Backup and restore of ten years of daily use: how long, and how big?

Builds the vault of ``benchmarks/history.py`` (3,650 check-ins, 2,000 journal entries, 1,000
thought records, written through the services), then times, each a few times: a backup
(``VACUUM INTO`` snapshot and the backup file, as ``anchored backup --out`` writes it), reading
and checking a backup (its checksum), and a restore into an empty folder (the key unwrapped,
every page checked, the files put in place). Prints the vault's and the backup's sizes and the
median of each time.

Run it with ``make bench`` or ``.venv/bin/python benchmarks/backup.py [--runs 3]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from anchored.features import FEATURES
from anchored.manifest import Registry
from anchored.storage.backup import read_backup, write_backup
from anchored.storage.vault import Vault
from history import PASSPHRASE, SEED, fill


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="times each step runs (default 3)")
    parser.add_argument("--vault", type=Path, help="use this ten-year vault (history.py --keep)")
    args = parser.parse_args()
    Registry(FEATURES).load_models()

    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        data_dir = args.vault or work / "vault"
        if args.vault is None:
            print(f"Writing ten years of daily use into an encrypted vault ({data_dir}):")
            opened, _recovery = Vault(data_dir).create(PASSPHRASE, "fast")
            try:
                fill(opened.session, random.Random(SEED))
            finally:
                opened.lock()
        print(f"  vault on disk: {folder_size(data_dir) / 1_000_000:.1f} MB")

        backups, reads, restores = [], [], []
        out = work / "ten-years.anchored"
        with Vault(data_dir).unlock(PASSPHRASE) as opened:
            for _ in range(args.runs):
                began = time.perf_counter()
                write_backup(opened, out, created_at=datetime.now(UTC))
                backups.append(time.perf_counter() - began)
        for run in range(args.runs):
            began = time.perf_counter()
            backup = read_backup(out)
            reads.append(time.perf_counter() - began)
            target = Vault(work / f"restored-{run}")
            data_key = target.backup_key(backup, passphrase=PASSPHRASE)  # Argon2 "fast"
            began = time.perf_counter()
            target.restore(backup, data_key)
            restores.append(time.perf_counter() - began)
        print(f"  backup file:   {out.stat().st_size / 1_000_000:.1f} MB")
        print(f"\nMedian of {args.runs} runs each:")
        print(f"  backup (snapshot and file)      {statistics.median(backups):6.2f} s")
        print(f"  read and check a backup         {statistics.median(reads):6.2f} s")
        print(f"  restore (every page checked)    {statistics.median(restores):6.2f} s")


if __name__ == "__main__":
    main()
