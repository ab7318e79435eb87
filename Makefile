# The words people type: `make run` and `make test` do all the set-up themselves.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
LOCAL := env -u DATABASE_URL DEBUG=1

.PHONY: run setup install messages test lint format serve backup restore

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
# The test client speaks plain http; tests/production turn production's https on themselves.
test: install
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -v0
	SECRET_KEY=$${SECRET_KEY:-only-for-tests} SECURE_SSL_REDIRECT=0 $(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Production (README, "Production"): gunicorn on PostgreSQL with DEBUG off, every setting
# from the environment, behind a reverse proxy that ends TLS. Static files, translations
# and the schema first; with several app servers, the others run `make serve MIGRATE=0`.
BIND ?= 127.0.0.1:8000
MIGRATE ?= 1

serve: install
	@case "$${DATABASE_URL:-}" in postgres://*|postgresql://*) ;; \
	  *) echo "make serve: DATABASE_URL must point at PostgreSQL (postgres://…)" >&2; exit 1;; esac
	@case "$${DEBUG:-0}" in 0|[Ff]alse|[Nn]o|[Oo]ff) ;; \
	  *) echo "make serve: DEBUG must be off" >&2; exit 1;; esac
	$(PY) manage.py check --deploy
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py compilemessages --ignore=.venv -v0
	$(if $(filter 1,$(MIGRATE)),$(PY) manage.py migrate --noinput -v0,@echo "migrate: left to the first app server")
	exec $(VENV)/bin/gunicorn platform_site.wsgi:application --bind $(BIND) \
	  --no-control-socket --timeout 30 --graceful-timeout 30 \
	  --max-requests 2000 --max-requests-jitter 200

BACKUP_DIR ?= var/backups

# Everything (database and uploaded files) into one archive; restore one (YES=1 replaces data).
backup: install
	$(PY) manage.py backup --output "$(BACKUP_DIR)"

restore: install
	@test -n "$(FILE)" || { echo "make restore FILE=var/backups/lrp-backup-….tar.gz [YES=1]" >&2; exit 1; }
	$(PY) manage.py restore "$(FILE)" $(if $(filter 1,$(YES)),--yes)
