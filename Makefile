# ChildFirst: `make run` serves the demo, `make test` runs the whole suite. Both set themselves up.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
CF := $(VENV)/bin/childfirst
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install demo bench lint typecheck docs clean

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.txt
	$(PIP) install -q --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

install: $(VENV)/.installed node_modules/.installed

# Embedded SQLite under var/, synthetic demo data (clearly marked), served on http://$(HOST):$(PORT).
run: install
	mkdir -p var
	$(CF) migrate --no-input -v 0
	$(CF) demo-data
	$(CF) runserver $(HOST):$(PORT)

# The whole suite: SQLite by default; PostgreSQL when DATABASE_URL is set.
test: install
	$(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

bench: install
	$(PY) benchmarks/run.py

lint: install
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy

docs: install
	$(CF) lawbook docs --write

clean:
	rm -rf var/*.sqlite3 var/static
