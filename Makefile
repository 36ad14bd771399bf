# The two commands that matter: `make run` (the site with demo content on SQLite) and
# `make test` (every test and the linters). Both set up what they need from scratch.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000

# Local development runs with debug on; `make serve` and the tests run as production does.
DEV_ENV := DJANGO_DEBUG=true
# A production-like trial on this machine: plain HTTP, so no HTTPS redirect.
SERVE_ENV := DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SESSION_COOKIE_SECURE=false DJANGO_CSRF_COOKIE_SECURE=false DJANGO_SERVE_MEDIA=true DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost} DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$(cat var/trial-secret-key)}

.PHONY: run serve superuser test test-postgres test-deploy bench fuzz lint format messages translations browser-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

var:
	mkdir -p var

## Compile the .po files with Babel, so GNU gettext is not needed.
translations: $(VENV)/.runtime-installed
	$(BIN)/pybabel compile --domain "django djangojs" --directory locale --statistics

run: $(VENV)/.runtime-installed translations | var
	$(DEV_ENV) $(MANAGE) migrate --noinput
	$(DEV_ENV) $(MANAGE) load_demo_content
	$(DEV_ENV) $(MANAGE) runserver 127.0.0.1:$(PORT)

## Your own admin account on the development database (`make run`'s), asked for interactively.
superuser: $(VENV)/.runtime-installed | var
	$(DEV_ENV) $(MANAGE) migrate --noinput
	$(DEV_ENV) $(MANAGE) createsuperuser

serve: $(VENV)/.runtime-installed translations | var
	@test -f var/trial-secret-key || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/trial-secret-key
	$(SERVE_ENV) $(MANAGE) migrate --noinput
	$(SERVE_ENV) $(MANAGE) collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(MANAGE) load_demo_content
	$(SERVE_ENV) PORT=$(PORT) $(BIN)/gunicorn --config gunicorn.conf.py clinic_site.wsgi

## What the browser tests need: Debian's Chromium, and Java for the HTML checker (vnu),
## installed when missing and running as root; axe-core and the HTML checker's jar (vnu-jar)
## from npm, reinstalled whenever package-lock.json is newer than node_modules (no install
## scripts: vnu-jar's would fetch a Java the machine already has).
browser-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "The browser tests need these Debian packages:$$missing. Install them with:"; \
	    echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends$$missing"; \
	    exit 1; \
	  fi; \
	fi
	@[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --ignore-scripts --no-audit --no-fund

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: $(VENV)/.dev-installed translations browser-deps lint | var
	$(BIN)/pytest

## The whole test suite on PostgreSQL with a shared Redis cache, the configuration for
## several app servers; both come from Debian's packages and run only for the tests.
test-postgres: $(VENV)/.dev-installed translations browser-deps | var
	.ci/with-postgres-redis env $(BIN)/pytest

## The deployment of docs/deploying.md run for real on this machine and tested through it
## (tests/deploy/): Debian's nginx with TLS in front of two gunicorn app servers, PostgreSQL,
## Redis, shared uploads, all on 127.0.0.1 on free ports, stopped at the end. nginx, openssl
## and envsubst come from Debian. PG_PORT, REDIS_PORT and CLINIC_DEPLOY_PORTS (e.g.
## 8490-8499) pick ports; the run is cut off after DEPLOY_TEST_SECONDS.
DEPLOY_TEST_SECONDS ?= 900
FREE_PORTS = $(BIN)/python -c "from tests.deploy.deployment import free_ports; print(*free_ports(2))"
test-deploy: $(VENV)/.dev-installed translations | var
	.ci/need-debian-packages nginx:nginx openssl:openssl envsubst:gettext-base
	set -- $$($(FREE_PORTS)) && PG_PORT=$${PG_PORT:-$$1} REDIS_PORT=$${REDIS_PORT:-$$2} \
	  timeout --kill-after=30 $(DEPLOY_TEST_SECONDS) .ci/with-postgres-redis $(BIN)/pytest -m deploy tests/deploy -v -rP

## Benchmarks against the floor, load and fault runs (bench/README.md): prints the table
## and writes bench/RESULTS.md. wrk comes from Debian, Lighthouse from bench/package-lock.json.
bench: $(VENV)/.dev-installed translations browser-deps
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk; \
	  else \
	    echo "The benchmarks need wrk: sudo apt-get install -y --no-install-recommends wrk"; exit 1; \
	  fi; }
	@[ bench/node_modules/.package-lock.json -nt bench/package-lock.json ] || npm ci --prefix bench --no-audit --no-fund
	$(BIN)/python -m bench.run

## Refresh locale/lt/LC_MESSAGES/django.po from the code and templates (needs GNU gettext).
messages: $(VENV)/.dev-installed
	$(DEV_ENV) $(MANAGE) makemessages --locale lt --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'node_modules/*'

clean:
	rm -rf $(VENV) var/static

## A few thousand malformed requests against gunicorn in production mode on loopback
## (bench/fuzz.py): prints 5xx (target 0), log bytes per request, and form posts stored
## against acknowledged (target: equal); exits non-zero when a target is missed.
fuzz: $(VENV)/.dev-installed translations
	$(BIN)/python -m bench.fuzz
