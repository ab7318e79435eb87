"""Every public address, filter and parameter answers hostile values without a server error.

Never a 500, never a script echoed into the page, and nothing in the database changed by
reading.
"""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests.hostile.conftest import table_sizes
from tests.hostile.payloads import (
    assert_safe_answer,
    encode,
    get,
    hostile_bytes,
    hostile_settings,
    hostile_text,
    query_string,
)

pytestmark = pytest.mark.django_db

VISIT_FILTERS = ["q", "gads", "regions", "pasvaldiba", "ierosinajums", "lapa"]
EXPERT_FILTERS = ["regions", "joma", "lapa"]
TRACKER_FILTERS = ["statuss", "pasvaldiba", "iestade", "gads", "lapa"]


def params(names: list[str]) -> st.SearchStrategy:
    """Some of the page's parameters (repeated at times), each with a hostile value."""
    known = st.sampled_from(names)
    return st.lists(
        st.tuples(st.one_of(known, known, hostile_text), st.one_of(hostile_text, hostile_bytes)),
        min_size=1,
        max_size=4,
    )


def read(path: str, query: list) -> None:
    before = table_sizes()
    for client in (Client(), logged_in_client()):
        assert_safe_answer(get(client, path, query_string(query)), query)
    assert table_sizes() == before


_expert_client: list[Client] = []


def logged_in_client() -> Client:
    """One logged-in expert's browser, shared by the examples of a test."""
    return _expert_client[0]


@pytest.fixture(autouse=True)
def _expert_browser(site):
    client = Client()
    client.force_login(site.user)
    _expert_client[:] = [client]
    yield
    _expert_client.clear()


@hostile_settings
@given(query=params(VISIT_FILTERS))
def test_the_visit_list_filters_and_search(site, query):
    read("/vizites/", query)


@hostile_settings
@given(query=params(EXPERT_FILTERS))
def test_the_expert_directory_filters(site, query):
    read("/eksperti/", query)


@hostile_settings
@given(query=params(TRACKER_FILTERS))
def test_the_recommendations_dashboard_filters(site, query):
    read("/ierosinajumi/", query)


@hostile_settings
@given(query=params(TRACKER_FILTERS), extension=st.sampled_from(["csv", "xlsx"]))
def test_the_tracker_export_filters(site, query, extension):
    read(f"/ierosinajumi/eksports.{extension}", query)


@hostile_settings
@given(
    path=st.sampled_from(["/vizites/feed/", "/sitemap.xml", "/", "/vesture/", "/privatums/"]),
    query=params(["lapa", "p", "page", "format", "type", "id"]),
)
def test_the_feed_sitemap_and_home_ignore_what_they_do_not_know(site, path, query):
    read(path, query)


ADDRESS_PREFIXES = [
    "/vizites/",
    "/pasvaldibas/",
    "/eksperti/",
    "/ierosinajumi/",
    "/ierosinajumi/ricibas/",
    "/konts/uzaicinajums/",
]


@hostile_settings
@given(
    prefix=st.sampled_from(ADDRESS_PREFIXES),
    segment=hostile_bytes.filter(bool),
    trailing=st.sampled_from(["/", "", "/komentari/", "/../../"]),
)
def test_slugs_ids_and_tokens_in_the_address(site, prefix, segment, trailing):
    before = table_sizes()
    path = f"{prefix}{encode(segment)}{trailing}"

    for client in (Client(), logged_in_client()):
        response = get(client, path)
        assert_safe_answer(response, path)
        assert response.status_code in {200, 301, 302, 404, 405}

    assert table_sizes() == before


@pytest.mark.parametrize(
    "path",
    [
        "/vizites/../../etc/passwd",
        "/vizites/..%2f..%2fetc%2fpasswd/",
        "/eksperti/%2e%2e%2f%2e%2e%2fetc%2fpasswd/",
        "/pasvaldibas/..%5c..%5cwindows/",
        "/ierosinajumi/ricibas/-1/",
        "/ierosinajumi/ricibas/99999999999999999999/",
        "/ierosinajumi/99999999999999999999/",
        "/ierosinajumi/-3/",
        "/vizites/?lapa=99999999999999999999",
        "/eksperti/?lapa=-99999999999999999999",
        "/ierosinajumi/?lapa=99999999999999999999&gads=99999999999999999999",
        "/vizites/%00/",
        "/vizites/%ff%fe/",
        "/vizites/%ed%a0%80/",
    ],
)
def test_known_attacks_on_addresses(site, client, path):
    path, _, query = path.partition("?")

    response = get(client, path, query)

    assert_safe_answer(response, path)
    assert response.status_code in {200, 301, 302, 404}


@pytest.mark.parametrize("query", ["q=%ff%fe%fd", "q=%ed%a0%80", "q=%00", "gads=%c0%af"])
def test_broken_utf8_in_the_query_string(site, client, query):
    response = get(client, "/vizites/", query)

    assert_safe_answer(response, query)
    assert response.status_code == 200


@hostile_settings
@given(
    method=st.sampled_from(["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "HEAD"]),
    path=st.sampled_from(["/", "/vizites/", "/eksperti/", "/ierosinajumi/", "/vizites/feed/"]),
)
def test_other_methods_on_reading_pages(site, method, path):
    before = table_sizes()
    try:
        response = Client().generic(method, path)
    except Exception as error:  # noqa: BLE001
        pytest.fail(f"{method} {path} raised {error!r}")

    assert response.status_code < 500
    assert table_sizes() == before
