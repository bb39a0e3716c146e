# CARICC newsroom: `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed
# The browser tests drive Debian's Chromium (never a browser Playwright downloads) and load axe-core.
CHROMIUM := /usr/bin/chromium
AXE := node_modules/axe-core/axe.min.js
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.DEFAULT_GOAL := help
.PHONY: help install messages browser-deps prod-deps run serve migrate demo admin test test-postgres \
	serve-prod serve-prod-start serve-prod-stop bench soak lint format check clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-17s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements/dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12) and "Python 3.12 or newer is needed; found " + sys.version.split()[0])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $(STAMP)

# The Russian interface: message catalogues compiled from the .po files (the .mo files are not
# committed). Babel compiles them, so GNU gettext is not needed to run the site.
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@ -D django
	test -s $@

install: $(STAMP) $(MO_FILES) ## Create .venv, install the locked dependencies, compile the translations

messages: install ## Update locale/*/django.po from the code and templates (needs GNU gettext)
	$(PY) manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=node_modules --ignore=tests --ignore=test-artifacts --ignore=staticfiles

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(AXE)

browser-deps: install $(AXE) ## Install Debian's Chromium (if missing) and axe-core for the browser tests
	test -x $(CHROMIUM) || { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium; }

prod-deps: ## Install Debian's nginx and wrk (if missing) for the production stack and the benchmark
	command -v nginx >/dev/null && command -v wrk >/dev/null || { $(SUDO) apt-get update && \
		$(SUDO) apt-get install -y --no-install-recommends nginx wrk; }

migrate: install ## Apply database migrations and bring the staff roles in line
	$(PY) manage.py migrate --noinput
	$(PY) manage.py sync_roles

demo: migrate ## Load the demo content (idempotent)
	$(PY) manage.py load_demo

admin: migrate ## Create the first administrator (prints its random password once)
	$(PY) manage.py ensure_admin

run: demo admin ## Install, migrate, load demo content and serve on http://127.0.0.1:8000
	$(PY) manage.py runserver $(HOST):$(PORT)

# With Chromium installed the suite includes the browser tests; without it they are skipped.
test: install $(if $(wildcard $(CHROMIUM)),$(AXE)) ## Install and run the whole test suite (SQLite; browser tests when Chromium is installed)
	$(PY) -m pytest

test-postgres: install $(if $(wildcard $(CHROMIUM)),$(AXE)) ## Run the suite on PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(PY) -m pytest

# The production stack (deploy/): nginx in front of gunicorn, production settings, PostgreSQL
# (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/newsroom_prod, created if missing) and
# Redis (REDIS_URL). Pid files, logs and a generated secret key go to .run/prod/.
serve-prod: install prod-deps ## Collect static files, migrate, serve through nginx + gunicorn on 127.0.0.1:8088 (Ctrl-C stops)
	$(PY) -m deploy.stack serve

serve-prod-start: install prod-deps ## The same in the background (stop it with make serve-prod-stop)
	$(PY) -m deploy.stack start

serve-prod-stop: ## Stop what serve-prod-start started
	$(PY) -m deploy.stack stop

# SIZES=1000,10000 for a quick run, BENCH_ARGS for other options (python -m bench.run --help);
# docs/benchmarks.md describes the figures.
SIZES ?= 1000,10000,100000
BENCH_ARGS ?=
bench: install prod-deps ## Benchmark the production stack at each of SIZES articles; writes docs/benchmarks.md
	$(PY) -m bench.run --sizes $(SIZES) $(BENCH_ARGS)

# Faults under load, on a PostgreSQL and a Redis of its own (never the machine's): SOAK_SECONDS of
# sustained load (default 150), SOAK_OUTAGE_SECONDS (10) of each outage; SOAK_WORKERS, SOAK_CLIENTS,
# SOAK_ARTICLES (python -m bench.soak --help). docs/reliability.md describes the checks.
soak: install prod-deps ## Load, a PostgreSQL restart, Redis stopped, a worker killed (~5 min); writes docs/reliability.md
	$(PY) -m bench.soak

lint: install ## Ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Ruff: fix imports and format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django checks, missing migrations, production deploy check
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.prod DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') \
		DJANGO_ALLOWED_HOSTS=news.example.org DATABASE_URL=sqlite:///:memory: REDIS_URL=redis://127.0.0.1:6379/0 \
		$(PY) manage.py check --deploy --fail-level WARNING

clean: ## Remove the virtualenv, node_modules, caches, test artefacts, .run/ and the development database
	test ! -f .run/prod/gunicorn.pid -a ! -f .run/prod/nginx.pid || $(PY) -m deploy.stack stop
	rm -rf $(VENV) node_modules test-artifacts .pytest_cache .ruff_cache staticfiles db.sqlite3 $(MO_FILES) .run
