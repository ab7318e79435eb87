import pytest
from django.test import override_settings

from platform_site import page_cache


@pytest.fixture(autouse=True, scope="session")
def _no_https_redirect():
    """Production redirects plain http to https; tests (and the live server, which reads
    the setting once when it starts) talk plain http. tests/production turns it back on."""
    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests render templates without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _no_stored_pages():
    """Each test starts with an empty page cache: a rolled-back test's content generation
    comes round again in the next test, with other content."""
    page_cache.pages.clear()
