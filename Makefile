# make run      : set up everything that is missing, load the demo, serve on :8000
# make test     : the same set-up and the programs the tests run, then ruff and the
#                 test suite (SQLite, Celery eager) on every core
# make coverage : the same suite, measuring branch coverage of the apps
# make serve    : the production processes (gunicorn, Celery workers, beat) against
#                 DATABASE_URL and CELERY_BROKER_URL; see bin/serve
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | md5sum | cut -c1-12)
# Debian packages the platform needs at run time (WeasyPrint renders ~6x faster with
# harfbuzz-subset), and those of the programs the tests run (tests/programs.py:
# chromium for the browser tests, poppler-utils to look at certificate PDFs).
# gettext: msgfmt compiles the interface catalogues, xgettext extracts their messages.
SYSTEM_PACKAGES := libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 gettext
TEST_SYSTEM_PACKAGES := chromium poppler-utils
# Test workers: one per core (at most 4), each on a database of its own.
TEST_WORKERS ?= auto

.PHONY: run serve test coverage lint format migrate seed messages makemessages system-deps \
	test-system-deps lock clean

run: system-deps $(STAMP) messages migrate seed
	@echo "Serving http://127.0.0.1:8000 (admin: http://127.0.0.1:8000/admin/)"
	$(PY) manage.py runserver 127.0.0.1:8000

serve: $(STAMP) system-deps messages
	@bin/serve

test: system-deps test-system-deps $(STAMP) messages lint
	$(PY) -m pytest -n $(TEST_WORKERS) --maxprocesses=4 --durations=10 $(PYTEST_ARGS)

# The same suite measuring branch coverage of the apps (pyproject.toml [tool.coverage]);
# a fresh test database, so that the migrations count as they did before.
coverage: system-deps test-system-deps $(STAMP) messages
	$(PY) -m pytest -n $(TEST_WORKERS) --maxprocesses=4 --create-db --cov \
		--cov-report=term:skip-covered $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput

seed: $(STAMP)
	$(PY) manage.py seed_demo

# The virtualenv, rebuilt when pyproject.toml or constraints.txt change.
$(STAMP): pyproject.toml constraints.txt
	@python=$$(bin/find-python) || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		rm -rf $(VENV) && $$python -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $@

# The interface catalogues (locale/<language>/LC_MESSAGES/django.po) compiled to the
# .mo files Django reads; the .mo files are not committed.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
messages: system-deps $(MO_FILES)

locale/%.mo: locale/%.po
	msgfmt --check -o $@ $<

# After changing a translatable string: refresh the catalogues, then translate what
# is new (tests/i18n fails until every French entry is translated).
makemessages: $(STAMP)
	$(PY) manage.py makemessages --all --no-obsolete --add-location=file \
		--ignore=.venv --ignore=node_modules --ignore=tests --ignore=benchmarks \
		--ignore=media --ignore=private --ignore=staticfiles

system-deps:
	@bin/install-system-packages $(SYSTEM_PACKAGES)

test-system-deps:
	@bin/install-system-packages $(TEST_SYSTEM_PACKAGES)

# Refresh the pinned versions after changing dependencies in pyproject.toml.
lock:
	rm -rf /tmp/unssc-lock-venv && $$(bin/find-python) -m venv /tmp/unssc-lock-venv
	/tmp/unssc-lock-venv/bin/pip install --quiet -e ".[dev]"
	/tmp/unssc-lock-venv/bin/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean:
	rm -rf $(VENV) .test-db.sqlite3* .pytest_cache .ruff_cache
