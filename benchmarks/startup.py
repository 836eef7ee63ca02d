"""How fast does Anchored start, however many features it has?

Prints the median (and slowest) of several runs of:
- ``anchored --help``: the command line lists every command from the manifests without
  importing any feature (target on the reference 2-core machine: under 0.3 s);
- ``anchored serve`` to its first page: from starting the process to the first page answered
  through the one-time start link (target: under 1 s). It runs on an empty data folder, so
  the first page is the welcome page, as for a new user.

Run it with ``make bench`` or ``.venv/bin/python benchmarks/startup.py [--runs 7]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ANCHORED = [sys.executable, "-m", "anchored"]
START_LINK = re.compile(r"(http://127\.0\.0\.1:\d+/launch\?token=\S+)")


def _environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANCHORED_")}
    env["ANCHORED_DATA_DIR"] = str(data_dir)
    return env


def time_help(env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([*ANCHORED, "--help"], env=env, capture_output=True, check=True)
    return time.perf_counter() - start


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def time_first_page(env: dict[str, str]) -> float:
    start = time.perf_counter()
    server = subprocess.Popen(
        [*ANCHORED, "serve", "--no-browser"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        for line in server.stdout:
            found = START_LINK.search(line)
            if found:
                break
        else:
            raise RuntimeError("the server printed no start link")
        opener = urllib.request.build_opener(_NoRedirect())
        try:
            opener.open(found.group(1), timeout=10)
        except urllib.error.HTTPError as redirect:  # the start link answers 303 + a cookie
            cookie = redirect.headers["set-cookie"].split(";", 1)[0]
            location = redirect.headers["location"]
        base = found.group(1).split("/launch", 1)[0]
        request = urllib.request.Request(base + location, headers={"Cookie": cookie})  # noqa: S310
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            assert response.status == 200
            response.read()
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"Start-up on {platform.node()} ({os.cpu_count()} CPUs), {args.runs} runs each")
    with tempfile.TemporaryDirectory() as folder:
        env = _environment(Path(folder) / "vault")
        time_help(env)  # warm the file cache, as a second start would be
        for label, measure, target in (
            ("anchored --help", time_help, 0.3),
            ("anchored serve to its first page", time_first_page, 1.0),
        ):
            times = [measure(env) for _ in range(args.runs)]
            median = statistics.median(times)
            verdict = "within" if median < target else "OVER"
            print(
                f"  {label:34s} median {median * 1000:6.0f} ms, slowest {max(times) * 1000:6.0f} ms"
                f"  ({verdict} the {target * 1000:.0f} ms target)"
            )


if __name__ == "__main__":
    main()
