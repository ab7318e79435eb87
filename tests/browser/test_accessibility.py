"""Every public page passes axe-core's WCAG 2.1 A and AA rules, fetches nothing from
elsewhere and sets no cookie.

axe-core comes inside axe-playwright-python (axe.min.js in the wheel): nothing is
downloaded while the tests run.
"""

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page, Request

from experts.models import ExpertProfile

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

PHONE = {"width": 360, "height": 740}

GOOD_PRACTICE_VISIT = "/vizites/ventspils-2019/"


def public_expert() -> str:
    """The first expert who agreed to a public profile (the sample content has several)."""
    expert = ExpertProfile.objects.public().order_by("id").first()
    assert expert is not None, "the sample content has no public expert"
    return expert.get_absolute_url()


# What an anonymous reader can open: (address or a function that finds it, HTTP status).
PUBLIC_PAGES: dict[str, tuple[str | Callable[[], str], int]] = {
    "home": ("/", 200),
    "visits": ("/vizites/", 200),
    "visit-search": ("/vizites/?q=jurmala", 200),
    "good-practice-visit": (GOOD_PRACTICE_VISIT, 200),
    "network-meeting": ("/vizites/ekspertu-tikla-sanaksme-2021/", 200),
    "municipality": ("/pasvaldibas/talsu-novads/", 200),
    "recommendations": ("/ierosinajumi/", 200),
    "recommendation": ("/ierosinajumi/1/", 200),
    "experts": ("/eksperti/", 200),
    "expert": (public_expert, 200),
    "about": ("/par/", 200),
    "accessibility-statement": ("/pieejamiba/", 200),
    "privacy-notice": ("/privatums/", 200),
    "timeline": ("/vesture/", 200),
    "timeline-year": ("/vesture/?gads=2019", 200),
    "not-found": ("/vizites/nav-tadas-vizites/", 404),
    "login": ("/konts/login/", 200),
}

# The login form needs its CSRF cookie; reading needs none.
READING_PAGES = {name: page for name, page in PUBLIC_PAGES.items() if name != "login"}


def address(path: str | Callable[[], str]) -> str:
    return path() if callable(path) else path


def open_page(page: Page, site_url: str, path: str | Callable[[], str], status: int) -> str:
    """Open the page as an anonymous reader; return its address."""
    path = address(path)
    response = page.goto(site_url + path)
    assert response is not None
    assert response.status == status, f"{path} answered {response.status}, not {status}"
    return path


def assert_no_wcag_violations(page: Page, path: str) -> None:
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, f"{path}\n{results.generate_report()}"


def record_requests(page: Page) -> list[str]:
    """Start listing the address of every request the page makes (assets included)."""
    requested: list[str] = []

    def record(request: Request) -> None:
        requested.append(request.url)

    page.on("request", record)
    return requested


def elsewhere(requested: list[str], site_url: str) -> list[str]:
    """The requests that left the live server (inline data: and blob: addresses stay home)."""
    home = urlsplit(site_url).netloc
    return [
        url
        for url in requested
        if urlsplit(url).scheme not in {"data", "blob", "about"} and urlsplit(url).netloc != home
    ]


@pytest.mark.parametrize(
    ("path", "status"), list(PUBLIC_PAGES.values()), ids=list(PUBLIC_PAGES.keys())
)
def test_the_page_passes_axe_with_no_violations(page, site_url, path, status):
    path = open_page(page, site_url, path, status)

    assert_no_wcag_violations(page, path)


@pytest.mark.parametrize("path", ["/", GOOD_PRACTICE_VISIT], ids=["home", "good-practice-visit"])
def test_the_page_passes_axe_on_a_360_px_wide_phone(open_context, site_url, path):
    page = open_context(viewport=PHONE).new_page()
    open_page(page, site_url, path, 200)

    assert_no_wcag_violations(page, path)


def test_no_public_page_scrolls_sideways_on_a_360_px_wide_phone(open_context, site_url):
    page = open_context(viewport=PHONE).new_page()
    too_wide = {}

    for path, status in PUBLIC_PAGES.values():
        path = open_page(page, site_url, path, status)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width

    assert too_wide == {}, f"pages wider than {PHONE['width']} px (address: width): {too_wide}"


def test_reading_every_public_page_fetches_nothing_from_elsewhere_and_sets_no_cookie(
    context, site_url
):
    page = context.new_page()
    requested = record_requests(page)

    for path, status in READING_PAGES.values():
        open_page(page, site_url, path, status)

    assert elsewhere(requested, site_url) == []
    assert context.cookies() == []


def test_the_login_page_fetches_nothing_from_elsewhere_and_sets_only_the_csrf_cookie(
    context, site_url
):
    page = context.new_page()
    requested = record_requests(page)

    path, status = PUBLIC_PAGES["login"]
    open_page(page, site_url, path, status)

    assert elsewhere(requested, site_url) == []
    assert [cookie["name"] for cookie in context.cookies()] == [settings.CSRF_COOKIE_NAME]
