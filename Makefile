# Tyndau — two commands for a newcomer: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: run cluster test-cluster test venv assets messages compilemessages migrate seed serve worker lint typecheck check-migrations check-translations quality harness clean

# Stamp files make a second `make run` reuse what is already built.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

tyndau/core/static/vendor/.built: node_modules/.installed scripts/build_assets.py tyndau/core/sass/uswds.scss
	$(PY) scripts/build_assets.py
	touch $@

venv: $(VENV)/.installed
assets: venv tyndau/core/static/vendor/.built

compilemessages: venv
	$(PY) manage.py compile_translations

migrate: venv
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

## make run — the portal with demo data on SQLite at http://127.0.0.1:$(PORT): web server, task worker and
## periodic runner (counts, deadlines, audit heads), all listed once in tyndau/core/management/commands/run_portal.py
run: assets compilemessages seed
	@$(PY) manage.py demo_logins
	@echo "Tyndau: http://127.0.0.1:$(PORT)/  (Ctrl-C stops the web server, the worker and the periodic runner)"
	@$(PY) manage.py run_portal --port $(PORT)

## make cluster — production-shaped on this machine: PostgreSQL primary + streaming replica, PgBouncer, two
## gunicorn app nodes (each with a worker and a periodic runner) behind HAProxy at http://127.0.0.1:8190
## (scripts/cluster.py; installs haproxy and pgbouncer from Debian if missing; Ctrl-C stops everything)
cluster: assets compilemessages
	$(PY) scripts/cluster.py $(CLUSTER_ARGS)

## make test-cluster — the fault tests against a real cluster (tests/cluster/, marker `cluster`; not in make test)
test-cluster: assets compilemessages
	TYNDAU_TESTING=1 $(VENV)/bin/pytest -m cluster tests/cluster $(PYTEST_ARGS)

## make test — the whole suite (unit, integration, browser, quality harness)
test: assets compilemessages
	TYNDAU_TESTING=1 $(VENV)/bin/pytest $(PYTEST_ARGS)

## the quality harness alone (accessibility, HTML, access matrix, leaks, fuzzing, headers)
harness: assets compilemessages
	TYNDAU_TESTING=1 $(VENV)/bin/pytest -m harness $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

typecheck: venv
	$(VENV)/bin/mypy

check-migrations: venv
	$(PY) manage.py makemigrations --check --dry-run

check-translations: venv
	$(PY) manage.py check_translations --makemessages

messages: venv
	$(PY) manage.py check_translations --makemessages --write

clean:
	rm -rf $(VENV) node_modules tyndau/core/static/vendor staticfiles
