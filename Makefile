# Two commands on a fresh machine (Python 3.11+ and make):
#   make serve   install, migrate, load the seed data and serve the API on SQLite
#   make test    install and run the whole test suite (SQLite unless DATABASE_URL is set)

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install serve test lint schema bench

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed

serve: install
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_seed
	@echo "Serving the reader pages at http://$(HOST):$(PORT)/  (API: /api/v1/, docs: /api/v1/docs/, admin: /admin/)"
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: lint
	$(PY) -m pytest

# Regenerate the committed v1 contract after changing the API (tests/api/test_contract.py
# fails until it is).
schema: install
	DEBUG=1 $(PY) manage.py spectacular --validate --fail-on-warn --file api/openapi.yaml

# The benchmark against Datasette and the sqlite3/COPY floor (bench/README.md); a subset with
# e.g. BENCH_ARGS="--sizes 100k --dbs sqlite".
BENCH_ARGS ?=
bench: install
	$(PY) -m pip install --quiet -c constraints.txt -e '.[bench]'
	$(PY) bench/run.py $(BENCH_ARGS)
