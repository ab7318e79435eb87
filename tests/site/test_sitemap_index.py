"""/sitemap.xml is an index of one sitemap per section, each of at most 1,000 addresses."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from platform_site.sitemaps import PER_FILE, SITEMAPS
from recommendations.models import FollowUpAction
from tests.factories import make_action, make_expert, make_visit
from visits.models import Visit

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


def locations(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def bulk_public_actions(count: int) -> None:
    FollowUpAction.objects.bulk_create(
        FollowUpAction(title=f"Rīcība {n}", responsible_institution="Kultūras ministrija")
        for n in range(count)
    )


def test_the_index_lists_one_sitemap_per_section(client):
    index = locations(client.get("/sitemap.xml"))

    assert index == [
        f"{SITE}{reverse('sitemap_section', kwargs={'section': section})}" for section in SITEMAPS
    ]
    assert f"{SITE}/sitemap-vizites.xml" in index


def test_the_index_is_an_xml_sitemap_index(client):
    response = client.get("/sitemap.xml")

    assert response["Content-Type"] == "application/xml"
    assert "<sitemapindex" in response.content.decode()


def test_robots_txt_points_at_the_index(client):
    content = client.get("/robots.txt").content.decode()

    assert f"Sitemap: {SITE}/sitemap.xml" in content


def test_a_long_section_is_split_into_files_of_1000_addresses(client):
    bulk_public_actions(PER_FILE + 5)

    index = locations(client.get("/sitemap.xml"))
    first = locations(client.get("/sitemap-ricibas.xml"))
    second = locations(client.get("/sitemap-ricibas.xml", {"p": 2}))

    assert f"{SITE}/sitemap-ricibas.xml?p=2" in index
    assert f"{SITE}/sitemap-ricibas.xml?p=3" not in index
    assert len(first) == PER_FILE
    assert len(second) == 5
    assert not set(first) & set(second)


@pytest.mark.parametrize("page_number", ["abc", "99999", "0"])
def test_a_page_that_is_not_there_is_not_found(client, page_number):
    assert client.get("/sitemap-ricibas.xml", {"p": page_number}).status_code == 404


def test_an_unknown_section_is_not_found(client):
    assert client.get("/sitemap-nav.xml").status_code == 404


def test_no_section_lists_an_unpublished_or_non_public_address(client):
    published = make_visit(status=Visit.Status.PUBLISHED)
    hidden = [
        make_visit(status=Visit.Status.DRAFT).get_absolute_url(),
        make_visit(status=Visit.Status.REVIEW).get_absolute_url(),
        make_action(is_public=False).get_absolute_url(),
        make_expert().get_absolute_url(),
    ]
    public = make_expert(is_public=True, public_consent_at=timezone.now())

    listed = [
        address
        for section in SITEMAPS
        for address in locations(client.get(f"/sitemap-{section}.xml"))
    ]

    assert f"{SITE}{published.get_absolute_url()}" in listed
    assert f"{SITE}{public.get_absolute_url()}" in listed
    for address in hidden:
        assert f"{SITE}{address}" not in listed
