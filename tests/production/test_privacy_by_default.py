"""Reading the public site as an anonymous visitor sets no cookie at all and makes the
browser fetch nothing from any other host.

The pages are read with the platform's history and the sample content loaded, as
`make run` shows them, and with the settings production reads from its environment.
"""

import io
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from experts.models import ExpertProfile
from recommendations.models import FollowUpAction
from tests.production.html_scan import CSS_URL, host_of, scan_html
from visits.models import Visit

pytestmark = pytest.mark.django_db

OWN_HOST = "testserver"

FIXED_PAGES = [
    "/",
    "/vizites/",
    "/vizites/?q=jurmala&lapa=2",
    "/pasvaldibas/talsu-novads/",
    "/ierosinajumi/",
    "/ierosinajumi/1/",
    "/eksperti/",
    "/par/",
    "/pieejamiba/",
    "/privatums/",
    "/vesture/",
    "/vizites/feed/",
    "/sitemap.xml",
    "/robots.txt",
    "/.well-known/security.txt",
    "/healthz",
]


@pytest.fixture
def public_pages(production) -> list[str]:
    """Every kind of public page, with real content behind it."""
    call_command("load_history", stdout=io.StringIO())
    call_command("load_sample_content", stdout=io.StringIO())
    visit = Visit.objects.published().order_by("start_date", "id").first()
    action = FollowUpAction.objects.public().order_by("id").first()
    expert = ExpertProfile.objects.public().order_by("id").first()
    assert visit and action and expert, "the sample content lacks a public page to read"
    return [
        *FIXED_PAGES,
        visit.get_absolute_url(),
        action.get_absolute_url(),
        expert.get_absolute_url(),
    ]


def read(client, path: str):
    response = client.get(path, secure=True)
    assert response.status_code == 200, path
    return response


def test_no_public_page_sets_a_cookie(client, public_pages):
    cookies = {path: list(read(client, path).cookies) for path in public_pages}

    assert {path: names for path, names in cookies.items() if names} == {}
    assert client.cookies == {}


def test_no_public_page_makes_the_browser_fetch_from_another_host(client, public_pages):
    elsewhere = {}
    for path in public_pages:
        response = read(client, path)
        if not response["Content-Type"].startswith("text/html"):
            continue
        if found := scan_html(response.text).resources_elsewhere(OWN_HOST):
            elsewhere[path] = found

    assert elsewhere == {}


def test_the_pages_fetch_their_own_files(client, public_pages):
    """The scan does see what a page fetches (or the test above would prove nothing)."""
    resources = scan_html(read(client, "/").text).resources

    assert any(urlsplit(url).path.endswith("site.css") for url in resources)


def test_the_stylesheets_fetch_nothing_from_another_host(client, public_pages):
    stylesheets = {
        urlsplit(url).path.removeprefix("/static/")
        for path in public_pages
        if read(client, path)["Content-Type"].startswith("text/html")
        for url in scan_html(read(client, path).text).resources
        if urlsplit(url).path.endswith(".css")
    }
    assert stylesheets

    for stylesheet in stylesheets:
        with open(finders.find(stylesheet), encoding="utf-8") as css:
            text = css.read()
        assert "@import" not in text, stylesheet
        assert [url for url in CSS_URL.findall(text) if host_of(url)] == [], stylesheet
