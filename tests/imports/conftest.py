"""Fixtures of the spreadsheet import and export tests (helpers: tests/imports/spreadsheets.py)."""

import io
from collections.abc import Callable

import pytest
from django.core.management import call_command

from tests.experts.accounts import log_in_with_second_factor, make_account
from tests.imports.spreadsheets import editor_permissions, grant


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    """Uploads wait for their confirmation in a folder of this test's own."""
    folder = tmp_path / "uploads"
    settings.IMPORT_UPLOAD_DIR = str(folder)
    return folder


@pytest.fixture
def editor(db):
    user = make_account(is_staff=True)
    grant(user, *editor_permissions())
    return user


@pytest.fixture
def editor_client(client, editor):
    log_in_with_second_factor(client, editor)
    return client


@pytest.fixture
def superuser_client(client):
    user = make_account(is_staff=True, is_superuser=True)
    log_in_with_second_factor(client, user)
    return client


@pytest.fixture
def content(db):
    """The platform's history and the sample content, as `make run` loads them."""
    call_command("load_history", stdout=io.StringIO())
    call_command("load_sample_content", stdout=io.StringIO())


@pytest.fixture
def uploaded(upload_dir) -> Callable[[], list[str]]:
    """The names of the uploads waiting for a confirmation."""

    def names() -> list[str]:
        return sorted(path.name for path in upload_dir.iterdir()) if upload_dir.exists() else []

    return names
