# The two commands that matter: `make run` (demo on SQLite) and `make test` (whole suite on PostgreSQL + Redis).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

export TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/appraisal
export TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
export STATIC_MANIFEST ?= 0

.PHONY: run test install install-dev system-deps services lint format migrations clean

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## make run: set up and serve the demo on http://127.0.0.1:8000 (SQLite, filesystem broker), Ctrl-C stops all.
run: export DEBUG = 1
run: install
	@mkdir -p var/broker/out var/broker/processed var/private
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo ""
	@echo "Serving on http://127.0.0.1:8000 with a Celery worker and beat. Ctrl-C stops everything."
	@trap 'kill 0' INT TERM EXIT; \
	  $(VENV)/bin/celery -A config worker --beat --pool=solo --loglevel=WARNING \
	    --schedule var/celerybeat-schedule & \
	  $(PY) manage.py runserver 127.0.0.1:8000 --noreload

## System packages the tests need: WeasyPrint's Pango, fonts, and Debian's Chromium.
system-deps:
	@missing=""; \
	for pkg in chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-liberation; do \
	  dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

## PostgreSQL and Redis must answer before the suite runs.
services: install-dev
	@$(PY) scripts/check_services.py

lint: install-dev
	$(VENV)/bin/ruff check .

format: install-dev
	$(VENV)/bin/ruff format .

migrations: install
	DEBUG=1 $(PY) manage.py makemigrations

## make test: install what the tests need, check the services, lint, run every test (browser tests included).
test: install-dev system-deps services
	$(VENV)/bin/ruff check .
	@mkdir -p var
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run >/dev/null
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) DJANGO_ALLOW_ASYNC_UNSAFE=true \
	  SECRET_KEY=test-only $(VENV)/bin/pytest $(PYTEST_ARGS)

clean:
	rm -rf var/appraisal.sqlite3 var/broker var/celerybeat-schedule*
