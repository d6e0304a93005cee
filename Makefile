# The two commands: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The site's own default is DEBUG off (production-safe); these development commands turn it on,
# and `make serve` turns it off again for itself.
export DJANGO_DEBUG ?= 1

.DEFAULT_GOAL := help
.PHONY: help run test lint format messages crisis-model serve edge bench bench-edge bench-backup lighthouse migrate demo clean

help:
	@echo "make run    - install, migrate, load demo content, serve http://$(HOST):$(PORT)"
	@echo "make test   - install test tools and run the whole test suite"
	@echo "make lint   - ruff checks and formatting check"
	@echo "make messages - compile the translations (locale/*/LC_MESSAGES/*.po) to .mo files"
	@echo "make crisis-model - retrain the crisis model on intake/safety/corpus/ (after editing it)"
	@echo "make serve  - production-like server (DEBUG off, gunicorn, compressed static files)"
	@echo "make edge   - make serve with Varnish in front on http://$(HOST):$(EDGE_PORT) (needs varnish)"
	@echo "make bench  - load benchmark of the production-like server (needs wrk), then bench-backup"
	@echo "make bench-edge - the edge alone: Varnish against nginx and the app's page cache"
	@echo "make bench-backup - time backup and restore of the demo with 10,000 enquiries"
	@echo "make lighthouse - Lighthouse budget on key pages (needs Chromium and npm)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files make a second run skip the install when requirements are unchanged.
$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

migrate: $(VENV)/.runtime-installed
	$(BIN)/python manage.py migrate --no-input

demo: migrate
	$(BIN)/python manage.py setup_demo
	$(BIN)/python manage.py ensure_admin

run: demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# One worker per core (pytest-xdist), each with its own in-memory database and demo. Each
# test file goes to one worker whole, so what a module starts once (servers, a deployment)
# is started once. `make test WORKERS=0` runs in this process alone. CI adds coverage with
# PYTEST_ARGS="--cov" (.ci/run).
PYTEST ?= $(BIN)/python -m pytest
WORKERS ?= auto
test: $(VENV)/.dev-installed
	$(PYTEST) -n $(WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The site's own words in Spanish: compiles locale/*/LC_MESSAGES/*.po to the .mo files Django
# reads, with polib (pure Python: no system gettext). Run after editing a .po; the .mo files
# are committed, and tests/test_spanish_catalogue.py fails when one is out of date.
messages: $(VENV)/.runtime-installed
	$(BIN)/python manage.py compile_catalogue

# The learned half of crisis recognition, trained on intake/safety/corpus/*.tsv with fixed seeds
# (scikit-learn, a development dependency) and saved as plain arrays beside it. Run after
# editing the corpus; tests/intake/test_crisis_model.py fails while the saved model is stale.
crisis-model: $(VENV)/.dev-installed
	$(BIN)/python manage.py train_crisis_model

# Production-like: DEBUG off, hashed + compressed static files, gunicorn. Plain HTTP on
# loopback with no nginx in front, so the HTTPS redirect and secure-only cookies are switched
# off and the app serves uploaded images itself, here only.
SERVE_SECRET := var/serve-secret-key
$(SERVE_SECRET): | $(BIN)/python
	mkdir -p var
	$(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

serve: export DJANGO_DEBUG = 0
serve: export DJANGO_SECURE_SSL_REDIRECT = 0
serve: export DJANGO_SECURE_COOKIES = 0
serve: export DJANGO_SERVE_MEDIA = 1
serve: export DJANGO_ALLOWED_HOSTS ?= localhost,127.0.0.1
serve: export DJANGO_SECRET_KEY ?= $(shell cat $(SERVE_SECRET) 2>/dev/null)
serve: $(SERVE_SECRET) demo
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/gunicorn clinic.wsgi --config gunicorn.conf.py --bind $(HOST):$(PORT)

# The edge cache in front of `make serve`: Varnish with deploy/varnish/clinic.vcl on
# $(HOST):$(EDGE_PORT), its backends from deploy/varnish/local/clinic-site.vcl (the app on
# $(HOST):$(PORT)), and the app purging it on every change. Both run in the foreground; Ctrl-C
# (or either one stopping) stops both.
EDGE_PORT ?= 6081
VARNISHD ?= $(or $(shell command -v varnishd),/usr/sbin/varnishd)
edge: export EDGE_PURGE_URLS ?= http://$(HOST):$(EDGE_PORT)/
edge: export DJANGO_TRUSTED_PROXY_COUNT ?= 1
edge: SHELL := /bin/bash
edge:
	@test -x "$(VARNISHD)" || { echo "varnishd not found: apt-get install varnish varnish-modules"; exit 1; }
	@mkdir -p var/varnish
	@"$(VARNISHD)" -F -n "$(CURDIR)/var/varnish" -a $(HOST):$(EDGE_PORT) -T 127.0.0.1:0 \
		-f "$(CURDIR)/deploy/varnish/clinic.vcl" -p vcl_path="$(CURDIR)/deploy/varnish/local" \
		-s malloc,256m & varnish=$$!; \
	$(MAKE) --no-print-directory serve & serve=$$!; \
	stop() { kill -TERM $$varnish 2>/dev/null; pkill -TERM -P $$serve 2>/dev/null; kill -TERM $$serve 2>/dev/null; }; \
	trap 'stopped=1; stop' INT TERM; \
	echo "edge: http://$(HOST):$(EDGE_PORT)/ (Varnish) in front of http://$(HOST):$(PORT)/"; \
	wait -n; status=$$?; stop; wait; [ -n "$$stopped" ] && exit 0; exit $$status

bench: $(VENV)/.dev-installed
	@command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk"; exit 1; }
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/edge_bench.py
	$(BIN)/python bench/backup_bench.py

# The cached article through Varnish against nginx serving it as a file and the app's own page
# cache (>= 0.5 of nginx, >= 5x the app); needs varnish, varnish-modules, nginx-light and wrk.
bench-edge: $(VENV)/.dev-installed
	$(BIN)/python bench/edge_bench.py

# Backup of the demo with 10,000 enquiries in <= 30 s, restore onto an empty machine in <= 60 s.
bench-backup: $(VENV)/.dev-installed
	$(BIN)/python bench/backup_bench.py

lighthouse: $(VENV)/.runtime-installed
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
