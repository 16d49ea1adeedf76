# `make run` and `make test` do all the set-up on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test test-sqlite test-postgres install messages lint lock audit clean

$(BIN)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

install: $(BIN)/.installed

# Compiled catalogs are build output, made from the .po files that are kept in git.
messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

run: install messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver $(HOST)

test: test-sqlite test-postgres

test-sqlite: install messages
	$(BIN)/pytest

test-postgres: install messages
	scripts/with-postgres $(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

lock: install
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-header --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

# Known vulnerabilities in the pinned dependencies; says plainly when pip-audit's database cannot be reached.
audit: install
	$(BIN)/python scripts/audit-dependencies $(BIN)/pip-audit requirements.lock

clean:
	rm -rf $(VENV) staticfiles
