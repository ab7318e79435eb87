"""Fixtures of the backup tests: a second, empty database to restore into."""

import uuid
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connections
from django.db.utils import load_backend

# The data migrations that put facts into every database. A transactional test empties
# every table when it ends, so a test that runs after another one loads them again.
REFERENCE_DATA_MIGRATIONS = (
    "visits.migrations.0003_municipalities",
    "recommendations.migrations.0002_the_thirteen_recommendations",
)

RESTORE_ALIAS = "restore_target"


@pytest.fixture
def reference_data() -> None:
    for migration in REFERENCE_DATA_MIGRATIONS:
        import_module(migration).load(apps, schema_editor=None)


@pytest.fixture
def media_root(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def _register(alias: str, settings_dict: dict) -> None:
    """A connection made for this test only, not listed in DATABASES.

    Django lets a test use such a connection (it is "created dynamically"); an alias added
    to DATABASES would instead be refused as one the test did not declare.
    """
    backend = load_backend(settings_dict["ENGINE"])
    connections[alias] = backend.DatabaseWrapper(settings_dict, alias)


def _unregister(alias: str) -> None:
    connections[alias].close()
    del connections[alias]


@pytest.fixture
def empty_sqlite_database(tmp_path: Path) -> Iterator[str]:
    """A new SQLite file with nothing in it, as the connection alias RESTORE_ALIAS."""
    if connections["default"].vendor != "sqlite":
        pytest.skip("the SQLite restore needs the tests to run on SQLite (DATABASE_URL unset)")
    _register(
        RESTORE_ALIAS,
        {**connections["default"].settings_dict, "NAME": str(tmp_path / "restored.sqlite3")},
    )
    yield RESTORE_ALIAS
    _unregister(RESTORE_ALIAS)


@pytest.fixture
def empty_postgres_database() -> Iterator[str]:
    """A second, empty database on the same PostgreSQL server, as the alias RESTORE_ALIAS."""
    default = connections["default"]
    if default.vendor != "postgresql":
        pytest.skip("the PostgreSQL restore needs DATABASE_URL=postgres://… (tests run on SQLite)")
    name = f"{default.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with default.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    _register(RESTORE_ALIAS, {**default.settings_dict, "NAME": name})
    yield RESTORE_ALIAS
    _unregister(RESTORE_ALIAS)
    with default.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def empty_database(request) -> str:
    """An empty database of the kind the tests run on."""
    if connections["default"].vendor == "postgresql":
        return request.getfixturevalue("empty_postgres_database")
    return request.getfixturevalue("empty_sqlite_database")
