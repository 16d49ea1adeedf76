# `make run` and `make test` do all the set-up on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test test-sqlite test-postgres test-browser test-slow test-bench browser-tools install messages lint lock audit bench clean

# WeasyPrint lays the PDFs out with Pango and the fonts below, and embeds font subsets with HarfBuzz; poppler's pdftoppm turns them into pictures to look at.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation poppler-utils

$(BIN)/.installed: requirements.lock
	dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(SYSTEM_PACKAGES); }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

install: $(BIN)/.installed

# Compiled catalogs are build output, made from the .po files that are kept in git.
messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

run: install messages
	$(BIN)/python manage.py migrate --noinput
	DJANGO_SITE_URL=http://$(HOST) $(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver $(HOST)

test: test-sqlite test-postgres test-browser test-slow test-bench

test-sqlite: install messages
	$(BIN)/pytest

test-postgres: install messages
	scripts/with-postgres $(BIN)/pytest

# The suites kept out of the default run: the fuzzing at full count (over 10,000 generated inputs).
test-slow: install messages
	$(BIN)/pytest -m slow

# The benchmark suite end to end at a small scale (make bench runs it in full): every page timed on SQLite, and
# the registration rush through gunicorn on a throwaway PostgreSQL.
test-bench: install messages
	scripts/with-postgres $(BIN)/pytest -m bench

# The pages in real headless Chromium: the journey through a workshop, and axe-core's accessibility audit.
test-browser: install messages browser-tools
	$(BIN)/pytest -m browser

# Playwright drives Debian's Chromium, as its own browser download cannot be fetched; axe-core comes from npm.
browser-tools:
	test -x /usr/bin/chromium || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-liberation; }
	test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund

# Benchmarks, not part of `make test`: SQLite, then PostgreSQL with the registration rush. Load goes to
# 127.0.0.1 only, for a bounded time. Figures and how to read them: docs/performance.md.
bench: install messages
	command -v wrk >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk; }
	$(BIN)/python -m bench
	scripts/with-postgres --durable $(BIN)/python -m bench --postgres

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

lock: install
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-header --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

# Known vulnerabilities in the pinned dependencies; says plainly when pip-audit's database cannot be reached.
audit: install
	$(BIN)/python scripts/audit-dependencies $(BIN)/pip-audit requirements.lock

clean:
	rm -rf $(VENV) staticfiles node_modules
