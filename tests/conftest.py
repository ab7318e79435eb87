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
def _page_cache_says_hit_or_miss(settings):
    settings.PAGE_CACHE_HEADER = True


@pytest.fixture(autouse=True)
def _no_stored_pages():
    """Each test starts with an empty page cache: a rolled-back test's content generation
    comes round again in the next test, with other content."""
    page_cache.clear()


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(fixtures)
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Transactional tests empty the tables the migrations filled (the municipalities, the
    recommendations), so pytest-django runs them after every other database test. A
    parameter named like one of Playwright's fixtures ("page") silently groups a plain test
    with the browser tests, behind them: refuse such an order instead of failing obscurely."""
    first_transactional = next((item for item in items if _is_transactional(item)), None)
    if first_transactional is None:
        return
    after = items[items.index(first_transactional) :]
    misplaced = [
        item.nodeid
        for item in after
        if item.get_closest_marker("django_db") and not _is_transactional(item)
    ]
    if misplaced:
        raise pytest.UsageError(
            f"{misplaced[0]} would run after the transactional {first_transactional.nodeid} "
            "and find the reference data gone; is a parameter named after a fixture?"
        )
