# The two set-up commands of the README: `make run` and `make test`. Both build the virtual
# environment from pyproject.toml pinned by constraints.txt, so installs are reproducible.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# PostgreSQL and Redis are used by the test run when they answer here (CI machines have them).
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/newsportal
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: bench serve serve-edge install run test test-fast test-browser test-faults test-edge test-postgres lint format check-migrations constraints clean

$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

install: $(BIN)/.installed

## Run the site on SQLite with the demo newsroom at http://127.0.0.1:$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_newsroom
	$(BIN)/python manage.py ensure_demo_admin
	@# The task worker sends what the site queues (confirmation emails, the digest), printed to
	@# the console in development; it stops with the server.
	$(BIN)/python manage.py newsletter_worker & WORKER=$$!; \
		trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## The production profile on PostgreSQL and Redis under gunicorn, over plain HTTP on 127.0.0.1
SERVE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/newsportal_serve
SERVE_REDIS_URL ?= redis://127.0.0.1:6379/2
SERVE_ENV = DJANGO_SETTINGS_MODULE=newsportal.settings.production \
	SECRET_KEY="$$(cat .serve-secret-key)" ALLOWED_HOSTS=127.0.0.1,localhost \
	DATABASE_URL="$(SERVE_DATABASE_URL)" REDIS_URL="$(SERVE_REDIS_URL)" \
	SECURE_SSL_REDIRECT=false SECURE_COOKIES=false SECURE_HSTS_SECONDS=0 SERVE_MEDIA=true \
	STATIC_ROOT="$(CURDIR)/staticfiles"
SERVE_SETUP = $(BIN)/python manage.py collectstatic --noinput -v0 && \
	$(BIN)/python manage.py migrate --noinput && \
	$(BIN)/python manage.py load_demo_newsroom && \
	$(BIN)/python manage.py ensure_demo_admin
serve: install
	@test -f .serve-secret-key || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(64))" > .serve-secret-key
	$(BIN)/python scripts/ensure_database.py "$(SERVE_DATABASE_URL)"
	export $(SERVE_ENV) PORT=$(PORT) && $(SERVE_SETUP) && \
	$(BIN)/gunicorn -c gunicorn.conf.py newsportal.wsgi

## The same with Varnish in front (deploy/varnish/): readers on $(PORT), gunicorn on $(ORIGIN_PORT),
## the task worker alongside (it retries failed purges); Varnish's X-Cache header says HIT or MISS
ORIGIN_PORT ?= 8001
serve-edge: install
	@command -v varnishd >/dev/null || test -x /usr/sbin/varnishd || apt-get install -y varnish varnish-modules
	@test -f .serve-secret-key || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(64))" > .serve-secret-key
	$(BIN)/python scripts/ensure_database.py "$(SERVE_DATABASE_URL)"
	export $(SERVE_ENV) PORT=$(ORIGIN_PORT) SITE_URL=http://127.0.0.1:$(PORT) TRUSTED_PROXY_COUNT=1 \
		VARNISH_PURGE_URLS=http://127.0.0.1:$(PORT) && $(SERVE_SETUP) && \
	{ ORIGIN=127.0.0.1:$(ORIGIN_PORT) LISTEN=127.0.0.1:$(PORT) deploy/varnish/run-varnish & VARNISH=$$!; \
		$(BIN)/python manage.py newsletter_worker & WORKER=$$!; \
		trap 'kill $$VARNISH $$WORKER 2>/dev/null' EXIT INT TERM; \
		$(BIN)/gunicorn -c gunicorn.conf.py newsportal.wsgi; }

## The benchmark: writes bench/RESULTS.md (about 20 minutes; needs wrk and Varnish, installs them if
## missing). Options through BENCH_ARGS, e.g. make bench BENCH_ARGS="--only load" (bench/README.md)
bench: install
	@command -v wrk >/dev/null || apt-get install -y wrk
	@command -v varnishd >/dev/null || apt-get install -y varnish varnish-modules
	$(BIN)/python -m bench.run $(BENCH_ARGS)

## The whole suite: lint, migrations check, unit tests (SQLite, then PostgreSQL/Redis where they answer), browser tests
test: install lint check-migrations test-fast test-postgres test-faults test-edge test-browser

test-fast: install
	$(BIN)/pytest -n auto -m "not browser and not faults and not edge" -q

## The fault suite: its own Redis, PostgreSQL and SMTP servers, broken on purpose (tests/faults/)
test-faults: install
	$(BIN)/pytest -m faults -q -rs

## Varnish in front (tests/edge/): a real varnishd before a stub origin and before the site
test-edge: install
	$(BIN)/pytest -m edge -q -rs

test-browser: install
	$(BIN)/pytest -m browser -q -rs

test-postgres: install
	@if $(BIN)/python scripts/service_answers.py "$(TEST_POSTGRES_URL)"; then \
		echo "PostgreSQL answers: running the suite against it"; \
		REDIS_ARG=""; \
		if $(BIN)/python scripts/service_answers.py "$(TEST_REDIS_URL)"; then REDIS_ARG="$(TEST_REDIS_URL)"; echo "Redis answers: its tests run too"; fi; \
		DATABASE_URL="$(TEST_POSTGRES_URL)" TEST_REDIS_URL="$$REDIS_ARG" $(BIN)/pytest -n auto -m "not browser and not faults and not edge" -q; \
	else \
		echo "PostgreSQL does not answer at $(TEST_POSTGRES_URL): skipping the PostgreSQL run"; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-migrations: install
	DJANGO_SETTINGS_MODULE=newsportal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

## Refresh constraints.txt after changing dependencies in pyproject.toml
constraints: install
	$(BIN)/python -m pip freeze --exclude-editable > constraints.txt

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .serve-secret-key
