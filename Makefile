# One entry point for chores. `make run` and `make test` work on a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
# Exact versions of every Python package (direct and transitive) live in constraints.txt.
CONSTRAINTS := -c constraints.txt

.PHONY: run hosted install dev test e2e e2e-deps postgres-deps lint format lock bench clean

run: install
	@$(BIN)/python -m compileall -q src >/dev/null
	$(BIN)/anchored

install: $(VENV)/.installed

dev: $(VENV)/.dev-installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) install --quiet $(CONSTRAINTS) hatchling editables
	$(PIP) install --quiet --no-build-isolation $(CONSTRAINTS) -e .
	touch $@

# Hosted mode (docs/hosting.md): PostgreSQL from Debian, psycopg, a local cluster, 2 workers.
hosted: $(VENV)/.hosted-installed postgres-deps
	$(BIN)/python tools/hosted_local.py

$(VENV)/.hosted-installed: $(VENV)/.installed
	$(PIP) install --quiet --no-build-isolation $(CONSTRAINTS) -e '.[hosted]'
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed
	$(PIP) install --quiet --no-build-isolation $(CONSTRAINTS) -e '.[dev]'
	touch $@

# Architecture contracts first (seconds), then every test on every core (each module on one
# worker, so a browser module starts and onboards its app once), slowest 15 listed.
# Our modules are byte-compiled first (and before `make run`): where PYTHONDONTWRITEBYTECODE is
# set, Python never writes them itself, and each of the ~40 servers and many commands the tests
# start would compile them again (about 0.25 s a start).
test: dev e2e-deps postgres-deps
	@$(BIN)/python -m compileall -q src >/dev/null
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -n auto --dist loadscope --durations=15

# Browser tests use Debian's Chromium (never `playwright install`) and axe-core from npm.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
AXE := tests/e2e/node_modules/axe-core/axe.min.js

e2e-deps: /usr/bin/chromium $(AXE)

# Hosted mode's tests start a throw-away PostgreSQL from Debian's package (tools/pg_cluster.py).
postgres-deps:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql; }

/usr/bin/chromium:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

/usr/bin/wrk:
	-$(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk

$(AXE): tests/e2e/package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm; }
	npm ci --prefix tests/e2e --no-audit --no-fund --silent
	touch $@

e2e: dev e2e-deps
	$(BIN)/python -m pytest -n auto --dist loadscope tests/e2e

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

format: dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# wrk drives the page benchmark (benchmarks/pages.py falls back to a Python client without it).
bench: dev /usr/bin/wrk
	$(BIN)/python benchmarks/pages.py
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/vault.py
	$(BIN)/python benchmarks/crisis_check.py
	$(BIN)/python benchmarks/history.py
	$(BIN)/python benchmarks/progress.py
	$(BIN)/python benchmarks/backup.py
	$(BIN)/python benchmarks/reliability.py
	$(BIN)/python benchmarks/hosted.py
	$(BIN)/python benchmarks/hosted_load.py

# Re-resolve the newest allowed versions and rewrite constraints.txt (review the diff).
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet hatchling editables
	.lock-venv/bin/python -m pip install --quiet --no-build-isolation -e '.[dev]'
	( echo "# Exact versions for a reproducible install. Regenerate with: make lock"; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^anchored' | sort -f ) > constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
