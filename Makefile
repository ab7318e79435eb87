# The words people type: `make run` and `make test` do all the set-up themselves.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
LOCAL := env -u DATABASE_URL DEBUG=1

.PHONY: run setup install messages test lint format

run: setup
	@echo "Portāls: http://127.0.0.1:8000/  (administrācija: http://127.0.0.1:8000/admin/)"
	$(LOCAL) $(PY) manage.py runserver 127.0.0.1:8000

# Everything `make run` does before serving: install, translations, migrate, content, admin.
setup: install
	mkdir -p var
	$(LOCAL) $(PY) manage.py compilemessages --ignore=.venv -v0
	$(LOCAL) $(PY) manage.py migrate --noinput -v0
	$(LOCAL) $(PY) manage.py bootstrap_local

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip 2>&1 | grep -v "is ignored" || true
	$(PY) -m pip install -q ".[dev]" 2>&1 | grep -v "is ignored" || true
	$(PY) -c "import django, allauth, import_export, psycopg, whitenoise, pytest_django"
	touch $@

messages: install
	DEBUG=1 $(PY) manage.py makemessages -l lv --no-obsolete --ignore=.venv --ignore=tests
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -v0

# The whole suite; on PostgreSQL when DATABASE_URL is set, otherwise on SQLite.
test: install
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -v0
	SECRET_KEY=$${SECRET_KEY:-only-for-tests} $(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
