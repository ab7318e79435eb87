"""Every main page runs as many SQL queries on a small set of the scale data as on a set ten
times bigger (platform_site/scale_data.py, the data the benchmark loads).

Several pages have tests of their own with 8 and 200 rows in their app's folder; this is the
one place that checks all of them on the same data, the way bench/run.py measures them.

The data is loaded twice in one module-wide transaction (a savepoint each, rolled back) and
every page asked twice at each size, the first time to warm up what a process loads once.
The cache is a dummy one, and the page cache is emptied before each measured request: the
count is of rendering the page, not of serving it stored (one query, tests/cache).
"""

import pytest
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from platform_site import page_cache
from platform_site.scale_data import Page, load_scale_data, pages_to_measure
from tests.scale.conftest import restore_reference_data
from visits.models import Visit

# The module's fixture loads data through django_db_blocker: without this mark no test
# database would be set up, and the fixture would write to the development database.
pytestmark = pytest.mark.django_db

SMALL, BIG = 0.01, 0.1
SEED = 1

TEST_SETTINGS = {
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
    "CACHES": {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}},
}


def _queries(client: Client, page: Page) -> tuple[int, int, list[str]]:
    client.get(page.path, secure=True)
    page_cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page.path, secure=True)
    assert page_cache.HIT_HEADER not in response or response[page_cache.HIT_HEADER] == "miss"
    return response.status_code, len(captured), [query["sql"] for query in captured]


def _measure(scale: float) -> dict[str, dict]:
    with transaction.atomic():
        restore_reference_data()
        load_scale_data(seed=SEED, scale=scale)
        visits = Visit.objects.filter(slug__startswith="skala-").count()
        anonymous, logged_in = Client(), Client()
        logged_in.force_login(
            Visit.objects.get(slug="skala-vizite-00001")
            .participations.order_by("id")[0]
            .expert.user
        )
        pages = {
            page.name: _queries(logged_in if page.logged_in else anonymous, page)
            for page in pages_to_measure()
        }
        transaction.set_rollback(True)
    return {"visits": visits, "pages": pages}


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(**TEST_SETTINGS):
        return {"small": _measure(SMALL), "big": _measure(BIG)}


PAGE_NAMES = [
    "home",
    "visit list",
    "visit list, filtered",
    "visit list, searched",
    "visit list, last page",
    "a visit",
    "a municipality",
    "timeline",
    "tracker dashboard",
    "a recommendation",
    "an action",
    "expert directory",
    "an expert",
    "feed",
    "sitemap",
    "sitemap of the actions",
    "tracker export (CSV)",
    "expert directory, logged in",
    "a visit, logged in",
    "an action, logged in",
]


def test_the_big_set_is_ten_times_the_small_one(measured):
    assert measured["big"]["visits"] == 10 * measured["small"]["visits"]


def test_every_page_listed_here_is_measured(measured):
    assert sorted(measured["small"]["pages"]) == sorted(PAGE_NAMES)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_the_page_answers(measured, name):
    assert measured["small"]["pages"][name][0] == 200
    assert measured["big"]["pages"][name][0] == 200


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_the_page_runs_as_many_queries_on_ten_times_the_data(measured, name):
    _status, small, small_sql = measured["small"]["pages"][name]
    _status, big, big_sql = measured["big"]["pages"][name]

    assert big == small, "\n\n".join(["small:", *small_sql, "big:", *big_sql])
