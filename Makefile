# CICA Secretariat. Two commands set everything up on a fresh Debian machine:
#   make run    install, migrate, load the CICA data, create demo accounts, serve on 127.0.0.1:8000
#   make test   install what the tests need and run the whole suite on SQLite and on PostgreSQL
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export CICA_DATA_DIR ?= $(CURDIR)/var
# apt-get needs root: use sudo when not already root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get

.PHONY: run test install lint messages openapi test-sqlite test-postgres bench bench-smoke soak clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { $(APT) update -qq && $(APT) install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Debian packages: gettext compiles the translations; WeasyPrint sets PDFs with Pango and the
# DejaVu fonts (Cyrillic); the tests also need PostgreSQL, Redis (the shared cache; the tests
# start their own servers, the package's service need not run), Chromium and nginx (a real proxy).
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
.system-run:
	@command -v msgfmt >/dev/null || { $(APT) update -qq && $(APT) install -y -qq gettext; }
	@dpkg -s $(PDF_PACKAGES) >/dev/null 2>&1 || { $(APT) update -qq && $(APT) install -y -qq $(PDF_PACKAGES); }
	@touch $@
.system-test: .system-run
	@command -v chromium >/dev/null || { $(APT) update -qq && $(APT) install -y -qq chromium; }
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { $(APT) update -qq && $(APT) install -y -qq postgresql; }
	@command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || { $(APT) update -qq && $(APT) install -y -qq redis-server; }
	@command -v npm >/dev/null || { $(APT) update -qq && $(APT) install -y -qq nodejs npm; }
	@command -v wrk >/dev/null || { $(APT) update -qq && $(APT) install -y -qq wrk; }
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { $(APT) update -qq && $(APT) install -y -qq nginx; }
	@touch $@

# axe-core, which the browser tests inject to audit accessibility.
node_modules/.installed: package-lock.json .system-test
	npm ci --no-audit --no-fund --silent
	touch $@

messages: install .system-run
	cd src/cica && $(BIN)/cica compilemessages --verbosity 0

run: install .system-run messages
	$(BIN)/cica init
	$(BIN)/cica demo-accounts
	$(BIN)/cica serve --host $(HOST) --port $(PORT) --with-worker

lint: install
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench
	$(BIN)/lint-imports
	$(BIN)/mypy

test: install .system-test node_modules/.installed lint messages
	CICA_DATA_DIR=$$(mktemp -d) $(BIN)/cica makemigrations --check --dry-run
	$(MAKE) --no-print-directory test-sqlite test-postgres bench-smoke

# Each suite runs in two passes: pytest-xdist's workers (one per core, at least two), each on a
# test database and a data folder of its own; then, alone, the tests marked `serial` (they
# restart the database cluster or probe under load). Both passes run; either failing fails.
# loadgroup: a module marked xdist_group (one costly module fixture) runs on one worker.
WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); echo $$(( n < 2 ? 2 : n )))
PARALLEL := $(BIN)/pytest -n $(WORKERS) --dist loadgroup -m 'not serial'
SERIAL := $(BIN)/pytest -m serial

test-sqlite:
	@echo "== test suite on SQLite ($(WORKERS) workers, then the serial tests)"
	export CICA_DATA_DIR=$$(mktemp -d); unset CICA_DATABASE_URL; \
	$(PARALLEL); passed=$$?; $(SERIAL) && exit $$passed

test-postgres:
	@echo "== test suite on PostgreSQL (throwaway clusters; $(WORKERS) workers, then the serial tests)"
	export CICA_DATA_DIR=$$(mktemp -d); \
	$(BIN)/python scripts/with_postgres.py $(PARALLEL); passed=$$?; \
	$(BIN)/python scripts/with_postgres.py $(SERIAL) && exit $$passed

# The benchmark suite (bench/run.py): the server against the floor of this machine, on SQLite at
# each scale, then on a throwaway PostgreSQL cluster; figures go to bench/results/.
SCALES ?= 1,10,100
bench: install .system-test
	env -u CICA_DATABASE_URL $(BIN)/python bench/run.py --scales $(SCALES)
	CICA_DATA_DIR=$$(mktemp -d) $(BIN)/python scripts/with_postgres.py $(BIN)/python bench/run.py --scales 1

# A tiny run (scale 0.01, a second per target) so that the suite never rots; no figures kept.
bench-smoke:
	@echo "== benchmark smoke run"
	env -u CICA_DATABASE_URL $(BIN)/python bench/run.py --smoke

# Load and soak (bench/soak.py): locust on 127.0.0.1 against `cica serve --workers 2`, 95% public
# reads, 4% delegate reads, 1% writes, for SOAK_MINUTES on SQLite, then on a throwaway PostgreSQL
# cluster; fails on a 5xx, a failed request, memory growth of 10% or more or a request class's p95
# over 50 ms (bench/results/soak.*). `make test` runs a one-minute version (tests/test_soak.py),
# which reports p95 but, as a test, asserts no timing.
SOAK_MINUTES ?= 10
soak: install .system-test
	env -u CICA_DATABASE_URL $(BIN)/python bench/soak.py --minutes $(SOAK_MINUTES) --strict-latency
	CICA_DATA_DIR=$$(mktemp -d) $(BIN)/python scripts/with_postgres.py $(BIN)/python bench/soak.py --minutes $(SOAK_MINUTES) --strict-latency

# Regenerate the committed OpenAPI document after an intended API change.
openapi: install
	CICA_DATA_DIR=$$(mktemp -d) $(BIN)/cica export_openapi_schema --api cica.api.api --indent 2 --sorted > docs/openapi.json

clean:
	rm -rf $(VENV) .system-run .system-test var node_modules
