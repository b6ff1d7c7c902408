# Tyndau — two commands for a newcomer: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: run test venv assets messages compilemessages migrate seed serve worker lint typecheck check-migrations check-translations quality harness clean

# Stamp files make a second `make run` reuse what is already built.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

tyndau/core/static/vendor/.built: node_modules/.installed scripts/build_assets.py
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

## make run — the portal with demo data on SQLite at http://127.0.0.1:$(PORT) (web server + task worker)
run: assets compilemessages seed
	@$(PY) manage.py demo_logins
	@echo "Tyndau: http://127.0.0.1:$(PORT)/  (Ctrl-C stops the web server and the worker)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(PY) manage.py db_worker --interval 1 & \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT)

## make test — the whole suite (unit, integration, browser, quality harness)
test: assets compilemessages
	TYNDAU_TESTING=1 $(VENV)/bin/pytest $(PYTEST_ARGS)

## the quality harness alone (accessibility, HTML, access matrix, leaks, fuzzing, headers)
harness: assets compilemessages
	TYNDAU_TESTING=1 $(VENV)/bin/pytest -m harness $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

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
