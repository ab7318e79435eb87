"""Fixtures of the scale-data tests."""

from importlib import import_module

import pytest
from django.apps import apps

# The data migrations that put facts into every database (as tests/browser/conftest.py).
REFERENCE_DATA_MIGRATIONS = (
    "visits.migrations.0003_municipalities",
    "recommendations.migrations.0002_the_thirteen_recommendations",
)


def restore_reference_data() -> None:
    """The 8 historical municipalities and the 13 recommendations, as the migrations give
    them. A transactional test that ran before (tests/backups, tests/browser) empties every
    table when it ends; the loads are idempotent."""
    for migration in REFERENCE_DATA_MIGRATIONS:
        import_module(migration).load(apps, schema_editor=None)


@pytest.fixture(autouse=True)
def _reference_data(db):
    restore_reference_data()
