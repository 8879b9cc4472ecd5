# The two set-up commands: `make run` (the portal on SQLite, no services) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1:8000

.PHONY: run test install install-dev migrate demo serve lint worker beat browser bench bench-tools bench-smoke clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make run: venv, pinned install, migrate, demo district, serve on http://$(HOST) (SQLite, Celery eager).
## DEBUG is off (the portal's own error pages) unless .env turns it on; WhiteNoise serves the static
## files straight from static/ and the apps (WHITENOISE_USE_FINDERS), so no collectstatic is needed.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Portal: http://$(HOST)/  back office: http://$(HOST)/admin/  API docs: http://$(HOST)/api/docs/"
	$(PY) manage.py runserver $(HOST)

## make test: the whole suite (PostgreSQL when one is reachable, else SQLite), ruff and migrations check.
## One run on 2 xdist workers (each its own test database): the browser journeys, which share a live
## server, go to one worker together (conftest.py) while the other takes the rest; the last line is
## the run's security figures.
## RACE_ROUNDS and RACE_ROUNDS_HTTP (default 50 rounds each; lower them locally only) and FUZZ_EXAMPLES (default 15) set how
## hard the race and fuzz tests push.
XDIST ?= -n 2 --dist loadgroup
test: install-dev browser
	@DB=$$(scripts/database-url); echo "make test: database $$DB"; \
	DATABASE_URL=$$DB $(VENV)/bin/ruff check . && \
	DATABASE_URL=$$DB $(PY) manage.py makemigrations --check --dry-run && \
	DATABASE_URL=$$DB $(VENV)/bin/pytest $(XDIST) $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .

## make worker: a Celery worker and the (single) beat against REDIS_URL (default local Redis)
worker: install
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} $(VENV)/bin/celery -A congress worker -B -l info --concurrency 2

beat: install
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} $(VENV)/bin/celery -A congress beat -l info

## make browser: the Chromium that the browser tests drive (Debian package; needs root) and axe-core (npm)
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) || \
		echo "make: could not install chromium; the browser tests will be skipped"
	@test -f tests/browser/axe/node_modules/axe-core/axe.min.js || \
		(command -v npm >/dev/null 2>&1 && npm ci --prefix tests/browser/axe --no-audit --no-fund --silent) || \
		echo "make: could not install axe-core; the accessibility checks will be skipped"

## make bench: the benchmarks on the large district (BENCH_DATABASE_URL, generated once with
## `manage.py generate_large_district`), cache in Redis (BENCH_REDIS_URL; empty: local memory)
BENCH_DATABASE_URL ?= postgres://congress@127.0.0.1:5432/congress_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/15
bench: install-dev bench-tools
	$(PY) bench/run.py --db $(BENCH_DATABASE_URL) --redis "$(BENCH_REDIS_URL)"

## make bench-tools: wrk, the load tool of the page benchmarks (Debian package; without it a Python client is used)
bench-tools:
	@command -v wrk >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq wrk >/dev/null) || \
		echo "make: could not install wrk; the page benchmarks use the Python load client"

## make bench-smoke: the same at a small size, quick (CI); generates a small district if the database is empty
BENCH_SMOKE_DATABASE_URL ?= postgres://congress@127.0.0.1:5432/congress_bench_smoke
bench-smoke: install-dev
	$(PY) bench/run.py --smoke --db $(BENCH_SMOKE_DATABASE_URL) --redis "$(BENCH_REDIS_URL)"

clean:
	rm -rf $(VENV) db.sqlite3 test.sqlite3 staticfiles
